"""The tool's one error hierarchy; the CLI turns these into messages and exit codes."""

from __future__ import annotations

from .i18n import Text, say


class CtsAuditError(Exception):
    """Base of every error the tool reports to a user instead of a traceback.

    ``hint`` is an optional next step for the user ("Tip: ..."). Both may be given as a
    Message, which :meth:`text` and :meth:`tip` word in the run's language; ``message`` and
    ``hint`` are always the English words (for logs and the JSON).
    """

    exit_code = 2

    def __init__(self, message: Text, *, hint: Text | None = None) -> None:
        super().__init__(say(message, "en"))
        self.message = say(message, "en")
        self.hint = say(hint, "en") if hint is not None else None
        self.said = message
        self.said_hint = hint

    def __str__(self) -> str:
        return self.message

    def text(self, lang: str) -> str:
        """What went wrong, in the words of ``lang``."""
        return say(self.said, lang)

    def tip(self, lang: str) -> str | None:
        """What to do, in the words of ``lang``."""
        return say(self.said_hint, lang) if self.said_hint is not None else None


class InputError(CtsAuditError):
    """A file the user gave us (rules, registry, configuration) cannot be used.

    ``where`` names the file and, when known, the line and key.
    """

    def __init__(self, where: str, message: Text, *, hint: Text | None = None) -> None:
        super().__init__(f"{where}: {say(message, 'en')}", hint=hint)
        self.where = where
        self.detail = say(message, "en")
        self.said_detail = message

    def text(self, lang: str) -> str:
        return f"{self.where}: {say(self.said_detail, lang)}"


class RulesError(InputError):
    """A rule file is malformed."""


class RegistryError(InputError):
    """A registry file (YAML, Jekyll site, CSV) is malformed as a whole."""


class SourceError(CtsAuditError):
    """A repository could not be read (clone failed, path missing, API refused)."""


class SourceUnavailable(SourceError):
    """The source stopped answering part-way: the repository is not available this time.

    Raised from a snapshot's lazy reads, so no check ever judges a half-read repository.
    """


class SnapshotReadError(SourceError):
    """One file of a snapshot could not be read."""
