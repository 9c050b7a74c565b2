"""How the progress log holds up at 100,000 sessions: the log screen's first rows, records
and streaks, the check before a write, and ``montage log --json`` / ``--csv``.

The first rows are timed from pushing the screen to its table having rows, in the
app run headless; a bare Textual screen with a 50-row DataTable is timed the same
way in the same run, as the reference.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable

from benchmarks.log_history import write_history
from montage.app.app import MontageApp
from montage.log.exercises import exercise_totals
from montage.log.opening import open_store
from montage.log.reading import LogService
from montage.log.records import records_broken, workouts
from montage.log.streaks import streaks
from montage.settings import Settings

TODAY = date(2026, 1, 15)
"""The last day of the generated history."""

FIRST_ROWS_TARGET = 0.300
"""Seconds the log screen may take to show its first rows."""

EXPORT_TARGET = 2.0
"""Seconds ``montage log --json`` may take."""


@dataclass
class LogFigures:
    """What the log benchmark measured, in seconds."""

    sessions: int
    write: float
    first_rows: list[float]
    bare_rows: list[float]
    queries: dict[str, float] = field(default_factory=dict)
    opens: dict[str, float] = field(default_factory=dict)
    exports: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    export_note: str = ""
    size_mb: float = 0.0


class BareTable(Screen[None]):
    """The reference: a DataTable of 50 rows, filled as it mounts."""

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("When", "Workout", "Time", "Status", "Done")
        table.add_rows(
            (f"2026-01-{1 + n % 28:02d} 07:00", "Snow Run", "5:05", "completed", "100%")
            for n in range(50)
        )


class BareApp(App[None]):
    """An app with nothing but a way to push the reference screen."""


async def _time_rows(app: App[None], push: Callable[[], object], times: int) -> list[float]:
    """Push a screen ``times`` times; each time, seconds until its table has rows."""
    found: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(times):
            start = time.perf_counter()
            push()
            while not sum(table.row_count for table in app.screen.query(DataTable)):
                await asyncio.sleep(0.0005)
            found.append(time.perf_counter() - start)
            await app.workers.wait_for_complete()  # the rest of the screen, before the next
            app.pop_screen()
            await pilot.pause()
    return found


async def _first_rows(path: Path, times: int) -> list[float]:
    app = MontageApp(
        Settings(mute=True),
        entries=lambda: [],
        save=False,
        log_service=LogService(path, today=lambda: TODAY),
    )
    return await _time_rows(app, app.action_show_log, times)


async def _bare_rows(times: int) -> list[float]:
    app = BareApp()
    return await _time_rows(app, lambda: app.push_screen(BareTable()), times)


def _queries(path: Path) -> dict[str, float]:
    timed: dict[str, float] = {}
    with LogService(path).reading() as conn:
        assert conn is not None
        last = int(conn.execute("SELECT max(id) FROM sessions").fetchone()[0])
        for name, query in (
            ("streaks", lambda: streaks(conn, TODAY)),
            ("records (every workout's bests)", lambda: workouts(conn)),
            ("records broken by the last session", lambda: records_broken(conn, last)),
            ("exercise totals", lambda: exercise_totals(conn)),
        ):
            start = time.perf_counter()
            query()
            timed[name] = time.perf_counter() - start
    return timed


def _opens(path: Path) -> dict[str, float]:
    """Opening the log to write: the first time its pages are checked, then it is known."""
    timed: dict[str, float] = {}
    for name in ("open to write, pages checked", "open to write, as montage left it"):
        start = time.perf_counter()
        open_store(path).close()
        timed[name] = time.perf_counter() - start
    return timed


def _export(home: Path, shape: str) -> tuple[float | None, float | None, str]:
    """``montage log --json`` or ``--csv`` to /dev/null, twice: the first run also looks
    for values it cannot read, the second knows the log holds none."""
    env = {**os.environ, "MONTAGE_HOME": str(home)}
    command = [sys.executable, "-m", "montage", "log", shape]
    probe = subprocess.run(
        [*command[:-1], "--help"], capture_output=True, env=env, check=False, timeout=60
    )
    if probe.returncode != 0:
        return None, None, f"skipped: this montage has no `montage log {shape}` yet"
    taken: list[float] = []
    for _ in range(2):
        start = time.perf_counter()
        with open(os.devnull, "w") as sink:
            done = subprocess.run(
                command, stdout=sink, stderr=subprocess.PIPE, env=env, timeout=600
            )
        taken.append(time.perf_counter() - start)
        if done.returncode != 0:
            return None, None, f"failed: {done.stderr.decode(errors='replace').strip()}"
    return taken[0], taken[1], ""


def run(sessions: int = 100_000, opens: int = 5) -> LogFigures:
    """Write a history of ``sessions`` sessions into a new log and time what reads it."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        path = home / "montage.db"
        start = time.perf_counter()
        write_history(path, sessions)
        figures = LogFigures(sessions, time.perf_counter() - start, [], [])
        figures.size_mb = path.stat().st_size / 1e6
        figures.first_rows = asyncio.run(_first_rows(path, opens))
        figures.bare_rows = asyncio.run(_bare_rows(opens))
        figures.queries = _queries(path)
        before = os.environ.get("MONTAGE_HOME")
        os.environ["MONTAGE_HOME"] = str(home)  # what is known of logs is kept in its cache
        try:
            figures.opens = _opens(path)
        finally:
            if before is None:
                del os.environ["MONTAGE_HOME"]
            else:
                os.environ["MONTAGE_HOME"] = before
        for shape in ("--json", "--csv"):
            first, later, note = _export(home, shape)
            figures.exports[shape] = (first, later)
            figures.export_note = figures.export_note or note
    return figures


def report(figures: LogFigures) -> None:
    """Print the figures, against the targets and the reference."""
    print(
        f"\nprogress log of {figures.sessions:,} sessions ({figures.size_mb:.0f} MB, "
        f"written in {figures.write:.1f} s):"
    )
    first = statistics.median(figures.first_rows)
    bare = statistics.median(figures.bare_rows)
    verdict = "ok" if first <= FIRST_ROWS_TARGET else "OVER TARGET"
    print(
        f"  log screen to first rows   median {first * 1000:.1f} ms, first open "
        f"{figures.first_rows[0] * 1000:.1f} ms  (target {FIRST_ROWS_TARGET * 1000:.0f} ms: "
        f"{verdict})"
    )
    print(f"  bare 50-row DataTable      median {bare * 1000:.1f} ms")
    print(f"  log screen / bare table    {first / bare:.2f}x")
    for name, seconds in figures.queries.items():
        print(f"  {name:<35}{seconds * 1000:8.1f} ms")
    for name, seconds in figures.opens.items():
        print(f"  {name:<35}{seconds * 1000:8.1f} ms")
    for shape, (once, again) in figures.exports.items():
        label = f"montage log {shape}"
        if once is None or again is None:
            print(f"  {label:<27}{figures.export_note}")
            continue
        verdict = "ok" if again <= EXPORT_TARGET else "OVER TARGET"
        print(
            f"  {label:<27}{again:.2f} s to /dev/null, {once:.2f} s the first time"
            f"  (target {EXPORT_TARGET:.0f} s: {verdict})"
        )


if __name__ == "__main__":
    report(run(sessions=int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
