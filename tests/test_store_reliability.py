"""The log under stress, through the real command line: broken, locked and read-only files,
two writers at once, and sessions killed at random moments."""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from montage.log.errors import LogError
from montage.log.opening import open_store
from montage.log.schema import VERSION
from montage.session.timeline import Step, Timeline

TIMELINE = Timeline(
    name="Stress",
    steps=tuple(Step(index=i, kind="work", name=f"Move {i}", seconds=1) for i in range(6)),
)


def montage(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MONTAGE_HOME": str(home), "MONTAGE_CONFIG": str(home / "none.json")}
    return subprocess.run(
        [sys.executable, "-m", "montage", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def a_log(home: Path, running_from_dead_process: bool = False) -> Path:
    """A log with one finished session; and one left running by a dead process if asked."""
    path = home / "montage.db"
    with open_store(path) as store:
        session = store.start_session(TIMELINE, None, datetime.now().astimezone())
        store.finish_session(session, "completed", datetime.now().astimezone(), 6.0, 6)
        if running_from_dead_process:
            store.start_session(TIMELINE, None, datetime.now().astimezone())
            store.connection.execute("UPDATE sessions SET pid = 999999999 WHERE status = 'running'")
    return path


def newer(home: Path) -> Path:
    path = home / "montage.db"
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY)")
        db.execute(f"PRAGMA user_version = {VERSION + 7}")
        db.commit()
    return path


def corrupt(home: Path) -> Path:
    path = home / "montage.db"
    path.write_bytes(random.Random(7).randbytes(64 * 1024))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (newer, "written by a newer montage"),
        (corrupt, "not a montage progress log, or damaged"),
    ],
)
def test_a_broken_log_gets_one_line_and_is_left_as_it_was(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = make(home)
    before = path.read_bytes()
    for args in (("log",), ("log", "--json"), ("log", "--csv")):
        result = montage(home, *args)
        assert result.returncode == 1, args
        assert result.stdout == ""
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(f"montage: {path}: ") and message in line
        assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == ["montage.db"]


def test_a_read_only_log_gets_one_line(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write to a read-only file")
    home = tmp_path / "home"
    path = a_log(home)
    before = path.read_bytes()
    path.chmod(0o444)
    home.chmod(0o555)
    try:
        result = montage(home, "log", "--json")
    finally:
        home.chmod(0o755)
        path.chmod(0o644)
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"montage: {path}: the progress log is read-only; montage needs to write to it"
    )
    assert path.read_bytes() == before


def test_a_read_only_log_is_told_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same, in this process, for when the tests run as root and chmod binds nobody.
    path = a_log(tmp_path)
    before = path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != path and real_access(p, mode))
    with pytest.raises(LogError) as raised:
        open_store(path)
    assert (
        str(raised.value) == f"{path}: the progress log is read-only; montage needs to write to it"
    )
    assert path.read_bytes() == before


def test_a_locked_log_gets_one_line_when_it_must_be_written(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = a_log(home, running_from_dead_process=True)
    before = path.read_bytes()
    with closing(sqlite3.connect(path, timeout=0.1, isolation_level=None)) as blocker:
        blocker.execute("BEGIN EXCLUSIVE")
        result = montage(home, "log", "--json")
        blocker.execute("ROLLBACK")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"montage: {path}: the progress log is locked by another program; try again when it is done"
    )
    assert path.read_bytes() == before


