"""Checking workout files as ``montage validate`` does: the file's own rules, then its sounds.

The workout wing reads and validates the file and says where each ``sound:`` is
written; the sound wing says whether that file is a WAV it can play. This front
end puts the two together, so that neither wing needs the other.
"""

from __future__ import annotations

from pathlib import Path

from montage.workout.loader import LoadedWorkout, load_workout
from montage.workout.problems import Problem, WorkoutError


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
            problems.append(ref.problem(str(loaded.path), f"sound: {ref.text!r}: {error.reason}"))
    return problems
