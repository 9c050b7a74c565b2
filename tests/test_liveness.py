"""A running session is told from a dead one by a lock its process holds, not by its pid."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from montage.log.liveness import SessionLock, lock_folder, owner_alive
from montage.log.opening import open_log, open_store
from montage.session.timeline import Step, Timeline

TIMELINE = Timeline("Hill Run", (Step(index=0, kind="work", name="Hill run", seconds=60),))

RUNNER = """
import sys, time
from pathlib import Path
from montage.log.opening import open_store
from montage.session.timeline import Step, Timeline
timeline = Timeline("Hill Run", (Step(index=0, kind="work", name="Hill run", seconds=60),))
store = open_store(Path(sys.argv[1]))
print(store.start_session(timeline), flush=True)
time.sleep(120)
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no flock on Windows")


def run_session(path: Path) -> tuple[subprocess.Popen[str], int]:
    """Another process with a session running in the log at ``path``."""
    process = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    return process, int(process.stdout.readline())


def status(path: Path, session: int) -> str:
    with open_store(path) as store:
        row = store.connection.execute("SELECT status FROM sessions WHERE id = ?", (session,))
        return str(row.fetchone()[0])


def set_pid(path: Path, session: int, pid: int) -> None:
    with open_store(path) as store:
        store.connection.execute("UPDATE sessions SET pid = ? WHERE id = ?", (pid, session))


def test_a_killed_session_whose_pid_now_names_a_live_process_is_interrupted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "montage.db"
    process, session = run_session(path)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    # as PID 1 of a container, seen from outside it; or its pid given to a new process
    set_pid(path, session, 1)
    open_log(path).close()
    assert status(path, session) == "interrupted"
    assert list(lock_folder(path).iterdir()) == []  # the dead process's lock file is gone


def test_a_running_session_whose_pid_means_nothing_here_stays_running(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    process, session = run_session(path)
    try:
        set_pid(path, session, 999_999_999)  # from another pid namespace: no such process here
        open_log(path).close()
        assert status(path, session) == "running"
    finally:
        process.kill()
        process.wait(timeout=30)
    open_log(path).close()
    assert status(path, session) == "interrupted"


def test_a_session_ended_with_its_store_closed_is_interrupted_next_time(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    with open_store(path) as store:
        first = store.start_session(TIMELINE, None, datetime.now().astimezone())
        second = store.start_session(TIMELINE, None, datetime.now().astimezone())
        owner = store.connection.execute("SELECT DISTINCT owner FROM sessions").fetchall()
        assert len(owner) == 1 and owner_alive(path, owner[0][0]) is True  # one lock, held
    with open_log(path) as store:
        rows = store.connection.execute("SELECT id, status FROM sessions ORDER BY id")
        assert rows.fetchall() == [(first, "interrupted"), (second, "interrupted")]


@pytest.mark.parametrize("name", ["../montage.db", "", "A" * 32, 42, None])
def test_a_lock_name_montage_did_not_make_is_never_opened(tmp_path: Path, name: object) -> None:
    path = tmp_path / "montage.db"
    path.write_bytes(b"")
    assert owner_alive(path, name) is None
    assert path.exists()


def test_a_lock_is_held_until_released(tmp_path: Path) -> None:
    path = tmp_path / "montage.db"
    lock = SessionLock.take(path)
    assert lock is not None
    assert owner_alive(path, lock.name) is True
    lock.release()
    assert owner_alive(path, lock.name) is False
    assert os.listdir(lock_folder(path)) == []


def test_a_lock_is_named_without_loading_openssls_hashes(tmp_path: Path) -> None:
    """``secrets`` would load hashlib, and with it OpenSSL's hashes: about 1 MB of every
    session's memory for one random name."""
    code = (
        "import sys\nfrom pathlib import Path\nfrom montage.log.liveness import SessionLock\n"
        "lock = SessionLock.take(Path(sys.argv[1]))\n"
        "print(lock is not None and len(lock.name) == 32, 'hashlib' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "montage.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.stdout.split() == ["True", "False"], run.stderr
