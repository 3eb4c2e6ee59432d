"""Benchmark an audit of a whole GitHub organisation made from real repositories' content.

Usage:
    python benchmarks/bench_audit.py --mirrors DIR [--repos 1000] [--jobs 8]

DIR holds git repositories (bare or not, at any depth: ``DIR/owner+name/repo``,
``DIR/name.git``, checkouts...). Each is read at its HEAD and copied into the loopback
GitHub several times, each copy varied (its licence files removed, a gallery of the
corpus's own images added, files dropped, a contributing guide added, its README changed),
until the organisation holds ``--repos`` repositories. Nothing is written to the project:
the organisation lives in the fake GitHub's memory. Without ``--mirrors`` the example
projects in ``examples/hackathon/projects`` are used.

Prints, for a cold cache: the requests counted against the rate limit per repository (the
listing's share included): mean, median, 90th percentile, maximum, and the wall time; for
an immediate re-audit: the requests counted; the peak memory of the audit's process; the
sizes of the HTTP cache and the history. Targets: at most 3 counted per repository cold,
0 on the re-audit, the HTTP cache under 50 MB for 1,000 repositories.
"""

from __future__ import annotations

import argparse
import logging
import random
import resource
import statistics
import subprocess
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
from cts_audit.cli.audit_cmd import discover  # noqa: E402
from cts_audit.rules import load_rules  # noqa: E402
from cts_audit.sources.github import GitHubSource  # noqa: E402
from cts_audit.sources.local import folder_snapshot  # noqa: E402
from cts_audit.store import Store  # noqa: E402

ORG = "civic"
IMAGES = ("png", "jpg", "jpeg", "gif", "svg", "webp")
LICENCE_NAMES = ("license", "licence", "copying", "unlicense")

Content = tuple[dict[str, bytes], dict[str, str]]  # files, symlinks


def git_dirs(root: Path) -> list[Path]:
    """Git repositories below ``root``: bare ones (HEAD + objects) and checkouts (.git)."""
    found = []
    for head in sorted(root.rglob("HEAD")):
        folder = head.parent
        if (folder / "objects").is_dir() and (folder / "refs").is_dir():
            found.append(folder)
    return found


