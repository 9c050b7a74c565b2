"""The class's screens: the coach's lobby and session publish every change; a follower's
screen shows the coach's session, runs no engine, and asks for its own count."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from fakes import FakeClock, ManualScheduler
from harness import DATA, RecordingBackend, devices
from montage.app.coach import CoachApp, CoachSessionScreen
from montage.app.follow import FollowApp, FollowScreen
from montage.app.screens.count_entry import CountScreen
from montage.app.screens.lobby import LobbyScreen
from montage.app.screens.session_text import PAUSE_MARK
from montage.app.widgets.big_clock import BigClock
from montage.app.widgets.title_card import TitleCard
from montage.app.widgets.whiteboard import Standing, Whiteboard
from montage.classroom.discovery import Announcement, find_classes
from montage.session.engine import Engine, Snapshot
from montage.session.timeline import Step, Timeline
from montage.settings import Settings
from montage.sound.service import AudioService
from montage.workout.catalogue import load_entry


class FakeHost:
    """The coach's class link, keeping what it is asked to publish."""

    code = "246810"

    def __init__(self) -> None:
        self.on_change: Callable[[], None] | None = None
        self.published: list[tuple[Snapshot, Step | None]] = []

    def publish(self, snapshot: Snapshot, count_step: Step | None) -> None:
        self.published.append((snapshot, count_step))

    def standings(self) -> list[Standing]:
        return [Standing("Ann", 0, 12, "Wagon press - 12 reps")]


async def test_the_coach_starts_from_the_lobby_and_publishes_every_change() -> None:
    clock = FakeClock(start=0.0)
    scheduler = ManualScheduler(clock)
    settings = Settings(voice=False)
    host = FakeHost()
    entry = load_entry(DATA / "barn-taster.yaml", "shipped")
    audio = AudioService(settings, clock, devices(RecordingBackend()))
    app = CoachApp(
        settings,
        entry,
        host,
        ["Join code 246810"],
        clock=clock,
        scheduler=scheduler,
        save=False,
        audio=audio,
    )
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, LobbyScreen)
        assert app.screen.query_one(BigClock).text == "246 810"
        await pilot.press("enter")
        assert isinstance(app.screen, CoachSessionScreen)
        assert host.published[-1][0].step.kind == "prepare"
        await pilot.press("space")
        assert host.published[-1][0].state == "paused"
        await pilot.press("space", "n")
        await pilot.pause()
        assert host.published[-1][0].step.index == 1
        assert "Ann" in str(app.screen.query_one(Whiteboard).content)


class FakeLink:
    """A follower's class link, the coach's engine on the test's clock behind it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.timeline: Timeline | None = engine.timeline
        self.standings: list[Standing] = []
        self.closed: str | None = None
        self.on_change: Callable[[], None] | None = None
        self.due: Step | None = None
        self.sent: list[tuple[Step, int, str | None]] = []

    async def join(self, code: str, name: str) -> None:
        raise AssertionError("joined before the app")

    def snapshot(self, now: float) -> Snapshot | None:
        return self.engine.snapshot(now) if self.engine.state != "ready" else None

    def count_step(self) -> Step | None:
        return self.due

    def send_count(self, step: Step, count: int, load: str | None) -> None:
        self.sent.append((step, count, load))


def follower() -> tuple[FollowApp, FakeLink, ManualScheduler, Timeline]:
    """A follower's app of the Barn Taster, its coach's engine not yet started."""
    clock = FakeClock(start=0.0)
    scheduler = ManualScheduler(clock)
    timeline = load_entry(DATA / "barn-taster.yaml", "shipped").timeline
    assert timeline is not None
    link = FakeLink(Engine(timeline, clock))
    app = FollowApp(Settings(voice=False), link, clock=clock, scheduler=scheduler)
    return app, link, scheduler, timeline


async def test_a_follower_shows_the_coach_session_and_sends_its_count() -> None:
    app, link, scheduler, timeline = follower()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, FollowScreen)
        assert "WAITING" in str(screen.query_one("#phase", Static).content)
        link.engine.start()
        screen.changed()
        await pilot.pause()
        ready = timeline.steps[0].seconds or 0
        assert screen.query_one(BigClock).text == f"0:{ready:02d}"
        scheduler.advance_to(3.0)  # the follower's own redraws count the digits down
        await pilot.pause()
        assert screen.query_one(BigClock).text == f"0:{ready - 3:02d}"
        link.due = timeline.steps[1]
        screen.changed()
        await pilot.pause()
        assert isinstance(app.screen, CountScreen)
        await pilot.press("ctrl+a", "ctrl+k", *"8", "enter")
        assert link.sent == [(timeline.steps[1], 8, None)]


async def test_a_follower_wears_the_scene_and_shows_who_paused_the_tape() -> None:
    app, link, scheduler, _ = follower()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, FollowScreen)
        assert app.theme == "barn"  # the Barn Taster's tag picks the barn
        link.engine.start()
        scheduler.advance_to(2.0)
        link.engine.pause()
        screen.changed()
        await pilot.pause()
        band = str(screen.query_one("#phase", Static).content)
        assert PAUSE_MARK in band
        assert "the coach has paused the class" in band
        assert "SP 0:00:02" in band
        card = screen.query_one(TitleCard)  # the pause display, clear of the whiteboard
        assert card.text == PAUSE_MARK
        assert card.region.right <= screen.query_one(Whiteboard).region.x


async def test_a_class_on_this_machine_is_found_on_the_loopback_only() -> None:
    announcement = Announcement("Snow Run", "127.0.0.1", 8799)
    await announcement.open()
    try:
        found = await find_classes(seconds=1.5, interfaces=["127.0.0.1"])
    finally:
        await announcement.close()
    assert [(each.workout, each.where) for each in found] == [("Snow Run", "127.0.0.1:8799")]
