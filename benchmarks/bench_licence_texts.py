"""Benchmark licence text identification over the whole SPDX License List.

Usage: python benchmarks/bench_licence_texts.py

Identifies every bundled licence text, as bundled and in realistic variants (copyright
filled in and re-wrapped, Markdown with a reworded title, title dropped with a third-party
notice appended), and prints for each variant: right, unidentified, wrong, false passes
(a text that is not OSI-approved passing the code licence rule) and OSI-approved texts
passed; then the time to identify one LICENSE (median, p90, max) and the time to prepare
the bundled texts, cold (first run) and warm (read back from the cache folder).
Targets: 0 wrong, 0 false passes, at least 145 OSI-approved texts passed in every variant,
under 20 ms median per LICENSE.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import licence_corpus as corpus  # noqa: E402

from cts_audit.licences import _texts, identify_text  # noqa: E402


def preparation() -> tuple[float, float]:
    """Seconds to prepare the texts with an empty cache folder, then with a filled one."""
    with tempfile.TemporaryDirectory() as home:
        os.environ["CTS_AUDIT_HOME"] = home
        _texts._templates.cache_clear()
        start = time.perf_counter()
        _texts._templates()
        cold = time.perf_counter() - start
        _texts._templates.cache_clear()
        start = time.perf_counter()
        _texts._templates()
        warm = time.perf_counter() - start
    return cold, warm


def main() -> int:
    cold, warm = preparation()
    classes = corpus.same_text()
    tallies: dict[str, corpus.Figures] = {}
    problems: list[str] = []
    times: list[float] = []
    for spdx_id, variant, text in corpus.files():
        start = time.perf_counter()
        match = identify_text(text)
        times.append(time.perf_counter() - start)
        reported = match.licence if match and match.method in ("exact", "template") else None
        problem = corpus.judge(
            spdx_id, reported, tallies.setdefault(variant, corpus.Figures()), classes
        )
        if problem:
            problems.append(f"{variant}: {problem}")
    head = f"{'variant':34} {'files':>5} {'right':>5} {'unid.':>5} {'wrong':>5} {'false+':>6}"
    print(f"{head} OSI passed")
    for variant, t in tallies.items():
        print(
            f"{variant:34} {t.files:5} {t.right:5} {t.unidentified:5} {t.wrong:5} "
            f"{t.false_passes:6} {t.osi_passed}/{t.osi_files}"
        )
    for problem in problems:
        print("  ", problem)
    times.sort()
    ms = [t * 1000 for t in times]
    print(
        f"identify one LICENSE ({len(ms)} files): median {statistics.median(ms):.1f} ms, "
        f"p90 {ms[int(0.9 * len(ms))]:.1f} ms, max {ms[-1]:.1f} ms"
    )
    count = len(_texts.bundled_licences())
    print(f"prepare the {count} texts: cold {cold:.2f} s, warm {warm * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
