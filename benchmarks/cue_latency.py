"""Cue latency: from the moment a cue is due to the moment it reaches the sound device.

ALSA's file plugin stands in for the sound card: each device stream is written
to its own file named by the wall-clock nanosecond at which ALSA opened it. The
app runs headless with the real clock, the real player and a real backend. A
cue reaches the device when the buffer (or stream) carrying it opens, plus its
place in that buffer.
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


Sent = list[tuple[float, float, list[tuple[str, float]]]]
"""What the player handed to the device (see ``Player.sent``)."""


async def _session(path: Path, settings: Settings) -> tuple[list[tuple[str, float, float]], Sent]:
    audio = AudioService(settings, time.monotonic)
    app = MontageApp(
        settings, start=load_entry(path, "path"), entries=lambda: [], save=False, audio=audio
    )
    played: list[tuple[str, float, float]] = []
    sent: Sent = []
    async with app.run_test(size=(100, 30)) as pilot:
        while not isinstance(app.screen, SummaryScreen):
            await pilot.pause(0.5)
        await pilot.pause(0.5)  # the last sound goes to the device as the summary shows
        if audio.player is not None:
            played, sent = list(audio.player.played), audio.player.sent()
    return played, sent


def capture_env(folder: Path) -> Path:
    """Point ALSA at its file plugin, writing every stream into a folder; returns the folder."""
    capture = folder / "capture"
    capture.mkdir()
    config = folder / "alsa.conf"
    config.write_text(ALSA_CONFIG.replace("CAPTURE", str(capture)), encoding="utf-8")
    os.environ["ALSA_CONFIG_PATH"] = f"/usr/share/alsa/alsa.conf:{config}"
    return capture


def heard(sent: Sent, opened: list[int], wall_offset: int) -> dict[tuple[str, int], int]:
    """When each sound reached the device (wall ns), by its name and its moment (wall ns):
    its buffer's open, plus its place in the buffer."""
    out = {}
    for (start, _, parts), open_ns in zip(sent, opened, strict=False):
        for name, onset in parts:
            moment = round(onset * 1e9) + wall_offset
            out[name, moment] = open_ns + moment - (round(start * 1e9) + wall_offset)
    return out


def run(minutes: float = 2.0, backend: str = "simpleaudio") -> Latency:
    """Run a real session of about ``minutes`` in the app and measure each sound's latency."""
    with tempfile.TemporaryDirectory() as folder:
        capture = capture_env(Path(folder))
        os.environ["MONTAGE_HOME"] = folder
        path = Path(folder) / "cues.yaml"
        path.write_text(workout_text(minutes), encoding="utf-8")
        wall_offset = time.time_ns() - time.monotonic_ns()
        played, sent = asyncio.run(_session(path, Settings(voice=False, backend=backend)))
        time.sleep(0.5)
        opened = sorted(int(file.stem) for file in capture.glob("*.raw"))
    arrived = heard(sent, opened, wall_offset)
    latencies = []
    for name, due, at in played:
        reached = arrived.get((name, round(at * 1e9) + wall_offset))
        if reached is not None:
            latencies.append((reached - (round(due * 1e9) + wall_offset)) / 1e9)
    return Latency(latencies, len(played) - len(latencies))
