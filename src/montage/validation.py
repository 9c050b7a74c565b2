"""Checking workout files as ``montage validate`` does: the file's own rules, then its sounds.

The workout wing reads and validates the file and says where each ``sound:`` is
written; the sound wing says whether that file is a WAV it can play. This front
end puts the two together, so that neither wing needs the other.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from montage.safe_text import visible
from montage.workout.catalogue import SUFFIXES, Entry, NotFound, catalogue, find, looks_like_path
from montage.workout.loader import LoadedWorkout, load_workout
from montage.workout.problems import Problem, WorkoutError, quoted


def validate(wanted: Sequence[str]) -> int:
    """Check workouts as ``montage validate`` does, printing every problem at its place.

    Args:
        wanted: Files, folders of workout files, or names of known workouts.

    Returns:
        The exit status: 0 when every file is valid, 1 when any has a problem.
    """
    paths: list[Path] = []
    known: list[Entry] = []
    unknown = 0
    for query in wanted:
        path = Path(query).expanduser()
        if path.is_dir():
            paths.extend(
                sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and not p.is_dir())
            )
        elif path.exists() or looks_like_path(query):
            paths.append(path)
        else:
            known = known or catalogue()
            try:
                paths.append(find(query, known).path)
            except NotFound as error:
                print(visible(f"montage: {error}"), file=sys.stderr)
                unknown += 1
    bad = problems = 0
    for path in paths:
        found = file_problems(path)
        if found:
            bad += 1
            problems += len(found)
            for problem in found:
                print(visible(str(problem)))
    checked = len(paths) + unknown
    if bad or unknown:
        summary = f"{bad} of {len(paths)} files have problems ({problems} in all)"
        if unknown:
            summary += f"; {unknown} of {checked} workouts not found"
        print(summary, file=sys.stderr)
        return 1
    print(f"{checked} valid workout file{'s' if checked != 1 else ''}", file=sys.stderr)
    return 0


def file_problems(path: Path) -> list[Problem]:
    """Everything wrong with a workout file, each problem at its line and column.

    Args:
        path: The file.

    Returns:
        The problems; none for a valid file whose sounds all play.
    """
    try:
        loaded = load_workout(path)
    except WorkoutError as error:
        return error.problems
    return sound_problems(loaded)


def sound_problems(loaded: LoadedWorkout) -> list[Problem]:
    """A problem at each ``sound:`` of a valid workout whose file is missing or unreadable.

    Args:
        loaded: A workout read from its file.

    Returns:
        The problems, in the order the sounds are written.
    """
    from montage.sound.bank import SoundError, read_wav  # read only when there are sounds

    if loaded.path is None:
        return []
    problems = []
    for ref in loaded.sounds:
        try:
            read_wav(ref.path)
        except SoundError as error:
            problems.append(
                ref.problem(str(loaded.path), f"sound: {quoted(ref.text)}: {error.reason}")
            )
    return problems
