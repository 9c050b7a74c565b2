"""``montage log --to-postgres URL``: the SQLite log copied once into an empty PostgreSQL
log."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from montage.log.errors import LogError, log_error
from montage.log.opening import open_log, open_store
from montage.log.postgres_store import PostgresStore
from montage.paths import DatabaseURL
from montage.safe_text import visible


def print_copy(
    source: Path, target: DatabaseURL, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run ``montage log --to-postgres URL``: copy the SQLite log at ``source`` into the empty
    PostgreSQL log at ``target``, and say how much was copied (or, in one line, why not).

    Returns:
        The exit status: 0, or 1 when nothing was copied.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        if not source.is_file():
            raise LogError(f"{source}: no progress log here to copy")
        with open_log(source) as log, open_store(target) as postgres:
            assert isinstance(postgres, PostgresStore)
            try:
                copied = postgres.copy_in(log.connection)
            except sqlite3.Error as error:
                raise log_error(source, error) from None
    except LogError as error:
        print(visible(f"montage: {error}"), file=err)
        return 1
    sessions, steps = copied["sessions"], copied["steps"]
    print(
        visible(
            f"Copied {sessions} session{'' if sessions == 1 else 's'} and {steps}"
            f" step{'' if steps == 1 else 's'} from {source} to {target}."
        ),
        file=out,
    )
    return 0
