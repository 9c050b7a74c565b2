"""A workout's scene: named with ``scene:``, else picked by a tag, else neon; kept by the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from loading import problems
from montage.paths import shipped_workouts_dir
from montage.session.timeline import Timeline, default_scene
from montage.workout.cache import TimelineCache
from montage.workout.compiler import compile_workout
from montage.workout.loader import load_workout, parse_workout

STEPS = "steps:\n  - exercise: Chop\n    time: 30s\n"


def scene_of(head: str) -> str:
    return compile_workout(parse_workout(f"name: W\n{head}{STEPS}")).scene


def test_a_workout_names_its_scene() -> None:
    assert scene_of("scene: lab\ntags: [strength]\n") == "lab"
    assert scene_of("scene: barn\n") == "barn"


def test_without_a_scene_the_first_tag_that_picks_one_does_else_neon() -> None:
    assert scene_of("tags: [rocky, strength, conditioning]\n") == "barn"
    assert scene_of("tags: [Tabata, strength]\n") == "lab"
    assert scene_of("tags: [rocky, boxing]\n") == "neon"
    assert scene_of("") == "neon"
    assert default_scene(("lab",)) == "lab"


def test_an_unknown_scene_is_an_error_at_its_line() -> None:
    found = problems(f"name: W\nscene: gym\n{STEPS}")
    assert len(found) == 1
    assert found[0].startswith("w.yaml:2:8: scene: the scene is one of barn, lab or neon")


def test_the_cache_keeps_the_scene_and_drops_a_timeline_without_one(tmp_path: Path) -> None:
    workout = tmp_path / "w.yaml"
    workout.write_text(f"name: W\nscene: lab\n{STEPS}")
    timeline = compile_workout(load_workout(workout).workout)
    assert Timeline.from_data(timeline.to_data()).scene == "lab"
    cache = TimelineCache(tmp_path / "cache.json")
    cache.put(workout, timeline)
    cache.save()
    assert TimelineCache(tmp_path / "cache.json").get(workout) == timeline
    old = timeline.to_data()
    del old["scene"]  # a cache from before scenes: read the file again
    with pytest.raises(KeyError):
        Timeline.from_data(old)
    with pytest.raises(ValueError):
        Timeline.from_data({**old, "scene": "gym"})


SHIPPED = {
    "siberian-barn": "barn",
    "taster": "barn",
    "amrap-hayloft": "barn",
    "emom-woodpile": "barn",
    "snow-run": "barn",
    "mountain-climb": "barn",
    "dragos-lab": "lab",
}


@pytest.mark.parametrize(("stem", "scene"), SHIPPED.items())
def test_the_barn_workouts_are_in_the_barn_and_dragos_lab_in_the_lab(stem: str, scene: str) -> None:
    path = shipped_workouts_dir() / f"{stem}.yaml"
    assert f"\nscene: {scene}\n" in path.read_text(encoding="utf-8")
    assert compile_workout(load_workout(path).workout).scene == scene
