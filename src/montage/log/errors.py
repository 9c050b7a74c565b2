"""The one error the progress log raises, and how SQLite's errors read to the user."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class LogError(Exception):
    """The progress log cannot be used; ``str()`` is one line for the user."""


def describe(path: Path, error: sqlite3.Error) -> str:
    """One line for the user about an error of SQLite on the log at ``path``."""
    name = getattr(error, "sqlite_errorname", "")
    text = str(error)
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return (
            f"{path}: not a montage progress log, or damaged ({text});"
            " move it aside to start a new one"
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"{path}: the progress log is locked by another program; try again when it is done"
    if name.startswith("SQLITE_READONLY"):
        return f"{path}: the progress log is read-only; montage needs to write to it"
    if name.startswith("SQLITE_FULL"):
        return f"{path}: the disk is full; the progress log cannot grow"
    return f"{path}: the progress log cannot be used ({text})"
