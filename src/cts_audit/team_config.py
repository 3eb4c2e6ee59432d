"""A team's own declarations, in its repository's `.cts-audit.yml`.

```yaml
third_party:            # files that are someone else's work, with their licence and source
  - path: static/fonts/           # a file, a folder (ending in /) or a gitignore-style glob
    licence: OFL-1.1              # an SPDX expression (LicenseRef-... for other terms)
    source: https://fonts.google.com/specimen/Inter
ignore:                 # paths that are not the team's work at all (generated, downloaded)
  - data/raw/
```

Declared files are not the team's to licence: the checks leave them out and show what was
declared. A file that cannot be used is an error naming the file, the line and what to write.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import licences
from .errors import InputError
from .i18n import Message, Text
from .snapshot import Snapshot

if TYPE_CHECKING:  # read only when a repository has the file: most checks never need them
    import pathspec

    from .yamlpos import Positioned

#: The file names read, the first found wins.
CONFIG_NAMES = (".cts-audit.yml", ".cts-audit.yaml")
_TOP_KEYS = ("third_party", "ignore")
_ENTRY_KEYS = ("path", "licence", "source")
#: Spellings accepted for a key.
_ALIASES = {"license": "licence", "third-party": "third_party", "thirdparty": "third_party"}
_MAX_BYTES = 256 * 1024


class TeamConfigError(InputError):
    """`.cts-audit.yml` cannot be used as written."""


@dataclass(frozen=True)
class ThirdParty:
    """Files the team says are someone else's, under ``licence``, from ``source``."""

    path: str
    licence: str
    source: str
    line: int | None = None


@dataclass(frozen=True)
class TeamConfig:
    path: str | None = None
    third_party: tuple[ThirdParty, ...] = ()
    ignore: tuple[str, ...] = ()

    @cached_property
    def _ignore_spec(self) -> pathspec.PathSpec:  # type: ignore[type-arg]
        import pathspec

        return pathspec.PathSpec.from_lines("gitignore", self.ignore)

    @cached_property
    def _third_party_specs(self) -> list[tuple[pathspec.PathSpec, ThirdParty]]:  # type: ignore[type-arg]
        import pathspec

        return [(pathspec.PathSpec.from_lines("gitignore", [t.path]), t) for t in self.third_party]

    @property
    def is_ignored(self) -> Callable[[str], bool]:
        if not self.ignore:
            return lambda _path: False
        return self._ignore_spec.match_file

    def third_party_for(self, path: str) -> ThirdParty | None:
        """The declaration that names ``path``; the last one written wins."""
        if not self.third_party:
            return None
        for spec, item in reversed(self._third_party_specs):
            if spec.match_file(path):
                found: ThirdParty = item
                return found
        return None


EMPTY = TeamConfig()


def read_team_config(snapshot: Snapshot) -> TeamConfig:
    """The snapshot's `.cts-audit.yml`, or an empty one. Raises TeamConfigError."""
    name = next((n for n in CONFIG_NAMES if snapshot.exists(n)), None)
    if name is None:
        return EMPTY
    entry = snapshot.get(name)
    if entry is not None and entry.size > _MAX_BYTES:
        raise TeamConfigError(name, Message.of("team_too_large", kib=_MAX_BYTES // 1024))
    text = snapshot.read_text(name)
    if text is None:
        raise TeamConfigError(name, Message("team_not_text"), hint=Message("team_not_text_hint"))
    return parse_team_config(text, name)


def parse_team_config(text: str, name: str = CONFIG_NAMES[0]) -> TeamConfig:
    from .yamlpos import load_yaml

    try:
        doc = load_yaml(text, name)
    except InputError as exc:
        raise TeamConfigError(exc.where, exc.said_detail, hint=exc.said_hint) from None
    for dup in doc.duplicates:
        raise TeamConfigError(f"{name}:{dup.again}", dup.said)
    value = doc.value
    if value is None:
        return TeamConfig(path=name)
    if not isinstance(value, dict):
        raise _error(doc, name, (), Message("team_not_mapping"))
    third: list[ThirdParty] = []
    ignore: list[str] = []
    for raw_key, item in value.items():
        key = _key(doc, name, (), raw_key, _TOP_KEYS)
        if key == "third_party":
            third = _third_party(doc, name, raw_key, item)
        else:
            ignore = _strings(doc, name, (raw_key,), item, "ignore")
    return TeamConfig(path=name, third_party=tuple(third), ignore=tuple(ignore))


def _third_party(doc: Positioned, name: str, raw_key: str, value: Any) -> list[ThirdParty]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _error(doc, name, (raw_key,), Message("team_third_party_not_list"))
    out = []
    for index, item in enumerate(value):
        at = (raw_key, index)
        if not isinstance(item, dict):
            raise _error(doc, name, at, Message.of("team_entry_not_mapping", number=index + 1))
        fields: dict[str, str] = {}
        for raw, field_value in item.items():
            key = _key(doc, name, at, raw, _ENTRY_KEYS)
            if not isinstance(field_value, str) or not field_value.strip():
                not_text = Message.of("team_entry_not_text", key=key, number=index + 1)
                raise _error(doc, name, (*at, raw), not_text)
            fields[key] = field_value.strip()
        missing = [k for k in _ENTRY_KEYS if k not in fields]
        if missing:
            raise _error(
                doc,
                name,
                at,
                Message.of(
                    "team_entry_missing",
                    number=index + 1,
                    missing=_and(missing),
                ),
            )
        expr = licences.parse(fields["licence"])
        if not expr.valid or not expr.ids:
            raise _error(
                doc,
                name,
                (*at, _raw_of(item, "licence")),
                Message.of(
                    "team_entry_not_spdx", licence=repr(fields["licence"]), number=index + 1
                ),
                hint=Message("team_entry_not_spdx_hint"),
            )
        line = doc.line_of(*at)
        out.append(
            ThirdParty(
                fields["path"].lstrip("/"), expr.normalised or expr.text, fields["source"], line
            )
        )
    return out


def _and(names: list[str]) -> Text:
    """``a and b and c``, the conjunction in the run's language."""
    if len(names) == 1:
        return names[0]
    return Message.of("team_and", first=names[0], second=_and(names[1:]))


def _raw_of(item: dict[str, Any], key: str) -> str:
    return next((k for k in item if _ALIASES.get(str(k).lower(), str(k).lower()) == key), key)


def _strings(doc: Positioned, name: str, at: tuple[Any, ...], value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _error(doc, name, at, Message.of("team_not_paths", key=key))
    return [v.strip() for v in value]


def _key(
    doc: Positioned, name: str, at: tuple[Any, ...], raw: Any, allowed: tuple[str, ...]
) -> str:
    key = _ALIASES.get(str(raw).lower(), str(raw).lower())
    if key in allowed:
        return key
    close = difflib.get_close_matches(str(raw), allowed, n=1)
    hint = Message.of("team_did_you_mean", key=repr(close[0])) if close else None
    raise _error(
        doc,
        name,
        (*at, raw),
        Message.of("team_unknown_key", key=repr(str(raw)), allowed=", ".join(allowed)),
        hint=hint,
    )


def _error(
    doc: Positioned,
    name: str,
    at: tuple[Any, ...],
    message: Message,
    *,
    hint: Message | None = None,
) -> TeamConfigError:
    line = doc.line_of(*at) if at else None
    return TeamConfigError(f"{name}:{line}" if line else name, message, hint=hint)
