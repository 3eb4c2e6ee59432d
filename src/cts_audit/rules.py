"""The policy as data: load and validate a rule file such as ``rules/cts.yml``."""

from __future__ import annotations

import difflib
import hashlib
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import pathspec
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from .errors import InputError, RulesError
from .yamlpos import KeyPath, load_yaml

_LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$"
Lang = Annotated[str, Field(pattern=_LANG_PATTERN)]
#: A text in several languages: {"en": "...", "sv": "..."}.
LocalText = Annotated[
    dict[Lang, str], Field(description="a text per language, such as {en: ..., sv: ...}")
]
#: Words per language: {"en": ["licence"], "sv": ["licens"]}.
LocalWords = Annotated[
    dict[Lang, tuple[str, ...]],
    Field(description="a list of words per language, such as {en: [licence], sv: [licens]}"),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CheckRule(_Strict):
    enabled: bool = True
    severity: Literal["fail", "warn"] = "fail"


class CodeLicenceRule(CheckRule):
    max_header_files: int = Field(default=40, ge=0, le=10_000)
    starter_packages: tuple[str, ...] = Field(
        default=(),
        description='a list of package names or globs such as ["laravel/laravel", "laravel/*"]',
    )


class MediaLicenceRule(CheckRule):
    accept_non_commercial: bool = True
    accept_no_derivatives: bool = True
    #: Media marked as public domain (the Public Domain Mark, a LicenseRef text saying so).
    accept_public_domain: bool = True
    docs_prose_is_media: bool = False
    max_listed_files: int = Field(default=15, ge=1, le=1000)
    max_embedded_scans: int = Field(default=60, ge=0, le=10_000)


class WorkingMethodRule(CheckRule):
    min_readme_words: int = Field(default=25, ge=1, le=10_000)
    #: This many documents of prose at the top, beside the README, are project documentation.
    min_top_level_docs: int = Field(default=3, ge=1, le=10_000)
    #: Names (without extension, any case) of top-level documents that are not about the work.
    not_documentation: frozenset[str] = frozenset()


class Checks(_Strict):
    code_licence: CodeLicenceRule = CodeLicenceRule()
    media_licence: MediaLicenceRule = MediaLicenceRule()
    working_method: WorkingMethodRule = WorkingMethodRule()


class Files(_Strict):
    code_extensions: frozenset[str] = Field(
        description="a list of file extensions such as [py, js]"
    )
    code_names: frozenset[str] = Field(
        default=frozenset(), description="a list of file names such as [Makefile, Dockerfile]"
    )
    media_extensions: frozenset[str] = Field(
        description="a list of file extensions such as [png, jpg]"
    )
    #: Files whose Creative Commons statements speak for the content (contributor terms,
    #: a static site's footer): glob patterns on the path, any case.
    statement_files: tuple[str, ...] = ()
    #: Files without an extension whose first bytes are read to tell an image from a script.
    max_content_sniffs: int = Field(default=20, ge=0, le=10_000)
    prose_extensions: frozenset[str] = Field(
        default=frozenset({"md", "markdown", "rst", "txt"}),
        description="a list of file extensions such as [md, txt]",
    )
    ignore: tuple[str, ...] = Field(
        default=(), description='a list of gitignore-style patterns such as ["vendor/", "*.min.js"]'
    )

    @field_validator("code_extensions", "media_extensions", "prose_extensions", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        if isinstance(value, list | tuple | set | frozenset):
            return frozenset(str(v).lower().lstrip(".") for v in value)
        return value


class Boilerplate(_Strict):
    name: str
    marker: str
    phrases: tuple[str, ...] = ()


class Keywords(_Strict):
    code_scope: LocalWords
    media_scope: LocalWords
    data_scope: LocalWords = {}
    #: Words of a line that names a media file as someone else's or of unknown origin.
    third_party_notes: LocalWords = {}
    #: Words that make a sentence a suggestion rather than a statement ("maybe", "kanske").
    hedges: LocalWords = {}
    #: Words before a licence that make it another work's ("forked from", "based on").
    other_work: LocalWords = {}
    licence_headings: LocalWords
    credits_headings: LocalWords = {}
    working_method: LocalWords
    working_method_files: tuple[str, ...] = Field(
        default=(), description="a list of file names such as [CONTRIBUTING.md]"
    )
    readme_boilerplate: tuple[Boilerplate, ...] = ()
    #: Prompts of README templates left for the team to fill in ("describe your project").
    readme_placeholders: LocalWords = {}
    #: Phrases by which a README says a generator wrote it ("bootstrapped with").
    readme_generated: tuple[str, ...] = ()
    #: Words that show a contributing file says how to take part (an issue, a pull request).
    contribution_process: LocalWords = {}
    #: Words of paragraphs that hold legal terms or a code of conduct, not how to take part.
    contribution_terms: LocalWords = {}

    def all(self, group: str) -> frozenset[str]:
        """Every keyword of ``group`` in every language, lower-cased."""
        by_lang: dict[str, tuple[str, ...]] = getattr(self, group)
        return frozenset(word.lower() for words in by_lang.values() for word in words)


class ReasonText(_Strict):
    summary: LocalText
    fix: LocalText


class CheckTexts(_Strict):
    title: LocalText
    rule: LocalText
    reasons: dict[str, ReasonText]


class Texts(_Strict):
    why: LocalText
    common: dict[str, ReasonText]
    code_licence: CheckTexts
    media_licence: CheckTexts
    working_method: CheckTexts


class Rules(_Strict):
    """A validated policy. ``digest`` identifies the exact file contents used by a run."""

    schema_: Literal[1] = Field(alias="schema")
    network: str = Field(description="the network's name, as text")
    network_url: str | None = Field(default=None, description="the network's web address")
    languages: tuple[Lang, ...] = Field(
        default=("en",), description="a list of language codes such as [sv, en]"
    )
    default_language: Lang = "en"
    checks: Checks = Checks()
    files: Files
    keywords: Keywords
    texts: Texts
    source: str = ""
    digest: str = ""

    @cached_property
    def ignore_spec(self) -> pathspec.PathSpec:  # type: ignore[type-arg]
        return pathspec.PathSpec.from_lines("gitignore", self.files.ignore)

    @cached_property
    def is_ignored(self) -> Callable[[str], bool]:
        """Whether a path matches the ignore globs.

        Without negated patterns ("!keep/"), pathspec's own regexes joined into one are the
        same test, and many times faster over a tree of 50,000 files than one per pattern.
        """
        spec = self.ignore_spec
        patterns = list(spec.patterns)
        regexes = [getattr(p, "regex", None) for p in patterns]
        if not patterns or any(p.include is not True for p in patterns) or None in regexes:
            return spec.match_file
        try:
            joined = re.compile("|".join(f"(?:{r.pattern})" for r in regexes if r is not None))
        except re.error:  # named groups repeated across patterns, say: pathspec decides
            return spec.match_file
        return lambda path: joined.match(path) is not None

    def check_rule(self, check: str) -> CheckRule:
        rule: CheckRule = getattr(self.checks, check)
        return rule

    def check_texts(self, check: str) -> CheckTexts:
        texts: CheckTexts = getattr(self.texts, check)
        return texts

    def reason_text(self, check: str, reason: str) -> ReasonText:
        """The words for ``reason`` of ``check`` (common reasons apply to every check)."""
        if reason in self.texts.common:
            return self.texts.common[reason]
        return self.check_texts(check).reasons[reason]

    def language(self, wanted: str | None) -> str:
        """The language to speak: ``wanted`` when the rules have texts in it, else the default."""
        return wanted if wanted in self.languages else self.default_language


def default_rules_path() -> Path:
    """The bundled CTS policy: in the wheel, or in ``rules/`` beside ``src/`` in a checkout."""
    packaged = resources.files("cts_audit").joinpath("rules", "cts.yml")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rules" / "cts.yml"


def bundled_rules() -> dict[str, Path]:
    """The rule files that come with the tool, by the name ``extends`` knows them by."""
    folder = default_rules_path().parent
    try:
        return {path.stem: path for path in sorted(folder.glob("*.yml")) if path.is_file()}
    except OSError:
        return {}


#: Where each key path of a merged document was written: the file and the line.
Origins = dict[KeyPath, tuple[str, int]]


@dataclass(frozen=True)
class _Doc:
    """A rule file merged over what it extends, and where each of its keys was written."""

    raw: bytes
    value: dict[Any, Any]
    origins: Origins
    #: The file that starts the ``extends`` chain (the one without ``extends``), and its line.
    root: tuple[str, int]

    def locate(self, path: KeyPath) -> tuple[str, int] | None:
        """The file and line of ``path``, or of its nearest ancestor that has one."""
        while path not in self.origins and path:
            path = path[:-1]
        return self.origins.get(path)

    def where(self, path: KeyPath, fallback: str) -> str:
        found = self.locate(path)
        return f"{found[0]}:{found[1]}" if found else fallback


def load_rules(path: Path | None = None) -> Rules:
    """Load and validate a rule file. Raises RulesError naming the file, line and key.

    A file may start from another one with ``extends: cts`` (a bundled policy, by name) or
    ``extends: other.yml`` (relative to it; ``.yml`` may be left out) and give only what
    differs: mappings merge, lists and values replace.
    """
    path = path or default_rules_path()
    doc = _read(path, set())
    where = str(path)
    try:
        rules = Rules.model_validate(
            {**doc.value, "source": where, "digest": hashlib.sha256(doc.raw).hexdigest()[:16]}
        )
    except ValidationError as exc:
        raise _validation_error(exc, doc, where) from None
    _check_placeholders(rules, doc)
    return rules


def _read(path: Path, seen: set[Path]) -> _Doc:
    """The file's bytes (for the digest) and its document merged over what it extends."""
    where = str(path)
    if path.resolve() in seen:
        raise RulesError(where, "'extends' makes a loop back to this file")
    seen.add(path.resolve())
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RulesError(where, f"cannot read the rule file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RulesError(where, f"not UTF-8 text (byte {exc.start})") from None
    try:
        doc = load_yaml(text, where)
    except InputError as exc:
        raise RulesError(exc.where, exc.said_detail, hint=exc.said_hint) from None
    if not isinstance(doc.value, dict):
        raise RulesError(
            where,
            f"a rule file is a mapping of keys (schema, network, checks, ...); "
            f"found {'an empty file' if doc.value is None else _found(doc.value)}",
            hint="Start from rules/cts.yml, or write 'extends: cts' and change what differs.",
        )
    if doc.duplicates:
        first = doc.duplicates[0]
        others = len(doc.duplicates) - 1
        more = (
            f" (and {others} more key{'s' if others > 1 else ''} written twice)" if others else ""
        )
        raise RulesError(
            f"{where}:{first.again}",
            f"{_dotted(first.path)}: written twice, on lines {first.first} and {first.again}; "
            f"a policy must say each thing once{more}",
            hint="Delete one of the two, or merge them into one.",
        )
    origins: Origins = {key: (where, line) for key, line in doc.lines.items()}
    root_line = doc.lines.get((), 1)
    if "extends" not in doc.value:
        return _Doc(raw, doc.value, origins, (where, root_line))
    parent = doc.value.pop("extends")
    here = f"{where}:{doc.line_of('extends') or root_line}"
    if not isinstance(parent, str) or not parent.strip():
        raise RulesError(
            here,
            f"extends: expected the name of one rule file, such as cts; found {_found(parent)}",
        )
    base = _read(_resolve_extends(parent.strip(), path, here), seen)
    merged = _merge(base.value, doc.value)
    return _Doc(
        base.raw + raw,
        merged,
        _merge_origins(base.value, base.origins, doc.value, origins),
        base.root,
    )


def _resolve_extends(name: str, path: Path, here: str) -> Path:
    """The file ``extends: name`` in ``path`` means: a bundled policy or a file beside it."""
    bundled = bundled_rules()
    if name in bundled:
        return bundled[name]
    if name == "cts.yml" and "cts" in bundled:  # as written before names were looked up
        return bundled["cts"]
    candidates = [path.parent / name]
    if not name.endswith((".yml", ".yaml")):
        candidates.append(path.parent / f"{name}.yml")
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate
        except (OSError, ValueError):  # a name too long for the file system
            continue
    shown = _quote(name)[1:-1] + ("" if len(candidates) == 1 else "(.yml)")
    listed = ", ".join(bundled) or "none found"
    raise RulesError(
        here,
        f"extends: no bundled rules named {_quote(name)} and no file {shown} next to {path}; "
        f"the bundled rules are: {listed}",
        hint="Write 'extends: cts' to start from the CivicTechSweden rules, "
        "or the path of a rule file relative to this one.",
    )


def _merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = _merge(base.get(key), value) if key in base else value
        return out
    return override


_ABSENT = object()


def _value_at(value: Any, path: KeyPath) -> Any:
    for part in path:
        if isinstance(value, dict):
            value = value.get(part, _ABSENT)
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return _ABSENT
    return value


def _merge_origins(base: Any, base_origins: Origins, override: Any, own: Origins) -> Origins:
    """The extending file's keys where it has them, else the base's that its values kept."""

    def replaced(path: KeyPath) -> bool:
        # An ancestor the override wrote replaces the base's value unless both are mappings.
        for depth in range(1, len(path)):
            above = path[:depth]
            if above in own and not (
                isinstance(_value_at(base, above), dict)
                and isinstance(_value_at(override, above), dict)
            ):
                return True
        return False

    merged = dict(own)
    for key, origin in base_origins.items():
        if key not in own and not replaced(key):
            merged[key] = origin
    return merged


# Validation errors in plain words --------------------------------------------------------

#: What a pydantic error type says was expected, when the field has no words of its own.
_EXPECTED = {
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "frozen_set_type": "a list",
    "iterable_type": "a list",
    "dict_type": "a mapping of keys to values",
    "mapping_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
}
_RANGE_ERRORS = {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}
_NUMBER_ERRORS = {"int_parsing", "int_type", "int_from_float", *_RANGE_ERRORS}
#: The patterns of the rule file's texts, in words.
_PATTERNS = {_LANG_PATTERN: "a language code such as en, sv or pt-BR"}
#: Fields filled by the tool, not by the rule file.
_INTERNAL = {"source", "digest"}


def _dotted(path: KeyPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f"{'.' if out else ''}{part}"
    return out


def _quote(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _found(value: Any) -> str:
    """What the file holds, in words: the text 'png', the number 3, a mapping, ..."""
    if value is None:
        return "nothing (the key has no value)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_quote(value)}" if value.strip() else "empty text"
    if isinstance(value, dict):
        if not value:
            return "an empty mapping"
        keys = ", ".join(_quote(str(k), 30) for k in list(value)[:4])
        return f"a mapping with the keys {keys}{', ...' if len(value) > 4 else ''}"
    if isinstance(value, list | tuple):
        count = len(value)
        return f"a list of {count} item{'' if count == 1 else 's'}" if count else "an empty list"
    return f"a value of type {type(value).__name__}"


def _model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _keys_of(model: type[BaseModel]) -> list[str]:
    keys = ["extends"] if model is Rules else []
    return keys + [
        info.alias or name for name, info in model.model_fields.items() if name not in _INTERNAL
    ]


def _field_at(loc: KeyPath) -> tuple[Any, FieldInfo | None]:
    """The type expected at ``loc`` in a rule file, and the model field it is, if one is."""
    annotation: Any = Rules
    field: FieldInfo | None = None
    for part in loc:
        while get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        model = _model(annotation)
        origin, args = get_origin(annotation), get_args(annotation)
        if model is not None:
            field = next((f for n, f in model.model_fields.items() if part in (n, f.alias)), None)
            if field is None:
                return None, None
            annotation = field.annotation
        elif origin is dict and len(args) == 2:
            annotation, field = args[1], None
        elif origin in (tuple, list, set, frozenset) and args:
            annotation, field = args[0], None
        else:
            return None, None
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation, field


def _number_range(field: FieldInfo | None, ctx: dict[str, Any]) -> str:
    """'a whole number from 1 to 1000', from the field's bounds (or the error's)."""
    bounds: dict[str, Any] = dict(ctx)
    for item in field.metadata if field else ():
        for name in ("ge", "le", "gt", "lt"):
            if getattr(item, name, None) is not None:
                bounds[name] = getattr(item, name)
    if "ge" in bounds and "le" in bounds:
        return f"a whole number from {bounds['ge']} to {bounds['le']}"
    words = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}
    limits = [f"{words[name]} {bounds[name]}" for name in words if name in bounds]
    return " ".join(["a whole number", " and ".join(limits)]).strip()


def _expected(error: ErrorDetails, annotation: Any, field: FieldInfo | None) -> str | None:
    """What is allowed where ``error`` is, in words; None when nothing particular is known."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "literal_error" and "expected" in ctx:
        return str(ctx["expected"])
    if kind in _NUMBER_ERRORS:
        return _number_range(field, ctx)
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return _PATTERNS.get(pattern, f"text of the form {pattern}")
    if field is not None and field.description:
        return field.description
    model = _model(annotation)
    if model is not None:
        return f"a mapping with the keys {', '.join(_keys_of(model))}"
    return _EXPECTED.get(kind)


def _plain(error: ErrorDetails) -> tuple[KeyPath, KeyPath, str]:
    """A validation error as (where it is, the key to name, what is wrong in plain words)."""
    loc: KeyPath = tuple(p for p in error["loc"] if isinstance(p, str | int))
    kind = error["type"]
    if loc and loc[-1] == "[key]":  # a mapping's key itself is wrong
        key = loc[:-1]
        as_key = _expected(error, None, None) or "another key"
        return key, key[:-1], f"the key {_quote(str(key[-1]))} is not allowed: expected {as_key}"
    annotation, field = _field_at(loc)
    if kind in ("extra_forbidden", "invalid_key") and loc:
        parent, _ = _field_at(loc[:-1])
        model = _model(parent)
        name = str(loc[-1])
        text = f"unknown key {_quote(name)}"
        if model is not None:
            keys = _keys_of(model)
            text += f"; the keys here are: {', '.join(keys)}"
            close = difflib.get_close_matches(name, keys, n=1)
            if close:
                text += f"; did you mean {_quote(close[0])}?"
        return loc, loc[:-1], text
    allowed = _expected(error, annotation, field)
    if kind == "missing":
        needed = f"; expected {allowed}" if allowed else ""
        return loc, loc, f"required, but missing{needed}"
    found = _found(error.get("input"))
    if allowed is None:  # an error type without words here: pydantic's, lower-cased
        msg = error["msg"]
        return loc, loc, f"{msg[:1].lower()}{msg[1:]}; found {found}"
    return loc, loc, f"expected {allowed}; found {found}"


def _validation_error(exc: ValidationError, doc: _Doc, fallback: str) -> RulesError:
    """One message for every problem pydantic found, each with its file, line and key."""
    problems: list[tuple[str, str]] = []
    missing: list[str] = []
    for error in exc.errors():
        loc: KeyPath = tuple(p for p in error["loc"] if isinstance(p, str | int))
        if error["type"] == "missing" and len(loc) == 1:
            missing.append(str(loc[0]))
            continue
        at, key, text = _plain(error)
        named = f"{_dotted(key)}: " if key else ""
        problems.append((doc.where(at, fallback), named + text))
    # The extending file first, in the order of its lines.
    problems.sort(key=lambda p: (not p[0].startswith(f"{fallback}:"), _line_of(p[0])))
    hint = "Compare with rules/cts.yml; README.md describes every key."
    if missing:
        file, line = doc.root
        extends = "" if file == fallback else f" ({fallback} extends it)"
        are = "is" if len(missing) == 1 else "are"
        problems.insert(
            0,
            (
                f"{file}:{line}",
                f"not a complete policy{extends}: {_words(missing)} {are} missing; "
                "add the line 'extends: cts' at the top to start from the bundled "
                "CivicTechSweden rules and change only what differs",
            ),
        )
        hint = "README.md ('Configuration: the policy is data') describes every key."
    (where, first), rest = problems[0], problems[1:]
    shown = [f"\n  {at}: {text}" for at, text in rest[:8]]
    if len(rest) > 8:
        shown.append(f"\n  (and {len(rest) - 8} more problems)")
    return RulesError(where, first + "".join(shown), hint=hint)


def _line_of(where: str) -> int:
    tail = where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


_ALLOWED_FIELDS = {
    "licence",
    "found",
    "path",
    "count",
    "covered",
    "missing",
    "sections",
    "generator",
    "example",
    "words",
    "detail",
    "network",
    "others",
    "title",
}


def _check_placeholders(rules: Rules, doc: _Doc) -> None:
    """Every placeholder in a text must be one the checks fill, so rendering never fails."""
    formatter = string.Formatter()

    def visit(path: KeyPath, texts: dict[str, str]) -> None:
        for lang, text in texts.items():
            at = doc.where((*path, lang), rules.source)
            try:
                names = {name for _, name, _, _ in formatter.parse(text) if name is not None}
            except ValueError as exc:
                raise RulesError(at, f"{_dotted((*path, lang))}: {exc}") from None
            unknown = names - _ALLOWED_FIELDS
            if unknown:
                raise RulesError(
                    at,
                    f"{_dotted((*path, lang))}: unknown placeholder "
                    f"{{{sorted(unknown)[0]}}}; allowed: "
                    f"{', '.join('{' + n + '}' for n in sorted(_ALLOWED_FIELDS))}",
                )
        missing = set(rules.languages) - set(texts)
        if missing:
            raise RulesError(
                doc.where(path, rules.source),
                f"{_dotted(path)}: no text in {', '.join(sorted(missing))}, "
                f"one of the languages the rules list",
            )

    visit(("texts", "why"), rules.texts.why)
    for name, reason in rules.texts.common.items():
        visit(("texts", "common", name, "summary"), reason.summary)
        visit(("texts", "common", name, "fix"), reason.fix)
    for check in ("code_licence", "media_licence", "working_method"):
        texts = rules.check_texts(check)
        visit(("texts", check, "title"), texts.title)
        visit(("texts", check, "rule"), texts.rule)
        for name, reason in texts.reasons.items():
            visit(("texts", check, "reasons", name, "summary"), reason.summary)
            visit(("texts", check, "reasons", name, "fix"), reason.fix)
