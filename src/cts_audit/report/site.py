"""The network's report site, rendered from the history: static, bilingual, no JavaScript.

Every link is relative, so the site works from ``file://`` and under any sub-path (GitHub
Pages). Nothing is fetched from another site. Contact data never reaches a page: only the
projects' public fields are stored in the history in the first place.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from .. import tool_version
from ..checks import enabled_checks
from ..checks.interface import CheckResult, Evidence, Status, worst
from ..continuation import WINDOWS
from ..explain import explain, why
from ..i18n import labels
from ..rules import Rules
from ..store import Recorded, Run, Store
from .counting import LOCALES, Tally, percent, tallies, tally_words
from .dates import day, event_name, event_when
from .environment import MARKS, environment, noun, safe_name
from .event import CSV_COLUMNS, csv_row, public_url, write_outputs
from .wording import evidence_text, notice_text, readable, unread_reason


@dataclass
class ProjectView:
    key: str
    data: dict[str, Any]
    repos: list[Recorded] = field(default_factory=list)
    history: list[tuple[Run, dict[str, Status]]] = field(default_factory=list)
    continuation: dict[str, Any] | None = None
    #: The repository whose continuation is shown, when the project has several.
    continuation_of: str | None = None
    #: The last thing `cts-audit issues --apply` did for each repository, by key.
    notices: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def status(self) -> Status:
        statuses = [r.status for rec in self.repos for r in rec.checks.values()]
        return worst(statuses) if statuses else Status.NOT_AVAILABLE


@dataclass(frozen=True)
class TrendPoint:
    """A population's state at the end of one audit date: each repository's latest result
    up to that day (repositories not audited by then are not counted yet)."""

    day: str
    counts: dict[str, Tally]
    repositories: int

    @property
    def shares(self) -> dict[str, float]:
        return {c: t.share for c, t in self.counts.items() if t.share is not None}


@dataclass
class SiteData:
    network: str
    runs: list[Run]
    events: dict[str, dict[str, Any]]
    projects: dict[str, ProjectView]
    trend: list[TrendPoint]
    event_trend: dict[str, list[TrendPoint]]


def collect(store: Store, rules: Rules, registry: str | None = None) -> SiteData:
    """Everything the site shows, from the history (the latest run wins for each project)."""
    runs = [r for r in store.runs(registry=registry) if r.state in ("complete", "interrupted")]
    checks = enabled_checks(rules)
    events: dict[str, dict[str, Any]] = {}
    projects: dict[str, ProjectView] = {}
    #: Every result of each repository, oldest first, with the day it was audited.
    timeline: dict[str, list[tuple[str, Recorded]]] = defaultdict(list)
    for run in runs:
        for event in run.event_list:
            events[str(event["slug"]).lower()] = event
        results = {rec.key: rec for rec in store.results(run.id)}
        for rec in results.values():
            timeline[rec.key].append((run.started_at[:10], rec))
        continuation = store.continuation(run.id)
        for key, data in store.projects(run.id).items():
            recs = [results[k] for k in _repo_keys(data) if k in results]
            view = projects.setdefault(key, ProjectView(key, data))
            view.data = data
            if recs:
                view.repos = recs
                view.history.append((run, _project_statuses(recs, checks)))
                conts = [(r, continuation[r.key]) for r in recs if r.key in continuation]
                if conts:
                    rec, view.continuation = max(conts, key=lambda c: c[1]["commits"]["12m"])
                    many = len(_repo_keys(data)) > 1
                    view.continuation_of = public_repository(rec)["name"] if many else None
    for view in projects.values():
        view.data["events"] = [str(slug).lower() for slug in view.data.get("events", [])]
        for rec in view.repos:
            notice = store.last_notice(rec.key)
            if notice is not None:
                view.notices[rec.key] = notice
    audited = [v for v in projects.values() if v.repos]
    everyone = {k for v in audited for k in _repo_keys(v.data) if k in timeline}
    event_trend = {}
    for slug in events:
        keys = {k for v in audited if slug in v.data["events"] for k in _repo_keys(v.data)}
        points = trend_points({k for k in keys if k in timeline}, timeline, checks)
        if points:
            event_trend[slug] = points
    network = runs[-1].network if runs else rules.network
    return SiteData(
        network, runs, events, projects, trend_points(everyone, timeline, checks), event_trend
    )


def trend_points(
    keys: set[str], timeline: Mapping[str, list[tuple[str, Recorded]]], checks: Sequence[str]
) -> list[TrendPoint]:
    """One point per audit date of these repositories, each over the same population: every
    repository's latest result up to that day, whichever run recorded it."""
    dates = sorted({when for key in keys for when, _ in timeline[key]})
    points = []
    for date in dates:
        latest = {}
        for key in keys:
            known = [rec for when, rec in timeline[key] if when <= date]
            if known:
                latest[key] = known[-1]
        rows = [{c: r.checks[c].status for c in checks if c in r.checks} for r in latest.values()]
        points.append(TrendPoint(date, tallies(rows, checks), len(latest)))
    return points


