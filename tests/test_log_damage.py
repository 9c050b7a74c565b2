"""A log whose pages are damaged is refused before anything is written to it; the check that
finds it reads the whole file only when it changed behind montage's back."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from log_data import week_log
from montage.log.checked import Record
from montage.log.errors import LogError
from montage.log.opening import open_store

WORKOUT = """\
name: Short
steps:
  - exercise: Carry
    time: 1s
  - exercise: Chop
    time: 1s
"""


def damage_steps(path: Path) -> None:
    """Overwrite the start of the steps table's first page, as a failing disk might."""
    with sqlite3.connect(path) as db:
        size = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'steps'").fetchone()[0]
    db.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * size)
        file.write(b"\xff" * 64)


def montage(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MONTAGE_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "montage", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_a_log_with_damaged_steps_is_refused_and_left_as_it_was(own_home: Path) -> None:
    path = own_home / "montage.db"
    week_log(path)
    damage_steps(path)
    before = path.read_bytes()
    with pytest.raises(LogError, match="damaged") as raised:
        open_store(path)
    assert "\n" not in str(raised.value)
    for args in (("log",), ("log", "--json"), ("log", "--csv"), ("stats",)):
        result = montage(own_home, *args)
        assert result.returncode == 1, args
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"montage: {path}: ") and "damaged" in line, args
    workout = own_home / "short.yaml"
    workout.write_text(WORKOUT, encoding="utf-8")
    session = montage(own_home, "run", str(workout), "--plain", "--mute")
    assert session.returncode == 0
    assert "damaged" in session.stdout
    assert "this session is not logged" in session.stdout
    assert path.read_bytes() == before  # no session was added to it


def test_the_whole_file_is_checked_only_after_a_change_montage_did_not_make(
    own_home: Path,
) -> None:
    path = own_home / "montage.db"
    week_log(path)
    record = Record()
    assert not record.known(path).sound
    open_store(path).close()  # checked, and remembered as montage leaves it
    assert record.known(path).sound
    with open_store(path) as store:
        store.connection.execute("SELECT 1")
    assert record.known(path).sound  # montage's own use keeps it so
    with sqlite3.connect(path) as other:  # another program writes to it
        other.execute("UPDATE sessions SET workout = 'Edited' WHERE id = 1")
    other.close()
    assert not record.known(path).sound
    damage_steps(path)
    with pytest.raises(LogError, match="damaged"):
        open_store(path)


def test_a_store_that_another_program_wrote_to_meanwhile_is_not_remembered(
    own_home: Path,
) -> None:
    path = own_home / "montage.db"
    week_log(path)
    record = Record()
    store = open_store(path)
    with sqlite3.connect(path) as other:
        other.execute("UPDATE sessions SET workout = 'Edited' WHERE id = 1")
    other.close()
    store.close()
    assert not record.known(path).sound
