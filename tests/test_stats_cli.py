"""``montage stats``: records, streaks and recent training days from the progress log."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from log_data import TODAY, new_log, week_log
from montage.cli import main
from montage.log.reading import LogService


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("MONTAGE_HOME", str(folder))
    return folder


def test_stats_prints_streaks_recent_days_and_each_workouts_bests(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    week_log(home / "montage.db")
    monkeypatch.setattr(LogService, "today", lambda self: TODAY)
    assert main(["stats"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Streak          2 days (longest 3 days, to 2024-03-06)",
        "Last 4 weeks    6 training days",
        "",
        "Records",
        "  Barn Taster  fastest 4:30 on 2024-03-06, most rounds 4 on 2024-03-06  (5 sessions)",
        "  Snow Run     3 sessions, timed all through",
    ]


def test_stats_counts_from_the_real_today(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    week_log(home / "montage.db")
    assert main(["stats"]) == 0
    assert date.today() > date(2024, 3, 11)  # the week is long gone: no streak now
    out = capsys.readouterr().out
    assert out.startswith("Streak          0 days (longest 3 days, to 2024-03-06)\n")
    assert "Last 4 weeks    0 training days\n" in out


def run_stats() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "montage", "stats"],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
        check=False,
    )


def test_stats_without_a_log_says_so_and_succeeds(home: Path) -> None:
    result = run_stats()
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "No sessions in the progress log yet. Start one with:  montage run WORKOUT\n"
    )
    new_log(home / "montage.db").close()
    assert run_stats().stdout == result.stdout


def test_stats_on_a_broken_log_is_one_line_on_stderr(home: Path) -> None:
    (home / "montage.db").write_bytes(b"definitely not sqlite" * 300)
    result = run_stats()
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"montage: {home / 'montage.db'}: not a montage progress log, or damaged"
        " (file is not a database); move it aside to start a new one\n"
    )
