"""The progress log's commands: ``montage log`` and ``montage stats``."""

from __future__ import annotations

import argparse
from pathlib import Path

from montage.cli.shared import err
from montage.paths import (
    log_database_file,
)
from montage.settings import log_location


def cmd_log(args: argparse.Namespace) -> int:
    """Print the progress log: a table of sessions, or every step as JSON or CSV; or copy it."""
    from montage.log.listing import print_log
    from montage.log.migrations import workout_key
    from montage.log.queries import Filter

    copying = "--backup" if args.backup is not None else "--to-postgres"
    if args.backup is not None or args.to_postgres is not None:
        if (args.workout, args.since, args.limit) != (None, None, None):
            err(
                f"montage log: {copying} copies the whole log; --workout, --since and --limit"
                " do not apply"
            )
            return 2
        try:
            location = log_location()
        except ValueError as error:
            err(f"montage: {error}")
            return 1
    if args.to_postgres is not None:
        from montage.log.to_postgres import print_copy

        # the SQLite log: MONTAGE_DB's file, or montage's own when MONTAGE_DB is PostgreSQL
        source = location if isinstance(location, Path) else log_database_file()
        return print_copy(source, args.to_postgres)
    if args.backup is not None:
        if not isinstance(location, Path):
            err(f"montage: {location}: a PostgreSQL log is backed up with pg_dump")
            return 1
        from montage.log.backup import print_backup

        return print_backup(location, args.backup)
    key = None if args.workout is None else workout_key(args.workout)
    return print_log(None, args.format, Filter(key, since=args.since, limit=args.limit))


def cmd_stats(args: argparse.Namespace) -> int:
    """Print each workout's bests, the streaks and the training days of the last 4 weeks."""
    from montage.log.listing import print_progress, print_stats
    from montage.log.reading import LogService

    service = LogService()
    if args.name is not None:
        return print_progress(service, args.name, args.json)
    return print_stats(service)
