"""Check: are texts, images and video under a Creative Commons licence?"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from .. import licences
from ..errors import SnapshotReadError
from ..snapshot import FileEntry
from .context import Context
from .declarations import Declaration, problem_evidence
from .interface import CheckResult, Evidence, Status, with_evidence
from .reuse import exact_patterns
from .text import clean_inline, excerpt, words_pattern
from .third_party import (
    STARTER_ASSET_BYTES,
    carries_own_rights,
    is_starter_asset,
    may_be_starter_asset,
    metadata_part,
    reserves_rights,
    third_party_reason,
)

NAME = "media_licence"
REASONS = frozenset(
    {
        "all_covered",
        "some_covered",
        "none_covered",
        "variant_not_accepted",
        "third_party",
        "third_party_excluded",
        "no_media",
        "only_declared",
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


@dataclass(frozen=True)
class Coverage:
    """What covers each media file, and which uncovered files name their maker's rights."""

    covers: dict[str, _Cover]
    own_rights: frozenset[str]
    #: Files the README names as someone else's or of unknown origin, with that line.
    exceptions: Mapping[str, Evidence]
    #: Files without a licence that are a starter's own defaults (create-react-app's logo).
    starter_assets: frozenset[str] = frozenset()
    #: Folders of copied libraries (their own licence file and manifest).
    libraries: tuple[str, ...] = ()

    def others(self, paths: Iterable[str]) -> dict[str, str]:
        """Those of ``paths`` that look like someone else's work, with why (see third_party)."""
        out: dict[str, str] = {}
        for path in paths:
            why = third_party_reason(path)
            if why is None and any(path.startswith(f) for f in self.libraries):
                why = "library"
            if why is None and path in self.starter_assets:
                why = "starter_asset"
            if why is None and path in self.own_rights:
                why = "own_rights"
            if why:
                out[path] = why
        return out


def coverage(ctx: Context) -> Coverage:
    """The licence each media file is under, by the strongest declaration that covers it."""
    media = ctx.files.media
    rule = ctx.rules.checks.media_licence
    decls = ctx.declarations
    sidecars = decls.sidecars
    # README lines that give named files their licence, then REUSE annotations (the last
    # that matches a file wins).
    annotations = [*(d for d in decls.readme if d.covers is not None), *decls.reuse]
    folder_files = sorted(
        (d for d in decls.licence_files if d.covers is not None and d.scope in ("media", "all")),
        key=lambda d: -len(d.covers[0] if d.covers else ""),
    )
    # A project manifest's licence (g0v.json, publiccode.yml) is the whole project's.
    projects = [d for d in decls.manifests if d.scope != "code"]
    repo_media, repo_all = _repository_wide([*decls.licence_files, *decls.readme, *projects])
    if not (repo_media or repo_all):
        # Contributor terms and site footers are weaker sources, read only when the licence
        # files and the README say nothing for the whole repository's media.
        repo_media, repo_all = _repository_wide(decls.elsewhere)

    covers: dict[str, _Cover] = {}
    own_rights: set[str] = set()
    scans_left = rule.max_embedded_scans
    # SVGs (notices of icon fonts and sets) and other files under a blanket statement each
    # have their own share of looks: a hundred photos never leave the fonts unread.
    svg_scans_left = rule.max_embedded_scans
    exceptions = _exceptions(ctx)
    for entry in media:
        cover = _explicit(entry, sidecars, annotations, folder_files)
        if cover is None and entry.path in exceptions:
            # Named as someone else's or of unknown origin: no blanket statement covers it.
            covers[entry.path] = _Cover(None, None, None, "exception")
            continue
        scanned: tuple[_Cover | None, Rights] | None = None
        # What a file says of itself comes before a blanket statement: a font that says
        # "Fonts: SIL OFL 1.1" keeps that licence, and a stock photo or a font whose maker
        # reserved all rights is not the team's to license. (A file on GitHub is read from
        # the archive the snapshot downloads once: a look costs no request.)
        blanket = bool(repo_media or repo_all)
        svg = entry.suffix == "svg"
        if (
            cover is None
            and blanket
            and _may_embed(entry)
            and (svg_scans_left if svg else scans_left) > 0
        ):
            if svg:
                svg_scans_left -= 1
            else:
                scans_left -= 1
            scanned = _scan(ctx, entry)
            cover = scanned[0]
            if cover is None and scanned[1] == "reserved":
                # "Copyright Dave Gandy 2016. All rights reserved." in a font, a stock
                # agency's credit in a photo: the team's blanket statement cannot give it a
                # licence its maker reserved.
                own_rights.add(entry.path)
                covers[entry.path] = _Cover(None, None, None, "none")
                continue
        if cover is None and repo_media:
            cover = _from(repo_media[0], "statement for media", "media_statement")
        if cover is None and repo_all:
            cover = _from(repo_all[0], "licence for the whole repository", "repository_licence")
        if (cover is None or cover.cc is None) and _may_embed(entry):
            if scanned is None and scans_left > 0:
                scans_left -= 1
                scanned = _scan(ctx, entry)
            if scanned is not None:
                inside, rights = scanned
                if inside is not None:
                    cover = inside
                elif rights and cover is None:
                    own_rights.add(entry.path)
        covers[entry.path] = cover or _Cover(None, None, None, "none")
    starters = frozenset(
        entry.path
        for entry in media
        if covers[entry.path].licence is None and _is_starter_asset(ctx, entry)
    )
    return Coverage(covers, frozenset(own_rights), exceptions, starters, ctx.files.copied_libraries)