def test_a_log_being_written_can_still_be_read(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = a_log(home)
    with closing(sqlite3.connect(path, timeout=0.1, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE sessions SET workout = 'uncommitted'")
        result = montage(home, "log", "--json")
        writer.execute("ROLLBACK")
    assert result.returncode == 0, result.stderr
    assert [s["workout"] for s in json.loads(result.stdout)] == ["Stress"]


WRITER = """
import sys
from datetime import datetime
from montage.session.events import StepResult
from montage.log.opening import open_store
from montage.session.timeline import Step, Timeline

path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
timeline = Timeline(name, tuple(Step(index=i, kind="work", name=f"Move {i}", seconds=1)
                                for i in range(6)))
with open_store(__import__("pathlib").Path(path)) as store:
    for number in range(count):
        session = store.start_session(timeline, f"{name}-{number}")
        for step in timeline.steps:
            store.record_step(session, StepResult(step, "completed", 1.0, 0.0, 1.0))
        store.finish_session(session, "completed", datetime.now().astimezone(), 6.0, 6)
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "montage.db"  # both make the file too
    count = 150
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(count)])
        for name in ("left", "right")
    ]
    assert [writer.wait(timeout=60) for writer in writers] == [0, 0]
    with closing(sqlite3.connect(path)) as db:
        sessions = db.execute("SELECT workout, source, status, steps_completed FROM sessions")
        assert sorted(sessions.fetchall()) == sorted(
            (name, f"{name}-{n}", "completed", 6)
            for name in ("left", "right")
            for n in range(count)
        )
        per_session = db.execute(
            "SELECT count(*), count(DISTINCT position) FROM steps GROUP BY session_id"
        ).fetchall()
        assert per_session == [(6, 6)] * (2 * count)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


KILL_WORKOUT = """\
name: Kill Test
prepare: 1s
steps:
  - exercise: Press
    reps: 5
  - exercise: Carry
    time: 1s
  - exercise: Chop
    reps: 5
  - exercise: Row
    reps: 5
  - rest: 1s
  - exercise: Squat
    reps: 5
cooldown: 1s
"""

STARTED = re.compile(r"^\[\s*\d+:\d\d\] (PREPARE|WORK|REST|COOLDOWN)  ")
ENDED = re.compile(r"^\[\s*\d+:\d\d\] (done: |time cap: |skipped: |FINISHED|STOPPED)")


def finished_steps(stdout: str) -> tuple[set[int], int]:
    """The positions whose end the output shows, and the last position started."""
    position = -1
    finished: set[int] = set()
    for line in stdout.split("\n")[:-1]:  # whole lines only
        if STARTED.match(line):
            if position >= 0:
                finished.add(position)  # a step starts only once the one before has ended
            position += 1
        elif ENDED.match(line):
            finished.add(position)
    return finished, position


def kill_trial(workout: Path, home: Path, kill_after: float, rng: random.Random) -> str:
    """Run a session, pressing Enter every 0.3-0.5 s, and kill it; return what it printed."""
    env = {**os.environ, "MONTAGE_HOME": str(home), "MONTAGE_CONFIG": str(home / "none.json")}
    process = subprocess.Popen(
        [sys.executable, "-m", "montage", "run", str(workout), "--plain", "--mute"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    first = process.stdout.readline()  # the moment is counted from its first line, so a slow
    deadline = time.monotonic() + kill_after  # start on a busy machine does not shorten it
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, rng.uniform(0.3, 0.5)))
        try:
            process.stdin.write("\n")
            process.stdin.flush()
        except BrokenPipeError:
            break  # it finished already
    process.send_signal(signal.SIGKILL)
    rest = process.stdout.read()  # from the same reader as the first line: nothing is lost
    process.stdout.close()
    process.wait(timeout=30)  # no zombie keeps its pid alive
    with contextlib.suppress(BrokenPipeError):
        process.stdin.close()
    return first + rest


def test_a_session_killed_at_any_moment_keeps_every_finished_step(tmp_path: Path) -> None:
    workout = tmp_path / "kill.yaml"
    workout.write_text(KILL_WORKOUT, encoding="utf-8")
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    trials = 24
    moments = [rng.uniform(0.0, 6.0) for _ in range(trials)]
    outputs: list[str] = [""] * trials

    def trial(number: int) -> None:
        home = tmp_path / f"home{number}"
        outputs[number] = kill_trial(workout, home, moments[number], random.Random(seed + number))

    for batch in (range(0, trials, 2), range(1, trials, 2)):  # half at a time: two CPUs may do
        threads = [threading.Thread(target=trial, args=(number,)) for number in batch]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    interrupted = 0
    for number, stdout in enumerate(outputs):
        where = f"trial {number} (seed {seed}, killed after {moments[number]:.2f} s):\n{stdout}"
        result = montage(tmp_path / f"home{number}", "log", "--json")
        assert result.returncode == 0, where + result.stderr
        sessions = json.loads(result.stdout)
        finished, last_started = finished_steps(stdout)
        if last_started < 0:
            assert len(sessions) <= 1, where  # killed before the first line
            continue
        (session,) = sessions
        positions = [step["position"] for step in session["steps"]]
        assert len(positions) == len(set(positions)), where
        assert finished <= set(positions), where
        assert set(positions) <= set(range(last_started + 1)), where
        if "FINISHED" in stdout:
            assert session["status"] == "completed", where
        else:
            assert session["status"] == "interrupted", where
            interrupted += 1
    assert interrupted >= trials // 2, f"seed {seed}: too few sessions were cut short"
