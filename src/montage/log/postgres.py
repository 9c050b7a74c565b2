"""The progress log in PostgreSQL, through psycopg 3: its connections, tables and errors.

Loaded only for a log whose location is a ``postgresql://`` URL. The log's SQL is
the same as SQLite's, read through ``montage.log.dialect``. The URL, or libpq's own
``PG*`` variables and password file, hold the credentials; every message names the
log by its URL without the password (``DatabaseURL``), and a password found in a
server's message is masked too.

The schema's version is the one row of ``montage_version``. Making the tables and
migrating them run in one transaction each, under an advisory lock, so that several
montages opening a new log at once make it once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.numeric import FloatLoader

from montage.log.dialect import postgres, postgres_tables
from montage.log.errors import DISK_FULL, LogError
from montage.log.schema import MIGRATIONS, SCHEMA, VERSION
from montage.paths import DatabaseURL

CONNECT_TIMEOUT = 5
"""Seconds to wait for the server before saying it cannot be reached (unless the URL says)."""

PREPARING = 0x6D6F6E74
"""The advisory lock held while the tables are made or migrated ("mont")."""

VERSION_TABLE = "CREATE TABLE montage_version (version INTEGER NOT NULL)"
"""The table holding the schema's version, as SQLite's ``PRAGMA user_version`` does."""

LOG_TABLES = ("sessions", "steps", "moves")
"""Tables a database holding another program's data may not have for montage to use it."""


def settings(url: DatabaseURL) -> dict[str, Any]:
    """The connection's parameters: the URL's, with a time limit to connect and a name.

    Raises:
        LogError: The URL cannot be read.
    """
    try:
        given = conninfo_to_dict(url.secret)
    except psycopg.ProgrammingError as error:
        raise LogError(
            f"{url}: not a PostgreSQL URL montage can read ({_said(url, error)})"
        ) from None
    given.setdefault("connect_timeout", CONNECT_TIMEOUT)
    given.setdefault("application_name", "montage")
    return given


def connect(url: DatabaseURL, autocommit: bool = True) -> psycopg.Connection[Any]:
    """A connection to the log's database.

    Raises:
        LogError: The server cannot be reached, or refuses montage.
    """
    try:
        conn = psycopg.connect(**settings(url), autocommit=autocommit)
    except psycopg.Error as error:
        raise postgres_error(url, error) from None
    configure(conn)
    return conn


def configure(conn: psycopg.Connection[Any]) -> None:
    """Read sums of whole numbers (``numeric`` in PostgreSQL) as numbers the log's readers take."""
    conn.adapters.register_loader("numeric", FloatLoader)


def postgres_error(url: DatabaseURL, error: psycopg.Error) -> LogError:
    """The one-line ``LogError`` for an error of PostgreSQL on the log at ``url``."""
    text = _said(url, error)
    if isinstance(error, errors.DiskFull):
        return LogError(f"{url}: {DISK_FULL}; the progress log cannot grow", DISK_FULL)
    if isinstance(error, errors.InsufficientPrivilege):
        reason = "montage may not use the progress log's tables"
        return LogError(f"{url}: {reason} ({text})", reason)
    if isinstance(error, errors.ReadOnlySqlTransaction):
        reason = "the progress log is read-only"
        return LogError(f"{url}: {reason}; montage needs to write to it", reason)
    if isinstance(error, psycopg.OperationalError):
        reason = "cannot reach the PostgreSQL progress log"
        return LogError(f"{url}: {reason} ({text})", reason)
    return LogError(f"{url}: the progress log cannot be used ({text})")