#: Covers that come from a statement for the whole repository or all its media.
_BLANKET = frozenset({"media_statement", "repository_licence"})


def _theirs(others: Mapping[str, str]) -> tuple[Evidence, ...]:
    """Notes naming files that look like someone else's, with why (at most three)."""
    return tuple(
        Evidence(
            f"{path}: looks like someone else's ({why.replace('_', ' ')})",
            path=path,
            kind=f"third_party_{why}",
            params={"path": path},
        )
        for path, why in list(others.items())[:3]
    )


def _is_starter_asset(ctx: Context, entry: FileEntry) -> bool:
    """Whether the file is one a starter project puts in every app made with it, unchanged
    (create-react-app's React logo): read only for the few names such files have."""
    if not may_be_starter_asset(entry.name):
        return False
    try:
        data = ctx.snapshot.read(entry.path, STARTER_ASSET_BYTES).data
    except SnapshotReadError:
        return False
    return is_starter_asset(data)


def _repository_wide(
    stated: list[Declaration],
) -> tuple[list[Declaration], list[Declaration]]:
    """Statements for all the media, and licences for everything: Creative Commons ones, and
    others whose words say they cover everything ("all materials ... EUPL-1.2"). A licence
    whose scope only defaults to everything (a bare LICENSE, "Licensed under MIT") says
    nothing of the media."""
    media = [d for d in stated if d.covers is None and d.scope == "media" and d.expression.ids]
    everything = [
        d
        for d in stated
        if d.covers is None and d.scope == "all" and (d.creative_commons or d.said_all)
    ]
    # A Creative Commons licence for everything comes first: beside a code licence that also
    # says "all", it is the one the team chose for the content.
    everything.sort(key=lambda d: not d.creative_commons)
    return media, everything


def run(ctx: Context) -> CheckResult:
    """The check's verdict, with what the team declared as someone else's work beside it."""
    return with_evidence(
        _run(ctx), ctx.files.declared_evidence(frozenset(ctx.rules.files.media_extensions))
    )


