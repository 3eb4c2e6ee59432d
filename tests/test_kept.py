"""What a run derives from files is kept while the files are unchanged, and never piles up."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

from cts_audit import kept


def _cache() -> Path:
    return Path(os.environ["CTS_AUDIT_HOME"]) / "cache"


def test_a_kept_value_is_recalled_until_a_file_it_was_made_from_changes(tmp_path: Path) -> None:
    source = tmp_path / "words.yml"
    source.write_text("one: 1\n")
    kept.keep("words", "en", "kept.py", [(str(source), kept.file_digest(source))], {"one": 1})
    assert kept.recall("words", "en", "kept.py") == {"one": 1}
    assert kept.recall("words", "sv", "kept.py") is None  # another key

    source.write_text("one: 2\n")
    assert kept.recall("words", "en", "kept.py") is None
    source.unlink()
    assert kept.recall("words", "en", "kept.py") is None


def test_a_damaged_entry_is_made_again() -> None:
    kept.keep("words", "en", "kept.py", (), {"one": 1})
    (entry,) = _cache().glob("words-*.pickle")
    entry.write_bytes(b"\x80\x05not a pickle")
    assert kept.recall("words", "en", "kept.py") is None


def test_entries_not_written_for_a_month_go_when_their_kind_is_kept_again() -> None:
    kept.keep("words", "old", "kept.py", (), 1)
    kept.keep("words", "recent", "kept.py", (), 2)
    kept.keep("names", "old", "kept.py", (), 3)
    month_ago = time.time() - kept.STALE_AFTER - 60
    for entry in _cache().glob("*.pickle"):
        if _holds(entry, 1) or _holds(entry, 3):
            os.utime(entry, (month_ago, month_ago))

    kept.keep("words", "new", "kept.py", (), 4)
    assert kept.recall("words", "old", "kept.py") is None
    assert kept.recall("words", "recent", "kept.py") == 2
    assert kept.recall("words", "new", "kept.py") == 4
    assert kept.recall("names", "old", "kept.py") == 3  # another kind is left alone


def _holds(entry: Path, value: object) -> bool:
    return bool(pickle.loads(entry.read_bytes())[1] == value)


def test_an_entry_others_may_write_is_never_loaded() -> None:
    kept.keep("words", "en", "kept.py", (), {"one": 1})
    (entry,) = _cache().glob("words-*.pickle")
    entry.chmod(0o666)
    assert kept.recall("words", "en", "kept.py") is None
    entry.chmod(0o644)
    assert kept.recall("words", "en", "kept.py") == {"one": 1}


def test_entries_are_the_user_s_alone_whatever_the_umask() -> None:
    before = os.umask(0o002)  # a user private group's habit: new files group-writable
    try:
        kept.keep("words", "en", "kept.py", (), {"one": 1})
    finally:
        os.umask(before)
    (entry,) = _cache().glob("words-*.pickle")
    assert entry.stat().st_mode & 0o077 == 0
    assert kept.recall("words", "en", "kept.py") == {"one": 1}
