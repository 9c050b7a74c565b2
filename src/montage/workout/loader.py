"""Load a workout file: safe YAML, validated by the models, every problem placed in the file."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from montage.workout.checks import check_top_step, check_workout
from montage.workout.fields import FROM_FILE
from montage.workout.models import (
    KIND_KEYS,
    STEP_TAGS,
    AnyStep,
    Step,
    StepKey,
    Workout,
    step_key,
    step_model,
)
from montage.workout.problems import Problem, WorkoutError, describe, quoted
from montage.workout.reading import read_file
from montage.workout.sounds import SoundRefused, sound_file
from montage.workout.source import Loc, Source, read_source


@dataclass(frozen=True, slots=True)
class SoundRef:
    """A ``sound:`` of a workout file, and where it is written."""

    text: str
    """The value as written."""
    path: Path
    """The file it names: inside the workout's folder or the user's sounds folder."""
    line: int
    """Where the value is: its line, from 1."""
    column: int
    """Its column, from 1."""

    def problem(self, file: str, message: str) -> Problem:
        """A problem pointing at this ``sound:`` value of ``file``."""
        return Problem(file, self.line, self.column, message)


@dataclass(frozen=True, slots=True)
class LoadedWorkout:
    """A valid workout and the file it came from."""

    workout: Workout
    """The validated workout."""
    path: Path | None
    """The file it was read from; None for text given directly."""
    sounds: tuple[SoundRef, ...] = ()
    """Every ``sound:`` in the file, in the order written."""

    @property
    def base_dir(self) -> Path:
        """The folder that relative paths in the workout (sounds) are resolved against."""
        return self.path.parent if self.path else Path.cwd()


def load_workout(path: Path) -> LoadedWorkout:
    """Read and validate a workout file, and check that its sounds stay beside it.

    Args:
        path: The file to read.

    Returns:
        The workout.

    Raises:
        WorkoutError: The file cannot be read, is not a valid workout, or has a
            ``sound:`` that leads out of its folder; every problem found is listed.
    """
    name = str(path)
    source = read_source(read_file(path), name)
    sounds: list[SoundRef] = []
    problems: list[Problem] = []
    for loc, text in _sounds(source.data, ()):
        place = source.place((*loc, "sound"))
        try:
            sounds.append(SoundRef(text, sound_file(text, path.parent), place.line, place.column))
        except SoundRefused as refused:
            problems.append(
                Problem(name, place.line, place.column, f"sound: {quoted(text)} {refused}")
            )
    try:
        workout = _validate(source)
    except WorkoutError as error:
        raise WorkoutError(error.problems + problems) from None
    if problems:
        raise WorkoutError(problems)
    return LoadedWorkout(workout, path, tuple(sounds))


def parse_workout(raw: bytes | str, path: str = "<text>") -> Workout:
    """Validate a workout from a file's contents.

    Text has no folder, so its sounds are not checked; ``load_workout`` checks them.

    Args:
        raw: The YAML text, as bytes or str.
        path: The name to use in messages.

    Returns:
        The workout.

    Raises:
        WorkoutError: Every problem found, each with its line and column.
    """
    return _validate(read_source(raw.encode("utf-8") if isinstance(raw, str) else raw, path))


def _validate(source: Source) -> Workout:
    problems = list(source.problems)
    try:
        workout = Workout.model_validate(source.data, context=FROM_FILE)
    except ValidationError as error:
        problems.extend(_problem(source, detail) for detail in error.errors())
        problems.extend(source.problem(loc, text) for loc, text in _valid_step_checks(source.data))
        raise WorkoutError(problems) from None
    problems.extend(source.problem(loc, message) for loc, message in check_workout(workout))
    if problems:
        raise WorkoutError(problems)
    return workout


def _valid_step_checks(data: Any) -> Iterator[tuple[Loc, str]]:
    """The whole-workout rules for each top-level step that is valid on its own, when the
    workout as a whole is not: a file's every problem is told, not only its field errors."""
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list):
        return
    adapter: TypeAdapter[AnyStep] = TypeAdapter(Step)
    for index, raw in enumerate(steps):
        try:
            step = adapter.validate_python(raw, context=FROM_FILE)
        except ValidationError:
            continue  # its own problems are told already
        yield from check_top_step(step, index)


