"""``montage log --backup FILE``: a copy of the log, whole, even while montage writes to it.

Copying ``montage.db`` by hand loses what is still in its WAL (the sessions of
the last minutes or hours). SQLite's online backup API copies what the log
holds at one moment, the WAL included, while sessions go on being written. The
copy is made beside the target and put in its place only once it is complete
and checked, so a failed backup never spoils an earlier one; it is a single
file (no WAL) that montage, or any SQLite tool, opens as a log.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import closing, suppress
from pathlib import Path
from typing import TextIO

from montage.log.checked import damage
from montage.log.errors import LogError, log_error
from montage.log.reading import read_connection
from montage.safe_text import visible


def print_backup(
    log: Path, target: Path, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run ``montage log --backup FILE``: copy the log, and say what was done or why not.

    Returns:
        The exit status: 0, or 1 when no backup was made.
    """
    try:
        done = back_up(log, target)
    except LogError as error:
        print(visible(f"montage: {error}"), file=err or sys.stderr)
        return 1
    print(visible(done), file=out or sys.stdout)
    return 0


def back_up(log: Path, target: Path) -> str:
    """Copy the log at ``log`` to ``target`` (a file, or a folder to put ``montage.db`` in).

    Args:
        log: The progress log.
        target: Where the copy goes; a file there is replaced.

    Returns:
        What was done, in one line.

    Raises:
        LogError: There is no log, the target is the log itself, or the copy failed.
    """
    if not log.is_file():
        raise LogError(f"{log}: there is no progress log yet; nothing to back up")
    if target.is_dir():
        target = target / log.name
    if target.exists() and _same(log, target):
        raise LogError(f"{target}: that is the progress log itself; name another file")
    if not target.parent.is_dir():
        raise LogError(f"{target}: cannot write the backup (no folder {target.parent})")
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        with closing(read_connection(log)) as source:
            try:
                sessions, damaged = _copy(source, part)
            except sqlite3.Error as error:
                raise log_error(log, error) from None
        if damaged is not None:
            raise LogError(
                f"{log}: the progress log is damaged ({damaged}); no backup was made"
                " (copy the file itself to keep what can be kept)"
            )
        os.replace(part, target)
    except OSError as error:
        raise LogError(f"{target}: cannot write the backup ({error.strerror})") from None
    finally:
        with suppress(OSError):
            part.unlink()
    plural = "" if sessions == 1 else "s"
    return f"Backed up the progress log ({sessions:,} session{plural}) to {target}"


def _copy(source: sqlite3.Connection, part: Path) -> tuple[int, str | None]:
    """Copy the log into a new file at ``part``, as one file.

    Returns:
        Its sessions, and what is damaged in it (None when nothing).
    """
    with suppress(FileNotFoundError):
        part.unlink()  # a piece left by a backup that was killed
    with closing(sqlite3.connect(part, isolation_level=None)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # one file, its WAL written into it
        damaged = damage(copy)
        if damaged is not None:
            return 0, damaged
        tables = copy.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sessions'")
        if not tables.fetchone()[0]:
            return 0, None
        count: int = copy.execute("SELECT count(*) FROM sessions").fetchone()[0]
    return count, None


def _same(log: Path, target: Path) -> bool:
    try:
        return log.samefile(target)
    except OSError:
        return False