def read_git(git_dir: Path, max_file: int) -> Content:
    """The files and symlinks of HEAD; files above ``max_file`` bytes are cut there."""
    listing = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-z", "HEAD"],
        capture_output=True,
        check=False,
    ).stdout
    entries = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, sha = meta.split()
        if kind == b"blob":
            entries.append((mode.decode(), sha.decode(), path.decode("utf-8", "surrogateescape")))
    files: dict[str, bytes] = {}
    links: dict[str, str] = {}
    if not entries:
        return files, links
    batch = subprocess.run(
        ["git", "--git-dir", str(git_dir), "cat-file", "--batch"],
        input=b"".join(sha.encode() + b"\n" for _, sha, _ in entries),
        capture_output=True,
        check=True,
    ).stdout
    offset = 0
    for mode, _sha, path in entries:
        header_end = batch.index(b"\n", offset)
        header = batch[offset:header_end].split()
        if header[-1] == b"missing":  # a mirror may lack its largest files
            offset = header_end + 1
            continue
        size = int(header[2])
        data = batch[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
        if mode == "120000":
            links[path] = data.decode("utf-8", "surrogateescape")
        else:
            files[path] = data[:max_file]
    return files, links


def read_folder(folder: Path, max_file: int) -> Content:
    snapshot = folder_snapshot(folder)
    files = {e.path: snapshot.read(e.path, max_file).data for e in snapshot if e.kind == "file"}
    return files, {}


def vary(base: Content, index: int, rng: random.Random, gallery: list[bytes]) -> Content:
    """One copy of a real repository, changed the way hackathon repositories differ."""
    files, links = dict(base[0]), dict(base[1])
    if rng.random() < 0.35:  # nothing declares a licence: every scan runs
        for path in [p for p in files if p.rsplit("/", 1)[-1].lower().startswith(LICENCE_NAMES)]:
            del files[path]
    if rng.random() < 0.1:
        for path in rng.sample(sorted(files), k=len(files) // 5):
            del files[path]
    if gallery and rng.random() < 0.25:  # many images: the media check scans them
        for number in range(rng.randrange(20, 150)):
            files[f"assets/gallery/img{number:03d}.png"] = rng.choice(gallery)
    if rng.random() < 0.15:
        files["CONTRIBUTING.md"] = b"# Contributing\n\nOpen an issue, then a pull request.\n"
    readme = next((p for p in sorted(files) if p.lower().startswith("readme")), "README.md")
    files[readme] = files.get(readme, b"# Project\n") + f"\n\nCopy {index}.\n".encode()
    links = {p: t for p, t in links.items() if p not in files}
    return files, links


def populate(fake: FakeGitHub, sources: list[Path], repos: int, max_file: int) -> list[str]:
    bases: list[tuple[str, Content]] = []
    for source in sources:
        content = (
            read_git(source, max_file)
            if (source / "objects").is_dir()
            else read_folder(source, max_file)
        )
        if content[0]:
            bases.append((_name(source), content))
    gallery = [
        data
        for _, (files, _) in bases
        for path, data in files.items()
        if path.rsplit(".", 1)[-1].lower() in IMAGES and len(data) < 200_000
    ][:400]
    rng = random.Random(7)
    names = []
    for index in range(repos):
        name, base = bases[index % len(bases)]
        files, links = vary(base, index, rng, gallery)
        full_name = f"{ORG}/{name}-{index:04d}"
        fake.add_repo(full_name, dict(files), symlinks=links, language=None)
        names.append(full_name)
    return [name for name, _ in bases]


def _name(source: Path) -> str:
    name = source.name if source.name not in ("repo", ".git") else source.parent.name
    return name.removesuffix(".git").replace("+", "-").replace(".", "-")[:40]


def audit(base_url: str, work: Path, jobs: int) -> tuple[float, int]:
    with (
        GitHubSource(
            token="bench-token", api_url=base_url, cache_path=work / "http-cache.sqlite"
        ) as github,
        Store(work / "history.sqlite") as store,
    ):
        auditor = Auditor(load_rules(), store, github=github, clone_dir=work / "clones", jobs=jobs)
        start = time.perf_counter()
        registry = discover(f"org:{ORG}", github, auditor)
        run = auditor.run(registry, registry_id=f"org:{ORG}", event=None)
        wall = time.perf_counter() - start
    unread = [a for a in run.audits.values() if a.outcome != "ok"]
    for item in unread[:5]:
        print(f"  not read: {item.ref.full_name}: {item.detail}")
    return wall, len(run.audits)


def serve(sources: list[Path], repos: int, max_file: int, conn: Connection) -> None:
    """The fake GitHub in its own process, so the audit's memory is measured alone."""
    with FakeGitHub() as fake:
        bases = populate(fake, sources, repos, max_file)
        fake.rate_limit = 10**9
        fake.archive_compresslevel = 1  # the fake's CPU is not what is measured
        conn.send((fake.base_url, bases))
        conn.recv()  # until the benchmark is done


def stats(base_url: str) -> dict[str, object]:
    data: dict[str, object] = requests.get(f"{base_url}/_fake/stats", timeout=60).json()
    return data


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, help="folder of git repositories to copy")
    parser.add_argument("--repos", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--max-file", type=int, default=1024 * 1024, help="bytes kept per file")
    parser.add_argument("--log", type=Path, help="write the audit's retries and faults here")
    args = parser.parse_args()
    if args.log is not None:
        logging.basicConfig(filename=args.log, level=logging.INFO)
    if args.mirrors is not None:
        sources = git_dirs(args.mirrors)
    else:
        sources = sorted(p for p in (ROOT / "examples/hackathon/projects").iterdir() if p.is_dir())
    if not sources:
        print(f"no git repositories found below {args.mirrors}", file=sys.stderr)
        return 2
    parent, child = Pipe()
    server = Process(target=serve, args=(sources, args.repos, args.max_file, child), daemon=True)
    server.start()
    while not parent.poll(1.0):
        if not server.is_alive():
            print("the fake GitHub could not be built (see above)", file=sys.stderr)
            return 2
    base_url, bases = parent.recv()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            wall, audited = audit(base_url, work, args.jobs)
            cold = stats(base_url)
            peak_cold = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            warm_wall, _ = audit(base_url, work, args.jobs)
            warm = stats(base_url)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            history = sum(f.stat().st_size for f in work.glob("history.sqlite*")) / 1e6
            cache = sum(f.stat().st_size for f in work.glob("http-cache.sqlite*")) / 1e6
    finally:
        parent.send("done")
        server.join(timeout=10)
    by_repo: dict[str, int] = cold["charged_by_repo"]  # type: ignore[assignment]
    names = [f"{ORG}/{bases[i % len(bases)]}-{i:04d}".lower() for i in range(args.repos)]
    listing = by_repo.get("", 0) / len(names)
    per_repo = [by_repo.get(name, 0) + listing for name in names]
    above = sorted((c, n) for n, c in zip(names, per_repo, strict=True) if c > 3)
    for counted, name in above[-5:]:
        print(f"  above 3: {name}: {counted:.2f} counted")
    warm_charged = int(warm["charged"]) - int(cold["charged"])  # type: ignore[call-overload]
    print(
        f"audit of {audited} repositories made from {len(bases)} source repositories"
        f" ({args.mirrors or 'examples/hackathon/projects'}), {args.jobs} jobs"
    )
    print(
        f"  cold audit : {wall:7.1f} s  counted requests per repository (listing included):"
        f" mean {statistics.fmean(per_repo):.2f}, median {statistics.median(per_repo):.2f},"
        f" p90 {quantile(per_repo, 0.9):.2f}, max {max(per_repo):.2f}  target <= 3"
    )
    print(f"               {cold['charged']} counted in all, {cold['requests']} sent")
    print(f"  re-audit   : {warm_wall:7.1f} s  {warm_charged} requests counted  target 0")
    print(
        f"  peak memory: {peak_cold:7.1f} MB after the cold audit, {peak:.1f} MB after both"
        " (the audit's process; the fake GitHub runs in another)"
    )
    print(f"  databases  : HTTP cache {cache:.1f} MB (target < 50), history {history:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