def _said(url: DatabaseURL, error: Exception) -> str:
    """The first line of what the driver or the server said, a password in it masked."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    for secret in _passwords(url):
        text = text.replace(secret, "***")
    return text


def _passwords(url: DatabaseURL) -> list[str]:
    found = []
    password = urlsplit(url.secret).password
    if password:
        found += [password, unquote(password)]
    for pair in urlsplit(url.secret).query.split("&"):
        key, _, value = pair.partition("=")
        if key.lower() == "password" and value:
            found += [value, unquote(value)]
    return [secret for secret in found if len(secret) > 0]


class Rows:
    """What a statement gave, read in full (the connection goes back to the pool at once)."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount
        """Rows the statement changed."""

    def fetchone(self) -> Any:
        """The next row, or None."""
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        """The rows left."""
        rest = self._rows[self._next :]
        self._next = len(self._rows)
        return rest

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class Session:
    """Runs the log's SQL on one PostgreSQL connection (``montage.log.sql.Connection``).

    Args:
        conn: The connection.
        url: The log, for messages.
    """

    def __init__(self, conn: psycopg.Connection[Any], url: DatabaseURL) -> None:
        self.conn = conn
        """The connection."""
        self.url = url
        """The log."""

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Rows:
        """Run one statement (SQLite's flavour).

        Raises:
            LogError: It failed.
        """
        try:
            cursor = self.conn.execute(postgres(sql), tuple(parameters))
            rows = cursor.fetchall() if cursor.description is not None else []
        except psycopg.Error as error:
            raise postgres_error(self.url, error) from None
        return Rows(rows, cursor.rowcount)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Rows:
        """Run one statement for each row of parameters.

        Raises:
            LogError: It failed.
        """
        try:
            with self.conn.cursor() as cursor:
                cursor.executemany(postgres(sql), [tuple(row) for row in parameters])
                return Rows([], cursor.rowcount)
        except psycopg.Error as error:
            raise postgres_error(self.url, error) from None

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction: committed at the end, nothing of it kept if it fails.

        Raises:
            LogError: It could not be committed.
        """
        try:
            with self.conn.transaction():
                yield self
        except psycopg.Error as error:
            raise postgres_error(self.url, error) from None


def version(db: Session) -> int:
    """The log's schema version in this database: 0 when it holds no log yet.

    Raises:
        LogError: The log is from a newer montage, or the database holds tables of the
            same names that are not a montage log.
    """
    # one statement, so one snapshot: a log being made by another montage is seen whole
    found, others = db.execute(
        "SELECT count(*) FILTER (WHERE table_name = 'montage_version'),"
        " count(*) FILTER (WHERE table_name <> 'montage_version')"
        " FROM information_schema.tables"
        " WHERE table_schema = current_schema() AND table_name IN (?, ?, ?, ?)",
        ("montage_version", *LOG_TABLES),
    ).fetchone()
    if found:
        row = db.execute("SELECT max(version) FROM montage_version").fetchone()
        number = int(row[0] or 0)
        if number > VERSION:
            raise LogError(
                f"{db.url}: this progress log was written by a newer montage (version {number};"
                f" this one knows up to {VERSION}); update montage to use it"
            )
        return number
    if others:
        raise LogError(
            f"{db.url}: this database has tables named sessions or steps that are not a"
            " montage progress log; give montage a database (or a schema) of its own"
        )
    return 0


def prepare(db: Session) -> None:
    """Make the log's tables in a database without them, or bring them to this version.

    Raises:
        LogError: The log cannot be used, or the tables cannot be made.
    """
    if version(db) == VERSION:
        return
    with db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(?)", [PREPARING])
        current = version(db)  # another montage may have made them meanwhile
        if current == 0:
            db.execute(VERSION_TABLE)
            db.execute("INSERT INTO montage_version VALUES (0)")
            for statement in _statements(postgres_tables(SCHEMA)):
                db.execute(statement)
            current = VERSION
        while current < VERSION:
            for statement in _statements(postgres_tables(MIGRATIONS[current])):
                db.execute(statement)
            current += 1
        db.execute("UPDATE montage_version SET version = ?", [current])


def _statements(script: str) -> Iterator[str]:
    """The statements of a script of tables (no ``;`` inside them)."""
    for statement in script.split(";"):
        if statement.strip():
            yield statement.strip()
