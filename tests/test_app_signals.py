"""The app ended by a signal: the terminal is put back and the session is logged as stopped."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"


def read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and wanted not in seen:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def start_app(tmp_path: Path) -> tuple[int, int, dict[str, str]]:
    """A ten-minute plank in the app, in a pseudo-terminal, once its first frame is drawn
    and its work step has begun: its process, the terminal's side of the pty, and the
    environment (its own home)."""
    workout = tmp_path / "long.yaml"
    workout.write_text("name: Long plank\nprepare: 1\nsteps:\n  - exercise: Plank\n    time: 10m\n")
    env = {**os.environ, "MONTAGE_HOME": str(tmp_path / "home"), "TERM": "xterm-256color"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, in the pseudo-terminal
        os.execve(
            sys.executable, [sys.executable, "-m", "montage", "run", str(workout), "--mute"], env
        )
    assert b"Plank" in read_until(fd, b"Plank", 30)
    time.sleep(1.5)  # into the work step, so one step is kept
    return pid, fd, env


def logged(env: dict[str, str]) -> list[dict[str, Any]]:
    """The sessions the log of ``env`` holds, as ``montage log --json`` prints them."""
    log = subprocess.run(
        [sys.executable, "-m", "montage", "log", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    sessions: list[dict[str, Any]] = json.loads(log.stdout)
    return sessions


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_ends_the_session_as_stopped_and_restores_the_terminal(
    tmp_path: Path, signum: int
) -> None:
    pid, fd, env = start_app(tmp_path)
    try:
        os.kill(pid, signum)
        after = read_until(fd, LEAVE_ALTERNATE_SCREEN, 15)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 128 + signum
    assert LEAVE_ALTERNATE_SCREEN in after
    assert MOUSE_OFF in after or b"\x1b[?1003l" in after
    sessions = logged(env)
    assert [session["status"] for session in sessions] == ["stopped"]
    assert sessions[0]["steps"][0]["name"] == "Get ready"


def test_a_closed_terminal_ends_the_app_though_sigcont_follows_the_hangup(tmp_path: Path) -> None:
    # a terminal window closing: its side of the pseudo-terminal goes, then SIGHUP and SIGCONT
    pid, fd, env = start_app(tmp_path)
    os.close(fd)
    os.kill(pid, signal.SIGHUP)
    os.kill(pid, signal.SIGCONT)
    deadline = time.monotonic() + 15
    done, status = 0, 0
    while time.monotonic() < deadline and not done:
        done, status = os.waitpid(pid, os.WNOHANG)
        time.sleep(0.05)
    if not done:  # it hung: end it, and fail
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert done, "the app did not end once its terminal was gone"
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGHUP
    assert [session["status"] for session in logged(env)] == ["stopped"]
