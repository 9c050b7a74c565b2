"""Cue latency: from the moment a cue is due to the sound device opening, while the app runs.

ALSA's file plugin stands in for the sound card: each playback is written to its
own file named by the wall-clock nanosecond at which ALSA opened the device. The
app runs headless with the real clock, the real player and simpleaudio.
"""

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
from montage.settings import Settings
from montage.sound.service import AudioService
from montage.workout.catalogue import load_entry

ALSA_CONFIG = """
pcm.!default {
  type file
  slave.pcm "null"
  file "|exec sh -c 'cat > CAPTURE/$(date +%%s%%N).raw'"
  format "raw"
}
"""


@dataclass
class Latency:
    """Seconds from due to device open, for each sound the player handed to the device."""

    seconds: list[float]
    """Each sound's latency, in the order they opened."""
    missing: int
    """Sounds the player played that never reached the device."""

    def percentile(self, share: float) -> float:
        """The latency below which ``share`` of the sounds fall."""
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    @property
    def median(self) -> float:
        """The median latency."""
        return statistics.median(self.seconds)


def workout_text(minutes: float) -> str:
    """Alternating 8-second work and 6-second rest for about ``minutes``: ticks, go, rest, beat."""
    count = max(2, int(minutes * 60 / 14))
    return (
        "name: Cue Bench\nprepare: 4s\nsteps:\n"
        f"  - repeat: {count}\n    steps:\n"
        "      - exercise: Chop\n        time: 8s\n"
        "      - rest: 6s\n"
    )


async def _session(path: Path, settings: Settings) -> list[tuple[str, float, float]]:
    audio = AudioService(settings, time.monotonic)
    app = MontageApp(
        settings, start=load_entry(path, "path"), entries=lambda: [], save=False, audio=audio
    )
    played: list[tuple[str, float, float]] = []
    async with app.run_test(size=(100, 30)) as pilot:
        while not isinstance(app.screen, SummaryScreen):
            if audio.player is not None:
                played = audio.player.played
            await pilot.pause(0.5)
    return list(played)


def run(minutes: float = 2.0) -> Latency:
    """Run a real session of about ``minutes`` in the app and measure each sound's latency."""
    with tempfile.TemporaryDirectory() as folder:
        capture = Path(folder) / "capture"
        capture.mkdir()
        config = Path(folder) / "alsa.conf"
        config.write_text(ALSA_CONFIG.replace("CAPTURE", str(capture)), encoding="utf-8")
        os.environ["ALSA_CONFIG_PATH"] = f"/usr/share/alsa/alsa.conf:{config}"
        os.environ["MONTAGE_HOME"] = folder
        path = Path(folder) / "cues.yaml"
        path.write_text(workout_text(minutes), encoding="utf-8")
        wall_offset = time.time_ns() - time.monotonic_ns()
        played = asyncio.run(_session(path, Settings(voice=False)))
        time.sleep(0.5)
        opened = sorted(int(file.stem) for file in capture.glob("*.raw"))
    due = sorted(round(at * 1e9) + wall_offset for _, at, _ in played)
    latencies = []
    for moment in due:
        match = next((o for o in opened if -5_000_000 <= o - moment <= 500_000_000), None)
        if match is not None:
            opened.remove(match)
            latencies.append((match - moment) / 1e9)
    return Latency(latencies, len(due) - len(latencies))
