"""What every reader of licence declarations shares: the ``Declaration`` type, the
``Problem`` type, scope words, and the base of a reader (one per place declarations come
from: REUSE data, licence files, package manifests, the README)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .. import licences
from ..snapshot import DEFAULT_READ_LIMIT
from .files import Classified, named_after_licence
from .reuse import dep5_pattern, toml_pattern
from .text import normalise

if TYPE_CHECKING:
    from ..rules import Rules

Scope = Literal["code", "media", "data", "all"]
Kind = Literal[
    "reuse-toml",
    "dep5",
    "sidecar",
    "spdx-header",
    "licence-file",
    "manifest",
    "readme",
    "statement",
]

#: Bytes read from a file to find an SPDX header in it.
HEADER_BYTES = 4096
#: A package manifest larger than this is not read: its licence field cannot be trusted
#: to lie in a part cut off, and parsing the part read would only report a broken file.
MANIFEST_BYTES = DEFAULT_READ_LIMIT * 2
SPDX_HEADER = re.compile(r"SPDX-License-Identifier:\s*([^\n\r*]+?)\s*(?:\*/|-->|#}|$)", re.M)
_SCOPE_IN_NAME = {
    "media": re.compile(
        r"docs?|content|media|assets?|images?|art|design|text|cc[-_]?by|creative", re.I
    ),
    "code": re.compile(r"code|software|source|src", re.I),
    "data": re.compile(r"data", re.I),
}


@dataclass(frozen=True)
class Declaration:
    """A licence stated somewhere, and the files it speaks for.

    ``covers`` is None when the statement covers the whole repository; otherwise the
    glob patterns (REUSE: ``**`` crosses folders) or folder prefixes (ending in ``/``)
    it applies to.
    """

    expression: licences.Expression
    kind: Kind
    path: str
    line: int | None
    scope: Scope
    confidence: float
    covers: tuple[str, ...] | None = None
    detail: str = ""
    #: What ``detail`` says, for a report in any language: the label ``evidence_<note>``
    #: with ``note_params`` (see :class:`~.interface.Evidence`).
    note: str | None = None
    note_params: Mapping[str, str | int] | None = field(default=None, compare=False)
    #: A manifest still named after the starter project it was made from: its licence field
    #: is the starter's, and counts only when nothing else declares a licence.
    starter: str | None = None
    #: A manifest field holding what a tool writes unasked (``npm init``'s "ISC"): it counts
    #: only when no person says otherwise.
    tool_default: str | None = None
    #: How ``covers`` patterns read: REUSE.toml's (``*`` within a folder), dep5's (``*``
    #: across folders, ``?`` one character).
    glob: Literal["reuse", "dep5"] = "reuse"
    #: Whether the statement's own words say it covers everything ("the code and the texts",
    #: "all materials in this repository"), not a scope guessed for words that name none: such
    #: a statement is the media's licence even when that licence is not Creative Commons.
    said_all: bool = False
    #: For a REUSE.toml annotation: whether REUSE's precedence lets it speak for a path
    #: its patterns match (a later table, a closer REUSE.toml or an override may not).
    chooser: Callable[[str], bool] | None = field(default=None, compare=False, repr=False)

    @property
    def licence(self) -> str:
        return self.expression.normalised or self.expression.text

    @property
    def is_osi(self) -> bool:
        return licences.is_osi(self.expression) is True

    @property
    def creative_commons(self) -> list[licences.CreativeCommons]:
        return licences.cc_ids(self.expression)

    @property
    def is_cc_only(self) -> bool:
        """Every licence named is a Creative Commons one."""
        ccs = self.creative_commons
        return bool(ccs) and len(ccs) == len(self.expression.ids)

    def applies_to(self, path: str) -> bool:
        if self.covers is None:
            return True
        if not any(_covers(pattern, path, self.glob) for pattern in self.covers):
            return False
        return self.chooser is None or self.chooser(path)


def _covers(pattern: str, path: str, glob: str = "reuse") -> bool:
    if pattern.endswith("/"):
        return path.startswith(pattern)
    if glob == "dep5":
        return dep5_pattern(pattern).match(path) is not None
    return reuse_glob(pattern).match(path) is not None


def reuse_glob(pattern: str) -> re.Pattern[str]:
    """REUSE.toml path patterns: ``*`` within a folder, ``**`` across, ``\\*`` an asterisk."""
    return toml_pattern(pattern.lstrip("/"))


@dataclass
class Problem:
    """A file that should have declared something and could not be understood.

    ``kind`` and ``params`` word it in a report's language (``evidence_<kind>``);
    ``detail`` says it in English.
    """

    path: str
    detail: str
    line: int | None = None
    kind: str = "unusable"
    params: dict[str, str | int] = field(default_factory=dict)


class Scoping:
    """Which part of a repository words speak of: the code, the media, data, or all."""

    def __init__(self, rules: Rules) -> None:
        self._code_scope = rules.keywords.all("code_scope")
        self._media_scope = rules.keywords.all("media_scope")
        self._data_scope = rules.keywords.all("data_scope")
        self._docs_scope = rules.keywords.all("docs_scope")
        self._everything = rules.keywords.all("everything")
        self._exclusions = rules.keywords.all("exclusions")
        self._hedges = rules.keywords.all("hedges")
        self._other_work = rules.keywords.all("other_work")
        self._examples = rules.keywords.all("examples")

    def from_name(self, name: str) -> Scope:
        named = named_after_licence(name)
        if named is not None and not licences.cc_ids(licences.parse(named)):
            return "all"  # "Artistic-2.0.txt" names a licence, not art
        stem = re.sub(r"^(?:un)?licen[cs]es?|^copying", "", name, flags=re.I)
        stem = re.sub(r"\.(md|txt|rst|markdown)$", "", stem, flags=re.I)
        scopes: tuple[Scope, ...] = ("media", "code", "data")
        for scope in scopes:
            if stem and _SCOPE_IN_NAME[scope].search(stem):
                return scope
        return "all"

    def of(self, text: str) -> Scope | None:
        # An address's words are no subject ("scripts.sil.org/OFL" says nothing of scripts).
        norm = f" {normalise(_ADDRESS.sub(' ', text))} "
        # "Everything except the images is CC0": what follows "except" is left out, so the
        # statement is for the rest ("the code"), never for what it excludes.
        cut = min(
            (at for at in (norm.find(f" {normalise(w)} ") for w in self._exclusions) if at >= 0),
            default=-1,
        )
        if cut >= 0:
            kept, left_out = self._hits(norm[: cut + 1]), self._hits(norm[cut:])
            if kept:
                return self._scope_of(kept)
            if "media" in left_out and "code" not in left_out:
                return "code"
            if "code" in left_out and "media" not in left_out:
                return "media"
            return None
        if names_any(norm, self._everything):
            return "all"  # "all materials in this repository", whatever else it names
        return self._scope_of(self._hits(norm))

    def only_docs(self, text: str) -> bool:
        """Whether the media words of ``text`` all name the documentation ("The documentation
        is released under CC BY 4.0"), and it names no more than that."""
        norm = f" {normalise(text)} "
        named = {w for w in self._media_scope if f" {normalise(w)} " in norm}
        return bool(named) and named <= self._docs_scope

    def _hits(self, norm: str) -> list[Scope]:
        """The parts of a repository the (normalised, space-framed) words name."""
        hits: list[Scope] = []
        for scope, words in (
            ("code", self._code_scope),
            ("media", self._media_scope),
            ("data", self._data_scope),
        ):
            if names_any(norm, words):
                hits.append(scope)  # type: ignore[arg-type]
        return hits

    @staticmethod
    def _scope_of(hits: list[Scope]) -> Scope | None:
        if len(hits) == 1:
            return hits[0]
        if "code" in hits and "media" in hits:
            return "all"
        if "data" in hits:
            return next(h for h in hits if h != "data")
        return None

    def around(self, line: str, snippet: str) -> Scope | None:
        """The scope of the clause of ``line`` that holds ``snippet``: "code is MIT, texts CC".

        A clause that names no subject ("..., but they are all CC0") takes the subject of an
        earlier clause of its sentence, unless that clause names a licence of its own ("the
        code is MIT, the rest CC BY" says nothing of the rest's scope).
        """
        # "Images: CC BY 4.0" is one clause: the label before a colon names the scope.
        probe = snippet[:20].lower()
        sentences = _SENTENCE_END.split(line)
        for sentence in sentences:
            if not probe or probe not in sentence.lower():
                continue
            clauses = _CLAUSE.split(sentence)
            # The clause the licence's name starts in ("Apache License, Version 2.0" spans
            # two by its comma).
            at = _clause_at(sentence, sentence.lower().find(probe))
            scope = self.of(clauses[at])
            if scope is not None:
                return self._with_subjects_before(sentence, at, scope)
            for earlier in reversed(clauses[:at]):
                if licences.find_mentions(earlier):
                    break
                scope = self.of(earlier)
                if scope is not None:
                    return scope
            # Nor does the sentence: the one before it may have named the subject ("The data
            # is scraped from public sites. I suggest CC-BY."), unless it has a licence too.
            index = sentences.index(sentence)
            if index > 0 and not licences.find_mentions(sentences[index - 1]):
                scope = self.of(sentences[index - 1])
                if scope is not None:
                    return scope
            break
        single = len(sentences) <= 1 and len(_CLAUSE.split(line)) <= 1
        return self.of(line) if single else None

    def _with_subjects_before(self, sentence: str, at: int, scope: Scope) -> Scope:
        """ "The code and the texts are EUPL": subjects joined by "and" before the clause
        that names the licence share it, so together they may make the scope everything."""
        parts = _CLAUSE_KEPT.split(sentence)  # clause, separator, clause, ...
        start = at
        while start > 0 and _AND.fullmatch(parts[2 * start - 1]):
            earlier = parts[2 * (start - 1)]
            if licences.find_mentions(earlier):
                break
            start -= 1
        if start == at:
            return scope
        joined = self.of(" ".join(parts[2 * i] for i in range(start, at + 1)))
        return "all" if joined == "all" else scope

    def introduces_examples(self, line: str) -> bool:
        """Whether ``line`` introduces a list of licences to choose from ("Some examples of
        licences we have used:", "Algunos ejemplos de licencias:")."""
        return names_any(f" {normalise(line)} ", self._examples)

    def declares_nothing(self, line: str, snippet: str) -> bool:
        """A licence named as an example, in a hedged suggestion ("maybe CC BY?") or as
        another work's ("forked from a project that uses CC BY-SA") declares nothing here."""
        if hypothetical(line, snippet):
            return True
        probe = snippet[:20].lower()
        for sentence in _SENTENCE_END.split(line):
            lowered = sentence.lower()
            if not probe or probe not in lowered:
                continue
            before = f" {normalise(lowered[: lowered.find(probe)])} "
            words = f" {normalise(lowered)} "
            if sentence.rstrip().endswith("?"):
                return True
            if names_any(words, self._hedges):
                return True
            return names_any(before, self._other_work)
        return False


def names_any(norm: str, words: frozenset[str]) -> bool:
    """Whether normalised, space-framed text holds any of ``words`` as whole words."""
    return any(f" {normalise(w)} " in norm for w in words)


#: A web address, with or without its scheme.
_ADDRESS = re.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|io)/\S*", re.I
)
#: Where a sentence ends (a full stop before a space, not inside "4.0" or "e.g.").
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÅÄÖ(\[*_`\"'])|(?<=[!?;])\s+")
#: Where a clause ends inside a sentence.
_CLAUSE = re.compile(r",\s|:\s|\s(?:and|och|while|medan|but|men)\s")
_CLAUSE_KEPT = re.compile(f"({_CLAUSE.pattern})")
#: Subjects joined this way share what follows them ("the code and the texts are ...").
_AND = re.compile(r"\s(?:and|och)\s")


class Reader:
    """One place declarations come from, reading one snapshot; problems go to a shared list."""

    def __init__(self, classified: Classified, problems: list[Problem], scoping: Scoping) -> None:
        self.files = classified
        self.snapshot = classified.snapshot
        self.rules = classified.rules
        self.problems = problems
        self.scoping = scoping


def _clause_at(sentence: str, position: int) -> int:
    """The index, among ``_CLAUSE.split(sentence)``, of the clause ``position`` falls in."""
    index = 0
    for separator in _CLAUSE.finditer(sentence):
        if separator.start() > position:
            break
        index += 1
    return index


def line_of(text: str, value: str) -> int | None:
    index = text.find(value)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def mention_detail(mention: licences.Mention) -> tuple[str, str, dict[str, str | int]]:
    """A licence named in a file: the words as they stand there."""
    return mention.snippet, "mention", {"text": mention.snippet}


_EXAMPLE = re.compile(
    r"(such as|e\.\s?g\.|for example|for instance|t\.\s?ex\.|till exempel|exempelvis"
    r"|choose|välj)[^.;:]{0,60}$",
    re.I,
)


def hypothetical(line: str, snippet: str) -> bool:
    """A licence offered as an example ("choose another, such as MIT") declares nothing."""
    at = line.find(snippet[:20]) if snippet else -1
    return at > 0 and _EXAMPLE.search(line[:at]) is not None


def paragraphs(text: str) -> Iterable[tuple[int, str]]:
    start, buf = 1, list[str]()
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not buf:
                start = number
            buf.append(line)
        elif buf:
            yield start, "\n".join(buf)
            buf = []
    if buf:
        yield start, "\n".join(buf)
