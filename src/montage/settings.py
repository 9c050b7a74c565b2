"""The user's settings: a small JSON file in the config folder.

A plain dataclass rather than a validation model: settings are read on every
launch, and a launch should cost no more than the terminal UI itself.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from montage.files import write_whole
from montage.paths import (
    DATABASE_VARIABLE,
    HOME_VARIABLE,
    DatabaseURL,
    database_location,
    log_database_file,
)

MAX_VOLUME = 1.5
"""The highest volume: a boost above the sounds' own level, limited so it never clips."""

CONFIG_VARIABLE = "MONTAGE_CONFIG"
"""The environment variable naming another settings file (the tests use it)."""

ATHLETE_VARIABLE = "MONTAGE_ATHLETE"
"""The environment variable naming whose sessions are logged."""


@dataclass
class Settings:
    """What the user chose, remembered between sessions."""

    theme: str = "montage"
    """The Textual theme."""
    volume: float = 0.8
    """Sound volume, 0 to 1.5 (above 1 a boost, still never clipping)."""
    mute: bool = False
    """No sound at all."""
    beat: bool = True
    """Play the beat during work."""
    voice: bool = True
    """Announce steps with a voice, where one is installed."""
    database: str = ""
    """Where the progress log is: a PostgreSQL URL or an SQLite file; empty for the file in
    montage's folder. ``$MONTAGE_DB`` comes first."""
    athlete: str = ""
    """Whose sessions this montage logs; empty for the user's login name.
    ``$MONTAGE_ATHLETE`` comes first."""
    low_cues: bool = False
    """Play the low-pitch cue set, for people who hear high tones badly."""
    backend: str = "simpleaudio"
    """Where sound goes: ``simpleaudio``, or ``alsa`` for one gapless stream per session."""

    @classmethod
    def from_data(cls, data: object) -> Settings:
        """Read settings from parsed JSON, keeping the defaults for anything missing.

        Args:
            data: The parsed file.

        Returns:
            The settings.

        Raises:
            ValueError: The data is not a mapping, or a value has the wrong type.
        """
        if not isinstance(data, dict):
            raise ValueError("not a mapping")
        settings = cls()
        for item in fields(cls):
            if item.name not in data:
                continue
            value: Any = data[item.name]
            default = getattr(settings, item.name)
            if isinstance(default, bool):
                if not isinstance(value, bool):
                    raise ValueError(f"{item.name} must be true or false")
            elif isinstance(default, float):
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise ValueError(f"{item.name} must be a number")
                value = clamp_volume(float(value))
            elif not isinstance(value, str):
                raise ValueError(f"{item.name} must be text")
            settings = replace(settings, **{item.name: value})
        return settings

    def to_data(self) -> dict[str, Any]:
        """The settings as JSON-ready data."""
        return asdict(self)


def settings_path() -> Path:
    """The settings file: ``$MONTAGE_CONFIG``; else ``settings.json`` in ``$MONTAGE_HOME``
    when that is set (everything of montage's moves with it); else in the config folder."""
    override = os.environ.get(CONFIG_VARIABLE)
    if override:
        return Path(override).expanduser()
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home).expanduser() / "settings.json"
    return user_config_path("montage", appauthor=False) / "settings.json"


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Read the settings, falling back to the defaults for a missing or broken file.

    Args:
        path: The file; ``settings_path()`` by default.

    Returns:
        The settings, and a notice for the user when the file could not be used.
    """
    path = path or settings_path()
    try:
        return Settings.from_data(json.loads(path.read_text(encoding="utf-8"))), None
    except FileNotFoundError:
        return Settings(), None
    except OSError as error:
        return Settings(), f"{path}: {error.strerror}; using the default settings"
    except ValueError as error:
        return Settings(), f"{path}: {error}; using the default settings"
    except RecursionError:
        return Settings(), f"{path}: nested too deeply to be settings; using the default settings"


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings, making the folder when needed.

    Args:
        settings: What to keep.
        path: The file; ``settings_path()`` by default.

    Raises:
        OSError: The file cannot be written.
    """
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_whole(path, json.dumps(settings.to_data(), indent=2) + "\n")


def log_location(settings: Settings | None = None) -> Path | DatabaseURL:
    """Where the progress log is: ``$MONTAGE_DB``, else the ``database`` setting, else
    ``montage.db`` in montage's folder.

    Raises:
        ValueError: The one given is a URL of a database montage cannot use.
    """
    text = os.environ.get(DATABASE_VARIABLE) or (settings or load_settings()[0]).database
    return database_location(text) if text else log_database_file()


def athlete_and_device(settings: Settings | None = None) -> tuple[str, str]:
    """Who trains and on what, as each session is tagged in the log: ``$MONTAGE_ATHLETE``,
    else the ``athlete`` setting, else the login name; and this machine's host name."""
    athlete = os.environ.get(ATHLETE_VARIABLE) or (settings or load_settings()[0]).athlete
    if not athlete:
        try:
            athlete = getpass.getuser()
        except (OSError, KeyError):  # no login name (a container's user of no name)
            athlete = "athlete"
    return athlete, socket.gethostname()


def clamp_volume(volume: float) -> float:
    """A volume kept between 0 and ``MAX_VOLUME``, to the hundredth."""
    return round(min(MAX_VOLUME, max(0.0, volume)), 2)
