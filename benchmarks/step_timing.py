"""How late each step starts against its schedule, over a real session in the app."""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from montage.app.app import MontageApp
from montage.app.screens.summary import SummaryScreen
from montage.session.events import Event, StepStarted
from montage.settings import Settings
from montage.workout.catalogue import load_entry


@dataclass
class Timing:
    """Lateness of step starts, in seconds, in the order they happened."""

    lateness: list[float]

    def percentile(self, share: float) -> float:
        """The lateness below which ``share`` of the starts fall."""
        ordered = sorted(self.lateness)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    @property
    def growth(self) -> float:
        """The slope of lateness against step number, in ms per 100 steps."""
        steps = list(range(len(self.lateness)))
        slope = statistics.linear_regression(steps, self.lateness).slope
        return slope * 100 * 1000

    @property
    def thirds(self) -> tuple[float, float]:
        """Median lateness of the first and of the last third of the session."""
        third = max(1, len(self.lateness) // 3)
        return statistics.median(self.lateness[:third]), statistics.median(self.lateness[-third:])


def workout_text(minutes: float, step_seconds: int) -> str:
    """A workout of alternating work and rest steps lasting about ``minutes``."""
    count = max(2, int(minutes * 60 / step_seconds) // 2)
    return (
        "name: Timing Bench\nprepare: 1s\nsteps:\n"
        f"  - repeat: {count}\n    steps:\n"
        f"      - exercise: Chop\n        time: {step_seconds}s\n"
        f"      - rest: {step_seconds}s\n"
    )


async def _session(path: Path) -> list[float]:
    lateness: list[float] = []

    def listen(event: Event) -> None:
        if isinstance(event, StepStarted):
            lateness.append(time.monotonic() - event.at)

    app = MontageApp(
        Settings(),
        start=load_entry(path, "path"),
        entries=lambda: [],
        listeners=[listen],
        save=False,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        while not isinstance(app.screen, SummaryScreen):
            await pilot.pause(0.5)
    return lateness


def run(minutes: float = 5.0, step_seconds: int = 5) -> Timing:
    """Run a real session of about ``minutes`` in the app, headless, and time its steps."""
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MONTAGE_HOME"] = folder
        path = Path(folder) / "timing.yaml"
        path.write_text(workout_text(minutes, step_seconds), encoding="utf-8")
        return Timing(asyncio.run(_session(path)))
