"""The checks: one module each, listed here once, run in this order."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import MappingProxyType

from ..errors import SourceUnavailable
from ..rules import Rules
from ..snapshot import Snapshot
from . import code_licence, media_licence, working_method
from .context import Context
from .interface import CheckResult, Status

log = logging.getLogger(__name__)

Check = Callable[[Context], CheckResult]

#: Every check, by name. Adding one here (and its texts in the rules) is all it takes.
CHECKS: MappingProxyType[str, Check] = MappingProxyType(
    {
        code_licence.NAME: code_licence.run,
        media_licence.NAME: media_licence.run,
        working_method.NAME: working_method.run,
    }
)
#: The reasons each check can give; the rules must word every one of them.
REASONS: MappingProxyType[str, frozenset[str]] = MappingProxyType(
    {
        code_licence.NAME: code_licence.REASONS,
        media_licence.NAME: media_licence.REASONS,
        working_method.NAME: working_method.REASONS,
    }
)


def enabled_checks(rules: Rules) -> list[str]:
    return [name for name in CHECKS if rules.check_rule(name).enabled]


def run_checks(snapshot: Snapshot, rules: Rules) -> dict[str, CheckResult]:
    """Run every enabled check. A check that breaks gives an ``error`` result, never a crash."""
    ctx = Context(snapshot, rules)
    results: dict[str, CheckResult] = {}
    for name in enabled_checks(rules):
        try:
            results[name] = CHECKS[name](ctx)
        except SourceUnavailable:
            raise  # the repository is not available: no verdict at all, not an error verdict
        except Exception as exc:  # one broken check must not stop the audit of the others
            log.warning("%s: check %s failed: %s", snapshot.name, name, exc, exc_info=True)
            detail = f"{type(exc).__name__}: {exc}"[:300]
            params = {"detail": detail, "internal": type(exc).__name__}
            results[name] = CheckResult(name, Status.ERROR, "error", params)
    return results


def unavailable(rules: Rules, detail: str) -> dict[str, CheckResult]:
    """Results for a repository the source could not deliver: not a verdict on the project."""
    return {
        name: CheckResult(name, Status.NOT_AVAILABLE, "not_available", {"detail": detail})
        for name in enabled_checks(rules)
    }


__all__ = ["CHECKS", "REASONS", "CheckResult", "Status", "enabled_checks", "run_checks"]
