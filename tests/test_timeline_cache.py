"""Compiled timelines kept between runs, and never trusted once their file changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from montage.session.timeline import Timeline
from montage.workout.cache import MAX_CACHE_BYTES, MAX_KEPT_STEPS, TimelineCache
from montage.workout.catalogue import load_entry
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

TEXT = """\
name: Cached
tags: [a, b]
description: kept
steps:
  - exercise: Chop
    time: 30s
    cue: hips
    sound: gong.wav
  - repeat: 2
    name: Set
    steps: [{exercise: Press, reps: 5, time: 1m}]
  - amrap: 2m
    steps: [{exercise: Squat, reps: 10}, {rest: 5}]
"""


def test_a_timeline_survives_the_round_trip(tmp_path: Path) -> None:
    timeline = compile_workout(parse_workout(TEXT), tmp_path)
    assert Timeline.from_data(timeline.to_data()) == timeline


def test_the_cache_gives_back_what_it_kept_until_the_file_changes(tmp_path: Path) -> None:
    workout = tmp_path / "w.yaml"
    workout.write_text(TEXT)
    cache_file = tmp_path / "cache" / "timelines.json"
    first = TimelineCache(cache_file)
    entry = load_entry(workout, "user", first)
    first.save()
    assert cache_file.exists()
    again = TimelineCache(cache_file)
    assert again.get(workout) == entry.timeline
    workout.write_text(TEXT.replace("Cached", "Changed"))
    os.utime(workout, ns=(1, 1))
    assert again.get(workout) is None
    assert load_entry(workout, "user", again).name == "Changed"


def test_a_corrupt_or_foreign_cache_is_ignored(tmp_path: Path) -> None:
    workout = tmp_path / "w.yaml"
    workout.write_text(TEXT)
    cache_file = tmp_path / "timelines.json"
    for content in ("{not json", '{"format": "other", "files": {}}', "[]"):
        cache_file.write_text(content)
        assert TimelineCache(cache_file).get(workout) is None
        assert load_entry(workout, "user", TimelineCache(cache_file)).name == "Cached"


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    workout = tmp_path / "w.yaml"
    workout.write_text(TEXT)
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = TimelineCache(blocker / "cache.json")  # a folder that cannot exist
    assert load_entry(workout, "user", cache).name == "Cached"
    cache.save()
    assert not (blocker / "cache.json").exists()


def test_a_known_workout_starts_without_the_validation_models(tmp_path: Path) -> None:
    workout = tmp_path / "w.yaml"
    workout.write_text(TEXT)
    code = (
        "import sys\nfrom montage.workout.catalogue import find\n"
        f"find({str(workout)!r})\n"
        "print('pydantic' in sys.modules, 'yaml' in sys.modules)\n"
    )
    env = {**os.environ, "MONTAGE_HOME": str(tmp_path / "home")}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert [run.stdout.strip() for run in runs] == ["True True", "False False"]


def test_a_timeline_too_big_to_be_worth_keeping_is_not_kept(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    rounds = MAX_KEPT_STEPS // 2 + 1
    big.write_text(
        f"name: Big\nsteps:\n  - repeat: {rounds}\n    steps: [{{rest: 1}}, {{rest: 2}}]\n"
    )
    small = tmp_path / "w.yaml"
    small.write_text(TEXT)
    cache_file = tmp_path / "timelines.json"
    cache = TimelineCache(cache_file)
    assert len(load_entry(big, "user", cache).timeline.steps) > MAX_KEPT_STEPS  # type: ignore[union-attr]
    load_entry(small, "user", cache)
    cache.save()
    kept = json.loads(cache_file.read_text())["files"]
    assert list(kept) == [str(small.resolve())]


def test_a_cache_file_over_the_limit_is_not_read_and_is_written_again_small(
    tmp_path: Path,
) -> None:
    workout = tmp_path / "w.yaml"
    workout.write_text(TEXT)
    cache_file = tmp_path / "timelines.json"
    cache = TimelineCache(cache_file)
    load_entry(workout, "user", cache)
    cache.save()
    padded = cache_file.read_text()[:-1] + " " * MAX_CACHE_BYTES + "}"
    cache_file.write_text(padded)
    again = TimelineCache(cache_file)
    assert again.get(workout) is None
    load_entry(workout, "user", again)
    again.save()
    assert cache_file.stat().st_size < 100_000
    assert TimelineCache(cache_file).get(workout) is not None


def test_the_records_of_files_that_are_gone_are_dropped(tmp_path: Path) -> None:
    gone, kept = tmp_path / "gone.yaml", tmp_path / "kept.yaml"
    gone.write_text(TEXT)
    kept.write_text(TEXT.replace("Cached", "Kept"))
    cache_file = tmp_path / "timelines.json"
    cache = TimelineCache(cache_file)
    load_entry(gone, "user", cache)
    cache.save()
    gone.unlink()
    cache = TimelineCache(cache_file)
    load_entry(kept, "user", cache)
    cache.save()
    assert list(json.loads(cache_file.read_text())["files"]) == [str(kept.resolve())]