def _repo_keys(project: Mapping[str, Any]) -> list[str]:
    keys = project.get("repository_keys", [])
    return [str(k) for k in keys] if isinstance(keys, list) else []


def _project_statuses(records: list[Recorded], checks: Sequence[str]) -> dict[str, Status]:
    return {c: worst([r.checks[c].status for r in records if c in r.checks]) for c in checks}


# -- rendering --------------------------------------------------------------------------------


class Page:
    """Helpers bound to one language and one page depth, for the templates."""

    def __init__(self, lang: str, depth: int, rules: Rules) -> None:
        self.lang = lang
        self.locale = LOCALES.get(lang, lang)
        self.root = "../" * depth
        self.rules = rules
        self.words = labels(lang)
        self.titles = {
            check: explain(CheckResult(check, Status.PASS, "error"), rules, lang).title
            for check in enabled_checks(rules)
        }

    def date(self, value: str | None) -> str:
        if not value:
            return self.words["unknown"]
        return day(value, self.lang) or value

    def percent(self, value: float | None) -> str:
        """A share, or "–" when there is none (nothing was judged)."""
        return percent(value, self.lang)

    def tally(self, counts: Tally) -> str:
        """What a share counts and leaves out, in words."""
        return tally_words(counts, self.words, self.lang)

    def event_name(self, event: Mapping[str, Any]) -> str:
        """The event's title in the page's language when its registry has one."""
        return event_name(event, self.lang)

    def event_when(self, event: Mapping[str, Any]) -> str:
        return event_when(event, self.lang)

    def unread(self, detail: str | None) -> str:
        """Why a repository could not be read, in the page's language."""
        return unread_reason(detail, self.words, self.lang)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def counted(self, value: int, key: str) -> str:
        """A number and its noun in the right form: "1 contributor", "2 contributors"."""
        return f"{self.number(value)} {noun(value, self.words, key, self.lang)}"

    def notice(self, notice: Mapping[str, Any]) -> str:
        return notice_text(notice, self.words, self.lang)

    def evidence(self, evidence: Evidence) -> str:
        return evidence_text(evidence, self.words, self.lang)

    def repository(self, rec: Recorded) -> dict[str, str | None]:
        return public_repository(rec)

    def status(self, status: str) -> str:
        return f"{MARKS[status]} {self.words['status_' + status]}"

    def explain(self, result: CheckResult) -> Any:
        return explain(readable(result, self.words, self.lang), self.rules, self.lang)


