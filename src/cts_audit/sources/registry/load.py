"""Pick the registry reader by what the path is."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ...errors import RegistryError
from .csv_form import ColumnMapping, read_form_csv
from .jekyll import read_jekyll_site
from .model import Registry
from .yaml_file import read_registry_yaml


def load_registry(
    path: Path,
    *,
    csv_mapping: ColumnMapping | None = None,
    event: str | None = None,
    site_url: str | None = None,
    extra_hosts: Iterable[str] = (),
) -> Registry:
    if path.is_dir():
        if (path / "_posts").is_dir():
            return read_jekyll_site(path, site_url=site_url, extra_hosts=extra_hosts)
        raise RegistryError(
            str(path),
            "a folder registry must be a Jekyll site with a _posts/ folder",
            hint="Give a registry file (.yml), a form export (.csv) or the site folder.",
        )
    suffix = path.suffix.lower()
    if not path.exists():
        raise RegistryError(str(path), "no such file")
    if suffix in (".yml", ".yaml"):
        return read_registry_yaml(path, extra_hosts=extra_hosts)
    if suffix == ".csv":
        return read_form_csv(path, csv_mapping, event=event, extra_hosts=extra_hosts)
    raise RegistryError(
        str(path),
        f"cannot tell the registry format from {suffix or 'no extension'!r}",
        hint="Use .yml for a registry file, .csv for a form export, or the Jekyll site folder.",
    )
