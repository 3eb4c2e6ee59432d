"""Check: is the code under an OSI-approved open-source licence?"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import licences
from .context import Context
from .declarations import HEADER_BYTES, Declaration, problem_evidence
from .interface import CheckResult, Evidence, Status, with_evidence

NAME = "code_licence"
REASONS = frozenset(
    {
        "osi",
        "osi_differ",
        "disagree",
        "partly",
        "starter_only",
        "unidentified",
        "invalid_declaration",
        "none",
        "not_osi",
        "closed",
        "no_code",
        "only_declared",
        "error",
        "not_available",
    }
)

#: Where a declaration was made, strongest first.
_RANK = {
    "reuse-toml": 0,
    "dep5": 0,
    "sidecar": 0,
    "spdx-header": 1,
    "licence-file": 2,
    "manifest": 3,
    "readme": 4,
    "statement": 5,
}
_VERSION_SUFFIX = re.compile(r"-(only|or-later)\b|\+", re.IGNORECASE)


def run(ctx: Context) -> CheckResult:
    """The check's verdict, with what the team declared as someone else's work beside it."""
    return with_evidence(_run(ctx), ctx.files.declared_evidence(None))


def _run(ctx: Context) -> CheckResult:
    code = ctx.files.code
    if not code:
        declared = ctx.files.declared_count(None)
        if declared:
            return CheckResult(NAME, Status.NOT_APPLICABLE, "only_declared", {"count": declared})
        return CheckResult(NAME, Status.NOT_APPLICABLE, "no_code")
    decls = ctx.declarations
    code_paths = [e.path for e in code]
    folders = _folders(code_paths)

    # A README a generator or starter wrote speaks of the starter: "The Laravel framework is
    # open-sourced software licensed under the MIT license" is Laravel's licence.
    readme = [] if ctx.default_readme else decls.readme
    candidates = [
        d
        for d in [*decls.reuse, *decls.licence_files, *decls.manifests, *readme]
        if d.scope in ("code", "all") and _covers_code(d, code_paths, folders)
    ]
    if not candidates:
        # Nothing stronger: a site's footer or imprint that names the code's licence.
        candidates = list(decls.elsewhere_code)
    starters = [d for d in candidates if d.starter]
    if starters and len(starters) == len(candidates) and not decls.code_headers:
        # Only the starter's licence field ("laravel/laravel": MIT): a licence the code may
        # well be under, but not one the team has said it chose.
        first = starters[0]
        return CheckResult(
            NAME,
            Status.WARN,
            "starter_only",
            {"licence": first.licence, "package": str(first.starter), "path": first.path},
            licence=first.licence,
            evidence=(_starter_evidence(first), *problem_evidence(decls)),
        )
    if len(starters) < len(candidates):
        # A starter project's licence field ("laravel/laravel": MIT) is not the team's choice.
        candidates = [d for d in candidates if not d.starter]
    else:
        starters = []
    defaults = [d for d in candidates if d.tool_default]
    said = [d for d in candidates if not d.tool_default and d.licence not in _licences(defaults)]
    if defaults and said:
        # npm's "ISC", written by `npm init` unasked, beside a person's own statement.
        candidates = [d for d in candidates if not d.tool_default]
    else:
        defaults = []
    # Every statement, the README's included, says which code has a licence at all.
    stated = list(candidates)
    if any(d.kind != "readme" for d in candidates):
        # A licence named in passing in the README weighs nothing beside a licence file.
        candidates = [d for d in candidates if d.kind != "readme" or d.confidence >= 0.75]
    whole = [d for d in candidates if d.covers is None or _covers_all(d, code_paths)]
    if not whole and candidates:
        partly = _partly(stated, code_paths)
        if partly is not None:
            return partly
    chosen = whole or candidates or decls.code_headers
    valid = [d for d in chosen if d.expression.valid and d.expression.ids]

    # Split licensing: a Creative Commons licence stated for "the repository" steps aside
    # for the code when the code has an OSI licence of its own (GitHub calls these "Other").
    if any(d.is_osi for d in valid):
        valid = [d for d in valid if not (d.scope == "all" and d.is_cc_only)]

    # "MIT OR OR (" in package.json: a declaration was meant, and no licence can be read.
    invalid = [d for d in candidates if not d.expression.valid and d.kind != "readme"]
    invalid_evidence = tuple(
        Evidence(
            f"{d.detail or repr(d.expression.text)} is not a valid licence expression",
            path=d.path,
            line=d.line,
            kind="invalid_expression",
            params={"value": d.expression.text[:200]},
        )
        for d in invalid[:2]
    )
    evidence = (
        tuple(_evidence(d) for d in sorted(valid, key=_rank)[:8])
        + tuple(_starter_evidence(d) for d in starters[:2])
        + tuple(_default_evidence(d) for d in defaults[:1])
        + problem_evidence(decls)
    )
    unidentified = [
        e
        for e in decls.unidentified
        if e.parent in ("", ".github", "LICENSES") or e.path in ctx.files.stand_in_licence_files
    ]
    if not valid:
        if unidentified:
            path = unidentified[0].path
            return CheckResult(
                NAME,
                Status.WARN,
                "unidentified",
                {"path": path},
                evidence=(_unknown_text(path), *invalid_evidence),
            )
        if invalid:
            # A licence was declared and cannot be read: the declaration needs fixing, not
            # a licence file.
            return CheckResult(
                NAME,
                Status.WARN,
                "invalid_declaration",
                {"path": invalid[0].path, "detail": invalid[0].expression.text[:200]},
                evidence=invalid_evidence + problem_evidence(decls),
            )
        none = Evidence(
            f"{len(code)} code file{'s' if len(code) != 1 else ''}, no licence",
            kind="code_without_licence",
            params={"count": len(code)},
        )
        return CheckResult(NAME, Status.FAIL, "none", evidence=(none, *problem_evidence(decls)))

    families: dict[str, list[Declaration]] = {}
    for decl in sorted(valid, key=_rank):
        families.setdefault(_family(decl), []).append(decl)
    extra = tuple(_unknown_text(e.path) for e in unidentified)
    extra += invalid_evidence

    if len(families) == 1:
        best = _representative(next(iter(families.values())))
        later = _or_later(ctx, best)
        if later is not None:
            return _verdict(later, (_evidence(later), *evidence, *extra))
        return _verdict(best, evidence + extra)

    union = frozenset().union(*(_family_ids(d) for d in valid))
    covering = [d for d in valid if _family_ids(d) >= union]
    if covering:
        # "MIT OR Apache-2.0" in a manifest explains LICENSE-MIT and LICENSE-APACHE beside it.
        return _verdict(sorted(covering, key=_rank)[0], evidence + extra)
    if all(d.kind in ("licence-file", "reuse-toml", "dep5", "spdx-header") for d in valid):
        # Several licence texts and nothing saying how they combine: each must hold.
        reps = [_representative(group) for group in families.values()]
        combined = licences.parse(" AND ".join(sorted({r.licence for r in reps})))
        if all(r.is_osi for r in reps):
            return CheckResult(
                NAME,
                Status.PASS,
                "osi",
                {"licence": _name(combined)},
                licence=combined.normalised,
                evidence=evidence + extra,
            )
    found = ", ".join(
        f"{licences.display_name(_representative(g).licence)} ({g[0].path})"
        for g in families.values()
    )
    osi = [d for d in sorted(valid, key=_rank) if d.is_osi]
    if osi:
        # Every licence named is OSI-approved: the rule is met whichever was meant, and the
        # note says how to make the places agree. One that is not: a person must choose.
        agree_on_osi = len(osi) == len(valid)
        return CheckResult(
            NAME,
            Status.PASS if agree_on_osi else Status.WARN,
            "osi_differ" if agree_on_osi else "disagree",
            {"found": found, "licence": licences.display_name(osi[0].licence)},
            licence=osi[0].licence,
            evidence=evidence + extra,
        )
    best = sorted(valid, key=_rank)[0]
    return CheckResult(
        NAME,
        Status.FAIL,
        _not_osi(best.expression),
        {"licence": _name(best.expression), "found": found},
        licence=best.licence,
        evidence=evidence + extra,
    )


#: Code outside every folder that has a licence of its own is a part of the project without
#: one when it holds at least this many files and this share of the code: the team's app at the
#: top beside a starter copied in with its LICENSE, not a stray script beside licensed packages.
UNCOVERED_FILES = 5
UNCOVERED_SHARE = 0.1


def _partly(candidates: list[Declaration], code_paths: list[str]) -> CheckResult | None:
    """Licences that each speak for a folder (``scaffold-eth/LICENSE``), with a real part of
    the code outside all of them: that part has no licence, whatever the folders have."""
    outside = list(_outside(code_paths, candidates))
    if len(outside) < max(UNCOVERED_FILES, UNCOVERED_SHARE * len(code_paths)):
        return None
    best = sorted(candidates, key=_rank)[0]
    folders = ", ".join(sorted({f for d in candidates for f in d.covers or ()}))
    return CheckResult(
        NAME,
        Status.WARN,
        "partly",
        {"licence": _name(best.expression), "path": folders, "count": len(outside)},
        licence=None,
        evidence=(
            _evidence(best),
            Evidence(
                f"{len(outside)} code files outside {folders}, no licence (e.g. {outside[0]})",
                path=outside[0],
                kind="code_outside_licence",
                params={"count": len(outside), "path": folders},
            ),
        ),
    )


_GNU_ONLY = re.compile(r"(A|L)?GPL-(\d\.\d)-only")
#: What starts a comment line in a file's header: the notice's words run on past them.
_COMMENT_MARK = re.compile(r"(?m)^[ \t]*(?:#+|//+|/?\*+|--|;+|%+|!|'|REM\b|\.\.)[ \t]?")


def _or_later(ctx: Context, best: Declaration) -> Declaration | None:
    """A GNU licence's text says which licence, not whether a later version may be chosen:
    the notice in the README or at the top of the team's code files does ("either version 3
    of the License, or (at your option) any later version"). The first such notice of the
    same licence and version decides; None when there is none, or it says that version alone."""
    found = _GNU_ONLY.fullmatch(best.licence)
    if best.kind != "licence-file" or found is None:
        return None
    family, version = f"{found.group(1) or ''}GPL", found.group(2)
    limit = ctx.rules.checks.code_licence.max_header_files
    sample = sorted(ctx.files.code, key=lambda e: (e.path.count("/"), e.path))[:limit]
    readmes = ctx.files.readmes[:1]
    for entry in (*readmes, *sample):
        head = ctx.snapshot.read_text(entry.path) if entry in readmes else None
        head = head or ctx.snapshot.read_text(entry.path, HEADER_BYTES)
        text = _COMMENT_MARK.sub("", head or "")
        for notice in licences.GNU_NOTICE.finditer(text):
            said = notice.group("version")
            if licences.gnu_family(notice.group("family")) != family or float(said) != float(
                version
            ):
                continue
            if not notice.group("later"):
                return None
            licence = f"{family}-{version}-or-later"
            return Declaration(
                licences.parse(licence),
                "spdx-header",
                entry.path,
                text.count("\n", 0, notice.start()) + 1,
                "code",
                1.0,
                None,
                f"GNU notice: {licence}",
                "gnu_notice",
                {"licence": licences.display_name(licence)},
            )
    return None


def _verdict(decl: Declaration, evidence: tuple[Evidence, ...]) -> CheckResult:
    params = {"licence": _name(decl.expression)}
    if decl.is_osi:
        return CheckResult(NAME, Status.PASS, "osi", params, decl.licence, evidence)
    return CheckResult(NAME, Status.FAIL, _not_osi(decl.expression), params, decl.licence, evidence)


def _not_osi(expr: licences.Expression) -> str:
    """A Creative Commons licence on code (fine for the content: "not_osi"), or terms that
    keep the code closed: proprietary, "all rights reserved" ("closed")."""
    return "not_osi" if licences.cc_ids(expr) else "closed"


def _name(expr: licences.Expression) -> str:
    """The licence as people read it: "proprietary (UNLICENSED)", not its internal id."""
    return licences.display_name(expr.normalised or expr.text)


def _rank(decl: Declaration) -> tuple[int, float]:
    return (_RANK[decl.kind], -decl.confidence)


def _family(decl: Declaration) -> str:
    return _VERSION_SUFFIX.sub("", decl.licence).lower()


def _family_ids(decl: Declaration) -> frozenset[str]:
    return frozenset(_VERSION_SUFFIX.sub("", i).lower() for i in decl.expression.ids)


def _representative(group: list[Declaration]) -> Declaration:
    """The declaration a family is reported by: an explicit "or later" beats a bare text."""
    for decl in group:
        # In prose, only a stated version is explicit: "Affero GPL" alone is inferred.
        stated = decl.kind != "readme" or any(ch.isdigit() for ch in decl.detail)
        if decl.kind != "licence-file" and "or-later" in decl.licence.lower() and stated:
            return decl
    return group[0]


def _covers_code(decl: Declaration, code_paths: list[str], folders: frozenset[str]) -> bool:
    """Whether ``decl`` speaks for any of the code (``folders``: the code's folders)."""
    if decl.covers is None:
        return True
    if _by_folder(decl):
        return any(folder in folders for folder in decl.covers or ())
    return any(decl.applies_to(p) for p in code_paths)


def _covers_all(decl: Declaration, code_paths: list[str]) -> bool:
    return next(_outside(code_paths, [decl]), None) is None


def _outside(code_paths: list[str], decls: list[Declaration]) -> Iterator[str]:
    """The paths none of ``decls`` applies to, as they are found. Declarations for folders
    (a licence file's folder) are looked up by each path's folders: a repository of 50,000
    files with a licence in each of hundreds of packages is read in a moment."""
    if all(_by_folder(d) for d in decls):
        covered = {folder for d in decls for folder in d.covers or ()}
        return (p for p in code_paths if not any(f in covered for f in _folders_of(p)))
    return (p for p in code_paths if not any(d.applies_to(p) for d in decls))


def _by_folder(decl: Declaration) -> bool:
    """Whether ``decl`` speaks for folders only (``pkg/``), with no other condition."""
    return (
        decl.covers is not None
        and decl.chooser is None
        and all(pattern.endswith("/") for pattern in decl.covers)
    )


def _folders_of(path: str) -> list[str]:
    """``a/``, ``a/b/`` for ``a/b/c.py``."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: n + 1]) + "/" for n in range(len(parts))]


def _folders(code_paths: list[str]) -> frozenset[str]:
    return frozenset(folder for path in code_paths for folder in _folders_of(path))


def _starter_evidence(decl: Declaration) -> Evidence:
    return Evidence(
        f"licence field {decl.expression.text!r} of the starter project {decl.starter}"
        " (not counted)",
        path=decl.path,
        line=decl.line,
        kind="starter_licence",
        params={"value": decl.expression.text[:200], "package": str(decl.starter)},
    )


def _licences(decls: list[Declaration]) -> set[str]:
    return {d.licence for d in decls}


def _default_evidence(decl: Declaration) -> Evidence:
    return Evidence(
        f"licence field {decl.expression.text!r}, {decl.tool_default}'s default (not counted)",
        path=decl.path,
        line=decl.line,
        kind="tool_default_licence",
        params={"value": decl.expression.text[:200], "tool": str(decl.tool_default)},
    )


def _unknown_text(path: str) -> Evidence:
    return Evidence("licence file with an unknown text", path=path, kind="licence_unknown_text")


def _evidence(decl: Declaration) -> Evidence:
    return Evidence(
        decl.detail or f"{decl.kind}: {decl.licence}",
        path=decl.path,
        line=decl.line,
        licence=decl.licence,
        confidence=decl.confidence,
        kind=decl.note or "declaration",
        params=decl.note_params
        if decl.note
        else {"kind": decl.kind, "licence": licences.display_name(decl.licence)},
    )