def chart(trend: Sequence[TrendPoint], checks: Sequence[str], page: Page) -> dict[str, Any]:
    """Geometry of the trend chart: one line per check, share passing per audit date."""
    width, height, left, top, bottom = 640, 260, 48, 16, 40
    inner_w, inner_h = width - left - 16, height - top - bottom
    count = len(trend)
    step = inner_w / max(count - 1, 1)
    colours = ["#0b5cad", "#8a3b00", "#1e6b34", "#6b2d8a"]
    dashes = ["", "6 4", "2 3", "8 3 2 3"]
    lines = []
    for index, check in enumerate(checks):
        # An audit where the check judged nothing has no point; the line breaks there.
        segments: list[list[tuple[float, float]]] = [[]]
        for i, point in enumerate(trend):
            share = point.counts[check].share if check in point.counts else None
            if share is None:
                if segments[-1]:
                    segments.append([])
                continue
            x = left + i * step if count > 1 else left + inner_w / 2
            segments[-1].append((x, top + inner_h * (1 - share)))
        lines.append(
            {
                "check": check,
                "title": page.explain(CheckResult(check, Status.PASS, "error")).title,
                "colour": colours[index % len(colours)],
                "dash": dashes[index % len(dashes)],
                "segments": [
                    " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                    for segment in segments
                    if len(segment) > 1
                ],
                "dots": [point for segment in segments for point in segment],
            }
        )
    ticks = [{"y": top + inner_h * (1 - v), "label": page.percent(v)} for v in (0, 0.5, 1)]
    labels_x = [
        {
            "x": left + i * step if count > 1 else left + inner_w / 2,
            "label": page.date(point.day),
        }
        for i, point in enumerate(trend)
    ]
    if len(labels_x) > 6:  # keep the axis readable: first, last and a few between
        keep = {0, len(labels_x) - 1, *range(0, len(labels_x), max(1, len(labels_x) // 4))}
        labels_x = [item for i, item in enumerate(labels_x) if i in keep]
    for index, item in enumerate(labels_x):  # the outermost labels stay inside the chart
        last = index == len(labels_x) - 1
        item["anchor"] = (
            "start" if index == 0 and len(labels_x) > 1 else "end" if last and index else "middle"
        )
    return {
        "width": width,
        "height": height,
        "left": left,
        "top": top,
        "right": width - 16,
        "bottom": height - bottom,
        "lines": lines,
        "ticks": ticks,
        "labels_x": labels_x,
    }


def badge(status: Status, label: str, words: Mapping[str, str]) -> str:
    colours = {"pass": "#1e6b34", "warn": "#7a4d00", "fail": "#a4161a"}
    colour = colours.get(status.value, "#4a4a4a")
    text = words["status_" + status.value]
    return (
        environment()
        .get_template("site/badge.svg.j2")
        .render(
            label=label,
            text=text,
            colour=colour,
            label_width=8 + 7 * len(label),
            text_width=10 + 7 * len(text),
        )
    )


def build_site(
    store: Store,
    out_dir: Path,
    rules: Rules,
    *,
    registry: str | None = None,
    languages: Sequence[str] = ("sv", "en"),
    site_url: str | None = None,
) -> list[Path]:
    """Render every page into memory, then write them all at once.

    ``site_url`` is the address the site is published at (``https://example.org/report``);
    with it, the badge snippet for a README holds absolute addresses. Pages stay relative.
    """
    site_url = site_url.rstrip("/") if site_url else None
    data = collect(store, rules, registry)
    checks = enabled_checks(rules)
    env = environment()
    files: dict[str, str] = {}
    generated = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    event_projects: dict[str, list[ProjectView]] = defaultdict(list)
    for view in data.projects.values():
        for slug in view.data.get("events", []):
            if slug in data.events:
                event_projects[slug].append(view)
    # Events with projects lead, latest first; the others are only named (they have no page).
    by_date = sorted(
        data.events.items(), key=lambda i: (i[1].get("starts") or "", i[0]), reverse=True
    )
    with_projects = [event for slug, event in by_date if event_projects.get(slug)]
    without_projects = [event for slug, event in by_date if not event_projects.get(slug)]
    no_event = sorted(
        (
            v
            for v in data.projects.values()
            if not any(s in event_projects for s in v.data["events"])
        ),
        key=lambda v: v.data["name"].lower(),
    )
    langs = [lang for lang in languages if lang in rules.languages] or [rules.default_language]
    other = {lang: langs[(i + 1) % len(langs)] for i, lang in enumerate(langs)}
    common = {
        "network": data.network,
        "checks": checks,
        "version": tool_version(),
        "generated": generated,
        "windows": list(WINDOWS),
        "langs": langs,
        "site_url": site_url,
    }
    latest = data.trend[-1] if data.trend else TrendPoint("", tallies([], checks), 0)
    active = sum(
        1 for v in data.projects.values() if (v.continuation or {}).get("status") == "active"
    )
    known = [v for v in data.projects.values() if v.continuation]
    headline = {
        "events": len(with_projects),
        "projects": sum(1 for v in data.projects.values()),
        "repositories": latest.repositories,
        "counts": latest.counts,
        "active": active if known else None,
    }
    summaries = {}
    for slug, members in event_projects.items():
        statuses = Counter(
            (v.continuation or {}).get("status", "unknown") for v in members if v.repos
        )
        points = data.event_trend.get(slug)
        summaries[slug] = {
            "projects": len(members),
            "counts": points[-1].counts if points else tallies([], checks),
            "continuation": dict(statuses),
        }

    for lang in langs:
        top = Page(lang, 1, rules)
        files[f"{lang}/index.html"] = env.get_template("site/index.html.j2").render(
            page=top,
            words=top.words,
            why=why(rules, lang),
            headline=headline,
            events=with_projects,
            empty_events=without_projects,
            no_event=no_event,
            summaries=summaries,
            chart=chart(data.trend, checks, top),
            trend=data.trend,
            other=other[lang],
            path="index.html",
            **common,
        )
        deep = Page(lang, 2, rules)
        for slug, members in event_projects.items():
            members = sorted(members, key=lambda v: v.data["name"].lower())
            trend = data.event_trend.get(slug, [])
            files[f"{lang}/events/{safe_name(slug)}.html"] = env.get_template(
                "site/event.html.j2"
            ).render(
                page=deep,
                words=deep.words,
                event=data.events[slug],
                summary=summaries[slug],
                projects=members,
                chart=chart(trend, checks, deep),
                trend=trend,
                safe=safe_name,
                other=other[lang],
                path=f"events/{safe_name(slug)}.html",
                **common,
            )
        for view in data.projects.values():
            name = safe_name(view.key)
            files[f"{lang}/projects/{name}.html"] = env.get_template("site/project.html.j2").render(
                page=deep,
                words=deep.words,
                project=view,
                events={slug: data.events[slug] for slug in event_projects},
                safe=safe_name,
                other=other[lang],
                path=f"projects/{name}.html",
                **common,
            )
    default = langs[0]
    for view in data.projects.values():
        files[f"badges/{safe_name(view.key)}.svg"] = badge(
            view.status, data.network, labels(default)
        )
    files["index.html"] = env.get_template("site/root.html.j2").render(
        langs=[(lang, labels(lang), Page(lang, 0, rules)) for lang in langs],
        network=data.network,
        headline=headline,
        version=tool_version(),
    )
    files["assets/style.css"] = env.get_template("_style.css.j2").render()
    files["data/latest.json"], files["data/latest.csv"] = _downloads(data, rules, default)
    return write_outputs(files, out_dir)


def public_repository(rec: Recorded) -> dict[str, str | None]:
    """How a repository may be published: its name and web address (the new ones once
    renamed, with the old name kept), and for a local folder only the folder's name."""
    renamed = rec.info.get("renamed_to")
    if rec.key.startswith("local:"):
        return {"name": rec.full_name, "url": None, "renamed_from": None}
    if renamed:
        host = rec.key.split("/", 1)[0]
        return {"name": renamed, "url": f"https://{host}/{renamed}", "renamed_from": rec.full_name}
    return {"name": rec.full_name, "url": public_url(rec.url), "renamed_from": None}


def _downloads(data: SiteData, rules: Rules, lang: str) -> tuple[str, str]:
    rows = []
    for view in data.projects.values():
        for rec in view.repos:
            repo = public_repository(rec)
            for check, result in rec.checks.items():
                rows.append(
                    {
                        "project": view.data["name"],
                        "theme": view.data.get("theme") or "",
                        "group": view.data.get("group") or "",
                        "repository": repo["name"],
                        "url": repo["url"],
                        "outcome": rec.outcome,
                        "commit": rec.commit or rec.tree_sha or "",
                        "check": check,
                        "status": result.status.value,
                        "licence": result.licence or "",
                        "summary": explain(result, rules, lang).summary,
                        "archived": bool(rec.info.get("archived")),
                        "renamed_from": repo["renamed_from"],
                    }
                )
    latest = data.trend[-1].counts if data.trend else {}
    doc = {
        "schema_version": 1,
        "kind": "open-data",
        "network": data.network,
        "generated_by": f"cts-audit {tool_version()}",
        # The counts the pages show, by the one rule of every report (report/counting.py).
        "summary": {
            "network": {c: t.to_dict() for c, t in latest.items()},
            "events": {
                str(data.events[slug]["slug"]): {
                    c: t.to_dict() for c, t in points[-1].counts.items()
                }
                for slug, points in data.event_trend.items()
            },
        },
        "results": rows,
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = {
            **row,
            "url": row["url"] or "",
            "archived": "true" if row["archived"] else "false",
            "renamed_from": row["renamed_from"] or "",
        }
        writer.writerow(csv_row(cells))
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n", out.getvalue()
