"""Helpers of the loader's tests: a workout from text, its problems as the user reads them."""

from __future__ import annotations

from typing import Any

import pytest

from montage.workout.loader import parse_workout
from montage.workout.models import Workout
from montage.workout.problems import Problem, WorkoutError
from montage.workout.source import read_source

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


def read(text: str | bytes) -> Any:
    """The data of a YAML document, read as a workout file is."""
    return read_source(text.encode("utf-8") if isinstance(text, str) else text, "w.yaml").data


def refused(text: str | bytes) -> Problem:
    """The one problem that stops a YAML document from being read."""
    with pytest.raises(WorkoutError) as caught:
        read(text)
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]
