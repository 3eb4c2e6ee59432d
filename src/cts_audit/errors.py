"""The tool's one error hierarchy; the CLI turns these into messages and exit codes."""

from __future__ import annotations


class CtsAuditError(Exception):
    """Base of every error the tool reports to a user instead of a traceback.

    ``hint`` is an optional next step for the user ("Tip: ...").
    """

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(CtsAuditError):
    """A file the user gave us (rules, registry, configuration) cannot be used.

    ``where`` names the file and, when known, the line and key.
    """

    def __init__(self, where: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"{where}: {message}", hint=hint)
        self.where = where
        self.detail = message


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
