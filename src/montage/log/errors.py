"""The one error the progress log raises, and how SQLite's errors read to the user."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

ROOM_NEEDED = 64 * 1024
"""Bytes free below which a disk counts as full: SQLite's shared-memory file alone needs 32 KiB."""

DISK_FULL = "the disk is full"
"""The reason a write failed, when there was no room for it."""


class LogError(Exception):
    """The progress log cannot be used; ``str()`` is one line for the user.

    Args:
        text: The line.
        reason: Why, in a few words without the file's name (``the disk is full``).
    """

    def __init__(self, text: str, reason: str | None = None) -> None:
        super().__init__(text)
        self.reason = reason or text
        """Why, in a few words, as a session not fully kept remembers it."""

    @property
    def disk_full(self) -> bool:
        """Whether the disk holding the log is full (it can still be read)."""
        return self.reason == DISK_FULL


def log_error(path: Path, error: sqlite3.Error) -> LogError:
    """The ``LogError`` for an error of SQLite on the log at ``path``."""
    reason, advice = _reason(path, error)
    return LogError(f"{path}: {reason}{advice}", reason)


def _reason(path: Path, error: sqlite3.Error) -> tuple[str, str]:
    """Why, in a few words, and what to do about it (after a ``;``) or nothing."""
    name = getattr(error, "sqlite_errorname", "")
    text = str(error)
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return f"not a montage progress log, or damaged ({text})", (
            "; move it aside to start a new one"
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "the progress log is locked by another program", "; try again when it is done"
    if name.startswith("SQLITE_READONLY"):
        return "the progress log is read-only", "; montage needs to write to it"
    # A full disk is SQLITE_FULL when a write comes up short, but "disk I/O error" when
    # there is no room to make the shared-memory file or to grow the journal.
    if name.startswith("SQLITE_FULL") or (name.startswith("SQLITE_IOERR") and disk_full(path)):
        return DISK_FULL, "; the progress log cannot grow"
    return f"the progress log cannot be used ({text})", ""


def disk_full(path: Path) -> bool:
    """Whether the disk holding ``path`` has no room left for the log to grow."""
    try:
        return shutil.disk_usage(path.parent).free < ROOM_NEEDED
    except OSError:
        return False
