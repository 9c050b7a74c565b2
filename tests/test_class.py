"""Class mode: a coach and three followers in step, the protocol's arithmetic, and a class
that takes from its followers only their own counts."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from benchmarks import class_spread
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from montage.classroom import coach as coach_module
from montage.classroom.coach import ClassServer
from montage.classroom.follower import ClassFollower, coach_address
from montage.classroom.protocol import (
    NOT_ALLOWED,
    WRONG_CODE,
    ClockOffset,
    ProtocolError,
    advance,
    clean_name,
    decode,
    encode,
    published_from,
    state_message,
    workout_data,
    workout_from,
)
from montage.cli import build_parser
from montage.session.engine import Engine
from montage.session.timeline import Step, Timeline

REPS = Timeline(
    "Class Test",
    (
        Step(0, "prepare", "Get ready", 5),
        Step(1, "work", "Wagon press", None, mode="reps", reps=12),
        Step(2, "rest", "Rest", 30),
    ),
    bpm=None,
)


def test_a_coach_and_three_followers_start_each_step_within_50_ms() -> None:
    spread = class_spread._run  # the benchmark's own run, short
    result = asyncio.run(spread(3, class_spread.timeline_of(steps=4, seconds=1)))
    assert len(result.spreads) == 4  # every step after get-ready reached all three
    assert max(result.spreads) < 0.050
    assert max(result.delays) < 0.5  # and soon after the coach's own start
    assert all(abs(offset) < 0.010 for offset in result.offsets)  # one machine, one clock


def test_a_follower_counts_on_from_the_coach_clock_not_from_arrival() -> None:
    clock = [100.0]
    engine = Engine(REPS, lambda: clock[0])
    engine.start()
    clock[0] = 102.0
    message = decode(state_message(1, 102.0, engine.snapshot(), None))
    published = published_from(message, workout_from(workout_data(REPS)))
    later = advance(published.snapshot, 1.5)  # the follower's clock reads 1.5 s on
    clock[0] = 103.5
    truth = engine.snapshot()
    assert later.step_remaining == pytest.approx(truth.step_remaining)
    assert later.session_elapsed == pytest.approx(truth.session_elapsed)
    assert later.session_remaining == pytest.approx(truth.session_remaining)
    engine.pause()
    paused = published_from(decode(state_message(2, 103.5, engine.snapshot(), None)), REPS)
    assert advance(paused.snapshot, 60.0) == paused.snapshot  # a paused class stands still


def test_the_clock_offset_is_the_one_of_the_shortest_round_trip() -> None:
    offset = ClockOffset()
    offset.add(sent=10.0, at=1010.4, received=10.6)  # slow: 0.6 s round trip
    offset.add(sent=20.0, at=1020.01, received=20.02)  # quick: coach's clock 1000 s ahead
    assert offset.offset == pytest.approx(1000.0)
    assert offset.round_trip == pytest.approx(0.02)


def test_the_workout_sent_names_no_file_of_the_coach() -> None:
    sounding = Timeline("T", (Step(0, "work", "Chop", 10, sound=Path("/x/go.wav")),), bpm=None)
    data = workout_data(sounding)
    assert "/x/" not in encode(data)
    assert workout_from(data).steps[0].name == "Chop"


@pytest.mark.parametrize("name", ["", "   ", "x" * 25, "bell\x07", 12])
def test_a_name_that_cannot_be_shown_is_refused(name: object) -> None:
    with pytest.raises(ProtocolError):
        clean_name(name)


def test_serve_and_class_listen_on_this_machine_only_unless_told() -> None:
    parser = build_parser()
    assert parser.parse_args(["serve"]).host == "127.0.0.1"
    assert parser.parse_args(["class", "Snow Run"]).host == "127.0.0.1"
    assert coach_address("gym.local") == "ws://gym.local:8765"
    assert coach_address("10.0.0.2:9000") == "ws://10.0.0.2:9000"


@pytest.fixture
async def running_class(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[ClassServer]:
    monkeypatch.setattr(coach_module, "WRONG_CODE_DELAY", 0.0)
    server = ClassServer(REPS, code="135790")
    await server.open()
    engine = Engine(REPS, time.monotonic)
    engine.start()
    server.publish(engine.snapshot(), None)
    yield server
    await server.close()


async def test_a_wrong_join_code_is_refused(running_class: ClassServer) -> None:
    follower = ClassFollower(f"127.0.0.1:{running_class.port}")
    with pytest.raises(Exception, match="wrong join code"):
        await follower.join("000000", "Mallory")
    async with connect(f"ws://127.0.0.1:{running_class.port}") as raw:
        await raw.send(encode({"type": "join", "code": "13579", "name": "Mallory"}))
        with pytest.raises(ConnectionClosed) as closed:
            await raw.recv()
        assert closed.value.rcvd is not None and closed.value.rcvd.code == WRONG_CODE
    assert running_class.athletes == {}


@pytest.mark.parametrize(
    "command",
    [
        {"type": "pause"},
        {"type": "skip"},
        {"type": "stop"},
        {"type": "state", "seq": 99, "step": 2},
        {"type": "count", "step": 0, "count": 5, "load": None},  # get-ready takes no count
    ],
)
async def test_a_follower_cannot_steer_the_class(
    running_class: ClassServer, command: dict[str, object]
) -> None:
    async with connect(f"ws://127.0.0.1:{running_class.port}") as raw:
        await raw.send(encode({"type": "join", "code": "135790", "name": "Mallory"}))
        assert decode(await raw.recv())["type"] == "workout"
        before = running_class._state
        await raw.send(encode(command))
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                await raw.recv()
        assert closed.value.rcvd is not None and closed.value.rcvd.code == NOT_ALLOWED
    assert running_class._state == before  # the coach's session is as it was
    await asyncio.sleep(0.05)
    assert running_class.athletes == {}


async def test_an_athlete_sends_a_count_for_the_step_just_done(running_class: ClassServer) -> None:
    follower = ClassFollower(f"127.0.0.1:{running_class.port}")
    await follower.join("135790", "Ann")
    engine = Engine(REPS, time.monotonic)
    engine.start()
    engine.skip()  # get-ready
    engine.done()  # the rep step: its count is due
    running_class.publish(engine.snapshot(), REPS.steps[1])
    for _ in range(100):
        await asyncio.sleep(0.01)
        if follower.count_step() is not None:
            break
    step = follower.count_step()
    assert step is not None and step.name == "Wagon press"
    follower.send_count(step, 12, "24kg")
    for _ in range(100):
        await asyncio.sleep(0.01)
        if follower.standings and follower.standings[0].reps:
            break
    assert running_class.standings()[0].reps == 12
    assert follower.standings[0].name == "Ann" and follower.standings[0].reps == 12
    await follower.close()
