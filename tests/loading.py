"""Helpers of the loader's tests: a workout from text, its problems as the user reads them."""

from __future__ import annotations

import pytest

from montage.workout.loader import parse_workout
from montage.workout.models import Workout
from montage.workout.problems import WorkoutError

KIND_HINT = "a step is exactly one of exercise:, rest:, repeat:, amrap: or emom:"


def load(text: str) -> Workout:
    return parse_workout(text, "w.yaml")


def problems(text: str) -> list[str]:
    """Every problem in a workout, as the user reads them."""
    with pytest.raises(WorkoutError) as caught:
        load(text)
    return [str(problem) for problem in caught.value.problems]


def one_step(text: str) -> object:
    """The only step of a workout whose steps are given as indented YAML."""
    steps = load("name: a\nsteps:\n" + text).steps
    assert len(steps) == 1
    return steps[0]
