"""Where montage keeps its files. Nothing here creates a folder until it is needed."""

from __future__ import annotations

import os
from dataclasses import dataclass
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


def score_cache_dir() -> Path:
    """The folder keeping the score rendered at each tempo lately used."""
    return _cache_dir() / "scores"


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


DATABASE_VARIABLE = "MONTAGE_DB"
"""The environment variable that puts the progress log elsewhere: a PostgreSQL URL
(``postgresql://coach@gym-server/montage``) or another SQLite file."""

DATABASE_SCHEMES = ("postgresql://", "postgres://")
"""How a PostgreSQL URL begins."""


@dataclass(frozen=True, slots=True)
class DatabaseURL:
    """A PostgreSQL progress log, by its URL. ``str()`` shows it without its password, so that
    printing one never shows a credential; ``secret`` is the URL as given, for the driver."""

    secret: str
    """The URL as given, password included: for the database driver only."""

    def __str__(self) -> str:
        return without_password(self.secret)

    def __repr__(self) -> str:
        return f"DatabaseURL({str(self)!r})"


def without_password(url: str) -> str:
    """A database URL with its password left out, wherever it is given (after the user name,
    or as a ``password`` parameter): the URL as montage shows it."""
    scheme, _, rest = url.partition("://")
    end = min((rest.find(mark) for mark in "/?#" if mark in rest), default=len(rest))
    authority, tail = rest[:end], rest[end:]
    if "@" in authority:
        user, _, host = authority.rpartition("@")
        authority = f"{user.split(':', 1)[0]}@{host}"
    path, mark, query = tail.partition("?")
    if mark:
        kept = [pair for pair in query.split("&") if pair.split("=", 1)[0].lower() != "password"]
        path += "?" + "&".join(kept) if kept else ""
    return f"{scheme}://{authority}{path}"


def database_location(text: str) -> Path | DatabaseURL:
    """Where ``text`` puts the progress log: a PostgreSQL URL, or an SQLite file.

    Raises:
        ValueError: It is a URL of another kind of database.
    """
    if text.lower().startswith(DATABASE_SCHEMES):
        return DatabaseURL(text)
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise ValueError(
            f"{scheme}:// is not a database montage can use; give a postgresql:// URL or a file"
        )
    return Path(text).expanduser()
