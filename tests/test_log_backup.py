"""``montage log --backup FILE``: the whole log, WAL included, copied while montage writes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from log_data import week_log
from montage.cli import main
from montage.log.opening import open_store
from montage.session.events import StepResult
from montage.session.timeline import Step, Timeline

TIMELINE = Timeline("Hill Run", (Step(index=0, kind="work", name="Hill run", seconds=60),))


def sessions_in(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM sessions").fetchone()[0])


def back_up(home: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "montage", "log", "--backup", str(target)],
        capture_output=True,
        text=True,
        env={**os.environ, "MONTAGE_HOME": str(home)},
        timeout=60,
        check=False,
    )


def test_a_backup_while_montage_writes_keeps_the_sessions_still_in_the_wal(
    own_home: Path, tmp_path: Path
) -> None:
    path = own_home / "montage.db"
    with open_store(path) as store:  # montage running: its writes wait in the WAL
        for _ in range(5):
            session = store.start_session(TIMELINE, None)
            store.record_step(session, StepResult(TIMELINE.steps[0], "completed", 60, 0, 60))
            store.finish_session(session, "completed", datetime.now().astimezone(), 60.0, 1)
        copied = tmp_path / "copied.db"
        shutil.copyfile(path, copied)  # what copying the file by hand keeps
        target = tmp_path / "backups" / "montage-backup.db"
        target.parent.mkdir()
        result = back_up(own_home, target)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Backed up the progress log (5 sessions) to {target}\n"
    assert sessions_in(target) == 5
    with closing(sqlite3.connect(copied)) as db:
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0  # all lost
    assert sorted(p.name for p in target.parent.iterdir()) == ["montage-backup.db"]  # no WAL
    with open_store(target) as restored:  # the copy is a log montage uses as it is
        assert restored.connection.execute("SELECT count(*) FROM steps").fetchone()[0] == 5


def test_a_backup_replaces_an_older_one_and_goes_into_a_folder(
    own_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    week_log(own_home / "montage.db")
    target = tmp_path / "backup.db"
    target.write_bytes(b"yesterday's backup")
    assert main(["log", "--backup", str(target)]) == 0
    assert sessions_in(target) == 8
    assert main(["log", "--backup", str(tmp_path)]) == 0
    assert sessions_in(tmp_path / "montage.db") == 8
    assert capsys.readouterr().out.count("Backed up the progress log (8 sessions)") == 2


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--backup", "{home}/montage.db"], 1, "that is the progress log itself"),
        (["--backup", "{home}"], 1, "that is the progress log itself"),
        (["--backup", "{tmp}/b.db", "--limit", "3"], 2, "--backup copies the whole log"),
        (["--backup", "{tmp}/b.db", "--json"], 2, "not allowed with argument"),
        (["--backup", "{tmp}/no/such/folder/b.db"], 1, "cannot write the backup"),
    ],
)
def test_a_backup_that_cannot_be_made_says_why_in_one_line(
    own_home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    status: int,
    message: str,
) -> None:
    week_log(own_home / "montage.db")
    before = (own_home / "montage.db").read_bytes()
    filled = [arg.format(home=own_home, tmp=tmp_path) for arg in args]
    try:
        assert main(["log", *filled]) == status
    except SystemExit as exit:
        assert exit.code == status
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert (own_home / "montage.db").read_bytes() == before


def test_there_is_nothing_to_back_up_before_the_first_session(
    own_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "--backup", str(tmp_path / "b.db")]) == 1
    assert "there is no progress log yet" in capsys.readouterr().err
    assert not (tmp_path / "b.db").exists()
