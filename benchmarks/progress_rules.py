"""What judging a session's progression rules costs, beside recording the session itself.

A log of 1,000 sessions, each of which judged the Siberian Barn's steps with rules; then,
in turn and in the same process, a session of it is recorded (its row, every step, its
end) and judged (its steps read back, the standings before it read and the new ones
written). The figure is the ratio of the two, so it holds on a busy machine.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from benchmarks.log_history import write_history
from montage.log.opening import open_store
from montage.log.targets import judge_session
from montage.paths import shipped_workouts_dir
from montage.session.events import StepResult
from montage.session.timeline import Timeline
from montage.workout.compiler import compile_workout
from montage.workout.loader import load_workout

MORNING = datetime(2026, 2, 1, 7, 0, tzinfo=timezone(timedelta(hours=1)))


@dataclass(frozen=True, slots=True)
class Figures:
    """Median seconds of each, over the tries."""

    record: float
    """Recording a session: its row, its every step, its end."""
    judge: float
    """Judging its steps with rules and keeping the new targets."""
    rules: int
    """Rules in the workout."""
    sessions: int
    """Sessions in the log before."""
    rows: int
    """Rows of targets the log held before."""

    @property
    def ratio(self) -> float:
        """Judging as a share of recording."""
        return self.judge / self.record


def _barn() -> Timeline:
    loaded = load_workout(shipped_workouts_dir() / "siberian-barn.yaml")
    return compile_workout(loaded.workout, loaded.base_dir)


def _results(timeline: Timeline) -> list[StepResult]:
    return [
        StepResult(step, "done" if step.mode == "reps" else "completed", 30.0, 0.0, 30.0)
        for step in timeline.steps
    ]


def run(sessions: int = 1_000, tries: int = 20) -> Figures:
    """Record and judge ``tries`` sessions on a log of ``sessions``; median times."""
    timeline = _barn()
    results = _results(timeline)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "montage.db"
        write_history(path, sessions)
        with open_store(path) as store:
            db = store.connection
            db.execute("BEGIN")
            for number in range(1, sessions + 1):  # each past session judged the barn
                judge_session(db, "siberian barn", number, timeline)
            db.execute("COMMIT")
            (rows,) = db.execute("SELECT count(*) FROM targets").fetchone()
            recording, judging = [], []
            for _ in range(tries):
                began = time.perf_counter()
                session = store.start_session(timeline, "siberian-barn.yaml", MORNING)
                for result in results:
                    store.record_step(session, result, MORNING)
                store.finish_session(session, "completed", MORNING, 900.0, len(results))
                recorded = time.perf_counter()
                store.judge_session(session, timeline)
                judged = time.perf_counter()
                recording.append(recorded - began)
                judging.append(judged - recorded)
    return Figures(
        statistics.median(recording),
        statistics.median(judging),
        len(timeline.rules),
        sessions,
        rows,
    )


def report(figures: Figures) -> None:
    """Print the figures."""
    print(
        f"\nprogression rules after a session, a log of {figures.sessions:,} judged sessions"
        f" ({figures.rules} rules, {figures.rows:,} rows of targets):"
    )
    print(f"  recording the session        {figures.record * 1000:8.2f} ms")
    print(f"  judging its rules            {figures.judge * 1000:8.2f} ms")
    print(f"  judging / recording          {figures.ratio:8.3f}x")
