"""What the command line writes to a terminal: nothing raw from outside, and never a crash
for an output that is closed or cannot show every character."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

WORKOUT = "name: Café crème\nprepare: 1\nsteps:\n  - exercise: Crêpe toss\n    time: 1\n"


@pytest.fixture
def workout(tmp_path: Path) -> Path:
    path = tmp_path / "cafe.yaml"
    path.write_text(WORKOUT, encoding="utf-8")
    return path


def montage(
    *args: str, env: dict[str, str] | None = None, **kw: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "montage", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
        **kw,
    )


@pytest.mark.parametrize(
    "command",
    [("list",), ("log",), ("stats",), ("show", "taster")],
)
def test_a_closed_standard_output_ends_quietly(command: tuple[str, ...]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "montage", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "unexpected error" not in result.stderr


def test_a_plain_session_with_its_output_closed_runs_to_its_end(workout: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "montage", "run", str(workout), "--plain", "--mute"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}],
)
def test_characters_an_output_cannot_show_are_replaced(workout: Path, env: dict[str, str]) -> None:
    shown = montage("show", str(workout), env=env)
    assert shown.returncode == 0, shown.stderr
    assert "Caf? cr?me" in shown.stdout
    ran = montage("run", str(workout), "--plain", "--mute", env=env)
    assert ran.returncode == 0, ran.stderr
    assert "Cr?pe toss" in ran.stdout


def test_the_line_mode_shows_control_characters_of_a_name_as_escapes(tmp_path: Path) -> None:
    from fakes import FakeClock, ScriptedInput
    from montage.plain import PlainSession
    from montage.session.engine import Engine
    from montage.session.timeline import Step, Timeline

    clock = FakeClock()
    timeline = Timeline(
        "Barn\x1b]0;pwned\x07", (Step(0, "work", "Chop\x1b[2J", 2, cue="\x9b31m red"),)
    )
    out = io.StringIO()
    PlainSession(Engine(timeline, clock), out, clock, ScriptedInput(clock, []), clock.advance).run()
    printed = out.getvalue()
    assert "\x1b" not in printed and "\x07" not in printed and "\x9b" not in printed
    assert "Barn\\x1b]0;pwned\\x07" in printed
    assert "Chop\\x1b[2J" in printed
    assert "\\x9b31m red" in printed


def test_a_session_with_no_terminal_runs_line_by_line_and_says_so(workout: Path) -> None:
    ran = montage("run", str(workout), "--mute", env={})
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr.startswith("montage: the output or the input is not a terminal")
    assert "line by line" in ran.stderr
    assert "FINISHED" in ran.stdout


def test_the_picker_without_a_terminal_is_refused_with_one_line() -> None:
    result = montage(env={})
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "montage list" in result.stderr
    assert result.stdout == ""


def test_a_dumb_terminal_gets_the_line_mode(workout: Path) -> None:
    pid, fd = pty.fork()
    if pid == 0:
        env = {**os.environ, "TERM": "dumb"}
        args = [sys.executable, "-m", "montage", "run", str(workout), "--mute"]
        os.execve(sys.executable, args, env)
    seen = b""
    try:
        while b"FINISHED" not in seen:
            ready, _, _ = select.select([fd], [], [], 20)
            if not ready:
                break
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"TERM=dumb" in seen and b"FINISHED" in seen
    assert b"\x1b[?1049h" not in seen
