"""An app on a fake clock, with the test workouts, for Pilot and snapshot tests."""

from __future__ import annotations

from pathlib import Path

from fakes import FakeClock, ManualScheduler
from montage.app.app import MontageApp
from montage.app.widgets.big_clock import BigClock
from montage.catalogue import Entry, load_entry, scan
from montage.events import Event
from montage.loader import parse_workout
from montage.paths import user_workouts_dir
from montage.problems import WorkoutError
from montage.settings import Settings

DATA = Path(__file__).parent / "data"


def broken_entry() -> Entry:
    try:
        parse_workout("name: Broken\nsteps:\n  - exercise: Chop\n    rep: 10\n", "broken.yaml")
    except WorkoutError as error:
        return Entry(Path("broken.yaml"), "user", None, error)
    raise AssertionError("the broken workout loaded")


def entries() -> list[Entry]:
    return [
        load_entry(DATA / "barn-taster.yaml", "shipped"),
        load_entry(DATA / "snow-run.yaml", "shipped"),
        broken_entry(),
    ]


class Harness:
    def __init__(self, start: str | None = None) -> None:
        self.clock = FakeClock(start=0.0)
        self.scheduler = ManualScheduler(self.clock)
        self.events: list[Event] = []
        self.settings = Settings()
        found = entries()
        first = next((e for e in found if e.name == start), None) if start else None

        def known() -> list[Entry]:
            return found + scan(user_workouts_dir(), "user")

        self.app = MontageApp(
            self.settings,
            clock=self.clock,
            scheduler=self.scheduler,
            entries=known,
            start=first,
            listeners=[self.events.append],
            save=False,
        )

    def text(self, selector: str) -> str:
        return str(self.app.screen.query_one(selector).content)  # type: ignore[attr-defined]

    def clock_text(self) -> str:
        return self.app.screen.query_one(BigClock).text
