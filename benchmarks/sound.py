"""The soundtrack's figures: first sound, rendering a long session, the score's CPU, the peak.

Each live session runs in a process of its own, through a real backend, with
ALSA's file plugin standing in for the card (every device stream becomes a
file named by the nanosecond it opened); what the card would play is every
stream laid at its open time and summed.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.cue_latency import ALSA_CONFIG
from montage.settings import Settings
from montage.sound.dsp import RATE
from montage.sound.loudness import dbfs, true_peak
from montage.sound.soundtrack import render_soundtrack
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

HERE = Path(__file__).resolve().parent

MINUTE = """\
name: One Minute
bpm: 150
prepare: 10s
steps:
  - exercise: Log carry
    time: 20s
  - rest: 10s
  - exercise: Wood chop
    time: 20s
"""

LONG_WORK = """\
name: Long Work
bpm: 150
prepare: 3s
steps:
  - exercise: Log carry
    time: 10m
"""


def long_session(minutes: int) -> str:
    """A workout of about ``minutes``: rounds of 2 minutes' work and 1 minute's rest."""
    rounds = max(1, minutes // 3)
    return (
        "name: Long Session\nbpm: 150\nprepare: 10s\nsteps:\n"
        f"  - repeat: {rounds}\n    steps:\n"
        "      - exercise: Log carry\n        time: 2m\n"
        "      - rest: 1m\n"
    )


@dataclass
class Run:
    """One session's report and what the card would have played."""

    report: dict[str, Any]
    opens: list[int]
    samples: np.ndarray


def live(workout: str, *args: str, backend: str = "simpleaudio", volume: float = 1.0) -> Run:
    """Run a session in a process of its own through the file plugin."""
    with tempfile.TemporaryDirectory() as folder:
        capture = Path(folder) / "capture"
        capture.mkdir()
        config = Path(folder) / "alsa.conf"
        config.write_text(ALSA_CONFIG.replace("CAPTURE", str(capture)), encoding="utf-8")
        path = Path(folder) / "workout.yaml"
        path.write_text(workout, encoding="utf-8")
        env = {**os.environ, "ALSA_CONFIG_PATH": f"/usr/share/alsa/alsa.conf:{config}"}
        result = subprocess.run(
            [sys.executable, str(HERE / "sound_run.py"), backend, str(volume), str(path), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            check=True,
        )
        time.sleep(0.3)
        files = sorted(capture.glob("*.raw"), key=lambda file: int(file.stem))
        opens = [int(file.stem) for file in files]
        streams = [np.frombuffer(file.read_bytes(), dtype="<i2") / 32767 for file in files]
    if not opens:
        return Run(json.loads(result.stdout), [], np.zeros(0))
    starts = [round((o - opens[0]) / 1e9 * RATE) for o in opens]
    out = np.zeros(max(s + len(d) for s, d in zip(starts, streams, strict=True)))
    for start, data in zip(starts, streams, strict=True):
        out[start : start + len(data)] += data
    return Run(json.loads(result.stdout), opens, out)


def first_sound(trials: int = 5) -> tuple[list[float], list[float]]:
    """Seconds from a session's start (in a fresh process) to its first sound reaching the
    device, for a sound due at once; and to the score and the voice being ready."""
    heard, ready = [], []
    for _ in range(trials):
        run = live(MINUTE, "0", "--pause", "--voice")
        if run.opens:
            heard.append((run.opens[0] - run.report["started_ns"]) / 1e9)
        ready.append(run.report["ready_seconds"])
    return heard, ready


def render_time(minutes: int = 45) -> tuple[float, float]:
    """Seconds of soundtrack, and seconds it took, to render a session of ``minutes`` to FLAC
    (score and voice on)."""
    timeline = compile_workout(parse_workout(long_session(minutes)))
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        length = render_soundtrack(timeline, Path(folder) / "run.flac", Settings())
        return length, time.perf_counter() - began


def score_cpu(seconds: float = 20.0, backend: str = "simpleaudio") -> tuple[float, float]:
    """CPU, % of one core, of a process playing a work step with the score, and without."""
    shares = []
    for beat in ("--beat", "--no-beat"):
        report = live(LONG_WORK, str(seconds), beat, backend=backend).report
        shares.append(100 * report["cpu_seconds"] / report["seconds"])
    return shares[0], shares[1]


def one_minute(volume: float = 1.0, backend: str = "simpleaudio") -> tuple[float, float, int]:
    """A one-minute session with score and voice, as the card sums it: sample peak and true
    peak (dBFS), and how many device streams it took."""
    run = live(MINUTE, "0", "--voice", backend=backend, volume=volume)
    return dbfs(float(np.max(np.abs(run.samples)))), dbfs(true_peak(run.samples)), len(run.opens)


def report(quick: bool) -> None:
    """Print the soundtrack's figures."""
    print("\nthe soundtrack (through ALSA's file plugin):")
    if shutil.which("espeak-ng") is None:
        print("  (espeak-ng is not installed: the figures are without the voice)")
    heard, ready = first_sound(2 if quick else 5)
    if heard:
        print(
            f"  session start to first sound: median {statistics.median(heard) * 1000:.0f} ms, "
            f"max {max(heard) * 1000:.0f} ms; score and voice ready after "
            f"{statistics.median(ready):.2f} s (rendered beside the session)"
        )
    for backend in ("simpleaudio", "alsa"):
        for volume in (1.0, 1.5):
            peak, true, streams = one_minute(volume, backend)
            print(
                f"  one-minute session, {backend}, volume {volume}: peak {peak:.3f} dBFS, "
                f"true peak {true:.3f} dBFS, {streams} device streams"
            )
    for backend in ("simpleaudio", "alsa"):
        with_score, without = score_cpu(8.0 if quick else 20.0, backend)
        print(
            f"  CPU playing a work step, {backend}: {with_score:.1f} % of a core with the "
            f"score, {without:.1f} % without ({with_score / max(without, 1e-9):.2f}x)"
        )
    length, took = render_time(9 if quick else 45)
    print(
        f"  montage render, {length / 60:.0f}-minute session to FLAC: {took:.1f} s "
        f"({length / took:.0f}x real time)"
    )
