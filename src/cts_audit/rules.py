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
    description: str | None = None

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
LocalText = Annotated[
    dict[Lang, str], Allowed(description="a text per language, such as {en: ..., sv: ...}")
]
#: Words per language: {"en": ["licence"], "sv": ["licens"]}.
LocalWords = Annotated[
    dict[Lang, tuple[str, ...]],
    Allowed(description="a list of words per language, such as {en: [licence], sv: [licens]}"),
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
        Allowed(
            description='a list of package names or globs such as ["laravel/laravel", "laravel/*"]'
        ),
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
    return Allowed(description=f"a list of file extensions such as [{example}]")


@dataclass(frozen=True, kw_only=True)
class Files:
    __pydantic_config__ = _FORBID_OTHER_KEYS

    code_extensions: Annotated[frozenset[str], _extensions("py, js")]
    code_names: Annotated[
        frozenset[str], Allowed(description="a list of file names such as [Makefile, Dockerfile]")
    ] = frozenset()
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
        Allowed(description='a list of gitignore-style patterns such as ["vendor/", "*.min.js"]'),
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
    #: Words of a line that names a media file as someone else's or of unknown origin.
    third_party_notes: LocalWords = field(default_factory=dict)
    #: Words that make a sentence a suggestion rather than a statement ("maybe", "kanske").
    hedges: LocalWords = field(default_factory=dict)
    #: Words before a licence that make it another work's ("forked from", "based on").
    other_work: LocalWords = field(default_factory=dict)
    #: Words by which a statement leaves something out ("not including", "except").
    exclusions: LocalWords = field(default_factory=dict)
    #: Words for other people's material, which a statement may leave out ("third parties").
    third_parties: LocalWords = field(default_factory=dict)
    licence_headings: LocalWords
    credits_headings: LocalWords = field(default_factory=dict)
    working_method: LocalWords
    working_method_files: Annotated[
        tuple[str, ...], Allowed(description="a list of file names such as [CONTRIBUTING.md]")
    ] = ()
    readme_boilerplate: tuple[Boilerplate, ...] = ()
    #: Prompts of README templates left for the team to fill in ("describe your project").
    readme_placeholders: LocalWords = field(default_factory=dict)
    #: Phrases by which a README says a generator wrote it ("bootstrapped with").
    readme_generated: tuple[str, ...] = ()
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
    network: Annotated[str, Allowed(description="the network's name, as text")]
    network_url: Annotated[str | None, Allowed(description="the network's web address")] = None
    languages: Annotated[
        tuple[Lang, ...], Allowed(description="a list of language codes such as [sv, en]")
    ] = ("en",)
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
    from .yamlpos import load_yaml

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
    files = ((str(path.resolve()), hashlib.sha256(raw).hexdigest()),)
    if "extends" not in doc.value:
        return _Doc(raw, doc.value, origins, (where, root_line), files)
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
    "dataclass_type": "a mapping of keys to values",
    "dataclass_args_type": "a mapping of keys to values",
}
#: A key the class does not have; a key the policy needs but the file lacks.
_UNKNOWN_KEY_ERRORS = {"extra_forbidden", "invalid_key", "unexpected_keyword_argument"}
_MISSING_ERRORS = {"missing", "missing_keyword_only_argument", "missing_argument"}
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


def _number_range(allowed: Allowed | None, ctx: dict[str, Any]) -> str:
    """'a whole number from 1 to 1000', from the key's bounds (or the error's)."""
    bounds: dict[str, Any] = dict(ctx)
    for name in ("ge", "le"):
        if allowed is not None and getattr(allowed, name) is not None:
            bounds[name] = getattr(allowed, name)
    if "ge" in bounds and "le" in bounds:
        return f"a whole number from {bounds['ge']} to {bounds['le']}"
    words = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}
    limits = [f"{words[name]} {bounds[name]}" for name in words if name in bounds]
    return " ".join(["a whole number", " and ".join(limits)]).strip()


def _expected(error: ErrorDetails, annotation: Any, allowed: Allowed | None) -> str | None:
    """What is allowed where ``error`` is, in words; None when nothing particular is known."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "literal_error" and "expected" in ctx:
        return str(ctx["expected"])
    if kind in _NUMBER_ERRORS:
        return _number_range(allowed, ctx)
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return _PATTERNS.get(pattern, f"text of the form {pattern}")
    if allowed is not None and allowed.description:
        return allowed.description
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
    annotation, allowed = _field_at(loc)
    if kind in _UNKNOWN_KEY_ERRORS and loc:
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
    expected = _expected(error, annotation, allowed)
    if kind in _MISSING_ERRORS:
        needed = f"; expected {expected}" if expected else ""
        return loc, loc, f"required, but missing{needed}"
    found = _found(error.get("input"))
    if expected is None:  # an error type without words here: pydantic's, lower-cased
        msg = error["msg"]
        return loc, loc, f"{msg[:1].lower()}{msg[1:]}; found {found}"
    return loc, loc, f"expected {expected}; found {found}"


def _validation_error(exc: ValidationError, doc: _Doc, fallback: str) -> RulesError:
    """One message for every problem pydantic found, each with its file, line and key."""
    problems: list[tuple[str, str]] = []
    missing: list[str] = []
    for error in exc.errors():
        loc: KeyPath = tuple(p for p in error["loc"] if isinstance(p, str | int))
        if error["type"] in _MISSING_ERRORS and len(loc) == 1:
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
