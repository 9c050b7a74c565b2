"""A disk that fills up mid-session: the session says it is not fully kept, and why."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from fakes import FakeClock, run_to_end
from montage.log.recorder import Recorder
from montage.log.store import open_store
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
