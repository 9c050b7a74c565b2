"""How fast hostile workout files are loaded or refused, beside a shipped workout.

Each file of ``tests/hostile/`` is loaded in this process (the best of a few
tries) and checked with ``montage validate`` in a fresh one; the shipped Full
Montage, the largest workout of the library, is timed the same way in the same
run as the reference, so the ratios hold on a busy machine.

``python -m benchmarks.hostile_files``
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from montage.paths import shipped_workouts_dir
from montage.workout.loader import load_workout
from montage.workout.problems import WorkoutError

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "hostile"
"""The hostile workout files."""

REFERENCE = shipped_workouts_dir() / "full-montage.yaml"
"""The largest shipped workout, timed beside them."""


@dataclass(frozen=True)
class Timing:
    """One file's times."""

    name: str
    """The file's name."""
    refused: bool
    """Whether montage refused it."""
    load: float
    """Seconds to load or refuse it in this process, the best of the tries."""
    command: float
    """Seconds for ``montage validate FILE``, process start included."""


def _load(path: Path, tries: int) -> tuple[float, bool]:
    best, refused = float("inf"), False
    for _ in range(tries):
        started = time.perf_counter()
        try:
            load_workout(path)
            refused = False
        except WorkoutError:
            refused = True
        best = min(best, time.perf_counter() - started)
    return best, refused


def _command(path: Path, home: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "montage", "validate", str(path)],
        capture_output=True,
        env={**os.environ, "MONTAGE_HOME": home},
        timeout=60,
        check=False,
    )
    return time.perf_counter() - started


def run(tries: int = 3) -> tuple[Timing, list[Timing]]:
    """Time the reference and every hostile file.

    Args:
        tries: Loads per file in this process; the best counts.

    Returns:
        The reference's times, and each hostile file's.
    """
    with tempfile.TemporaryDirectory() as home:
        _load(REFERENCE, 1)  # the models are built once, before any timing
        files = [REFERENCE, *sorted(CORPUS.glob("*.yaml"))]
        timings = []
        for path in files:
            load, refused = _load(path, tries)
            timings.append(Timing(path.name, refused, load, _command(path, home)))
    return timings[0], timings[1:]


def report(reference: Timing, timings: list[Timing]) -> None:
    """Print the figures, each with its ratio to the reference."""
    print(f"{'file':<30} {'':>8} {'load':>9} {'x ref':>7} {'validate':>10} {'x ref':>7}")
    for timing in [reference, *timings]:
        verdict = "refused" if timing.refused else "loads"
        print(
            f"{timing.name:<30} {verdict:>8} {timing.load * 1000:>7.1f}ms "
            f"{timing.load / reference.load:>6.1f}x {timing.command:>8.2f} s "
            f"{timing.command / reference.command:>6.2f}x"
        )
    slowest = max(timings, key=lambda timing: timing.command)
    print(f"slowest: {slowest.name}, {slowest.command:.2f} s for montage validate")


if __name__ == "__main__":
    report(*run())
