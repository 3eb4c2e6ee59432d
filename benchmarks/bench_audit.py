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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=1000)
    parser.add_argument("--orgs", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeGitHub() as fake:
        work = Path(tmp)
        populate(fake, args.repos, args.orgs)
        fake.rate_limit = 10**9
        wall, audited = audit(fake, work, args.orgs, args.jobs)
        cold_requests = len(fake.requests)
        cold_charged = fake.charged
        fake.clear_log()
        warm_wall, _ = audit(fake, work, args.orgs, args.jobs)
        warm_charged = fake.charged - cold_charged
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        history = (work / "history.sqlite").stat().st_size / 1e6
        cache = (work / "http-cache.sqlite").stat().st_size / 1e6
        print(f"audit of {audited} repositories in {args.orgs} organisation(s), {args.jobs} jobs")
        print(
            f"  cold cache : {wall:7.1f} s  {cold_requests / audited:5.2f} requests per repository"
            f"  ({cold_requests} requests, {cold_charged} charged)  target <= 3"
        )
        print(
            f"  re-audit   : {warm_wall:7.1f} s  {warm_charged} requests charged against the"
            f" rate limit ({len(fake.requests)} sent, {fake.count(status=304)} answered 304)"
            "  target 0"
        )
        print(f"  peak memory: {peak:7.1f} MB (both runs and the fake server, one process)")
        print(f"  databases  : history {history:.1f} MB, HTTP cache {cache:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
