"""The policy as data: load and validate a rule file such as ``rules/cts.yml``."""

from __future__ import annotations

import difflib
import hashlib
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args, get_origin, get_type_hints

from . import kept
from .errors import InputError, RulesError
from .i18n import Message, Text

if TYPE_CHECKING:
    import pathspec
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

    from .yamlpos import KeyPath

    #: Where each key path of a merged document was written: the file and the line.
    Origins = dict[KeyPath, tuple[str, int]]


@dataclass(frozen=True)
class Allowed:
    """What a key of a rule file may hold beyond its type: bounds, a pattern, and the words
    that say what is expected when it holds something else.

    The policy's classes are plain frozen dataclasses, so a run whose rule file was read
    before never loads the validator; pydantic reads these marks only when it validates a
    rule file (see ``__get_pydantic_core_schema__``).
    """

    ge: int | None = None
    le: int | None = None
    pattern: str | None = None
    #: What the key holds, in words: the key of an interface text ``rules_expect_<expect>``,
    #: with ``example`` filled in.
    expect: str | None = None
    example: str = ""

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        schema = handler(source)
        for key in ("ge", "le", "pattern"):
            value = getattr(self, key)
            if value is not None:
                schema[key] = value
        return schema


_LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$"
Lang = Annotated[str, Allowed(pattern=_LANG_PATTERN)]
#: A text in several languages: {"en": "...", "sv": "..."}.
LocalText = Annotated[dict[Lang, str], Allowed(expect="texts", example="{en: ..., sv: ...}")]
#: Words per language: {"en": ["licence"], "sv": ["licens"]}.
LocalWords = Annotated[
    dict[Lang, tuple[str, ...]],
    Allowed(expect="words", example="{en: [licence], sv: [licens]}"),
]


#: A rule file names only the keys a class has; pydantic reads this when it validates.
_FORBID_OTHER_KEYS = {"extra": "forbid"}


@dataclass(frozen=True, kw_only=True)
class CheckRule:
    __pydantic_config__ = _FORBID_OTHER_KEYS

    enabled: bool = True
    severity: Literal["fail", "warn"] = "fail"


@dataclass(frozen=True, kw_only=True)
class CodeLicenceRule(CheckRule):
    max_header_files: Annotated[int, Allowed(ge=0, le=10_000)] = 40
    starter_packages: Annotated[
        tuple[str, ...],
        Allowed(expect="packages", example='["laravel/laravel", "laravel/*"]'),
    ] = ()


@dataclass(frozen=True, kw_only=True)
class MediaLicenceRule(CheckRule):
    accept_non_commercial: bool = True
    accept_no_derivatives: bool = True
    #: Media marked as public domain (the Public Domain Mark, a LicenseRef text saying so).
    accept_public_domain: bool = True
    docs_prose_is_media: bool = False
    max_listed_files: Annotated[int, Allowed(ge=1, le=1000)] = 15
    max_embedded_scans: Annotated[int, Allowed(ge=0, le=10_000)] = 60


@dataclass(frozen=True, kw_only=True)
class WorkingMethodRule(CheckRule):
    min_readme_words: Annotated[int, Allowed(ge=1, le=10_000)] = 25
    #: A shorter README still explains the project when it says what it is in at least this
    #: many words and shows, in a code block, how to run it.
    min_words_beside_commands: Annotated[int, Allowed(ge=1, le=10_000)] = 8
    #: This many documents of prose at the top, beside the README, are project documentation.
    min_top_level_docs: Annotated[int, Allowed(ge=1, le=10_000)] = 3
    #: Names (without extension, any case) of top-level documents that are not about the work.
    not_documentation: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class Checks:
    __pydantic_config__ = _FORBID_OTHER_KEYS

    code_licence: CodeLicenceRule = CodeLicenceRule()
    media_licence: MediaLicenceRule = MediaLicenceRule()
    working_method: WorkingMethodRule = WorkingMethodRule()


def _extensions(example: str) -> Allowed:
    return Allowed(expect="extensions", example=f"[{example}]")


