"""How fast progress shows: the ghost of a workout with 1,000 past sessions, read and matched
as a session starts, and the review's charts of a log of 100,000 sessions, read and drawn.

The ghost is timed against opening the log and counting its sessions, in the same run; a
chart of 100,000 sessions against the same chart of a month (15 sessions), drawn the same
way in the same app, and its read against listing the workout's sessions (ids and starts).
"""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, ComposeResult
from textual_hires_canvas import Canvas

from benchmarks.log_history import write_history
from montage.app.widgets.progress_chart import ChartPanel, ProgressChart
from montage.log.charts import Progress, exercise_progress, series_of, workout_progress
from montage.log.reading import LogService
from montage.racing import find_ghost
from montage.workout.catalogue import find

GHOST_TARGET = 0.050
"""Seconds the ghost may take to load."""

CHART_TARGET = 0.300
"""Seconds a chart of 100,000 sessions may take to read and draw."""


@dataclass
class ProgressFigures:
    """What was measured, in seconds (medians)."""

    ghost_sessions: int
    ghost: float
    ghost_reference: float
    chart_sessions: int
    chart_read: dict[str, float]
    list_reference: float
    chart_draw: dict[str, float]
    month_draw: float


def _median(action: Callable[[], object], times: int) -> float:
    took = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        took.append(time.perf_counter() - start)
    return statistics.median(took)


def _count(service: LogService) -> None:
    with service.reading() as conn:
        assert conn is not None
        conn.execute("SELECT count(*) FROM sessions").fetchone()


def time_ghost(path: Path, times: int = 21) -> tuple[float, float]:
    """The ghost of Siberian Barn (best), read and matched, and the reference."""
    timeline = find("Siberian Barn").timeline
    assert timeline is not None
    service = LogService(path)
    match, problem = find_ghost(service, timeline, "best")
    assert match is not None and problem is None, problem
    ghost = _median(lambda: find_ghost(service, timeline, "best"), times)
    return ghost, _median(lambda: _count(service), times)


class Charts(App[None]):
    """A chart panel as wide as the review's."""

    CSS = "ChartPanel { width: 64; height: 15; }"

    def compose(self) -> ComposeResult:
        yield ChartPanel()


def _draw(panel: ChartPanel, progress: Progress) -> None:
    """Show a progress and draw every line of its chart, as a frame would."""
    panel.show(progress)
    chart = panel.query_one(ProgressChart)
    chart.render()
    for canvas in chart.query(Canvas):
        for y in range(canvas.size.height):
            canvas.render_line(y)


async def _draws(shown: dict[str, Progress], times: int) -> dict[str, float]:
    app = Charts()
    took: dict[str, float] = {}
    async with app.run_test(size=(80, 20)) as pilot:
        panel = app.query_one(ChartPanel)
        await pilot.pause()
        for name, progress in shown.items():
            took[name] = _median(lambda progress=progress: _draw(panel, progress), times)  # type: ignore[misc]
    return took


def month() -> Progress:
    """The reference: a month of finish times, 15 sessions."""
    rows = [(i, f"2024-03-{1 + 2 * i:02d}T07:00:00+01:00", 320.0 - 2 * i) for i in range(15)]
    return Progress("Barn Taster", "workout", (series_of("finish time", "seconds", False, rows),))


def run(ghost_sessions: int = 1_000, chart_sessions: int = 100_000) -> ProgressFigures:
    """Write the histories and time the ghost and the charts."""
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "ghost.db"
        write_history(small, ghost_sessions * 3)  # three workouts in turn: 1,000 of each
        ghost, reference = time_ghost(small)
        big = Path(folder) / "big.db"
        write_history(big, chart_sessions)
        conn = sqlite3.connect(big)
        listing = (
            "SELECT id, started_at FROM sessions WHERE workout_key = ? ORDER BY started_at, id"
        )
        listed = _median(lambda: conn.execute(listing, ["siberian barn"]).fetchall(), 5)
        read: dict[str, float] = {}
        found: dict[str, Progress] = {}
        for name, reader in (
            ("Siberian Barn", workout_progress),
            ("Sled pull", exercise_progress),
        ):
            read[name] = _median(lambda reader=reader, name=name: reader(conn, name), 5)  # type: ignore[misc]
            progress = reader(conn, name)
            assert progress is not None
            found[name] = progress
        conn.close()
        draws = asyncio.run(_draws({**found, "month": month()}, 5))
    month_draw = draws.pop("month")
    return ProgressFigures(
        ghost_sessions, ghost, reference, chart_sessions, read, listed, draws, month_draw
    )


def report(figures: ProgressFigures) -> None:
    """Print the figures, against the targets and the references."""
    verdict = "ok" if figures.ghost <= GHOST_TARGET else "OVER TARGET"
    print(f"\nthe ghost of a workout with {figures.ghost_sessions:,} past sessions:")
    print(
        f"  read and matched           median {figures.ghost * 1000:.2f} ms"
        f"  (target {GHOST_TARGET * 1000:.0f} ms: {verdict})"
    )
    print(f"  open the log and count     median {figures.ghost_reference * 1000:.2f} ms")
    print(f"  ghost / open and count     {figures.ghost / figures.ghost_reference:.2f}x")
    print(f"\ncharts of a log of {figures.chart_sessions:,} sessions (64x15 cells):")
    for name, read in figures.chart_read.items():
        draw = figures.chart_draw[name]
        total = read + draw
        verdict = "ok" if total <= CHART_TARGET else "OVER TARGET"
        print(
            f"  {name:<14} read {read * 1000:6.1f} ms + draw {draw * 1000:6.1f} ms"
            f" = {total * 1000:6.1f} ms  (target {CHART_TARGET * 1000:.0f} ms: {verdict});"
            f" draw / a month's {draw / figures.month_draw:.2f}x"
        )
    print(f"  a month's chart (15 sessions) drawn in {figures.month_draw * 1000:.1f} ms")
    listed = figures.list_reference
    reads = ", ".join(f"{name} {read / listed:.1f}x" for name, read in figures.chart_read.items())
    print(f"  the workout's sessions listed (ids and starts) in {listed * 1000:.1f} ms;")
    print(f"  read / listed: {reads}")


if __name__ == "__main__":
    report(run(chart_sessions=int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
