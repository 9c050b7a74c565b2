"""The session screen races Drago: the split big at every step's end, his line, g, the summary."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from harness import Harness
from log_data import new_log
from montage.app.screens.session import SessionScreen
from montage.app.screens.summary import SummaryScreen
from montage.app.widgets.block_text import BlockText
from montage.log.reading import LogService
from test_ghost import barn, ghost_log


async def settle(harness: Harness) -> None:
    await harness.app.workers.wait_for_complete()
    await harness.app.animator.wait_until_complete()


def racing_drago(folder: Path) -> Harness:
    """The Barn Taster about to start, with Drago's sessions in the log."""
    db = folder / "montage.db"
    with closing(new_log(db)) as conn:
        ghost_log(conn, barn())
        conn.commit()
    return Harness(start="Barn Taster", log_service=LogService(db))


def session(harness: Harness) -> SessionScreen:
    screen = harness.app.screen
    assert isinstance(screen, SessionScreen)
    return screen


async def test_the_split_shows_big_and_coloured_at_every_step_end_to_ten_ms(
    tmp_path: Path,
) -> None:
    harness = racing_drago(tmp_path)
    async with harness.app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await settle(harness)
        await pilot.pause()
        screen = session(harness)
        assert screen.ghost is not None and screen.ghost.ghost.session_id == 1
        assert harness.text("#ghost") == "DRAGO  your best, 2024-03-04"
        harness.walk_to(45.0 + 10)  # in the first press: Drago's time for it shows
        await pilot.pause()
        assert harness.text("#ghost") == "DRAGO  finished this at +0:30"
        harness.walk_to(45.0 + 33.37)
        await pilot.press("d")
        split = screen.split
        assert split is not None and split.seconds == pytest.approx(3.37, abs=0.01)
        assert harness.text("#split") == "+0:03"
        big = screen.query_one("#split", BlockText)
        assert big.has_class("-behind") and not big.has_class("-ahead")
        assert big.size.height > 1  # in block letters
        harness.walk_to(45.0 + 33.37 + 20 + 30.0)
        await pilot.press("d")
        split = screen.split
        assert split is not None and split.seconds == pytest.approx(-1.63, abs=0.01)
        assert harness.text("#split") == "-0:02"
        assert big.has_class("-ahead") and not big.has_class("-behind")
        harness.walk_to(148.37 + 60)  # a minute into the AMRAP: his rounds by now
        await pilot.pause()
        assert harness.text("#ghost") == "DRAGO  2 rounds by now"
        harness.walk_to(400.0)
        await pilot.pause()
        assert isinstance(harness.app.screen, SummaryScreen)
        race = harness.app.screen.query_one("#summary-split")
        assert race.has_class("-shown", "-ahead")
        assert str(race.content).startswith("Beat Drago by 0:02 (-0:02)")  # type: ignore[attr-defined]


async def test_g_cycles_best_last_and_none(tmp_path: Path) -> None:
    harness = racing_drago(tmp_path)
    async with harness.app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await settle(harness)
        screen = session(harness)
        harness.walk_to(45.0 + 40)
        await pilot.press("d")  # 40 s: behind his best (30 s), ahead of his last (50 s)
        assert screen.split is not None and screen.split.seconds == pytest.approx(10, abs=0.01)
        await pilot.press("g")
        await settle(harness)
        await pilot.pause()
        assert screen.ghost_choice == "last"
        assert screen.ghost is not None and screen.ghost.ghost.session_id == 2
        assert screen.split is not None and screen.split.seconds == pytest.approx(-10, abs=0.01)
        assert harness.text("#split") == "-0:10"
        await pilot.press("g")
        await settle(harness)
        await pilot.pause()
        assert screen.ghost is None and str(screen.ghost_choice) == "none"
        assert harness.text("#split") == "" and harness.text("#ghost") == ""
        assert screen.query_one("#split", BlockText).size.height == 0


async def test_a_first_session_races_no_one_and_says_nothing(tmp_path: Path) -> None:
    harness = Harness(start="Barn Taster", log_service=LogService(tmp_path / "none.db"))
    async with harness.app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await settle(harness)
        screen = session(harness)
        harness.walk_to(60.0)
        await pilot.press("d")
        assert screen.ghost is None and screen.split is None
        assert harness.text("#split") == "" and harness.text("#ghost") == ""
