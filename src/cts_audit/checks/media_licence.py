"""Check: are texts, images and video under a Creative Commons licence?"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import licences
from ..errors import SnapshotReadError
from ..snapshot import FileEntry
from .context import Context
from .declarations import Declaration, problem_evidence
from .interface import CheckResult, Evidence, Status

NAME = "media_licence"
REASONS = frozenset(
    {
        "all_covered",
        "some_covered",
        "none_covered",
        "variant_not_accepted",
        "no_media",
        "error",
        "not_available",
    }
)

#: Embedded metadata (XMP packets, SVG comments) sits near the start of a file.
EMBEDDED_BYTES = 64 * 1024


#: The freedoms a Creative Commons variant may withhold, in the order they are named. The
#: result's ``missing`` parameter lists the withheld ones in English, separated by ", "; a
#: report words each in its language (the label ``freedom_commercial_use``, say).
FREEDOMS = ("commercial use", "adaptations")


@dataclass(frozen=True)
class _Cover:
    decl: Declaration | None
    licence: str | None
    cc: licences.CreativeCommons | None
    how: str
    #: ``how`` as an evidence kind (``evidence_<how_kind>``) for reports in any language.
    how_kind: str | None = None
    how_params: tuple[tuple[str, str], ...] = ()


def run(ctx: Context) -> CheckResult:
    media = ctx.files.media
    if not media:
        return CheckResult(NAME, Status.NOT_APPLICABLE, "no_media")
    rule = ctx.rules.checks.media_licence
    decls = ctx.declarations
    sidecars = decls.sidecars
    annotations = decls.reuse
    folder_files = sorted(
        (d for d in decls.licence_files if d.covers is not None and d.scope in ("media", "all")),
        key=lambda d: -len(d.covers[0] if d.covers else ""),
    )
    repo_media = [
        d
        for d in [*decls.licence_files, *decls.readme]
        if d.covers is None and d.scope == "media" and d.expression.ids
    ]
    repo_all_cc = [
        d
        for d in [*decls.licence_files, *decls.readme]
        if d.covers is None and d.scope == "all" and d.creative_commons
    ]

    covers: dict[str, _Cover] = {}
    scans_left = rule.max_embedded_scans
    for entry in media:
        cover = _explicit(entry, sidecars, annotations, folder_files)
        if cover is None and repo_media:
            cover = _from(repo_media[0], "statement for media", "media_statement")
        if cover is None and repo_all_cc:
            cover = _from(repo_all_cc[0], "licence for the whole repository", "repository_licence")
        if (cover is None or cover.cc is None) and scans_left > 0 and _may_embed(entry):
            scans_left -= 1
            embedded = _embedded(ctx, entry)
            if embedded is not None:
                cover = embedded
        covers[entry.path] = cover or _Cover(None, None, None, "none")

    accepted: list[str] = []
    rejected: dict[str, tuple[str, ...]] = {}
    uncovered: list[str] = []
    for path, cover in covers.items():
        if cover.cc is None:
            uncovered.append(path)
            continue
        missing = _missing_freedoms(
            cover.cc, rule.accept_non_commercial, rule.accept_no_derivatives
        )
        if missing:
            rejected[path] = missing
            uncovered.append(path)
        else:
            accepted.append(path)

    count = len(media)
    used = _distinct(covers[p] for p in accepted)
    evidence = tuple(_evidence(c) for c in used[:6])
    listed = tuple(uncovered[: rule.max_listed_files])
    # What a REUSE.toml annotation should name: the files that have no licence at all. Files
    # under a licence that is not Creative Commons are named with the file that says so, as
    # an annotation at the top would not overrule a closer declaration.
    unlicensed = [p for p in uncovered if covers[p].licence is None]
    to_annotate = tuple(
        reuse_paths(unlicensed, [e.path for e in ctx.snapshot.files()])[:MAX_ANNOTATED]
    )
    evidence += problem_evidence(decls)
    non_cc = [c for c in _distinct(covers[p] for p in uncovered) if c.licence and c.cc is None]
    evidence += tuple(
        Evidence(
            f"media under a licence that is not Creative Commons: {c.how}",
            path=c.decl.path if c.decl else None,
            licence=c.licence,
            kind="media_not_cc",
            params={"licence": licences.display_name(c.licence or "")},
        )
        for c in non_cc[:3]
    )
    if not uncovered:
        return CheckResult(
            NAME,
            Status.PASS,
            "all_covered",
            {"count": count, "licence": _labels(used)},
            licence=_expression(used),
            evidence=evidence,
            files_total=count,
        )
    if accepted:
        return CheckResult(
            NAME,
            Status.WARN,
            "some_covered",
            {"count": count, "covered": len(accepted), "licence": _labels(used)},
            licence=_expression(used),
            evidence=evidence,
            files=to_annotate,
            files_total=len(unlicensed),
        )
    if rejected and len(rejected) == len(uncovered):
        variants = _distinct(covers[p] for p in rejected)
        withheld = {freedom for missing in rejected.values() for freedom in missing}
        return CheckResult(
            NAME,
            Status.FAIL,
            "variant_not_accepted",
            {
                "count": count,
                "licence": _labels(variants),
                "missing": ", ".join(f for f in FREEDOMS if f in withheld),
            },
            licence=_expression(variants),
            evidence=tuple(_evidence(c) for c in variants[:6]),
            files=listed,
            files_total=len(uncovered),
        )
    return CheckResult(
        NAME,
        Status.FAIL,
        "none_covered",
        {"count": count},
        evidence=evidence
        or (
            Evidence(
                f"{count} media file{'s' if count != 1 else ''}, no Creative Commons licence",
                kind="media_without_cc",
                params={"count": count},
            ),
        ),
        files=to_annotate,
        files_total=len(unlicensed),
    )


#: A finding names at most this many paths or patterns for a REUSE.toml annotation.
MAX_ANNOTATED = 500


def reuse_paths(targets: Iterable[str], every_path: Iterable[str]) -> list[str]:
    """REUSE.toml paths that name exactly ``targets`` among ``every_path``.

    Per extension (as written: REUSE patterns are case-sensitive), a folder whose files of
    that extension are all targets is named by one pattern (``img/**.png``, ``**.png`` at
    the top), otherwise its own files by ``img/*.png`` or one by one, and its subfolders
    likewise. No pattern ever names a file that is not a target: a vendored logo beside the
    team's own images stays out of the annotation.
    """
    wanted = set(targets)
    by_suffix: dict[str, list[str]] = {}
    for path in every_path:
        name = path.rsplit("/", 1)[-1]
        dot = name.rfind(".")
        suffix = name[dot:] if dot > 0 and not _GLOB_SPECIAL.search(name[dot:]) else ""
        by_suffix.setdefault(suffix, []).append(path)
    out: list[str] = []
    for suffix in sorted(by_suffix):
        paths = by_suffix[suffix]
        mine = [p for p in paths if p in wanted]
        if not mine:
            continue
        if not suffix:
            out.extend(_literal(p) for p in sorted(mine))
            continue
        out.extend(_folder_patterns("", suffix, paths, wanted))
    return out


#: Characters with a meaning in REUSE.toml patterns, escaped with a backslash in a literal.
_GLOB_SPECIAL = re.compile(r"[*\\]")


def _literal(path: str) -> str:
    """A path as a REUSE.toml pattern that matches only itself."""
    return _GLOB_SPECIAL.sub(lambda m: "\\" + m.group(0), path)


def _folder_patterns(folder: str, suffix: str, paths: list[str], wanted: set[str]) -> list[str]:
    prefix = f"{folder}/" if folder else ""
    inside = [p for p in paths if p.startswith(prefix)]
    if not any(p in wanted for p in inside):
        return []
    stem = _literal(prefix)
    if all(p in wanted for p in inside):
        if len(inside) == 1:
            return [_literal(inside[0])]
        return [f"{stem}**{_literal(suffix)}"]
    here = [p for p in inside if "/" not in p[len(prefix) :]]
    out: list[str] = []
    if here and all(p in wanted for p in here) and len(here) > 1:
        out.append(f"{stem}*{_literal(suffix)}")
    else:
        out.extend(_literal(p) for p in sorted(here) if p in wanted)
    below = sorted({p[len(prefix) :].split("/", 1)[0] for p in inside if p not in here})
    for sub in below:
        out.extend(_folder_patterns(prefix + sub, suffix, inside, wanted))
    return out


def _explicit(
    entry: FileEntry,
    sidecars: dict[str, Declaration],
    annotations: list[Declaration],
    folder_files: list[Declaration],
) -> _Cover | None:
    """A declaration made for this very file or its folder: it beats repository-wide ones."""
    if entry.path in sidecars:
        return _from(sidecars[entry.path], "sidecar .license file", "sidecar_file")
    for decl in reversed(annotations):  # REUSE: the last matching annotation wins
        if decl.applies_to(entry.path):
            return _from(decl, decl.detail, decl.note, decl.note_params)
    for decl in folder_files:  # deepest folder first
        if decl.applies_to(entry.path):
            folder = decl.covers[0] if decl.covers else ""
            return _from(decl, f"licence file of {folder}", "folder_licence", {"folder": folder})
    return None


def _from(
    decl: Declaration,
    how: str,
    how_kind: str | None,
    how_params: Mapping[str, str | int] | None = None,
) -> _Cover:
    ccs = decl.creative_commons
    params = tuple((k, str(v)) for k, v in (how_params or {}).items())
    return _Cover(decl, decl.licence, ccs[0] if ccs else None, how, how_kind, params)


def _may_embed(entry: FileEntry) -> bool:
    return entry.suffix in ("svg", "jpg", "jpeg", "png", "webp", "tif", "tiff", "pdf")


def _embedded(ctx: Context, entry: FileEntry) -> _Cover | None:
    """Licence metadata inside the file: an SPDX header in an SVG, or an XMP licence link."""
    try:
        blob = ctx.snapshot.read(entry.path, EMBEDDED_BYTES)
    except SnapshotReadError:  # a file we cannot read simply declares nothing
        return None
    text = blob.data.decode("latin-1")
    if "creativecommons.org" not in text and "SPDX-License-Identifier" not in text:
        return None
    for mention in licences.find_mentions(text):
        expr = licences.parse(mention.licence)
        ccs = licences.cc_ids(expr)
        if ccs:
            decl = Declaration(
                expr,
                "sidecar",
                entry.path,
                None,
                "media",
                0.9,
                (entry.path,),
                f"{entry.path}: licence metadata inside the file",
                "embedded_metadata",
            )
            return _Cover(
                decl, decl.licence, ccs[0], "metadata inside the file", "embedded_metadata"
            )
    return None


def _missing_freedoms(
    cc: licences.CreativeCommons, accept_nc: bool, accept_nd: bool
) -> tuple[str, ...]:
    """The freedoms (of :data:`FREEDOMS`) the network asks for and ``cc`` withholds."""
    missing = []
    if cc.non_commercial and not accept_nc:
        missing.append(FREEDOMS[0])
    if cc.no_derivatives and not accept_nd:
        missing.append(FREEDOMS[1])
    return tuple(missing)


def _distinct(covers: Iterable[_Cover]) -> list[_Cover]:
    seen: dict[str, _Cover] = {}
    for cover in covers:
        key = f"{cover.licence}|{cover.decl.path if cover.decl else ''}"
        seen.setdefault(key, cover)
    return list(seen.values())


def cc_label(cc: licences.CreativeCommons) -> str:
    """``CC BY-NC-SA 4.0 (NonCommercial, ShareAlike)``: the variant is always named."""
    if not cc.attribution:
        return f"CC0 {cc.version or '1.0'}"
    parts = ["BY"]
    notes = []
    if cc.non_commercial:
        parts.append("NC")
        notes.append("NonCommercial")
    if cc.no_derivatives:
        parts.append("ND")
        notes.append("NoDerivatives")
    if cc.share_alike:
        parts.append("SA")
        notes.append("ShareAlike")
    label = f"CC {'-'.join(parts)} {cc.version or ''}".strip()
    return f"{label} ({', '.join(notes)})" if notes else label


def _labels(covers: list[_Cover]) -> str:
    labels = sorted({cc_label(c.cc) for c in covers if c.cc is not None})
    return ", ".join(labels) or "Creative Commons"


def _expression(covers: list[_Cover]) -> str | None:
    ids = sorted({c.cc.id for c in covers if c.cc is not None})
    return " AND ".join(ids) if ids else None


def _evidence(cover: _Cover) -> Evidence:
    decl = cover.decl
    if decl and decl.detail:
        kind, params = decl.note, decl.note_params
    else:
        kind, params = cover.how_kind, dict(cover.how_params)
    return Evidence(
        decl.detail if decl and decl.detail else cover.how,
        path=decl.path if decl else None,
        line=decl.line if decl else None,
        licence=cover.licence,
        confidence=decl.confidence if decl else None,
        kind=kind,
        params=params,
    )
