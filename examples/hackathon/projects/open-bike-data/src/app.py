"""Serve bicycle counts per street."""

import csv
import json
from pathlib import Path


def load_counts(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


if __name__ == "__main__":
    print(json.dumps(load_counts(Path("data/counts.csv"))[:5], indent=2))
