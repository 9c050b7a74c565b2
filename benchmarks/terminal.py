"""Run a program in a pseudo-terminal and watch it: first frame, CPU time and peak memory."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import termios
import threading
import time
from dataclasses import dataclass, field

_ESCAPE = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[P\]X^_].*?(?:\x07|\x1b\\)|\x1b.", re.S)

FIRST_FRAME_CHARACTERS = 20
"""A frame counts as drawn once this many visible characters have been written."""


@dataclass
class Watched:
    """A program running in a pseudo-terminal."""

    pid: int
    fd: int
    started: float
    first_frame: float | None = None
    visible: int = 0
    output: bytearray = field(default_factory=bytearray)
    _reader: threading.Thread | None = None

    def cpu_seconds(self) -> float:
        """User and system CPU time used so far."""
        with open(f"/proc/{self.pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def peak_rss_mb(self) -> float:
        """The most resident memory the program has used, in MB."""
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def send(self, data: bytes) -> None:
        """Type into the program."""
        os.write(self.fd, data)

    def stop(self) -> None:
        """End the program (it is ours: we started it)."""
        try:
            os.kill(self.pid, signal.SIGTERM)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                done, _ = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    break
                time.sleep(0.05)
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)


def launch(argv: list[str], env: dict[str, str], size: tuple[int, int] = (100, 30)) -> Watched:
    """Start ``argv`` in a new pseudo-terminal of ``size`` columns and rows.

    Args:
        argv: The program and its arguments.
        env: Its environment.
        size: Columns and rows of the terminal.

    Returns:
        The running program, its output drained in the background.
    """
    started = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execvpe(argv[0], argv, {**env, "TERM": "xterm-256color"})
    columns, rows = size
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    watched = Watched(pid, fd, started)
    watched._reader = threading.Thread(target=_drain, args=(watched,), daemon=True)
    watched._reader.start()
    return watched


def _drain(watched: Watched) -> None:
    while True:
        try:
            chunk = os.read(watched.fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        now = time.monotonic()
        watched.output.extend(chunk)
        if watched.first_frame is None:
            text = _ESCAPE.sub(b"", chunk)
            watched.visible += sum(1 for byte in text if 33 <= byte < 127 or byte >= 0x80)
            if watched.visible >= FIRST_FRAME_CHARACTERS:
                watched.first_frame = now - watched.started


def wait_for_frame(watched: Watched, timeout: float = 20.0) -> float:
    """Wait until the first frame is drawn; return seconds from launch."""
    deadline = time.monotonic() + timeout
    while watched.first_frame is None:
        if time.monotonic() > deadline:
            raise TimeoutError("no frame was drawn")
        time.sleep(0.002)
    return watched.first_frame
