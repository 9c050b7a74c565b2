"""The shipped Rocky Method library: valid, coached, and covering the whole montage."""

from __future__ import annotations

from pathlib import Path

import pytest

from montage.paths import shipped_workouts_dir
from montage.workout.compiler import compile_workout
from montage.workout.loader import load_workout
from montage.workout.models import RepeatBlock, WorkStep
from montage.workout.schema import MODELINE

FILES = sorted(shipped_workouts_dir().glob("*.yaml"))


def test_there_are_at_least_eight_workouts() -> None:
    assert len(FILES) >= 8


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_each_workout_is_valid_described_coached_and_has_the_modeline(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    loaded = load_workout(path)
    assert loaded.workout.description
    timeline = compile_workout(loaded.workout, loaded.base_dir)
    work = [step for step in timeline.steps if step.kind == "work"]
    assert work
    for step in work:
        cues = [step.cue] + [move.cue for move in step.moves if move.kind == "work"]
        assert all(cues), f"{step.name} in {path.name} has no coaching cue"


def _timelines() -> dict[str, object]:
    return {path.stem: compile_workout(load_workout(path).workout) for path in FILES}


def test_from_a_five_minute_taster_to_a_forty_five_minute_montage() -> None:
    totals = sorted(t.total_seconds for t in _timelines().values())  # type: ignore[attr-defined]
    assert totals[0] <= 6 * 60
    assert any(44 * 60 <= total <= 47 * 60 for total in totals)


def test_the_library_covers_the_whole_montage() -> None:
    text = " ".join(path.read_text(encoding="utf-8").casefold() for path in FILES)
    for exercise in (
        "log carry",
        "sled pull",
        "rider",
        "wagon press",
        "saw",
        "wood chop",
        "hanging sit-up",
        "chin-up",
        "snow",
        "mountain",
        "tabata",
        "sprint",
        "emom:",
        "amrap:",
    ):
        assert exercise in text, exercise
    for stand_in in ("sandbag", "towel", "backpack", "door-frame"):
        assert stand_in in text, stand_in


def test_the_fifteen_round_fight_has_three_minute_rounds_and_a_minute_of_rest() -> None:
    fight = next(p for p in FILES if "fifteen" in p.stem)
    block = load_workout(fight).workout.steps[0]
    assert isinstance(block, RepeatBlock)
    assert (block.repeat, block.rest_between) == (15, 60)
    assert isinstance(block.steps[0], WorkStep) and block.steps[0].time == 180


def test_the_dark_workout_needs_no_screen_and_no_equipment() -> None:
    dark = next(p for p in FILES if "dark" in p.stem)
    loaded = load_workout(dark)
    assert "no-equipment" in loaded.workout.tags
    timeline = compile_workout(loaded.workout)
    assert all(step.mode == "timed" for step in timeline.steps)
