"""Progression rules: a month of sessions with misses and deloads, judged step by step."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loading import load
from montage.session.progression import (
    Kept,
    advance,
    after_session,
    changes,
    progressed,
    rounds_wanted,
    standings,
    verdicts,
)
from montage.session.rules import Deload, Growth, Rule, Standing, Stored, Targets
from montage.session.timeline import Timeline
from montage.workout.compiler import compile_workout

BARN = """\
name: Siberian Barn
steps:
  - exercise: Log carry
    time: 40s
    progress: {time: {by: +5s, max: 1m}}
  - repeat: 2
    progress: {rounds: {by: +1, max: 4}, deload: {after: 2, by: 30%}}
    steps:
      - exercise: Overhead wagon press
        reps: 12
        time: 90s
        load: 20 kg
        progress:
          reps: {by: +1, max: 15}
          load: +2.5 kg
          deload: {after: 3, by: 10%}
"""

CARRY, ROUNDS, PRESS = "1:log carry", "2:(rounds)", "2.1:overhead wagon press"


def barn(text: str = BARN, rounds: dict[str, int] | None = None) -> Timeline:
    return compile_workout(load(text), rounds=rounds)


def session(now: dict[str, Standing], text: str = BARN) -> tuple[Timeline, dict[str, Standing]]:
    """The timeline a session runs with the targets as they stand, as a front end makes it."""
    plain = barn(text)
    timeline = barn(text, rounds_wanted(plain, now))
    return progressed(timeline, now), now


def run(
    timeline: Timeline, press: str = "done", typed: int | None = None, carry: str = "completed"
) -> dict[int, Kept]:
    """What the log keeps of a session: every press ends ``press``, every carry ``carry``."""
    kept = {}
    for step in timeline.steps:
        if step.name == "Overhead wagon press":
            kept[step.index] = Kept(
                press, typed if typed is not None else step.reps, typed is not None
            )
        elif step.name == "Log carry":
            kept[step.index] = Kept(carry)
        else:
            kept[step.index] = Kept("completed")
    return kept


def after(
    now: dict[str, Standing], timeline: Timeline, kept: dict[int, Kept]
) -> dict[str, Standing]:
    return {**now, **after_session(timeline, now, kept)}


def press_of(timeline: Timeline) -> tuple[int | None, str | None, int]:
    presses = [step for step in timeline.steps if step.name == "Overhead wagon press"]
    return presses[0].reps, presses[0].load, len(presses)


def test_the_wagon_press_asks_for_13_reps_after_a_session_at_12() -> None:
    timeline, now = session(standings(barn().rules, []))
    assert press_of(timeline) == (12, "20 kg", 2)
    now = after(now, timeline, run(timeline))
    timeline, _ = session(now)
    assert press_of(timeline) == (13, "22.5 kg", 3)
    carry = timeline.steps[1]
    assert carry.seconds == 45
    shown = {
        (change.rule.name, change.quantity, change.written, change.now)
        for change in changes(timeline)
    }
    assert shown == {
        ("Log carry", "seconds", 40, 45),
        ("Round", "rounds", 2, 3),
        ("Overhead wagon press", "reps", 12, 13),
        ("Overhead wagon press", "load", 20.0, 22.5),
    }


def test_a_month_of_sessions_with_misses_and_deloads_follows_the_rules_exactly() -> None:
    # Each day: what the press ends with and the count typed (None: none typed).
    none: int | None = None
    month: list[tuple[str, int | None]] = (
        [("done", none)] * 3  # 12 -> 15 reps (max), 20 -> 27.5 kg
        + [("done", 14)]  # typed under target: a miss (1)
        + [("capped", None), ("skipped", None)]  # misses 2, 3: deload by 10%
        + [("done", None)] * 2  # grows again from the deload
        + [("stopped", None)]  # stopped in it: neither way
        + [("done", 99)] * 5  # typed over target: made
        + [("skipped", None)] * 6  # two deloads
        + [("done", None)] * 10
    )
    assert len(month) == 30
    now = standings(barn().rules, [])
    seen: list[tuple[int | None, str | None, int]] = []
    for press, typed in month:
        timeline, now = session(now)
        seen.append(press_of(timeline))
        now = after(now, timeline, run(timeline, press, typed))
    reps = [entry[0] for entry in seen]
    loads = [entry[1] for entry in seen]
    rounds = [entry[2] for entry in seen]
    assert reps == [12, 13, 14, 15, 15, 15, 14] + [15] * 10 + [14, 14, 14, 13, 14] + [15] * 8
    assert [float((text or "").split()[0]) for text in loads[:10]] == [
        20,
        22.5,
        25,
        27.5,
        27.5,
        27.5,
        25,
        27.5,
        30,
        30,
    ]
    # the press's deload leaves the rounds alone: they follow their own rule
    assert rounds[:5] == [2, 3, 4, 4, 4]
    assert now[PRESS].misses == 0
    assert now[PRESS].targets.reps == 15


def test_rounds_fall_back_after_their_own_misses() -> None:
    now = standings(barn().rules, [])
    for _ in range(2):
        timeline, now = session(now)
        now = after(now, timeline, run(timeline))
    assert now[ROUNDS].targets.rounds == 4
    for _ in range(2):
        timeline, now = session(now)
        now = after(now, timeline, run(timeline, carry="completed", press="skipped"))
    assert now[ROUNDS].targets.rounds == 3  # 4 less 30%, on the ladder from 2
    assert now[ROUNDS].misses == 0


@pytest.mark.parametrize(
    ("kept", "verdict"),
    [
        (Kept("done"), "made"),
        (Kept("done", 12, entered=True), "made"),
        (Kept("done", 11, entered=True), "missed"),
        (Kept("capped"), "missed"),
        (Kept("skipped"), "missed"),
        (Kept("stopped"), None),
    ],
)
def test_a_rep_step_is_made_when_done_at_its_count(kept: Kept, verdict: str | None) -> None:
    timeline = barn()
    press = next(step for step in timeline.steps if step.target == PRESS)
    found = verdicts(
        timeline, {step.index: Kept("done") for step in timeline.steps} | {press.index: kept}
    )
    assert found.get(PRESS) == verdict


def test_a_timed_step_is_made_unless_skipped_and_a_step_not_reached_is_not_judged() -> None:
    timeline = barn()
    assert verdicts(timeline, {1: Kept("completed")}) == {CARRY: "made"}
    assert verdicts(timeline, {1: Kept("skipped")}) == {CARRY: "missed"}
    assert verdicts(timeline, {}) == {}
    # the first press done, the second never reached: nothing said of the press or rounds
    assert verdicts(timeline, {2: Kept("done")}) == {}


def test_a_typed_count_under_target_in_one_round_misses_the_step_not_the_rounds() -> None:
    timeline = barn()
    kept = run(timeline)
    first = next(index for index, step in enumerate(timeline.steps) if step.target == PRESS)
    kept[first] = Kept("done", 3, entered=True)
    assert verdicts(timeline, kept) == {CARRY: "made", ROUNDS: "made", PRESS: "missed"}


RULE = Rule(
    place="1",
    exercise="press",
    name="Press",
    written=Targets(reps=12, load=20.0),
    growth=(("reps", Growth(1, 15)), ("load", Growth(2.5))),
    deload=Deload(3, 0.1),
    unit="kg",
    load_text=("", " kg"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.booleans(), max_size=60))
def test_any_run_of_sessions_keeps_to_the_rules(made: list[bool]) -> None:
    standing = Standing.fresh(RULE)
    misses = 0
    for verdict in made:
        before = standing
        standing = advance(RULE, standing, "made" if verdict else "missed")
        reps, load_kg = standing.targets.reps, standing.targets.load
        assert reps is not None and load_kg is not None
        assert 1 <= reps <= 15 and load_kg > 0
        assert ((load_kg - 20.0) / 2.5).is_integer()  # on the ladder of 2.5 kg from 20 kg
        if verdict:
            misses = 0
            assert reps == min((before.targets.reps or 0) + 1, 15)
            assert load_kg == (before.targets.load or 0) + 2.5
        else:
            misses += 1
            if misses < 3:
                assert standing.targets == before.targets
            else:
                misses = 0
                assert load_kg < (before.targets.load or 0) or load_kg == 2.5
                assert reps < (before.targets.reps or 0) or reps == 1
        assert standing.misses == misses


def test_a_deload_is_at_least_one_step_and_never_below_the_lowest_rung() -> None:
    low = Standing(Targets(reps=1, load=2.5), RULE.written, misses=2)
    assert advance(RULE, low, "missed").targets == Targets(reps=1, load=2.5)
    high = Standing(Targets(reps=13, load=22.5), RULE.written, misses=2)
    assert advance(RULE, high, "missed").targets == Targets(reps=12, load=20.0)


def stored(key_place: str, exercise: str, reps: int, written: int = 12, misses: int = 0) -> Stored:
    return Stored(key_place, exercise, Standing(Targets(reps=reps), Targets(reps=written), misses))


ONE = (
    "name: a\nsteps:\n  - exercise: Press\n    reps: {reps}\n"
    "    progress: {{reps: {{by: 1, max: {most}}}}}\n"
)


def test_an_edited_file_keeps_what_it_can() -> None:
    rules = barn(ONE.format(reps=12, most=20)).rules
    assert standings(rules, [stored("1", "press", 14, misses=1)])["1:press"] == Standing(
        Targets(reps=14), Targets(reps=12), 1
    )
    # moved down the file: found by its exercise
    moved = barn(
        "name: a\nsteps:\n  - rest: 5s\n" + ONE.split("steps:\n")[1].format(reps=12, most=20)
    ).rules
    assert standings(moved, [stored("1", "press", 14)])["2:press"].targets.reps == 14
    # the file's start changed: it starts again from the file
    assert (
        standings(barn(ONE.format(reps=10, most=20)).rules, [stored("1", "press", 14)])[
            "1:press"
        ].targets.reps
        == 10
    )
    # a lowered max brings it down
    assert (
        standings(barn(ONE.format(reps=12, most=13)).rules, [stored("1", "press", 14)])[
            "1:press"
        ].targets.reps
        == 13
    )
    # another exercise at its place is another step
    assert standings(rules, [stored("1", "row", 14)])["1:press"] == Standing.fresh(rules[0])


def test_two_unclaimed_steps_of_one_exercise_are_not_guessed_between() -> None:
    text = "name: a\nsteps:\n" + "  - {exercise: Press, reps: 5, progress: {reps: +1}}\n" * 2
    rules = barn(text).rules
    now = standings(rules, [stored("3", "press", 9, written=5)])
    assert [standing.targets.reps for standing in now.values()] == [5, 5]


def test_a_progressed_timeline_round_trips_without_its_standings() -> None:
    timeline, _ = session(standings(barn().rules, []))
    again = Timeline.from_data(timeline.to_data())
    assert again == replace(timeline, standings=())