def _run(ctx: Context) -> CheckResult:
    media = ctx.files.media
    if not media:
        declared = ctx.files.declared_count(frozenset(ctx.rules.files.media_extensions))
        if declared:
            return CheckResult(NAME, Status.NOT_APPLICABLE, "only_declared", {"count": declared})
        return CheckResult(NAME, Status.NOT_APPLICABLE, "no_media")
    rule = ctx.rules.checks.media_licence
    decls = ctx.declarations
    covered = coverage(ctx)
    covers = covered.covers
    exceptions = covered.exceptions

    accepted: list[str] = []
    rejected: dict[str, tuple[str, ...]] = {}
    uncovered: list[str] = []
    public_domain = {
        c.licence: _public_domain(ctx, c.licence) for c in covers.values() if c.licence
    }
    for path, cover in covers.items():
        if cover.cc is None:
            if cover.licence and public_domain[cover.licence] and rule.accept_public_domain:
                accepted.append(path)
            else:
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
    evidence += tuple(filter(None, (_version_unstated(c) for c in used)))[:3]
    listed = tuple(uncovered[: rule.max_listed_files])
    # What a REUSE.toml annotation should name: the files that have no licence at all. Files
    # under a licence that is not Creative Commons are named with the file that says so, as
    # an annotation at the top would not overrule a closer declaration.
    # Nor files that look like someone else's: the team names those, it cannot licence them.
    others = covered.others(p for p in uncovered if p not in rejected)
    unlicensed = [
        p
        for p in uncovered
        if covers[p].licence is None and covers[p].how != "exception" and p not in others
    ]
    evidence += tuple(exceptions[p] for p in uncovered if p in exceptions)[:6]
    # Files that look like someone else's are named wherever they are left out of the advice:
    # a team told to license "texts, images and video" must know these are not theirs to.
    theirs = _theirs(others)
    to_annotate = tuple(
        exact_patterns(unlicensed, [e.path for e in ctx.snapshot.files()])[:MAX_ANNOTATED]
    )
    evidence += problem_evidence(decls)
    non_cc = [c for c in _distinct(covers[p] for p in uncovered) if c.licence and c.cc is None]
    evidence += tuple(
        Evidence(
            f"media under a licence that is not Creative Commons: {c.how}",
            path=c.decl.path if c.decl else None,
            licence=c.licence,
            # Public domain is not "a licence that is not Creative Commons": say what it is.
            kind="media_public_domain" if public_domain.get(c.licence or "") else "media_not_cc",
            params={"licence": _name(c.licence or "")},
        )
        for c in non_cc[:3]
    )
    carve_out = _leaves_out_others(ctx, [covers[p] for p in accepted])
    if not uncovered and carve_out is not None:
        return CheckResult(
            NAME,
            Status.WARN,
            "third_party_excluded",
            {"count": count, "licence": _labels(used), "path": carve_out.path or ""},
            licence=_expression(used),
            evidence=(carve_out, *evidence),
            files_total=count,
        )
    if not uncovered:
        # The team's statement covers them all; files that look like someone else's are
        # named beside it, so that no one reads the statement as making them the team's.
        blanket = [p for p in accepted if covers[p].how_kind in _BLANKET]
        return CheckResult(
            NAME,
            Status.PASS,
            "all_covered",
            {"count": count, "licence": _labels(used)},
            licence=_expression(used),
            evidence=evidence + _theirs(covered.others(blanket)),
            files_total=count,
        )
    if others and len(others) == len(uncovered):
        # Only files that look like someone else's are left: theirs to name, not to licence.
        return CheckResult(
            NAME,
            Status.WARN,
            "third_party",
            {"count": count, "covered": len(accepted), "others": len(others)},
            licence=_expression(used),
            evidence=evidence + theirs,
            files=listed,
            files_total=len(uncovered),
        )
    if accepted:
        return CheckResult(
            NAME,
            Status.WARN,
            "some_covered",
            {"count": count, "covered": len(accepted), "licence": _labels(used)},
            licence=_expression(used),
            evidence=evidence + theirs,
            files=listed,
            files_total=len(uncovered),
            annotate=to_annotate,
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
        evidence=(
            evidence
            or (
                Evidence(
                    f"{count} media file{'s' if count != 1 else ''}, no Creative Commons licence",
                    kind="media_without_cc",
                    params={"count": count},
                ),
            )
        )
        + theirs,
        files=listed,
        files_total=len(uncovered),
        annotate=to_annotate,
    )


#: A finding names at most this many paths or patterns for a REUSE.toml annotation.
MAX_ANNOTATED = 500


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


def _exceptions(ctx: Context) -> dict[str, Evidence]:
    """Media files the README names as someone else's or of unknown origin.

    A line that names a media file (by path or by file name) and says where it came from
    ("found online", "© photographer", "licence unknown", "free for non-commercial use")
    takes that file out of a blanket statement: the team must sort it out on its own.
    """
    notes = words_pattern(ctx.rules.keywords.all("third_party_notes"))
    if notes is None or not ctx.files.readmes:
        return {}
    readme = ctx.files.readmes[0].path
    text = ctx.snapshot.read_text(readme)
    if not text:
        return {}
    found: dict[str, Evidence] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        lowered = line.lower()
        named = ctx.files.media_named(line)
        if not named or notes.search(lowered) is None:
            continue
        if any(licences.cc_ids(licences.parse(m.licence)) for m in licences.find_mentions(line)):
            continue  # a line that gives the file a Creative Commons licence covers it
        for path in named:
            found.setdefault(
                path,
                Evidence(
                    f"{path}: “{excerpt(line, 80)}”",
                    path=readme,
                    line=number,
                    kind="media_exception",
                    params={"file": path, "text": excerpt(line, 80)},
                ),
            )
    return found


