"""Launch time, CPU per wall second and peak memory of montage, beside a bare Textual app
and termdown, all run in the same pseudo-terminal size on the same machine, interleaved."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.terminal import launch, wait_for_frame

HERE = Path(__file__).resolve().parent

SESSION = """\
name: Bench Session
prepare: 3s
steps:
  - repeat: 60
    steps:
      - exercise: Log carry
        time: 10s
        cue: Steady.
"""
"""Ten-second rounds, so that the measured stretch has title cards in it ("ROUND 2", held
two seconds) as well as the digits counting down."""

SOUND_CARD = """\
pcm.!default {
  type file
  slave.pcm "null"
  file "/dev/null"
  format "raw"
}
"""
"""An ALSA device that takes every sample as a sound card does (its file plugin, writing to
nowhere), so that montage plays its cues, voice and score as on a laptop."""

SCORE_MADE = 3.0
"""Seconds the first, uncounted launch runs: long enough for montage to render and keep the
score, as a session at a tempo used before finds it (the first at a new tempo renders it:
about 20 MB more at its peak)."""

NO_CARD = "montage (no card)"
"""The name of montage's run on a machine with no sound device: it plays nothing."""


@dataclass
class Figures:
    """What one program measured."""

    name: str
    launches: list[float]
    cpu_percent: float
    peak_rss_mb: float

    @property
    def launch(self) -> float:
        """The median seconds from start to first frame."""
        return statistics.median(self.launches)

    def launch_against(self, other: Figures) -> float:
        """The first frame as a ratio to ``other``'s: the median of the ratios of the two
        launches of each round, which came seconds apart, so that a machine whose speed
        drifts over the run moves both alike."""
        return statistics.median(
            mine / theirs for mine, theirs in zip(self.launches, other.launches, strict=True)
        )


def programs(folder: Path, env: dict[str, str]) -> dict[str, tuple[list[str], dict[str, str]]]:
    """The programs compared: each one's command line and environment."""
    workout = folder / "bench-session.yaml"
    workout.write_text(SESSION, encoding="utf-8")
    card = folder / "asound.conf"
    card.write_text(SOUND_CARD, encoding="utf-8")
    with_card = {**env, "ALSA_CONFIG_PATH": f"/usr/share/alsa/alsa.conf:{card}"}
    without = {key: value for key, value in env.items() if key != "ALSA_CONFIG_PATH"}
    bin_dir = Path(sys.executable).parent
    montage = [str(bin_dir / "montage"), "run", str(workout)]
    found = {
        "montage": (montage, with_card),
        NO_CARD: (montage, without),
        "bare textual": ([sys.executable, str(HERE / "bare_app.py")], env),
    }
    termdown = shutil.which("termdown", path=str(bin_dir)) or shutil.which("termdown")
    if termdown:
        found["termdown"] = ([termdown, "10m"], env)
    return found


def run(launches: int = 7, window: float = 20.0) -> list[Figures]:
    """Measure each program.

    Args:
        launches: How many times each is launched for the launch figure.
        window: Seconds of steady running over which CPU is measured.

    Returns:
        One set of figures per program.
    """
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "MONTAGE_HOME": folder, "MONTAGE_CONFIG": f"{folder}/settings.json"}
        # each program runs as installed, from its bytecode cache
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = programs(Path(folder), env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        # a first round, not counted, writes each program's caches (montage's compiled
        # timeline and its score at the session's tempo, every program's bytecode); then
        # the launches take turns
        for counted in [False] + [True] * launches:
            for name, (argv, its_env) in commands.items():
                watched = launch(argv, its_env)
                try:
                    took = wait_for_frame(watched)
                    if not counted:
                        time.sleep(SCORE_MADE)
                finally:
                    watched.stop()
                if counted:
                    times[name].append(took)
        results = []
        running = {name: launch(argv, its_env) for name, (argv, its_env) in commands.items()}
        try:
            for watched in running.values():
                wait_for_frame(watched)
            time.sleep(5.0)  # past montage's get-ready, into the work step
            before = {name: w.cpu_seconds() for name, w in running.items()}
            start = time.monotonic()
            time.sleep(window)
            elapsed = time.monotonic() - start
            for name, watched in running.items():
                cpu = (watched.cpu_seconds() - before[name]) / elapsed * 100
                results.append(Figures(name, times[name], cpu, watched.peak_rss_mb()))
        finally:
            for watched in running.values():
                watched.stop()
        return results
