"""Compiling workouts into timelines: order, positions, and totals."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from montage.session.timeline import Round
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout
from montage.workout.models import AmrapBlock, EmomBlock, RepeatBlock, RestStep, Workout, WorkStep

BARN = """
name: Siberian Barn
bpm: 150
prepare: 10s
steps:
  - exercise: Log carry
    time: 45s
    cue: Shoulder the log.
    load: heavy log
  - rest: 15s
  - repeat: 3
    name: Barn circuit
    rest_between: 60s
    steps:
      - exercise: Sled pull
        time: 1m
        distance: 40 m
      - exercise: Overhead wagon press
        reps: 12
        time: 90s
      - rest: 20s
  - amrap: 8m
    steps:
      - exercise: Wood chop
        reps: 10
      - exercise: Hanging sit-up
        reps: 8
  - emom: 6
    every: 1m
    steps:
      - exercise: Chin-up
        reps: 5
  - exercise: Pull-up burnout
    reps: 20
  - exercise: Mountain climb
    time: 4m
cooldown: 2m
"""


def test_the_design_example_compiles_in_order_with_positions() -> None:
    plan = compile_workout(parse_workout(BARN))
    kinds = [(s.kind, s.name, s.seconds) for s in plan.steps]
    assert kinds[:3] == [
        ("prepare", "Get ready", 10),
        ("work", "Log carry", 45),
        ("rest", "Rest", 15),
    ]
    circuit = plan.steps[3:14]
    assert [s.name for s in circuit] == [
        "Sled pull",
        "Overhead wagon press",
        "Rest",
        "Rest",
    ] * 2 + [
        "Sled pull",
        "Overhead wagon press",
        "Rest",
    ]
    assert [s.round for s in circuit[:4]] == [Round("Barn circuit", 1, 3)] * 4
    assert circuit[3].seconds == 60  # the rest between rounds...
    assert circuit[-1].seconds == 20  # ...and none after the last
    assert circuit[1].mode == "reps" and circuit[1].reps == 12 and circuit[1].seconds == 90
    amrap = plan.steps[14]
    assert (amrap.mode, amrap.seconds, [m.name for m in amrap.moves]) == (
        "amrap",
        480,
        ["Wood chop", "Hanging sit-up"],
    )
    emoms = plan.steps[15:21]
    assert [s.round.number for s in emoms if s.round] == [1, 2, 3, 4, 5, 6]
    assert all(s.mode == "emom" and s.seconds == 60 for s in emoms)
    burnout = plan.steps[21]
    assert (burnout.mode, burnout.seconds) == ("reps", None)
    assert plan.steps[-1].kind == "cooldown" and plan.steps[-1].seconds == 120
    assert [s.index for s in plan.steps] == list(range(len(plan.steps)))


def test_total_counts_caps_and_blocks_but_not_open_rep_steps() -> None:
    plan = compile_workout(parse_workout(BARN))
    circuit = 3 * (60 + 90 + 20) + 2 * 60
    assert plan.total_seconds == 10 + 45 + 15 + circuit + 480 + 360 + 240 + 120


def test_json_has_total_and_kind_name_seconds_for_every_step() -> None:
    data = compile_workout(parse_workout(BARN)).to_json()
    assert data["total_seconds"] == compile_workout(parse_workout(BARN)).total_seconds
    assert all({"kind", "name", "seconds"} <= set(step) for step in data["steps"])
    assert data["steps"][21]["seconds"] is None
    assert data["steps"][4]["rounds"] == [{"label": "Barn circuit", "number": 1, "of": 3}]


def test_nested_repeats_know_every_round() -> None:
    text = """
name: Nest
steps:
  - repeat: 2
    steps:
      - repeat: 3
        name: Set
        steps: [{exercise: Chop, time: 5s}]