def _sounds(data: Any, loc: Loc) -> list[tuple[Loc, str]]:
    """Every ``sound:`` text in the data, with where its mapping is."""
    found: list[tuple[Loc, str]] = []
    if isinstance(data, dict):
        if isinstance(data.get("sound"), str):
            found.append((loc, data["sound"]))
        for key, value in data.items():
            found += _sounds(value, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += _sounds(item, (*loc, index))
    return found


def _data_loc(raw_loc: tuple[str | int, ...]) -> Loc:
    """Drop the tags pydantic adds to a location, keeping the keys and indexes of the data."""
    return tuple(part for part in raw_loc if not (isinstance(part, str) and part in STEP_TAGS))


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _model_for(data: Any, loc: Loc) -> tuple[str, type[BaseModel]]:
    """Name the kind of mapping found at ``loc``, with the model that reads it."""
    if not loc:
        return "the workout", Workout
    key = step_key(_value_at(data, loc))
    if key is None:
        return "this step", Workout
    return _NOUNS[key], step_model(key)


_NOUNS: dict[StepKey, str] = {
    "exercise": "a work step",
    "rest": "a rest step",
    "repeat": "a repeat block",
    "amrap": "an amrap block",
    "emom": "an emom block",
}
"""What a person calls each kind of step."""


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "the keys here are " + ", ".join(choices)


def _problem(source: Source, detail: ErrorDetails) -> Problem:
    loc = _data_loc(tuple(detail["loc"]))
    kind = detail["type"]
    field = next((part for part in reversed(loc) if isinstance(part, str)), "value")
    value = detail.get("input")
    ctx = detail.get("ctx", {})
    if kind == "extra_forbidden":
        noun, model = _model_for(source.data, loc[:-1])
        key = str(loc[-1])
        if key in KIND_KEYS:
            message = f"{noun} cannot also have {key}:; " + _KIND_HINT
        else:
            message = f"{quoted(key)} is not a key of {noun}; " + _suggest(
                key, list(model.model_fields)
            )
        return source.problem(loc, message, key=True)
    if kind == "control_character":
        place = source.controls.get(loc) or source.place(loc)
        return Problem(source.path, place.line, place.column, f"{field}: {detail['msg']}")
    if kind == "bare_number":
        return source.problem(loc, f"{field}: {detail['msg']}")
    if kind == "missing":
        noun, _ = _model_for(source.data, loc[:-1])
        return source.problem(loc[:-1], f"{noun} needs {field}:; add it", key=True)
    if kind == "time_or_reps":
        return source.problem(loc, detail["msg"], key=True)
    if kind == "step_kind":
        return source.problem(loc, _kind_message(value), key=True)
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return source.problem(
            loc, f"a step is a mapping like 'exercise: ...', not {describe(value)}"
        )
    if kind == "list_type":
        glued = (
            next((key for key in value if key.startswith("-")), None)
            if isinstance(value, dict)
            else None
        )
        if glued is not None:
            return source.problem(
                (*loc, glued),
                f"a '-' needs a space after it: write '- {glued[1:]}:' to start a step",
                key=True,
            )
        return source.problem(loc, f"{field}: should be a list of items starting with '- '")
    if kind == "too_short":
        return source.problem(loc, f"{field}: is empty; add at least one")
    if kind in {"string_type", "string_too_short"}:
        return source.problem(loc, f"{field}: should be some text, not {describe(value)}")
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return source.problem(loc, f"{field}: should be a whole number, not {describe(value)}")
    if kind == "greater_than_equal":
        return source.problem(loc, f"{field}: must be at least {ctx.get('ge')}")
    if kind == "less_than_equal":
        return source.problem(loc, f"{field}: can be at most {ctx.get('le')}")
    return source.problem(loc, f"{field}: {detail['msg']}")


_KIND_HINT = "a step is exactly one of exercise:, rest:, repeat:, amrap: or emom:"


def _kind_message(value: Any) -> str:
    if not isinstance(value, dict):
        return f"a step is a mapping like 'exercise: ...', not {describe(value)}"
    kinds = [key for key in KIND_KEYS if key in value]
    if kinds:
        article = "an" if kinds[0][0] in "aeiou" else "a"
        return (
            f"an amrap or emom block cannot hold {article} {kinds[0]}: block; "
            "only work, rest or repeat steps"
        )
    for key in value:
        close = difflib.get_close_matches(key, KIND_KEYS, n=1, cutoff=0.6)
        if close:
            return f"{quoted(key)} is not a kind of step; did you mean {close[0]!r}?"
    return _KIND_HINT
