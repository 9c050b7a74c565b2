"""``montage serve`` in a real headless Chromium: the page loads, a session starts, the
digits count, pause holds them, and the cues play in the browser."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import chromium, free_port, montage_server, screen_lines, type_keys, wait_until
from montage.app.screens.session_text import PAUSE_MARK
from montage.app.widgets.pixels import Line
from montage.app.widgets.segments import packed, render, size_for

WORKOUT = """\
name: Tested In Chromium
prepare: 2s
bpm: off
steps:
  - exercise: Wood chop
    time: 40s
  - rest: 20s
"""

ELAPSED = re.compile(r"elapsed (\d+):(\d\d)")


def elapsed(lines: list[str]) -> int | None:
    """The session's elapsed seconds on the screen, if it shows them."""
    for line in lines:
        found = ELAPSED.search(line)
        if found:
            return int(found[1]) * 60 + int(found[2])
    return None


def cells(lines: tuple[Line, ...]) -> list[str]:
    """Drawn lines as the characters a terminal shows, without their colours."""
    return ["".join(run[0] for run in line) for line in lines]


def drawn_at(lines: list[str], drawn: list[str]) -> bool:
    """Whether ``drawn`` is on the screen: its lines one under another, in one column,
    with nothing drawn just left or right of them (a narrow ``1`` is not an ``8``'s side)."""
    screen = [f" {line} " for line in lines]
    rows = [f" {row} " for row in drawn]
    for top in range(len(screen) - len(rows) + 1):
        column = screen[top].find(rows[0])
        while column >= 0:
            below = zip(screen[top + 1 :], rows[1:], strict=False)
            if all(line[column : column + len(row)] == row for line, row in below):
                return True
            column = screen[top].find(rows[0], column + 1)
    return False


def big_clock(lines: list[str]) -> str | None:
    """The time the big digits show, read back by drawing every candidate at each size
    whose leading ``0`` is on the screen."""
    for rows in range(3, len(lines) + 1):
        size = size_for(rows)
        if not drawn_at(lines, cells(packed("0", size, False))):
            continue
        for seconds in range(60):
            drawn = cells(render(f"0:{seconds:02d}", size))
            if drawn_at(lines, drawn):
                return f"0:{seconds:02d}"
    return None


def shown(lines: list[str]) -> int:
    """The seconds the big digits show; the test fails when they show none."""
    clock = big_clock(lines)
    assert clock is not None, "no big digits on the screen:\n" + "\n".join(lines)
    return int(clock[2:])


@pytest.fixture
def served(own_home: Path) -> Iterator[str]:
    workouts = own_home / "workouts"
    workouts.mkdir(parents=True, exist_ok=True)
    (workouts / "tested.yaml").write_text(WORKOUT, encoding="utf-8")
    port = free_port()
    with montage_server(["serve", "--port", str(port)], port, own_home):
        yield f"http://127.0.0.1:{port}"


def test_a_browser_runs_a_session_whose_digits_count_and_pause(served: str) -> None:
    with chromium() as driver:
        driver.get(served + "/")
        wait_until(
            driver, lambda lines: any("Tested In Chromium" in line for line in lines), "the picker"
        )
        type_keys(driver, "/", *"Tested", "\n", "\n")
        wait_until(driver, lambda lines: any("GET READY" in line for line in lines), "the session")
        wait_until(
            driver, lambda lines: any(line.strip() == "WORK" for line in lines), "the work step"
        )

        first = wait_until(driver, lambda lines: big_clock(lines) is not None, "big digits")
        time.sleep(2.2)
        later = screen_lines(driver)
        assert shown(later) <= shown(first) - 2  # counting down, a digit a second
        assert (elapsed(later) or 0) >= (elapsed(first) or 0) + 2

        type_keys(driver, " ")
        paused = wait_until(
            driver, lambda lines: any(PAUSE_MARK in line for line in lines), "PAUSE"
        )
        time.sleep(2.0)
        still = screen_lines(driver)
        assert shown(still) == shown(paused)
        assert elapsed(still) == elapsed(paused)

        type_keys(driver, " ")
        wait_until(
            driver, lambda lines: not any(PAUSE_MARK in line for line in lines), "the resume"
        )
        time.sleep(1.5)
        assert shown(screen_lines(driver)) < shown(still)

        played = driver.execute_script("return window.__played")
        assert "/sounds/go.wav" in played  # the work step's cue, played by the page
        assert "/sounds/pause.wav" in played and "/sounds/resume.wav" in played


def test_the_server_gives_only_the_cue_sounds(served: str) -> None:
    with urllib.request.urlopen(served + "/sounds/tick.wav") as reply:
        assert reply.read(4) == b"RIFF"
    for path in ("/sounds/beat.wav", "/sounds/..%2fmontage.db.wav", "/sounds/%2e%2e.wav"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(served + path)
        assert refused.value.code == 404
