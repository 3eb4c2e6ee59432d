"""Fixture repositories written by the tests: real folders and real git repositories."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

MIT_TEXT = (
    Path(__file__).parents[1] / "examples/hackathon/projects/open-bike-data/LICENSE"
).read_text()

#: A tiny valid PNG (1x1), so media files are real images.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
)

GOOD_README = """# Bike counter

Bike counter shows how many people cycle past each counting station in the city, week by
week, so that residents and planners can look at the same numbers together.

## Running it

Install the requirements and start the server with python app.py.
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (path → text or bytes) below ``root``; return ``root``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def git_repo(root: Path, files: dict[str, str | bytes], message: str = "Initial commit") -> Path:
    """A real git repository with ``files`` committed on ``main``."""
    write_tree(root, files)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Team",
        "GIT_AUTHOR_EMAIL": "team@example.org",
        "GIT_COMMITTER_NAME": "Team",
        "GIT_COMMITTER_EMAIL": "team@example.org",
    }
    for cmd in (
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", "-A"],
        ["git", "commit", "-q", "-m", message],
    ):
        subprocess.run(cmd, cwd=root, check=True, env=env, capture_output=True)
    return root