@dataclass(frozen=True, kw_only=True)
class Files:
    __pydantic_config__ = _FORBID_OTHER_KEYS

    code_extensions: Annotated[frozenset[str], _extensions("py, js")]
    code_names: Annotated[
        frozenset[str], Allowed(expect="file_names", example="[Makefile, Dockerfile]")
    ] = frozenset()
    #: Configuration written as code (a documentation generator's ``conf.py``, a build's
    #: ``*.config.js``): glob patterns on the file name, any case. Alone, it is no code.
    config_scripts: tuple[str, ...] = ()
    media_extensions: Annotated[frozenset[str], _extensions("png, jpg")]
    #: Files whose Creative Commons statements speak for the content (contributor terms,
    #: a static site's footer): glob patterns on the path, any case.
    statement_files: tuple[str, ...] = ()
    #: Files without an extension whose first bytes are read to tell an image from a script.
    max_content_sniffs: Annotated[int, Allowed(ge=0, le=10_000)] = 20
    prose_extensions: Annotated[frozenset[str], _extensions("md, txt")] = frozenset(
        {"md", "markdown", "rst", "txt"}
    )
    ignore: Annotated[
        tuple[str, ...],
        Allowed(expect="patterns", example='["vendor/", "*.min.js"]'),
    ] = ()

    def __post_init__(self) -> None:
        # Extensions are compared lower-case and without the dot: "PNG" and ".png" are png.
        for name in ("code_extensions", "media_extensions", "prose_extensions"):
            value = getattr(self, name)
            object.__setattr__(self, name, frozenset(v.lower().lstrip(".") for v in value))


@dataclass(frozen=True, kw_only=True)
class Boilerplate:
    __pydantic_config__ = _FORBID_OTHER_KEYS

    name: str
    marker: str
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Keywords:
    __pydantic_config__ = _FORBID_OTHER_KEYS

    code_scope: LocalWords
    media_scope: LocalWords
    data_scope: LocalWords = field(default_factory=dict)
    #: Media words that name the documentation alone ("the documentation", "docs"): a
    #: statement for it covers the documentation's media, not the logos and fonts elsewhere.
    docs_scope: LocalWords = field(default_factory=dict)
    #: Words that say a statement covers everything, code and content alike ("all materials").
    everything: LocalWords = field(default_factory=dict)
    #: Words of a line that names a media file as someone else's or of unknown origin.
    third_party_notes: LocalWords = field(default_factory=dict)
    #: Words by which a statement covers only the files it names ("the following files").
    some_parts: LocalWords = field(default_factory=dict)
    #: Words of a line that credits one work ("Photo by", "Quelle:"), not the project's media.
    credit_lines: LocalWords = field(default_factory=dict)
    #: Words that make a sentence a suggestion rather than a statement ("maybe", "kanske").
    hedges: LocalWords = field(default_factory=dict)
    #: Words of a line that introduces a list of licences to choose from ("examples").
    examples: LocalWords = field(default_factory=dict)
    #: Words before a licence that make it another work's ("forked from", "based on").
    other_work: LocalWords = field(default_factory=dict)
    #: Words by which a statement leaves something out ("not including", "except").
    exclusions: LocalWords = field(default_factory=dict)
    #: Words for other people's material, which a statement may leave out ("third parties").
    third_parties: LocalWords = field(default_factory=dict)
    licence_headings: LocalWords
    credits_headings: LocalWords = field(default_factory=dict)
    working_method: LocalWords
    #: Headings that name a working method only when their section speaks of people at work
    #: ("Process" may describe what the software does).
    working_method_of_people: LocalWords = field(default_factory=dict)
    #: Words that show people at work in a section ("we", "the team", "a meeting").
    people_at_work: LocalWords = field(default_factory=dict)
    working_method_files: Annotated[
        tuple[str, ...], Allowed(expect="file_names", example="[CONTRIBUTING.md]")
    ] = ()
    readme_boilerplate: tuple[Boilerplate, ...] = ()
    #: Prompts of README templates left for the team to fill in ("describe your project").
    readme_placeholders: LocalWords = field(default_factory=dict)
    #: Phrases by which a README says a generator wrote it ("bootstrapped with").
    readme_generated: tuple[str, ...] = ()
    #: Words of the steps by which others take part, naming a README section as such.
    contribution_steps: LocalWords = field(default_factory=dict)
    #: Words that show a contributing file says how to take part (an issue, a pull request).
    contribution_process: LocalWords = field(default_factory=dict)
    #: Words of paragraphs that hold legal terms or a code of conduct, not how to take part.
    contribution_terms: LocalWords = field(default_factory=dict)

    def all(self, group: str) -> frozenset[str]:
        """Every keyword of ``group`` in every language, lower-cased."""
        by_lang: dict[str, tuple[str, ...]] = getattr(self, group)
        return frozenset(word.lower() for words in by_lang.values() for word in words)