def _leaves_out_others(ctx: Context, used: list[_Cover]) -> Evidence | None:
    """The statement every media file is under, when its sentence leaves out other people's
    material ("not including photos provided by third parties") and nothing says which
    files those are: no `third_party` entry in the team's `.cts-audit.yml`, and no media file
    under a licence of its own."""
    decls = {id(c.decl): c.decl for c in used if c.decl is not None}
    if len(decls) != 1 or ctx.team_config[0].third_party:
        return None
    (decl,) = decls.values()
    if decl.line is None or decl.kind not in ("readme", "statement"):
        return None
    text = ctx.snapshot.read_text(decl.path) or ""
    lines = text.splitlines()
    if not 0 < decl.line <= len(lines):
        return None
    line = lines[decl.line - 1]
    exclusions = words_pattern(ctx.rules.keywords.all("exclusions"))
    others = words_pattern(ctx.rules.keywords.all("third_parties"))
    if exclusions is None or others is None:
        return None
    for sentence in re.split(r"(?<=[.!?])\s+", line.lower()):
        excluded = exclusions.search(sentence)
        if excluded and others.search(sentence, excluded.end()):
            return Evidence(
                f"{decl.path}:{decl.line}: the statement leaves out material by others",
                path=decl.path,
                line=decl.line,
                kind="statement_excludes_others",
                params={"text": excerpt(clean_inline(line), 200)},
            )
    return None


def _may_embed(entry: FileEntry) -> bool:
    return entry.suffix in ("svg", "jpg", "jpeg", "png", "webp", "tif", "tiff", "pdf")


#: What a file says of its maker's rights: nothing (None), a copyright or rights metadata
#: ("rights"), or that all rights are reserved ("reserved").
Rights = Literal["rights", "reserved"] | None


_LICENCE_MARKS = ("creativecommons.org", "SPDX-License-Identifier", "<dc:rights>", "xmpRights:")


def _embedded(ctx: Context, entry: FileEntry) -> tuple[_Cover | None, Rights]:
    """Licence metadata inside the file (an SPDX header in an SVG, or an XMP licence link),
    and what the file says of its maker's rights."""
    try:
        blob = ctx.snapshot.read(entry.path, EMBEDDED_BYTES)
    except SnapshotReadError:  # a file we cannot read simply declares nothing
        return None, None
    head = metadata_part(blob.data)
    rights: Rights = None
    if reserves_rights(head):
        rights = "reserved"
    elif carries_own_rights(head):
        rights = "rights"
    text = head.decode("latin-1")
    # A licence link, an SPDX header, or an XMP rights statement that may name the licence
    # in words ("Public Domain (CC0)").
    if not any(mark in text for mark in _LICENCE_MARKS):
        return None, rights
    for mention in licences.find_mentions(text):
        expr = licences.parse(mention.licence)
        ccs = licences.cc_ids(expr)
        if ccs:
            detail = f"{entry.path}: licence metadata inside the file"
            decl = _inside(entry, expr, 0.9, detail, "embedded_metadata")
            cover = _Cover(
                decl, decl.licence, ccs[0], "metadata inside the file", "embedded_metadata"
            )
            return cover, rights
    return None, rights


#: A notice that gives each kind of file its licence: "(Icons: CC BY 4.0, Fonts: SIL OFL 1.1,
#: Code: MIT License)", as icon fonts and icon sets write in every file.
_KIND_CLAUSE = re.compile(r"\b(icons?|fonts?|images?|graphics)\s*:\s*([^,;)\n<>]{2,60})", re.I)
_OFL = re.compile(r"\b(?:SIL\s+)?(?:OFL|Open\s+Font\s+Licen[cs]e)[\s_-]*v?(1\.[01])\b", re.I)
_FONT = re.compile(r"<font[\s>]|<font-face[\s>]", re.I)


def _scan(ctx: Context, entry: FileEntry) -> tuple[_Cover | None, Rights]:
    """What a file says of itself: its licence metadata, or for an SVG the licence its
    notice gives files of its kind; and whether it names its maker's rights."""
    embedded, rights = _embedded(ctx, entry)
    if embedded is None and entry.suffix == "svg":
        embedded = _scoped_notice(ctx, entry)
    return embedded, rights


def _scoped_notice(ctx: Context, entry: FileEntry) -> _Cover | None:
    """The licence an SVG's own notice gives files of its kind (a font, or an icon)."""
    try:
        blob = ctx.snapshot.read(entry.path, EMBEDDED_BYTES)
    except SnapshotReadError:
        return None
    text = blob.data.decode("latin-1")
    clauses = {label.lower().rstrip("s"): value for label, value in _KIND_CLAUSE.findall(text)}
    if not clauses:
        return None
    if _FONT.search(text):
        value = clauses.get("font")
    else:
        value = clauses.get("icon") or clauses.get("image") or clauses.get("graphic")
    if value is None:
        return None
    mentions = licences.find_mentions(value)
    ofl = _OFL.search(value)
    licence = mentions[0].licence if mentions else f"OFL-{ofl.group(1)}" if ofl else None
    if licence is None:
        return None
    expr = licences.parse(licence)
    ccs = licences.cc_ids(expr)
    said = " ".join(value.split())
    decl = _inside(entry, expr, 0.85, f"{entry.path}: “{said}”", "embedded_notice", said=said)
    return _Cover(decl, decl.licence, ccs[0] if ccs else None, "notice inside the file")


