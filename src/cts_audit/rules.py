"""The policy as data: load and validate a rule file such as ``rules/cts.yml``."""

from __future__ import annotations

import hashlib
import string
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import pathspec
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import InputError, RulesError
from .yamlpos import Positioned, load_yaml

Lang = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")]
#: A text in several languages: {"en": "...", "sv": "..."}.
LocalText = dict[Lang, str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CheckRule(_Strict):
    enabled: bool = True
    severity: Literal["fail", "warn"] = "fail"


class CodeLicenceRule(CheckRule):
    max_header_files: int = Field(default=40, ge=0, le=10_000)


class MediaLicenceRule(CheckRule):
    accept_non_commercial: bool = True
    accept_no_derivatives: bool = True
    docs_prose_is_media: bool = False
    max_listed_files: int = Field(default=15, ge=1, le=1000)
    max_embedded_scans: int = Field(default=60, ge=0, le=10_000)


class WorkingMethodRule(CheckRule):
    min_readme_words: int = Field(default=25, ge=1, le=10_000)


class Checks(_Strict):
    code_licence: CodeLicenceRule = CodeLicenceRule()
    media_licence: MediaLicenceRule = MediaLicenceRule()
    working_method: WorkingMethodRule = WorkingMethodRule()


class Files(_Strict):
    code_extensions: frozenset[str]
    code_names: frozenset[str] = frozenset()
    media_extensions: frozenset[str]
    prose_extensions: frozenset[str] = frozenset({"md", "markdown", "rst", "txt"})
    ignore: tuple[str, ...] = ()

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
    code_scope: dict[Lang, tuple[str, ...]]
    media_scope: dict[Lang, tuple[str, ...]]
    data_scope: dict[Lang, tuple[str, ...]] = {}
    licence_headings: dict[Lang, tuple[str, ...]]
    working_method: dict[Lang, tuple[str, ...]]
    working_method_files: tuple[str, ...] = ()
    readme_boilerplate: tuple[Boilerplate, ...] = ()

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
    network: str
    network_url: str | None = None
    languages: tuple[Lang, ...] = ("en",)
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


def load_rules(path: Path | None = None) -> Rules:
    """Load and validate a rule file. Raises RulesError naming the file, line and key.

    A file may start from another one with ``extends: cts`` (the bundled policy) or
    ``extends: other.yml`` (relative to it) and give only what differs: mappings merge,
    lists and values replace.
    """
    path = path or default_rules_path()
    raw, doc = _read(path, set())
    where = str(path)
    try:
        rules = Rules.model_validate(
            {**doc.value, "source": where, "digest": hashlib.sha256(raw).hexdigest()[:16]}
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(p for p in first["loc"] if isinstance(p, str | int))
        line = doc.line_of(*loc)
        key = ".".join(str(p) for p in loc) or "(top level)"
        found = first.get("input")
        shown = repr(found) if not isinstance(found, dict) else "a mapping"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise RulesError(
            f"{where}:{line}" if line else where,
            f"key '{key}': {first['msg']}; found {shown[:120]}{more}",
            hint="Compare with rules/cts.yml; README.md describes every key.",
        ) from None
    _check_placeholders(rules)
    return rules


def _read(path: Path, seen: set[Path]) -> tuple[bytes, Positioned]:
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
        raise RulesError(exc.where, exc.detail, hint=exc.hint) from None
    if not isinstance(doc.value, dict):
        raise RulesError(
            where,
            f"a rule file is a mapping of keys (schema, network, checks, ...); "
            f"found {type(doc.value).__name__}",
            hint="Start from rules/cts.yml, or write 'extends: cts' and change what differs.",
        )
    parent = doc.value.pop("extends", None)
    if parent is None:
        return raw, doc
    if not isinstance(parent, str):
        raise RulesError(f"{where}:{doc.line_of('extends')}", "'extends' names one rule file")
    base_path = default_rules_path() if parent in ("cts", "cts.yml") else path.parent / parent
    base_raw, base = _read(base_path, seen)
    merged = _merge(base.value, doc.value)
    # Lines point into the extending file where it has the key, else nowhere useful.
    return base_raw + raw, Positioned(merged, dict(doc.lines))


def _merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = _merge(base.get(key), value) if key in base else value
        return out
    return override


_ALLOWED_FIELDS = {
    "licence",
    "found",
    "path",
    "count",
    "covered",
    "missing",
    "sections",
    "generator",
    "words",
    "detail",
    "network",
}


def _check_placeholders(rules: Rules) -> None:
    """Every placeholder in a text must be one the checks fill, so rendering never fails."""
    formatter = string.Formatter()

    def visit(where: str, texts: dict[str, str]) -> None:
        for lang, text in texts.items():
            try:
                names = {name for _, name, _, _ in formatter.parse(text) if name is not None}
            except ValueError as exc:
                raise RulesError(rules.source, f"key '{where}.{lang}': {exc}") from None
            unknown = names - _ALLOWED_FIELDS
            if unknown:
                raise RulesError(
                    rules.source,
                    f"key '{where}.{lang}': unknown placeholder {{{sorted(unknown)[0]}}}; "
                    f"allowed: {', '.join('{' + n + '}' for n in sorted(_ALLOWED_FIELDS))}",
                )
        missing = set(rules.languages) - set(texts)
        if missing:
            raise RulesError(
                rules.source,
                f"key '{where}': no text in {', '.join(sorted(missing))}, "
                f"one of the languages the rules list",
            )

    visit("texts.why", rules.texts.why)
    for name, reason in rules.texts.common.items():
        visit(f"texts.common.{name}.summary", reason.summary)
        visit(f"texts.common.{name}.fix", reason.fix)
    for check in ("code_licence", "media_licence", "working_method"):
        texts = rules.check_texts(check)
        visit(f"texts.{check}.title", texts.title)
        visit(f"texts.{check}.rule", texts.rule)
        for name, reason in texts.reasons.items():
            visit(f"texts.{check}.reasons.{name}.summary", reason.summary)
            visit(f"texts.{check}.reasons.{name}.fix", reason.fix)
