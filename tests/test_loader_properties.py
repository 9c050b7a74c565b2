"""Properties of the loader: any input fails cleanly, and valid files add up to the right time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from montage.workout.checks import count_steps, timed_seconds
from montage.workout.compiler import compile_workout
from montage.workout.loader import load_workout, parse_workout
from montage.workout.problems import WorkoutError

SETTINGS = settings(max_examples=200, deadline=None)


@pytest.fixture(scope="module")
def workout_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("loader") / "workout.yaml"


def _lines(raw: bytes) -> int:
    return len(raw.decode("utf-8", errors="replace").splitlines()) + 1


def assert_loads_or_fails_cleanly(path: Path, raw: bytes) -> None:
    """Load a file: it is a workout, or every problem is placed inside the file."""
    path.write_bytes(raw)
    try:
        load_workout(path)
    except WorkoutError as error:
        assert error.problems
        assert error.problems == sorted(error.problems)
        for problem in error.problems:
            assert problem.path == str(path)
            assert problem.message.strip()
            assert 1 <= problem.line <= _lines(raw), problem
            assert problem.column >= 1, problem
            assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: ")


# ------------------------------------------------------------- any input fails cleanly


@SETTINGS
@given(st.text())
def test_any_text_loads_or_gives_workout_errors(workout_file: Path, text: str) -> None:
    assert_loads_or_fails_cleanly(workout_file, text.encode("utf-8"))


@SETTINGS
@given(st.binary())
def test_any_bytes_load_or_give_workout_errors(workout_file: Path, raw: bytes) -> None:
    assert_loads_or_fails_cleanly(workout_file, raw)


FRAGMENTS = [
    "name: Barn",
    "name:",
    "steps:",
    "steps: []",
    "steps: &s",
    "  - *s",
    "  - rest: 5",
    "  - rest: 1:30",
    "  - exercise: Chop",
    "    time: 45s",
    "    reps: 10",
    "    rep: 10",
    "  - &w {exercise: Run, time: 5}",
    "  - <<: *w",
    "    <<: [*w]",
    "  - repeat: 3",
    "    rest_between: 1m",
    "  - amrap: 8m",
    "  - emom: 6",
    "    every: 10s",
    "    steps:",
    "      - exercise: Saw",
    "        time: 2m",
    "      - amrap: 1m",
    "      - rest: 0",
    "bpm: off",
    "bpm: 999",
    "prepare: 0",
    "cooldown: 2m",
    "tags: [a, yes, 1]",
    "name: !!python/object/apply:os.system ['true']",
    "cue: !!binary aGk=",
    "name: !!int x",
    "? [a]",
    ": b",
    "---",
    "...",
    "%YAML 1.1",
    "\t- rest: 5",
    "  - [",
    "  - {",
    "'unclosed",
    '"\\x07"',
    "name: a # comment",
    "|",
    "  block text",
]


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14))
def test_yaml_made_of_workout_fragments_loads_or_gives_workout_errors(
    workout_file: Path, lines: list[str]
) -> None:
    assert_loads_or_fails_cleanly(workout_file, "\n".join(lines).encode("utf-8"))


KEYS = st.sampled_from(
    [
        "name",
        "steps",
        "step",
        "exercise",
        "exercize",
        "time",
        "reps",
        "rep",
        "rest",
        "repeat",
        "rest_between",
        "amrap",
        "emom",
        "every",
        "cue",
        "load",
        "distance",
        "sound",
        "prepare",
        "cooldown",
        "bpm",
        "tags",
        "description",
        "<<",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10, max_value=100_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["45s", "1:30", "1m30s", "0", "off", "yes", "24h1s", "1:60", "Chop", ""]),
    st.text(max_size=8),
)
TREES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(KEYS | st.text(max_size=4), children, max_size=5)
    ),
    max_leaves=25,
)


@SETTINGS
@given(
    st.dictionaries(KEYS, TREES, max_size=6) | TREES,
    st.sampled_from([False, True, None]),
)
def test_random_yaml_structures_load_or_give_workout_errors(
    workout_file: Path, data: Any, flow: bool | None
) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, sort_keys=False, allow_unicode=True)
    assert_loads_or_fails_cleanly(workout_file, text.encode("utf-8"))


@SETTINGS
@given(
    st.fixed_dictionaries(
        {"name": SCALARS, "steps": st.lists(st.dictionaries(KEYS, TREES, max_size=4), max_size=4)},
        optional={"prepare": SCALARS, "cooldown": SCALARS, "bpm": SCALARS, "tags": TREES},
    )
)
def test_workout_shaped_yaml_loads_or_gives_workout_errors(
    workout_file: Path, data: dict[str, Any]
) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    assert_loads_or_fails_cleanly(workout_file, text.encode("utf-8"))


# ------------------------------------------------------------- valid workouts add up


@dataclass(frozen=True)
class Written:
    """Part of a workout as written in YAML, with what it should compile to."""

    data: Any
    """The step or workout as plain data for ``yaml.safe_dump``."""
    seconds: int
    """Its planned seconds, worked out from the numbers chosen, not from the code."""
    steps: int
    """How many timeline steps it makes."""


def _spellings(seconds: int) -> list[object]:
    minutes, secs = divmod(seconds, 60)
    hours, minutes_past = divmod(minutes, 60)
    return [
        seconds,
        str(seconds),
        f"{seconds}s",
        f"{minutes}m{secs}s",
        f"{minutes}m {secs}s",
        f"{hours}h{minutes_past}m{secs}s",
        f"{minutes}:{secs:02d}",
        f"{hours}:{minutes_past:02d}:{secs:02d}",
    ]


def durations(
    low: int = 1, high: int = 600, *, unit: bool = False
) -> st.SearchStrategy[tuple[object, int]]:
    """A duration spelt in any form the files allow, with its seconds; with ``unit``, only the
    forms that say their unit (an AMRAP's time)."""
    return st.integers(low, high).flatmap(
        lambda seconds: st.sampled_from(_spellings(seconds)[2 if unit else 0 :]).map(
            lambda text: (text, seconds)
        )
    )


NAMES = st.sampled_from(["Log carry", "Wood chop", "Sled pull", "yes", "1:30", "Chin-up"])
EXTRAS = st.fixed_dictionaries(
    {},
    optional={
        "cue": st.sampled_from(["Chest up.", "on", "Drive!"]),
        "load": st.sampled_from(["heavy log", 20, 12.5]),
        "distance": st.sampled_from(["40 m", 100]),
    },
)


@st.composite
def work_steps(draw: st.DrawFn) -> Written:
    step: dict[str, Any] = {"exercise": draw(NAMES)}
    form = draw(st.sampled_from(["timed", "reps", "capped"]))
    seconds = 0
    if form != "timed":
        step["reps"] = draw(st.integers(1, 50))
    if form != "reps":
        step["time"], seconds = draw(durations())
    step.update(draw(EXTRAS))
    return Written(step, seconds, 1)


@st.composite
def rest_steps(draw: st.DrawFn) -> Written:
    written, seconds = draw(durations())
    return Written({"rest": written}, seconds, 1)


LEAVES = st.one_of(work_steps(), rest_steps())


@st.composite
def repeat_blocks(draw: st.DrawFn, children: st.SearchStrategy[Written]) -> Written:
    inner = draw(st.lists(children, min_size=1, max_size=3))
    rounds = draw(st.integers(1, 3))
    block: dict[str, Any] = {"repeat": rounds, "steps": [child.data for child in inner]}
    between, between_steps = 0, 0
    if draw(st.booleans()):
        block["rest_between"], between = draw(durations())
        between_steps = 1
    one_round = sum(child.seconds for child in inner)
    return Written(
        block,
        rounds * one_round + (rounds - 1) * between,
        rounds * sum(child.steps for child in inner) + (rounds - 1) * between_steps,
    )


def nested_steps(depth: int) -> st.SearchStrategy[Written]:
    """Work, rest, and repeats nested at most ``depth`` deep, well inside every limit."""
    if depth == 0:
        return LEAVES
    return st.one_of(LEAVES, repeat_blocks(nested_steps(depth - 1)))


@st.composite
def amrap_blocks(draw: st.DrawFn) -> Written:
    written, seconds = draw(durations(unit=True))
    inner = draw(st.lists(nested_steps(2), min_size=1, max_size=3))
    return Written({"amrap": written, "steps": [child.data for child in inner]}, seconds, 1)


@st.composite
def emom_blocks(draw: st.DrawFn) -> Written:
    inner = draw(st.lists(nested_steps(1), min_size=1, max_size=2))
    needed = sum(child.seconds for child in inner)
    rounds = draw(st.integers(1, 5))
    block: dict[str, Any] = {"emom": rounds, "steps": [child.data for child in inner]}
    if needed <= 60 and draw(st.booleans()):
        every = 60
    else:
        block["every"], every = draw(durations(max(needed, 1), max(needed, 1) + 600))
    return Written(block, rounds * every, rounds)


STEPS = st.one_of(nested_steps(3), amrap_blocks(), emom_blocks())


@st.composite
def workouts(draw: st.DrawFn) -> Written:
    steps = draw(st.lists(STEPS, min_size=1, max_size=4))
    data: dict[str, Any] = {"name": draw(NAMES), "steps": [step.data for step in steps]}
    prepare = 10
    if draw(st.booleans()):
        data["prepare"], prepare = draw(durations())
    cooldown = 0
    if draw(st.booleans()):
        data["cooldown"], cooldown = draw(durations())
    data.update(
        draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "bpm": st.sampled_from([60, 150, 220, "off"]),
                    "tags": st.lists(NAMES, max_size=3),
                    "description": st.sampled_from(["Rocky Method.", "no"]),
                },
            )
        )
    )
    return Written(
        data,
        prepare + sum(step.seconds for step in steps) + cooldown,
        1 + sum(step.steps for step in steps) + (1 if cooldown else 0),
    )


