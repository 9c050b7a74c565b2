"""A disk that fills up mid-session: the session says it is not fully kept, and why."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from fakes import FakeClock, run_to_end
from montage.log.listing import SHOWN_AS_IT_IS, print_log
from montage.log.opening import open_store
from montage.log.queries import EVERYTHING
from montage.log.recorder import Recorder
from montage.session.engine import Engine
from montage.session.timeline import Step, Timeline

MORNING = datetime(2024, 3, 4, 7, 0, tzinfo=timezone(timedelta(hours=1)))

LONG = Timeline(
    name="Long Names",
    steps=tuple(
        Step(index=i, kind="work", name=f"{i} " + "x" * 3000, seconds=1) for i in range(12)
    ),
)


def test_a_session_whose_steps_found_no_room_is_closed_as_not_fully_kept(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    store = open_store(path)
    notices: list[str] = []
    clock = FakeClock()
    engine = Engine(LONG, clock)
    recorder = Recorder(store, LONG, notify=notices.append, now=lambda: MORNING)
    events = engine.start()
    for event in events:
        recorder(event)  # the session's row is written
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages + 2}")  # room for a step or two
    for event in run_to_end(engine, clock):
        recorder(event)
    store.connection.execute("PRAGMA max_page_count = 1000000")

    (notice,) = notices
    assert "the disk is full" in notice and "not fully logged" in notice
    kept = store.connection.execute("SELECT count(*) FROM steps").fetchone()[0]
    assert kept < len(LONG.steps)
    row = store.connection.execute("SELECT status, steps_completed, not_kept FROM sessions")
    assert row.fetchone() == ("completed", len(LONG.steps), "the disk is full")
    store.close()

    table, exported = io.StringIO(), io.StringIO()
    assert print_log(path, "table", EVERYTHING, table) == 0
    assert "  completed*   12/12\n" in table.getvalue()
    assert table.getvalue().endswith("\n1 session\n* not fully kept: the disk is full\n")
    assert print_log(path, "json", EVERYTHING, exported) == 0
    assert json.loads(exported.getvalue())[0]["not_kept"] == "the disk is full"


FULL_DISK = """
import json, os, subprocess, sys
from pathlib import Path
from montage.log.opening import open_store
from montage.session.events import StepResult
from montage.session.timeline import Step, Timeline

home = Path(sys.argv[1])
path = home / "montage.db"
timeline = Timeline("Hill Run", (Step(index=0, kind="work", name="Hill run", seconds=60),))
with open_store(path) as store:
    done = store.start_session(timeline, None)
    store.record_step(done, StepResult(timeline.steps[0], "completed", 60.0, 0.0, 60.0))
    store.finish_session(done, "completed", __import__("datetime").datetime.now().astimezone(),
                         60.0, 1)
    store.start_session(timeline, None)  # left running: this store ends before it does
filler = os.open(home / "filler", os.O_WRONLY | os.O_CREAT)
try:
    while True:
        os.write(filler, b"x" * 4096)
except OSError:
    pass
try:
    while True:
        os.write(filler, b"x")
except OSError:
    pass
os.close(filler)
results = {}
for name, args in (("table", []), ("json", ["--json"]), ("stats", None)):
    command = [sys.executable, "-m", "montage", *(["stats"] if args is None else ["log", *args])]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    results[name] = [done.returncode, done.stdout, done.stderr]
print(json.dumps(results))
"""


def _can_mount() -> bool:
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs a disk of its own to fill (root, unshare)")
def test_a_full_disk_still_lets_the_log_be_read(tmp_path: Path) -> None:
    home = tmp_path / "full"
    home.mkdir()
    env = {**os.environ, "MONTAGE_HOME": str(home)}
    # a small disk of its own, seen only by this process and its children
    command = f'mount -t tmpfs -o size=512k tmpfs "{home}" && exec "$0" "$@"'
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", command, sys.executable, "-c", FULL_DISK, str(home)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    status, table, told = results["table"]
    assert status == 0 and "Hill Run" in table and "completed" in table
    assert told.strip().endswith(SHOWN_AS_IT_IS)  # the running one could not be marked
    status, exported, _ = results["json"]
    assert status == 0 and len(json.loads(exported)) == 2
    status, stats, told = results["stats"]
    assert status == 0 and "Hill Run" in stats and SHOWN_AS_IT_IS in told
