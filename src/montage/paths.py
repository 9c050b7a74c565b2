"""Where montage keeps its files. Nothing here creates a folder until it is needed."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_data_path

PACKAGE = Path(__file__).resolve().parent
"""The installed package's folder, which carries the shipped workouts and sounds as data
(found without ``importlib.resources``, which costs a start-up its import)."""

HOME_VARIABLE = "MONTAGE_HOME"
"""The environment variable that moves montage's data folder."""


def montage_home() -> Path:
    """The folder holding the log database and the user's workouts.

    Returns:
        ``$MONTAGE_HOME`` when set, else the platform's user data folder for montage.
    """
    override = os.environ.get(HOME_VARIABLE)
    return Path(override).expanduser() if override else user_data_path("montage", appauthor=False)


def user_workouts_dir() -> Path:
    """The folder of the user's own workouts."""
    return montage_home() / "workouts"


def shipped_workouts_dir() -> Path:
    """The folder of the workouts that come with montage.

    An installed package carries them as package data; a source checkout has
    them at the top of the repository.
    """
    packaged = PACKAGE / "_data" / "workouts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "workouts"


def _cache_dir() -> Path:
    """The folder of files montage can make again: ``cache`` in ``$MONTAGE_HOME`` when set."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override).expanduser() / "cache"
    return user_cache_path("montage", appauthor=False)


def timeline_cache_file() -> Path:
    """The file keeping compiled timelines between runs."""
    return _cache_dir() / "timelines.json"


def log_check_file() -> Path:
    """The file remembering which progress logs were checked, as they were then."""
    return _cache_dir() / "log-checks.json"


def user_sounds_dir() -> Path:
    """The folder whose WAVs replace built-in cues of the same file name."""
    return montage_home() / "sounds"


def shipped_sounds_dir() -> Path:
    """The folder of the built-in cue and beat WAVs."""
    packaged = PACKAGE / "_data" / "sounds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "sounds"


def log_database_file() -> Path:
    """The SQLite file of the progress log."""
    return montage_home() / "montage.db"
