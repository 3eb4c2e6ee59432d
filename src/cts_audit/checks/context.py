"""What the checks of one repository share: the snapshot, the rules and facts derived once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..rules import Rules
from ..snapshot import Snapshot
from .declarations import Declarations
from .files import Classified


@dataclass(frozen=True)
class Context:
    snapshot: Snapshot
    rules: Rules

    @cached_property
    def files(self) -> Classified:
        return Classified(self.snapshot, self.rules)

    @cached_property
    def declarations(self) -> Declarations:
        return Declarations(self.files)