@dataclass(frozen=True, kw_only=True)
class ReasonText:
    __pydantic_config__ = _FORBID_OTHER_KEYS

    summary: LocalText
    fix: LocalText


@dataclass(frozen=True, kw_only=True)
class CheckTexts:
    __pydantic_config__ = _FORBID_OTHER_KEYS

    title: LocalText
    rule: LocalText
    reasons: dict[str, ReasonText]


@dataclass(frozen=True, kw_only=True)
class Texts:
    __pydantic_config__ = _FORBID_OTHER_KEYS

    why: LocalText
    common: dict[str, ReasonText]
    code_licence: CheckTexts
    media_licence: CheckTexts
    working_method: CheckTexts


@dataclass(frozen=True, kw_only=True)
class Rules:
    """A validated policy. ``digest`` identifies the exact file contents used by a run."""

    __pydantic_config__ = _FORBID_OTHER_KEYS

    schema: Literal[1]
    network: Annotated[str, Allowed(expect="network")]
    network_url: Annotated[str | None, Allowed(expect="network_url")] = None
    languages: Annotated[tuple[Lang, ...], Allowed(expect="languages", example="[sv, en]")] = (
        "en",
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
        import pathspec

        return pathspec.PathSpec.from_lines("gitignore", self.files.ignore)

    @cached_property
    def ignore_regex(self) -> str | None:
        """pathspec's regexes for the ignore globs joined into one, when that is the same
        test (no negated pattern such as "!keep/"); None when pathspec must decide.

        Kept with the policy, so a run whose policy was read before needs no pathspec."""
        import pathspec

        spec = pathspec.PathSpec.from_lines("gitignore", self.files.ignore)
        patterns = list(spec.patterns)
        regexes = [getattr(p, "regex", None) for p in patterns]
        if not patterns or any(p.include is not True for p in patterns) or None in regexes:
            return None
        joined = "|".join(f"(?:{r.pattern})" for r in regexes if r is not None)
        try:
            re.compile(joined)
        except re.error:  # named groups repeated across patterns, say: pathspec decides
            return None
        return joined

    @cached_property
    def is_ignored(self) -> Callable[[str], bool]:
        """Whether a path matches the ignore globs.

        One regex for all the globs is many times faster over a tree of 50,000 files than
        one per pattern.
        """
        if self.ignore_regex is None:
            return self.ignore_spec.match_file
        joined = re.compile(self.ignore_regex)
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


@dataclass(frozen=True)
class _Doc:
    """A rule file merged over what it extends, and where each of its keys was written."""

    raw: bytes
    value: dict[Any, Any]
    origins: Origins
    #: The file that starts the ``extends`` chain (the one without ``extends``), and its line.
    root: tuple[str, int]
    #: Every file read, as (resolved path, SHA-256 of its bytes): what a kept policy depends on.
    files: tuple[tuple[str, str], ...]

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

    A policy once validated is kept in the cache folder with the digests of the files it was
    read from, and taken from there while none of them changed: a ``check`` then starts
    without reading YAML or loading the validator.
    """
    path = path or default_rules_path()
    where = str(path)
    key = f"{where}\0{path.resolve()}"
    rules = kept.recall("rules", key, "rules.py")
    if isinstance(rules, Rules):
        return rules
    doc = _read(path, set())
    rules = _validate(
        {**doc.value, "source": where, "digest": hashlib.sha256(doc.raw).hexdigest()[:16]},
        doc,
        where,
    )
    _check_placeholders(rules, doc)
    _ = rules.ignore_regex  # worked out once, and kept with the policy
    kept.keep("rules", key, "rules.py", doc.files, rules)
    return rules


def _validate(value: dict[Any, Any], doc: _Doc, where: str) -> Rules:
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(Rules).validate_python(value)
    except ValidationError as exc:
        raise _validation_error(exc, doc, where) from None


def _read(path: Path, seen: set[Path]) -> _Doc:
    """The file's bytes (for the digest) and its document merged over what it extends."""
    where = str(path)
    if path.resolve() in seen:
        raise RulesError(where, Message("rules_extends_loop"))
    seen.add(path.resolve())
    try:
        raw = path.read_bytes()
    except OSError as exc:
        error = exc.strerror or str(exc)
        raise RulesError(where, Message.of("rules_unreadable", error=error)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RulesError(where, Message.of("rules_not_utf8", byte=exc.start)) from None
    from .yamlpos import load_yaml

    try:
        doc = load_yaml(text, where)
    except InputError as exc:
        raise RulesError(exc.where, exc.said_detail, hint=exc.said_hint) from None
    if not isinstance(doc.value, dict):
        found = Message("found_empty_file") if doc.value is None else _found(doc.value)
        raise RulesError(
            where, Message.of("rules_not_mapping", found=found), hint=Message("rules_start_hint")
        )
    if doc.duplicates:
        first = doc.duplicates[0]
        others = len(doc.duplicates) - 1
        more = Message.of("rules_more_twice", count=others) if others else ""
        raise RulesError(
            f"{where}:{first.again}",
            Message.of(
                "rules_written_twice",
                key=_dotted(first.path),
                first=first.first,
                again=first.again,
                more=more,
            ),
            hint=Message("rules_written_twice_hint"),
        )
    origins: Origins = {key: (where, line) for key, line in doc.lines.items()}
    root_line = doc.lines.get((), 1)
    files = ((str(path.resolve()), hashlib.sha256(raw).hexdigest()),)
    if "extends" not in doc.value:
        return _Doc(raw, doc.value, origins, (where, root_line), files)
    parent = doc.value.pop("extends")
    here = f"{where}:{doc.line_of('extends') or root_line}"
    if not isinstance(parent, str) or not parent.strip():
        raise RulesError(here, Message.of("rules_extends_not_name", found=_found(parent)))
    base = _read(_resolve_extends(parent.strip(), path, here), seen)
    merged = _merge(base.value, doc.value)
    return _Doc(
        base.raw + raw,
        merged,
        _merge_origins(base.value, base.origins, doc.value, origins),
        base.root,
        base.files + files,
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
    listed: Text = ", ".join(bundled) or Message("rules_none_bundled")
    raise RulesError(
        here,
        Message.of(
            "rules_extends_not_found", name=_quote(name), file=shown, path=path, bundled=listed
        ),
        hint=Message("rules_extends_hint"),
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

#: What a pydantic error type says was expected (``rules_expect_<word>``), when the field
#: has no words of its own.
_EXPECTED = {
    "bool_parsing": "bool",
    "bool_type": "bool",
    "int_parsing": "int",
    "int_type": "int",
    "int_from_float": "int",
    "string_type": "text",
    "list_type": "list",
    "tuple_type": "list",
    "set_type": "list",
    "frozen_set_type": "list",
    "iterable_type": "list",
    "dict_type": "mapping",
    "mapping_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dataclass_type": "mapping",
    "dataclass_args_type": "mapping",
}
#: A key the class does not have; a key the policy needs but the file lacks.
_UNKNOWN_KEY_ERRORS = {"extra_forbidden", "invalid_key", "unexpected_keyword_argument"}
_MISSING_ERRORS = {"missing", "missing_keyword_only_argument", "missing_argument"}
_RANGE_ERRORS = {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}
_NUMBER_ERRORS = {"int_parsing", "int_type", "int_from_float", *_RANGE_ERRORS}
#: The patterns of the rule file's texts, in words.
_PATTERNS = {_LANG_PATTERN: Message("rules_expect_language")}
#: Fields filled by the tool, not by the rule file.
_INTERNAL = {"source", "digest"}


def _dotted(path: KeyPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f"{'.' if out else ''}{part}"
    return out


def _model(annotation: Any) -> type[Any] | None:
    """The policy class ``annotation`` is, if it is one (a mapping of known keys)."""
    if isinstance(annotation, type) and is_dataclass(annotation) and annotation is not Allowed:
        return annotation if annotation.__module__ == __name__ else None
    return None


def _keys_of(model: type[Any]) -> list[str]:
    keys = ["extends"] if model is Rules else []
    return keys + [f.name for f in fields(model) if f.name not in _INTERNAL]


def _allowed_in(annotation: Any) -> tuple[Any, Allowed | None]:
    """``annotation`` without ``Annotated``, and the ``Allowed`` mark it carried, if any."""
    allowed = None
    while get_origin(annotation) is Annotated:
        args = get_args(annotation)
        annotation = args[0]
        allowed = next((a for a in args[1:] if isinstance(a, Allowed)), allowed)
    return annotation, allowed


def _field_at(loc: KeyPath) -> tuple[Any, Allowed | None]:
    """The type expected at ``loc`` in a rule file, and what its key allows, if known."""
    annotation: Any = Rules
    allowed: Allowed | None = None
    for part in loc:
        annotation, _ = _allowed_in(annotation)
        model = _model(annotation)
        origin, args = get_origin(annotation), get_args(annotation)
        if model is not None:
            hints = get_type_hints(model, include_extras=True)
            if part not in hints or part not in {f.name for f in fields(model)}:
                return None, None
            annotation = hints[str(part)]
        elif origin is dict and len(args) == 2:
            annotation = args[1]
        elif origin in (tuple, list, set, frozenset) and args:
            annotation = args[0]
        else:
            return None, None
    annotation, allowed = _allowed_in(annotation)
    return annotation, allowed


def _quote(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _words(items: list[str]) -> Message:
    """'a', 'a and b', 'a, b and c', in the run's language."""
    if len(items) == 1:
        return Message.of("found_literal", value=items[0])
    return Message.of("rules_and", items=", ".join(items[:-1]), last=items[-1])


def _found(value: Any) -> Message:
    """What the file holds, in words: the text 'png', the number 3, a mapping, ..."""
    if value is None:
        return Message("found_no_value")
    if isinstance(value, bool):
        return Message.of("found_literal", value="true" if value else "false")
    if isinstance(value, int | float):
        return Message.of("found_number", value=value)
    if isinstance(value, str):
        return (
            Message.of("found_text", value=_quote(value))
            if value.strip()
            else Message("found_empty_text")
        )
    if isinstance(value, dict):
        if not value:
            return Message("found_empty_mapping")
        keys = ", ".join(_quote(str(k), 30) for k in list(value)[:4])
        return Message.of("found_mapping_keys", keys=keys + (", ..." if len(value) > 4 else ""))
    if isinstance(value, list | tuple):
        count = len(value)
        return Message.of("found_list_items", count=count) if count else Message("found_empty_list")
    return Message.of("found_type", type=type(value).__name__)


def _number_range(allowed: Allowed | None, ctx: dict[str, Any]) -> Message:
    """'a whole number from 1 to 1000', from the key's bounds (or the error's)."""
    bounds: dict[str, Any] = dict(ctx)
    for name in ("ge", "le"):
        if allowed is not None and getattr(allowed, name) is not None:
            bounds[name] = getattr(allowed, name)
    if "ge" in bounds and "le" in bounds:
        return Message.of("rules_expect_int_range", low=bounds["ge"], high=bounds["le"])
    limits = tuple(
        Message.of(f"rules_limit_{name}", value=bounds[name])
        for name in ("ge", "gt", "le", "lt")
        if name in bounds
    )
    if not limits:
        return Message("rules_expect_int")
    return Message.of("rules_expect_int_limits", limits=limits)


def _expected(error: ErrorDetails, annotation: Any, allowed: Allowed | None) -> Message | None:
    """What is allowed where ``error`` is, in words; None when nothing particular is known."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "literal_error" and "expected" in ctx:
        return Message.of("found_literal", value=ctx["expected"])
    if kind in _NUMBER_ERRORS:
        return _number_range(allowed, ctx)
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return _PATTERNS.get(pattern, Message.of("rules_expect_pattern", pattern=pattern))
    if allowed is not None and allowed.expect:
        return Message.of(f"rules_expect_{allowed.expect}", example=allowed.example)
    model = _model(annotation)
    if model is not None:
        return Message.of("rules_expect_keys", keys=", ".join(_keys_of(model)))
    word = _EXPECTED.get(kind)
    return Message(f"rules_expect_{word}") if word else None


def _plain(error: ErrorDetails) -> tuple[KeyPath, KeyPath, Message]:
    """A validation error as (where it is, the key to name, what is wrong in plain words)."""
    loc: KeyPath = tuple(p for p in error["loc"] if isinstance(p, str | int))
    kind = error["type"]
    if loc and loc[-1] == "[key]":  # a mapping's key itself is wrong
        key = loc[:-1]
        as_key = _expected(error, None, None) or Message("rules_expect_other_key")
        text = Message.of("rules_key_not_allowed", key=_quote(str(key[-1])), expected=as_key)
        return key, key[:-1], text
    annotation, allowed = _field_at(loc)
    if kind in _UNKNOWN_KEY_ERRORS and loc:
        parent, _ = _field_at(loc[:-1])
        model = _model(parent)
        name = str(loc[-1])
        if model is None:
            return loc, loc[:-1], Message.of("rules_unknown_key", key=_quote(name))
        keys = _keys_of(model)
        close = difflib.get_close_matches(name, keys, n=1)
        guess = Message.of("rules_did_you_mean", key=_quote(close[0])) if close else ""
        text = Message.of(
            "rules_unknown_key_here", key=_quote(name), keys=", ".join(keys), guess=guess
        )
        return loc, loc[:-1], text
    expected = _expected(error, annotation, allowed)
    if kind in _MISSING_ERRORS:
        if expected is None:
            return loc, loc, Message("rules_missing")
        return loc, loc, Message.of("rules_missing_expected", expected=expected)
    found = _found(error.get("input"))
    if expected is None:  # an error type without words of its own: say what was found
        return loc, loc, Message.of("rules_unusable", found=found)
    return loc, loc, Message.of("rules_expected", expected=expected, found=found)


def _validation_error(exc: ValidationError, doc: _Doc, fallback: str) -> RulesError:
    """One message for every problem pydantic found, each with its file, line and key."""
    problems: list[tuple[str, Message]] = []
    missing: list[str] = []
    for error in exc.errors():
        loc: KeyPath = tuple(p for p in error["loc"] if isinstance(p, str | int))
        if error["type"] in _MISSING_ERRORS and len(loc) == 1:
            missing.append(str(loc[0]))
            continue
        at, key, text = _plain(error)
        if key:
            text = Message.of("rules_at_key", key=_dotted(key), text=text)
        problems.append((doc.where(at, fallback), text))
    # The extending file first, in the order of its lines.
    problems.sort(key=lambda p: (not p[0].startswith(f"{fallback}:"), _line_of(p[0])))
    hint = Message("rules_compare_hint")
    if missing:
        file, line = doc.root
        extends = "" if file == fallback else Message.of("rules_extended_by", file=fallback)
        incomplete = Message.of(
            "rules_incomplete",
            extends=extends,
            keys=_words(missing),
            count=len(missing),
        )
        problems.insert(0, (f"{file}:{line}", incomplete))
        hint = Message("rules_readme_hint")
    (where, first), rest = problems[0], problems[1:]
    shown: list[Message] = [
        Message.of("rules_problem_line", at=at, text=text) for at, text in rest[:8]
    ]
    if len(rest) > 8:
        shown.append(Message.of("rules_more_problems", count=len(rest) - 8))
    return RulesError(where, Message.of("rules_problems", first=first, more=shown), hint=hint)


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
    "package",
}


def _check_placeholders(rules: Rules, doc: _Doc) -> None:
    """Every placeholder in a text must be one the checks fill, so rendering never fails."""
    formatter = string.Formatter()

    def visit(path: KeyPath, texts: dict[str, str]) -> None:
        for lang, text in texts.items():
            at = doc.where((*path, lang), rules.source)
            key = _dotted((*path, lang))
            try:
                names = {name for _, name, _, _ in formatter.parse(text) if name is not None}
            except ValueError:
                raise RulesError(at, Message.of("rules_braces", key=key)) from None
            unknown = names - _ALLOWED_FIELDS
            if unknown:
                allowed = ", ".join("{" + n + "}" for n in sorted(_ALLOWED_FIELDS))
                raise RulesError(
                    at,
                    Message.of(
                        "rules_unknown_placeholder",
                        key=key,
                        name="{" + sorted(unknown)[0] + "}",
                        allowed=allowed,
                    ),
                )
        missing = set(rules.languages) - set(texts)
        if missing:
            raise RulesError(
                doc.where(path, rules.source),
                Message.of(
                    "rules_no_text_in",
                    key=_dotted(path),
                    languages=", ".join(sorted(missing)),
                    count=len(missing),
                ),
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
