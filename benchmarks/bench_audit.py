"""Benchmark an audit of whole GitHub organisations on the loopback GitHub.

Usage: python benchmarks/bench_audit.py [--repos 1000] [--orgs 1] [--jobs 8]

Prints, for a cold cache: requests per repository (listing included) and wall time; for an
immediate re-audit: requests counted against the rate limit; and peak memory (max RSS)
and database sizes. Targets: at most 3 requests per repository cold, 0 charged warm.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from multiprocessing import Pipe, Process
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from tests.github_fake import FakeGitHub  # noqa: E402

from cts_audit.audit import Auditor  # noqa: E402
from cts_audit.rules import load_rules  # noqa: E402
from cts_audit.sources.github import GitHubSource  # noqa: E402
from cts_audit.sources.registry.model import Registry, RepoRef  # noqa: E402
from cts_audit.store import Store  # noqa: E402

MIT = (ROOT / "examples/hackathon/projects/open-bike-data/LICENSE").read_text()
README = (ROOT / "examples/hackathon/projects/open-bike-data/README.md").read_text()


def populate(fake: FakeGitHub, repos: int, orgs: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    for index in range(repos):
        files: dict[str, bytes | str] = {"README.md": README, "src/app.py": "print(1)\n"}
        if rng.random() < 0.7:
            files["LICENSE"] = MIT
        if rng.random() < 0.5:
            files["docs/img/map.png"] = b"\x89PNG fake"
        for extra in range(rng.randrange(0, 20)):
            files[f"src/m{extra}.py"] = f"x = {extra}\n"
        fake.add_repo(f"org{index % orgs}/repo{index:05d}", files)


def audit(fake: FakeGitHub, work: Path, orgs: int, jobs: int) -> tuple[float, int]:
    rules = load_rules()
    refs: list[RepoRef] = []
    with (
        GitHubSource(
            token="bench-token", api_url=fake.base_url, cache_path=work / "http-cache.sqlite"
        ) as github,
        Store(work / "history.sqlite") as store,
    ):
        auditor = Auditor(rules, store, github=github, clone_dir=work / "clones", jobs=jobs)
        start = time.perf_counter()
        for org in range(orgs):
            listed = list(github.list_organisation(f"org{org}"))
            auditor.remember_listing(listed)
            for item in listed:
                owner, name = item.full_name.split("/")
                refs.append(
                    RepoRef("github.com", owner, name, f"https://github.com/{owner}/{name}")
                )
        registry = Registry.from_discovered("bench", None, refs, source="bench")
        run = auditor.run(registry, registry_id="bench", event=None)
        wall = time.perf_counter() - start
    return wall, len(run.audits)


def serve(repos: int, orgs: int, conn: Connection) -> None:
    """The fake GitHub in its own process, so the audit's memory is measured alone."""
    with FakeGitHub() as fake:
        populate(fake, repos, orgs)
        fake.rate_limit = 10**9
        conn.send(fake.base_url)
        conn.recv()  # until the benchmark is done


def stats(base_url: str) -> dict[str, int]:
    data: dict[str, int] = requests.get(f"{base_url}/_fake/stats", timeout=30).json()
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=1000)
    parser.add_argument("--orgs", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=8)
    args = parser.parse_args()
    parent, child = Pipe()
    server = Process(target=serve, args=(args.repos, args.orgs, child), daemon=True)
    server.start()
    base_url = parent.recv()
    fake = Remote(base_url)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            wall, audited = audit(fake, work, args.orgs, args.jobs)  # type: ignore[arg-type]
            cold = stats(base_url)
            peak_cold = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            warm_wall, _ = audit(fake, work, args.orgs, args.jobs)  # type: ignore[arg-type]
            warm = stats(base_url)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            history = (work / "history.sqlite").stat().st_size / 1e6
            cache = (work / "http-cache.sqlite").stat().st_size / 1e6
    finally:
        parent.send("done")
        server.join(timeout=10)
    cold_requests = cold["requests"]
    warm_sent = warm["requests"] - cold["requests"] - 1  # less the first stats request
    print(f"audit of {audited} repositories in {args.orgs} organisation(s), {args.jobs} jobs")
    print(
        f"  cold cache : {wall:7.1f} s  {cold_requests / audited:5.2f} requests per repository"
        f"  ({cold_requests} requests, {cold['charged']} charged)  target <= 3"
    )
    print(
        f"  re-audit   : {warm_wall:7.1f} s  {warm['charged'] - cold['charged']} requests charged"
        f" against the rate limit ({warm_sent} sent, "
        f"{warm['not_modified'] - cold['not_modified']} answered 304)  target 0"
    )
    print(
        f"  peak memory: {peak_cold:7.1f} MB after the cold audit, {peak:.1f} MB after both"
        " (the audit's process; the fake GitHub runs in another)"
    )
    print(f"  databases  : history {history:.1f} MB, HTTP cache {cache:.1f} MB")
    return 0


class Remote:
    """What ``audit`` needs of the fake: its URL (it runs in another process)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url


if __name__ == "__main__":
    sys.exit(main())
