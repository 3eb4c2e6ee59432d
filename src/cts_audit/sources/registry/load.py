"""Pick the registry reader by what the path is: a site folder, a .yml file or a .csv export."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ...errors import RegistryError
from ...i18n import Message
from .csv_form import ColumnMapping, read_form_csv
from .jekyll import read_jekyll_site
from .model import Registry, quote
from .yaml_file import read_registry_yaml

_FORMATS_HINT = Message("registry_formats_hint")


def load_registry(
    path: Path | str,
    *,
    csv_mapping: ColumnMapping | None = None,
    event: str | None = None,
    site_url: str | None = None,
    extra_hosts: Iterable[str] = (),
) -> Registry:
    """Read the registry at ``path``; ``event`` is a form export's event (a slug).

    ``extra_hosts`` are GitHub Enterprise hosts whose repository URLs count as repositories.
    """
    path = Path(path)
    if path.is_dir():
        if (path / "_posts").is_dir():
            return read_jekyll_site(path, site_url=site_url, extra_hosts=extra_hosts)
        raise RegistryError(
            str(path),
            Message("registry_folder_without_posts"),
            hint=_FORMATS_HINT,
        )
    if not path.exists():
        raise RegistryError(str(path), Message("no_such_path"), hint=_FORMATS_HINT)
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml"):
        return read_registry_yaml(path, extra_hosts=extra_hosts)
    if suffix == ".csv":
        return read_form_csv(path, csv_mapping, event, extra_hosts=extra_hosts)
    found = (
        Message.of("registry_extension", suffix=quote(suffix))
        if suffix
        else Message("registry_no_extension")
    )
    raise RegistryError(
        str(path), Message.of("registry_unknown_format", found=found), hint=_FORMATS_HINT
    )
