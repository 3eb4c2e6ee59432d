"""`check` and `fix` stay lean: they never load the GitHub client or the HTTP cache."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[1] / "examples/hackathon/projects/valkompass"
#: What only `audit` and `issues` need, with the cryptography stack PyGithub brings.
HEAVY = ("github", "requests_cache", "requests", "cryptography", "urllib3", "nacl", "jwt")

PROBE = """
import json, sys
from cts_audit.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
loaded = sorted({m.split(".")[0] for m in sys.modules})
print(json.dumps(loaded), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(EXAMPLE)],
        ["check", "--format", "sarif", str(EXAMPLE)],
        ["check", "--format", "markdown", str(EXAMPLE)],
        ["fix", str(EXAMPLE), "--working-method", "--dry-run"],
    ],
)
def test_team_commands_do_not_load_what_only_the_audit_needs(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "cts_audit" in loaded  # the probe did run the command
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_a_second_check_starts_from_the_kept_policy_and_words() -> None:
    """The policy, the interface words and the names of licences are read once; later runs
    load neither the YAML parser, the validator, the glob library nor the licensing."""
    command = [sys.executable, "-c", PROBE, "check", "--lang", "sv", str(EXAMPLE)]
    subprocess.run(command, capture_output=True, text=True, check=False)
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    loaded = set(json.loads(again.stderr.strip().splitlines()[-1]))
    assert "cts_audit" in loaded
    # Nor the whole SPDX licensing: the example's licences are each named in one word.
    unneeded = {"yaml", "pydantic", "pydantic_core", "pathspec", "license_expression"}
    assert not loaded & unneeded, sorted(loaded & unneeded)