def _walk(data: Any) -> Iterator[Any]:
    yield data
    if isinstance(data, dict):
        for value in data.values():
            yield from _walk(value)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value)


@SETTINGS
@given(workouts(), st.sampled_from([False, None]))
def test_a_valid_workout_file_compiles_to_the_sum_of_its_parts(
    written: Written, flow: bool | None
) -> None:
    text = yaml.safe_dump(written.data, default_flow_style=flow, sort_keys=False)
    workout = parse_workout(text, "w.yaml")
    plan = compile_workout(workout)
    assert plan.total_seconds == written.seconds
    assert len(plan.steps) == written.steps
    # The step limit and the EMOM check count as the compiler does.
    assert count_steps(workout.steps) + 1 + (1 if workout.cooldown else 0) == len(plan.steps)
    assert timed_seconds(workout.steps) + workout.prepare + (workout.cooldown or 0) == (
        plan.total_seconds
    )
    assert plan.name == written.data["name"]
    assert plan.tags == tuple(written.data.get("tags", ()))
    written_names = {
        step["exercise"]
        for step in _walk(written.data)
        if isinstance(step, dict) and "exercise" in step
    }
    compiled_names = {
        step.name for step in plan.steps if step.kind == "work" and step.mode in ("timed", "reps")
    } | {move.name for step in plan.steps for move in step.moves if move.kind == "work"}
    assert compiled_names == written_names
