"""One friendly GitHub issue per repository: opened, updated, closed, never twice.

The issue is found again by a hidden marker in its body, never by its title, so a run
that dies after creating an issue and before recording it finds the issue next time.
Nothing is written when the findings did not change.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import jinja2
import requests
from github import GithubException
from github.GithubException import RateLimitExceededException
from github.Issue import Issue
from github.Repository import Repository

from .checks.interface import CheckResult, Status
from .errors import SourceError
from .explain import explain, why
from .i18n import Message, labels, say
from .report.environment import ICONS, md_code, md_escape, safe_name
from .report.wording import reuse_toml
from .rules import Rules
from .sources.github import GitHubSource, RateLimited
from .sources.registry.model import Project, RepoRef

log = logging.getLogger(__name__)

MARKER = "<!-- cts-audit:issue -->"
LABEL = "cts-audit"
LABEL_COLOUR = "0b5cad"
#: A repository topic (or an issue label) with one of these names asks for no issues.
OPT_OUT = frozenset({"cts-audit-opt-out", "no-cts-audit"})
_FINGERPRINT = re.compile(r"<!-- cts-audit:findings=([0-9a-f]{16}) -->")
#: Added to the body when cts-audit closes an issue because the repository is compliant. An
#: issue closed without it was closed by the team, and stays closed.
CLOSED_MARK = "<!-- cts-audit:closed-as-compliant -->"
#: How many issues are read per repository when looking for the marker without the label.
SCAN_LIMIT = 300

Action = Literal["open", "update", "reopen", "close", "nothing", "skip", "could_not_notify"]


@dataclass(frozen=True)
class Plan:
    """What to do for one repository, and the words for it.

    ``why`` is the reason, for the run's language; ``reason`` is its English words, as the
    history records them. ``language`` is the team's, which the issue is written in.
    """

    ref: RepoRef
    action: Action
    why: Message
    language: str
    title: str = ""
    body: str = ""
    comment: str = ""
    issue_number: int | None = None
    fingerprint: str = ""

    @property
    def reason(self) -> str:
        return say(self.why, "en")


def fingerprint(results: Mapping[str, CheckResult]) -> str:
    """Identifies the findings an issue describes: same findings, same text, no write."""
    data = [
        (name, r.status.value, r.reason, sorted(map(str, r.params.values())), list(r.files))
        for name, r in sorted(results.items())
        if r.status in (Status.FAIL, Status.WARN, Status.WAIVED)
    ]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:16]


def problems(results: Mapping[str, CheckResult]) -> dict[str, CheckResult]:
    return {n: r for n, r in results.items() if r.status in (Status.FAIL, Status.WARN)}


class Texts:
    """The issue's words: Jinja2 templates per language, which organisers can override."""

    def __init__(self, rules: Rules, override: Path | None = None, site_url: str | None = None):
        loaders: list[jinja2.BaseLoader] = []
        if override is not None:
            loaders.append(jinja2.FileSystemLoader(str(override)))
        loaders.append(jinja2.PackageLoader("cts_audit", "templates/issues"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown; repository text goes through the `md` filter
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["md"] = md_escape
        self.env.filters["code"] = md_code
        self.rules = rules
        self.site_url = site_url.rstrip("/") if site_url else None

    def language(self, project: Project | None) -> str:
        wanted = project.language if project else None
        return self.rules.language(wanted)

    def _template(self, name: str, lang: str) -> jinja2.Template:
        try:
            return self.env.get_template(f"{name}.{lang}.md.j2")
        except jinja2.TemplateNotFound:
            return self.env.get_template(f"{name}.en.md.j2")

    def render(
        self,
        name: str,
        lang: str,
        ref: RepoRef,
        project: Project | None,
        results: Mapping[str, CheckResult],
        print_fingerprint: str,
    ) -> str:
        waived = []
        for check, result in results.items():
            if result.status is Status.WAIVED:
                inert = replace(result, params={k: md_escape(v) for k, v in result.params.items()})
                words = explain(inert, self.rules, lang)
                waived.append({"name": check, "title": words.title, "summary": words.summary})
        checks = []
        for check, result in problems(results).items():
            # Values from the repository (file names, licence strings) go in as plain text.
            inert = replace(result, params={k: md_escape(v) for k, v in result.params.items()})
            words = explain(inert, self.rules, lang)
            checks.append(
                {
                    "name": check,
                    "title": words.title,
                    "rule": words.rule,
                    "summary": words.summary,
                    "fix": words.fix,
                    "status": result.status.value,
                    "reason": result.reason,
                    "files": list(result.files),
                    "files_total": result.files_total,
                    "reuse_toml": reuse_toml(check, result.reason, result.annotate, labels(lang)),
                    "icon": ICONS[result.status.value],
                }
            )
        page = (
            f"{self.site_url}/{lang}/projects/{safe_name(project.key)}.html"
            if (self.site_url and project)
            else None
        )
        text = self._template(name, lang).render(
            network=self.rules.network,
            network_url=self.rules.network_url,
            why=why(self.rules, lang),
            repository=ref.full_name,
            project=project.name if project else ref.full_name,
            checks=checks,
            waived=waived,
            waived_title=labels(lang)["waived_title"],
            page_url=page,
            marker=MARKER,
            fingerprint=f"<!-- cts-audit:findings={print_fingerprint} -->",
            opt_out=sorted(OPT_OUT)[0],
        )
        if name == "body":
            # The marker finds the issue again; a replacement template cannot lose it.
            hidden = (MARKER, f"<!-- cts-audit:findings={print_fingerprint} -->")
            missing = "".join(f"{m}\n" for m in hidden if m not in text)
            text = missing + text
        return text


def plan_for(
    ref: RepoRef,
    projects: list[Project],
    results: Mapping[str, CheckResult] | None,
    info: Mapping[str, Any],
    existing: Issue | None,
    texts: Texts,
) -> Plan:
    """Decide what to do; pure, so the dry run prints exactly what --apply would do."""
    project = projects[0] if projects else None
    lang = texts.language(project)
    if any(not p.issues_allowed for p in projects):
        return Plan(ref, "skip", Message("plan_registry"), lang)
    if OPT_OUT & set(info.get("topics") or ()):
        return Plan(ref, "skip", Message("plan_topic"), lang)
    if info.get("archived"):
        return Plan(ref, "skip", Message("plan_archived"), lang)
    if results is None:
        return Plan(ref, "skip", Message("plan_not_audited"), lang)
    if any(r.status is Status.NOT_AVAILABLE for r in results.values()):
        return Plan(ref, "skip", Message("plan_unreadable"), lang)
    if existing is not None and OPT_OUT & {label.name for label in existing.labels}:
        return Plan(ref, "skip", Message("plan_label"), lang, issue_number=existing.number)
    found = problems(results)
    number = existing.number if existing is not None else None
    if not found:
        if existing is not None and existing.state == "open":
            comment = texts.render("thanks", lang, ref, project, results, "")
            return Plan(
                ref,
                "close",
                Message("plan_compliant_now"),
                lang,
                comment=comment,
                issue_number=number,
            )
        return Plan(ref, "nothing", Message("plan_compliant"), lang, issue_number=number)
    print_ = fingerprint(results)
    title = texts.render("title", lang, ref, project, results, print_).strip()
    body = texts.render("body", lang, ref, project, results, print_)
    if existing is None:
        return Plan(
            ref, "open", Message("plan_findings_new"), lang, title, body, fingerprint=print_
        )
    old = _FINGERPRINT.search(existing.body or "")
    if existing.state == "closed":
        if CLOSED_MARK not in (existing.body or ""):
            return Plan(ref, "skip", Message("plan_team_closed"), lang, issue_number=number)
        comment = texts.render("reopen", lang, ref, project, results, print_)
        return Plan(
            ref,
            "reopen",
            Message("plan_falls_short_again"),
            lang,
            title,
            body,
            comment,
            number,
            print_,
        )
    if old is not None and old.group(1) == print_:
        return Plan(ref, "nothing", Message("plan_unchanged"), lang, issue_number=number)
    return Plan(
        ref,
        "update",
        Message("plan_changed"),
        lang,
        title,
        body,
        issue_number=number,
        fingerprint=print_,
    )


class Notifier:
    """Finds the marked issue of each repository and applies plans, within a cap."""

    def __init__(
        self,
        github: GitHubSource,
        *,
        max_open: int,
        apply: bool,
        wait: Callable[[RateLimited], None] | None = None,
    ) -> None:
        self.github = github
        self.max_open = max_open
        self.apply = apply
        #: Waits for a rate limit (with a countdown); None: a rate limit ends the run.
        self.wait = wait
        self.opened = 0
        self._labelled: dict[str, bool] = {}

    def repository(self, ref: RepoRef, info: Mapping[str, Any] | None = None) -> Repository:
        """The repository under the name the last audit found: writes to a renamed
        repository's old name would be redirected, and GitHub does not follow those."""
        name = str((info or {}).get("renamed_to") or ref.full_name)
        return self.github.github.get_repo(name)

    def find(self, repo: Repository) -> Issue | None:
        """The marked issue, open or closed: by label first, then by a bounded scan."""
        for issue in repo.get_issues(state="all", labels=[LABEL]):
            if MARKER in (issue.body or ""):
                return issue
        for index, issue in enumerate(repo.get_issues(state="all")):
            if index >= SCAN_LIMIT:
                break
            if MARKER in (issue.body or ""):
                return issue
        return None

    def carry_out(self, repo: Repository, plan: Plan, existing: Issue | None) -> Plan:
        """Apply ``plan``; returns the plan as done (a refused write becomes could_not_notify)."""
        if not self.apply or plan.action in ("nothing", "skip", "could_not_notify"):
            return plan
        if plan.action in ("open", "reopen") and self.opened >= self.max_open:
            return Plan(
                plan.ref,
                "skip",
                Message.of("plan_cap", max=self.max_open),
                plan.language,
                plan.title,
                plan.body,
                issue_number=plan.issue_number,
            )
        # Counted once done: a write refused by a rate limit is tried again, not counted.
        done = self._write(repo, plan, existing)
        if done.action in ("open", "reopen"):
            self.opened += 1
        return done

    def _write(self, repo: Repository, plan: Plan, existing: Issue | None) -> Plan:
        if plan.action == "open":
            labels = [LABEL] if self._ensure_label(repo) else []
            issue = repo.create_issue(title=plan.title, body=plan.body, labels=labels)
            number = issue.number
            if not isinstance(number, int):
                # No issue in the answer (a redirect, say): nothing is reported as opened.
                return Plan(
                    plan.ref,
                    "could_not_notify",
                    Message("plan_unconfirmed"),
                    plan.language,
                )
            return _with_number(plan, number)
        assert existing is not None
        if plan.action == "update":
            existing.edit(title=plan.title, body=plan.body)
        elif plan.action == "reopen":
            existing.edit(title=plan.title, body=plan.body, state="open")
            existing.create_comment(plan.comment)
        elif plan.action == "close":
            existing.create_comment(plan.comment)
            existing.edit(
                body=f"{existing.body or ''}\n{CLOSED_MARK}\n",
                state="closed",
                state_reason="completed",
            )
        return plan

    def _ensure_label(self, repo: Repository) -> bool:
        """Whether the label exists or could be made. Only collaborators may create (or set)
        labels; anyone else still opens the issue, without it: the marker finds it again."""
        if repo.full_name in self._labelled:
            return self._labelled[repo.full_name]
        try:
            repo.get_label(LABEL).color  # noqa: B018  (lazy object: this is the GET)
            usable = True
        except GithubException as exc:
            if exc.status != 404:
                raise
            try:
                repo.create_label(LABEL, LABEL_COLOUR, "Open-sharing checklist from cts-audit")
                usable = True
            except GithubException as create_exc:
                if create_exc.status == 422:  # already exists (a race): fine
                    usable = True
                elif create_exc.status in (403, 404):  # not a collaborator: no label
                    usable = False
                else:
                    raise
        self._labelled[repo.full_name] = usable
        return usable


def _with_number(plan: Plan, number: int) -> Plan:
    return Plan(
        plan.ref,
        plan.action,
        plan.why,
        plan.language,
        plan.title,
        plan.body,
        plan.comment,
        number,
        plan.fingerprint,
    )


def notify_all(
    items: Iterable[
        tuple[RepoRef, list[Project], Mapping[str, CheckResult] | None, Mapping[str, Any]]
    ],
    notifier: Notifier,
    texts: Texts,
    record: Callable[[Plan], None],
) -> list[Plan]:
    """Plan (and, with apply, carry out) every repository; one failure never stops the rest."""
    done: list[Plan] = []
    for ref, projects, results, info in items:
        if not ref.is_github:
            plan = Plan(
                ref,
                "skip",
                Message("plan_not_github"),
                texts.language(projects[0] if projects else None),
            )
            record(plan)
            done.append(plan)
            continue
        try:
            plan = _plan_and_carry_out(ref, projects, results, info, texts, notifier)
        except GithubException as exc:
            plan = Plan(ref, "could_not_notify", _why_not(exc), texts.language(None))
        except requests.RequestException as exc:
            # No answer: the issue may or may not exist now. Never sent twice; the next run
            # finds it by its marker if GitHub did create it.
            plan = Plan(
                ref,
                "could_not_notify",
                Message.of("plan_no_answer", error=type(exc).__name__),
                texts.language(None),
            )
        record(plan)
        done.append(plan)
    return done


def _plan_and_carry_out(
    ref: RepoRef,
    projects: list[Project],
    results: Mapping[str, CheckResult] | None,
    info: Mapping[str, Any],
    texts: Texts,
    notifier: Notifier,
) -> Plan:
    """One repository's plan, carried out; a rate limit is waited for (a refused request did
    nothing, so asking again writes nothing twice), or ends the run cleanly."""
    for _ in range(4):
        try:
            plan = plan_for(ref, projects, results, info, None, texts)
            if plan.action != "skip":
                # Only now is GitHub asked: skipped repositories cost no request.
                repo = notifier.repository(ref, info)
                existing = notifier.find(repo)
                plan = plan_for(ref, projects, results, info, existing, texts)
                plan = notifier.carry_out(repo, plan, existing)
            return plan
        except RateLimitExceededException as exc:
            limited = notifier.github.limited_from(exc)
        if notifier.wait is None:
            break
        notifier.wait(limited)
    raise SourceError(
        Message.of("plan_rate_limited", repository=ref.full_name, limit=limited.said),
        hint=Message("plan_rate_limited_hint"),
    )


def _why_not(exc: GithubException) -> Message:
    if exc.status == 410:
        return Message("plan_disabled")
    if exc.status in (401, 403):
        return Message.of("plan_token_may_not_write", status=exc.status)
    if exc.status == 404:
        return Message("plan_not_visible")
    return Message.of("plan_github_answered", status=exc.status)
