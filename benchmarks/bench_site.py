"""Benchmark rendering the report site from a history of many projects and runs.

Usage: python benchmarks/bench_site.py [--projects 1000] [--runs 10]

Fills a history database with synthetic results (no fetching), then times `build_site`
and prints pages rendered, wall time and peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cts_audit.checks.interface import CheckResult, Evidence, Status  # noqa: E402
from cts_audit.report.site import build_site  # noqa: E402
from cts_audit.rules import load_rules  # noqa: E402
from cts_audit.store import Store  # noqa: E402

REASONS = {
    "code_licence": {Status.PASS: "osi", Status.FAIL: "none", Status.WARN: "disagree"},
    "media_licence": {
        Status.PASS: "all_covered",
        Status.FAIL: "none_covered",
        Status.WARN: "some_covered",
    },
    "working_method": {
        Status.PASS: "documented",
        Status.FAIL: "too_short",
        Status.WARN: "readme_only",
    },
}


def fill(store: Store, projects: int, runs: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    events = [
        {
            "slug": f"event-{i}",
            "name": f"Hackathon {i}",
            "group": "stockholm",
            "starts": f"202{i % 6}-03-14",
            "ends": f"202{i % 6}-03-15",
            "url": None,
        }
        for i in range(20)
    ]
    for run_index in range(runs):
        run = store.start_run(
            tool_version="bench",
            rules_source="cts",
            rules_digest="d",
            network="CivicTechSweden",
            registry="bench",
            event=None,
            events=events,
        )
        records = {}
        for index in range(projects):
            key = f"github.com/team{index % 50}/project-{index:05d}"
            records[f"project-{index:05d}"] = {
                "key": f"project-{index:05d}",
                "name": f"Project {index}",
                "events": [events[index % 20]["slug"]],
                "theme": "Sharing is caring",
                "group": "stockholm",
                "language": "sv",
                "page_url": None,
                "issues_allowed": True,
                "repositories_registered": [f"https://{key}"],
                "repository_keys": [key],
            }
            checks = {}
            for check, reasons in REASONS.items():
                status = rng.choices([Status.PASS, Status.WARN, Status.FAIL], [6, 2, 2])[0]
                checks[check] = CheckResult(
                    check,
                    status,
                    reasons[status],
                    {"licence": "MIT", "count": 3, "covered": 1, "found": "MIT, ISC", "words": 4},
                    "MIT",
                    (Evidence("LICENSE: MIT text", path="LICENSE", confidence=1.0),),
                )
            store.record(
                run,
                key=key,
                full_name=key.split("/", 1)[1],
                url=f"https://{key}",
                outcome="ok",
                checks=checks,
                tree_sha=f"{run_index:040d}",
                info={"archived": False},
                continuation={
                    "event_end": "2026-03-15",
                    "status": "active",
                    "commits": {"1w": 3, "1m": 5, "6m": 9, "12m": 12},
                    "active_days": {"1w": 2, "1m": 4, "6m": 7, "12m": 9},
                    "contributors": 3,
                    "last_activity": "2026-09-01",
                    "archived": False,
                },
            )
        store.record_projects(run, records)
        store.finish_run(run)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with Store(work / "history.sqlite") as store:
            start = time.perf_counter()
            fill(store, args.projects, args.runs)
            filled = time.perf_counter() - start
            start = time.perf_counter()
            written = build_site(store, work / "site", load_rules())
            wall = time.perf_counter() - start
        pages = sum(1 for p in written if p.suffix == ".html")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"site for {args.projects} projects x {args.runs} runs "
            f"(history filled in {filled:.1f} s)"
        )
        print(
            f"  rendered   : {pages} pages, {len(written)} files in {wall:.1f} s"
            f" ({pages / wall:.0f} pages/s)"
        )
        print(f"  peak memory: {peak:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