def _inside(
    entry: FileEntry,
    expr: licences.Expression,
    confidence: float,
    detail: str,
    note: str,
    said: str | None = None,
) -> Declaration:
    """What a media file says of itself, for that file alone (as a sidecar would)."""
    params = {"text": said} if said is not None else None
    return Declaration(
        expr, "sidecar", entry.path, None, "media", confidence, (entry.path,), detail, note, params
    )


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
    # A port keeps its jurisdiction: "CC BY 3.0 DE".
    port = cc.id.rpartition(f"-{cc.version}")[2].strip("-") if cc.version else ""
    label = f"CC {'-'.join(parts)} {cc.version or ''} {port}".strip()
    return f"{label} ({', '.join(notes)})" if notes else label


def _labels(covers: list[_Cover]) -> str:
    labels = sorted(
        {cc_label(cc) if (cc := _as_written(c)) else _name(c.licence or "") for c in covers}
    )
    return ", ".join(label for label in labels if label) or "Creative Commons"


#: A licence's version as statements write it ("CC BY 4.0", "by-sa/3.0", "CC BY v4.0").
_WRITTEN_VERSION = re.compile(r"\d\.\d")


def _as_written(cover: _Cover) -> licences.CreativeCommons | None:
    """The Creative Commons licence of ``cover`` as its statement names it: "CC BY" without a
    version is read as the current version (to check it against the rules), but named to
    people without one, as the team wrote it."""
    cc, decl = cover.cc, cover.decl
    if cc is None or not cc.attribution or decl is None or decl.kind not in _WORDED:
        return cc
    written = str((decl.note_params or {}).get("text", ""))
    if not written:
        return cc
    return cc if _WRITTEN_VERSION.search(written) else replace(cc, version=None)


#: Where a statement is words a person wrote (the README, a site's footer or pages), which
#: the evidence quotes.
_WORDED = frozenset({"readme", "statement"})


def _version_unstated(cover: _Cover) -> Evidence | None:
    """A note for a Creative Commons statement that names no version."""
    cc, written = cover.cc, _as_written(cover)
    if cc is None or written is None or written.version == cc.version or cover.decl is None:
        return None
    label = cc_label(written).split(" (")[0]
    return Evidence(
        f"{label} names no version: read as the current one, {cc.version}",
        path=cover.decl.path,
        line=cover.decl.line,
        licence=cc.id,
        kind="cc_version_unstated",
        params={"licence": label, "version": cc.version or ""},
    )


def _expression(covers: list[_Cover]) -> str | None:
    ids = sorted({c.cc.id if c.cc is not None else c.licence or "" for c in covers} - {""})
    return " AND ".join(ids) if ids else None


def _name(licence: str) -> str:
    if licence == licences.PUBLIC_DOMAIN_MARK:
        return "Public Domain Mark 1.0"
    return licences.display_name(licence)


#: Words of a licence text that puts the work in the public domain rather than licensing it.
_PUBLIC_DOMAIN_TEXT = re.compile(r"public[\s-]+domain|allmän(?:\s+|na\s+)egendom", re.I)


def _public_domain(ctx: Context, licence: str) -> bool:
    """Whether ``licence`` puts the work in the public domain rather than licensing it: the
    Public Domain Mark, or a LicenseRef whose text in LICENSES/ says so (such as a note that
    the work is below the threshold of originality). CC0 is a Creative Commons licence."""
    ids = licences.parse(licence).ids
    if not ids:
        return False
    for spdx_id in ids:
        if spdx_id == licences.PUBLIC_DOMAIN_MARK:
            continue
        if not spdx_id.startswith("LicenseRef-"):
            return False
        text = next(
            (
                ctx.snapshot.read_text(entry.path)
                for entry in ctx.snapshot.in_dir("LICENSES")
                if entry.name.rsplit(".", 1)[0] == spdx_id
            ),
            None,
        )
        if not text or not _PUBLIC_DOMAIN_TEXT.search(text):
            return False
    return True


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
