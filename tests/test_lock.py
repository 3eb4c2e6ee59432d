"""The lock: every install comes from it, and it satisfies what pyproject.toml promises."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]
LOCK = ROOT / "requirements/lock.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _locked() -> dict[str, tuple[Requirement, list[str]]]:
    """Each locked package: its pinned requirement and its hashes."""
    text = LOCK.read_text(encoding="utf-8")
    entries: dict[str, tuple[Requirement, list[str]]] = {}
    for block in re.split(r"\n(?=\S)", text):
        if block.startswith("#") or not block.strip():
            continue
        logical = re.sub(r"\\\n\s*", " ", block).split("\n")[0]
        spec, *hashes = (part.strip() for part in logical.split("--hash="))
        requirement = Requirement(spec)
        entries[canonicalize_name(requirement.name)] = (requirement, hashes)
    return entries


LOCKED = _locked()


def _declared() -> list[Requirement]:
    project = PYPROJECT["project"]
    listed = project["dependencies"] + project["optional-dependencies"]["test"]
    return [Requirement(line) for line in listed]


def test_every_locked_package_is_pinned_exactly_with_hashes() -> None:
    assert LOCKED
    for name, (requirement, hashes) in LOCKED.items():
        (spec,) = requirement.specifier
        assert spec.operator == "==", name
        assert hashes and all(h.startswith("sha256:") for h in hashes), name


@pytest.mark.parametrize("declared", _declared(), ids=str)
def test_the_lock_satisfies_each_range_of_pyproject(declared: Requirement) -> None:
    name = canonicalize_name(declared.name)
    assert name in LOCKED, f"{declared} is not in the lock: run `make lock`"
    (pin,) = LOCKED[name][0].specifier
    assert declared.specifier.contains(pin.version, prereleases=True), (
        f"the lock has {name}=={pin.version}, outside {declared.specifier}: run `make lock`"
    )


def test_lint_and_type_check_tools_are_pinned_exactly() -> None:
    for declared in _declared():
        if canonicalize_name(declared.name) in {"ruff", "mypy"}:
            assert [s.operator for s in declared.specifier] == ["=="], declared


def test_the_installed_packages_are_the_locked_ones() -> None:
    environment = default_environment()
    for name, (requirement, _) in LOCKED.items():
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        (pin,) = requirement.specifier
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            pytest.fail(f"{name} is locked but not installed: run `make test` to install the lock")
        assert installed == pin.version, f"{name}: installed {installed}, locked {pin.version}"
