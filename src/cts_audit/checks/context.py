"""What the checks of one repository share: the snapshot, the rules and facts derived once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..i18n import said
from ..rules import Rules
from ..snapshot import Snapshot
from ..team_config import EMPTY, TeamConfig, TeamConfigError, read_team_config
from .declarations import Declarations, Problem
from .files import Classified


@dataclass(frozen=True)
class Context:
    snapshot: Snapshot
    rules: Rules

    @cached_property
    def team_config(self) -> tuple[TeamConfig, TeamConfigError | None]:
        """The team's `.cts-audit.yml`; one that cannot be used declares nothing, and says so."""
        try:
            return read_team_config(self.snapshot), None
        except TeamConfigError as exc:
            return EMPTY, exc

    @cached_property
    def default_readme(self) -> str | None:
        """The generator or starter whose default README the repository's README still is:
        what it says is the starter's (working method and code licence alike)."""
        from .working_method import default_readme  # the check that knows READMEs

        return default_readme(self)

    @cached_property
    def files(self) -> Classified:
        return Classified(self.snapshot, self.rules, self.team_config[0])

    @cached_property
    def declarations(self) -> Declarations:
        decls = Declarations(self.files)
        error = self.team_config[1]
        if error is not None:
            where, _, line = error.where.partition(":")
            decls.problems.append(
                Problem(
                    where,
                    error.detail,
                    int(line) if line.isdigit() else None,
                    kind="team_config_unusable",
                    params={"detail": error.detail[:300], **said("detail", error.said_detail)},
                )
            )
        return decls
