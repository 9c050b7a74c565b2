"""The two engines a progress log can live in, for tests that run against both.

SQLite needs nothing. PostgreSQL needs a server: ``$MONTAGE_TEST_POSTGRES`` names
one (CI starts it with ``scripts/postgres-test-server.sh``); else the tests start a
throwaway one with that script, and stop it at the end. Where none can be had, the
PostgreSQL tests are skipped, saying why — except under CI (``CI=true``), where that
is a failure. Each test gets a schema of its own in the server's database, dropped
after it.
"""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from montage.paths import DatabaseURL

SERVER_VARIABLE = "MONTAGE_TEST_POSTGRES"
"""The environment variable naming a PostgreSQL server for the tests (a URL)."""

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "postgres-test-server.sh"

ENGINES = ("sqlite", "postgresql")

Location = Path | DatabaseURL


def no_server(reason: str) -> None:
    """Skip, saying why; under CI, fail: CI must test the PostgreSQL log."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs a PostgreSQL server for these tests: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's database the tests may use as they like."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        no_server("psycopg is not installed (pip install -e '.[postgres]')")
    given = os.environ.get(SERVER_VARIABLE)
    if given:
        yield given
        return
    try:
        started = subprocess.run(
            ["sh", str(SCRIPT), "start"], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        no_server(f"{SCRIPT.name} could not run ({error})")
    if started.returncode != 0 or not started.stdout.strip():
        said = (started.stderr.strip().splitlines() or ["it said nothing"])[-1]
        no_server(f"{SCRIPT.name} could not start one ({said}); or set {SERVER_VARIABLE}")
    url = started.stdout.strip().splitlines()[-1]
    try:
        yield url
    finally:
        subprocess.run(["sh", str(SCRIPT), "stop", url], capture_output=True, timeout=120)


def in_schema(url: str, schema: str) -> str:
    """The URL with its connections' search path set to ``schema``."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def postgres_log(postgres_server: str) -> Iterator[DatabaseURL]:
    """A PostgreSQL log of this test's own: an empty schema, dropped after the test."""
    import psycopg

    schema = f"test_{secrets.token_hex(6)}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield DatabaseURL(in_schema(postgres_server, schema))
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=ENGINES)
def log_at(request: pytest.FixtureRequest, tmp_path: Path) -> Location:
    """Where a new, empty log is: an SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        return tmp_path / "montage.db"
    url: DatabaseURL = request.getfixturevalue("postgres_log")
    return url
