"""Checking a log before montage writes to it, once for each time it changed behind montage.

A log whose pages are damaged must be refused before anything is written to it:
SQLite can still append sessions to it while its steps are lost. ``PRAGMA
quick_check`` reads every page (about 0.3 s for a log of 132 MB), so it runs only
when the file is not as montage last left it: the file's identity, size and times
(and its WAL's) are remembered in the cache folder after a check, and again when
montage closes a log that no other program wrote to meanwhile. The same record
says whether the log was found to hold only values montage can read, so that the
exports need not look for them again.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path

from montage.files import write_whole
from montage.log.errors import LogError
from montage.paths import log_check_file
from montage.safe_text import visible

REMEMBERED = 8
"""Logs remembered at most (the oldest are forgotten first)."""

PROBLEMS_READ = 1000
"""Problems ``quick_check`` reports at most: enough to see damage behind rows it names."""

_CONTENT = ("CHECK constraint failed", "NULL value in")
"""What ``quick_check`` says of a row whose values break a rule of the schema (a status
this montage does not know, written by hand): the log's readers show such a row, so
it is no damage."""

_PASSING = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_FULL", "SQLITE_READONLY")
"""Errors that say nothing of the file's pages: it need not be checked again for them."""


@dataclass(frozen=True, slots=True)
class Known:
    """What is known of a log file as it is now."""

    sound: bool = False
    """Its pages passed ``quick_check``."""
    readable: bool = False
    """Every number in it is a number and every time one montage wrote (see
    ``montage.log.export``)."""


MADE = Known(sound=True, readable=True)
"""What is known of a log this montage has just made."""


def fingerprint(path: Path) -> list[int] | None:
    """The file and its WAL as the file system describes them (an empty WAL, which opening
    the file makes, as none); None when it cannot tell."""
    found: list[int] = []
    for part in (path, path.with_name(f"{path.name}-wal")):
        try:
            stat = part.stat()
        except FileNotFoundError:
            found += [0, 0, 0, 0]
            continue
        except OSError:
            return None
        if stat.st_size == 0 and part != path:
            found += [0, 0, 0, 0]
            continue
        found += [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]
    return found


class Record:
    """The remembered checks, one file in the cache folder.

    Args:
        file: The record; ``log_check_file()`` by default.
    """

    def __init__(self, file: Path | None = None) -> None:
        self._file = file or log_check_file()

    def known(self, path: Path) -> Known:
        """What was found of the log at ``path``, if it is as it was then."""
        entry = self._read().get(str(path.resolve()))
        current = fingerprint(path)
        if not isinstance(entry, dict) or current is None or entry.get("file") != current:
            return Known()
        return Known(sound=entry.get("sound") is True, readable=entry.get("readable") is True)

    def remember(self, path: Path, known: Known) -> None:
        """Keep what is known of the log at ``path`` as it is now (a failure is no harm: the
        log is checked again next time)."""
        current = fingerprint(path)
        if current is None:
            return
        entries = self._read()
        key = str(path.resolve())
        entries.pop(key, None)
        entries[key] = {"file": current, "sound": known.sound, "readable": known.readable}
        kept = dict(list(entries.items())[-REMEMBERED:])
        with suppress(OSError):
            self._file.parent.mkdir(parents=True, exist_ok=True)
            write_whole(self._file, json.dumps(kept))

    def _read(self) -> dict[str, object]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}


def damage(db: sqlite3.Connection) -> str | None:
    """What ``quick_check`` finds damaged in a log, in a few words; None when nothing.

    Raises:
        sqlite3.Error: The file cannot be read at all.
    """
    found = [str(row[0]) for row in db.execute(f"PRAGMA quick_check({PROBLEMS_READ})")]
    problems = [line for line in found if line != "ok" and not line.startswith(_CONTENT)]
    if not problems:
        return None
    detail = next((line for line in problems if not line.startswith("***")), problems[0])
    return visible(detail)[:120]


def check(db: sqlite3.Connection, path: Path, record: Record) -> Known:
    """Refuse a damaged log: ``quick_check`` it unless it is as montage last left it.

    Args:
        db: A connection to the log, which holds tables.
        path: The file.
        record: The remembered checks.

    Returns:
        What is known of it now.

    Raises:
        LogError: Its pages are damaged.
        sqlite3.Error: It could not be read.
    """
    known = record.known(path)
    if known.sound:
        return known
    detail = damage(db)
    if detail is not None:
        raise LogError(
            f"{path}: the progress log is damaged ({detail}); move it aside to start a new one",
            "the progress log is damaged",
        )
    known = replace(known, sound=True)
    record.remember(path, known)
    return known


class Knowledge:
    """What is known of an open log, kept while no other program writes to it.

    Args:
        db: The connection.
        path: The file.
        known: What was found as it was opened.
        record: Where it is remembered when the log is closed; nowhere by default.
    """

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path,
        known: Known | None = None,
        record: Record | None = None,
    ) -> None:
        self._db = db
        self._path = path
        self._known = known or Known()
        self._record = record
        self._others = self._data_version()

    def _data_version(self) -> int | None:
        """A number that changes when another connection writes to the log."""
        try:
            version: int = self._db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None
        return version

    def _untouched(self) -> bool:
        return self._others is not None and self._data_version() == self._others

    @property
    def readable(self) -> bool:
        """Whether it holds only what this montage can read."""
        return self._known.readable and self._untouched()

    def found_readable(self) -> None:
        """The whole log was looked at: it holds only what this montage can read."""
        if self._untouched():
            self._known = replace(self._known, readable=True)

    def failed(self, error: sqlite3.Error) -> None:
        """A read or a write failed: unless the error says nothing of the pages, the log is
        checked again next time."""
        if not getattr(error, "sqlite_errorname", "").startswith(_PASSING):
            self._known = Known()

    def close(self, db: sqlite3.Connection) -> None:
        """Close the connection; remember the log as montage leaves it, when no other
        program wrote to it meanwhile (montage's own writes leave it sound)."""
        untouched = self._untouched()
        db.close()
        if untouched and self._known.sound and self._record is not None:
            self._record.remember(self._path, self._known)