"""
    plan = compile_workout(parse_workout(text))
    rounds = [tuple((r.label, r.number) for r in s.rounds) for s in plan.steps[1:]]
    assert rounds == [(("Round", outer), ("Set", inner)) for outer in (1, 2) for inner in (1, 2, 3)]


def test_beat_tempo_default_and_off() -> None:
    assert compile_workout(parse_workout("name: a\nsteps: [{rest: 1}]")).bpm == 150
    assert compile_workout(parse_workout("name: a\nbpm: off\nsteps: [{rest: 1}]")).bpm is None
    assert compile_workout(parse_workout("name: a\nbpm: 90\nsteps: [{rest: 1}]")).bpm == 90


def test_sounds_resolve_relative_to_the_workout_folder(tmp_path: Path) -> None:
    workout = parse_workout("name: a\nsteps: [{exercise: b, time: 1, sound: cues/gong.wav}]")
    plan = compile_workout(workout, tmp_path)
    assert plan.steps[1].sound == tmp_path / "cues" / "gong.wav"


def test_repeats_inside_an_amrap_unroll_into_moves() -> None:
    text = """
name: a
steps:
  - amrap: 5m
    steps:
      - repeat: 2
        rest_between: 5s
        steps: [{exercise: Chop, reps: 5}]
      - exercise: Run
        time: 30s
"""
    moves = compile_workout(parse_workout(text)).steps[1].moves
    assert [(m.kind, m.name, m.seconds) for m in moves] == [
        ("work", "Chop", None),
        ("rest", "Rest", 5),
        ("work", "Chop", None),
        ("work", "Run", 30),
    ]


# ------------------------------------------------------------- properties

seconds = st.integers(min_value=1, max_value=600)
names = st.sampled_from(["Log carry", "Chop", "Sled pull"])
work = st.one_of(
    st.builds(WorkStep, exercise=names, time=seconds),
    st.builds(WorkStep, exercise=names, reps=st.integers(1, 30)),
    st.builds(WorkStep, exercise=names, reps=st.integers(1, 30), time=seconds),
)
rest = st.builds(RestStep, rest=seconds)
leaf = st.one_of(work, rest)


def _blocks(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(
        RepeatBlock,
        repeat=st.integers(1, 4),
        rest_between=st.one_of(st.none(), seconds),
        steps=st.lists(children, min_size=1, max_size=3),
    )


inner_steps = st.recursive(leaf, _blocks, max_leaves=6)
any_step = st.one_of(
    inner_steps,
    st.builds(AmrapBlock, amrap=seconds, steps=st.lists(leaf, min_size=1, max_size=3)),
    st.builds(
        EmomBlock,
        emom=st.integers(1, 5),
        every=st.integers(600, 1200),
        steps=st.lists(leaf, min_size=1, max_size=2),
    ),
)
workouts = st.builds(
    Workout,
    name=st.just("Random"),
    prepare=seconds,
    cooldown=st.one_of(st.none(), seconds),
    steps=st.lists(any_step, min_size=1, max_size=4),
)


def _planned(step: object) -> int:
    """The time a written step should take, worked out independently of the compiler."""
    if isinstance(step, WorkStep):
        return step.time or 0
    if isinstance(step, RestStep):
        return step.rest
    if isinstance(step, RepeatBlock):
        one_round = sum(_planned(child) for child in step.steps)
        return step.repeat * one_round + (step.repeat - 1) * (step.rest_between or 0)
    if isinstance(step, AmrapBlock):
        return step.amrap
    assert isinstance(step, EmomBlock)
    return step.emom * step.every


@settings(max_examples=300, deadline=None)
@given(workouts)
def test_the_total_is_the_sum_of_the_parts(workout: Workout) -> None:
    plan = compile_workout(workout)
    written = workout.prepare + (workout.cooldown or 0) + sum(_planned(s) for s in workout.steps)
    assert plan.total_seconds == written
    assert plan.total_seconds == sum(step.seconds or 0 for step in plan.steps)
    assert plan.steps[0].kind == "prepare"
    assert (plan.steps[-1].kind == "cooldown") == (workout.cooldown is not None)
    for step in plan.steps:
        for position in step.rounds:
            assert 1 <= position.number <= position.of
