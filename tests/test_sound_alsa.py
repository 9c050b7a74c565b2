"""Sound through the real path: simpleaudio or the ALSA stream, libasound and a PCM device.

ALSA's file plugin stands in for the card: every device stream becomes its own
WAV file, named by the wall-clock nanosecond at which ALSA opened the device.
Every stream is laid on one timeline at its open time and summed, as a sound
card does: that sum is what is heard, and what would clip.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).parent
RATE = 44_100

CONFIG = """
pcm.!default {
  type file
  slave.pcm "null"
  file "|exec sh -c 'cat > CAPTURE/$(date +%%s%%N).wav'"
  format "wav"
}
"""


@pytest.fixture
def capture(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "capture"
    folder.mkdir()
    config = tmp_path / "alsa.conf"
    config.write_text(CONFIG.replace("CAPTURE", str(folder)))
    env = {**os.environ, "ALSA_CONFIG_PATH": f"/usr/share/alsa/alsa.conf:{config}"}
    return folder, env


def run_session(env: dict[str, str], *args: str) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, str(HERE / "alsa_session.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
        check=True,
    )
    assert "ALSA lib" not in result.stderr
    played: list[dict[str, object]] = json.loads(result.stdout)
    return played


def heard(folder: Path) -> tuple[int, np.ndarray]:
    """Every captured stream laid at its open time and summed: (first open ns, samples)."""
    files = sorted(folder.glob("*.wav"), key=lambda path: int(path.stem))
    assert files
    first = int(files[0].stem)
    streams = []
    for path in files:
        data = np.frombuffer(path.read_bytes()[44:], dtype="<i2").astype(np.float64) / 32767
        streams.append((round((int(path.stem) - first) / 1e9 * RATE), data))
    out = np.zeros(max(at + len(data) for at, data in streams))
    for at, data in streams:
        out[at : at + len(data)] += data
    return first, out


@pytest.mark.parametrize("backend", ["simpleaudio", "alsa"])
def test_a_session_at_volume_1_5_never_goes_over_minus_1_dbfs(
    capture: tuple[Path, dict[str, str]], backend: str
) -> None:
    folder, env = capture
    played = run_session(env, backend, "1.5", "--voice")
    names = {entry["name"] for entry in played}
    assert {"go", "beat", "rest", "voice:go", "finish", "tick"} <= names
    _, samples = heard(folder)
    assert 20 * np.log10(np.max(np.abs(samples))) <= -1.0 + 0.01


def test_the_stream_is_one_device_open_with_every_cue_where_it_was_due(
    capture: tuple[Path, dict[str, str]],
) -> None:
    folder, env = capture
    played = run_session(env, "alsa", "1.0")
    assert len(list(folder.glob("*.wav"))) == 1  # one stream: no seams, nothing to click
    first, samples = heard(folder)
    for entry in played:
        late_ms = (int(str(entry["at_ns"])) - int(str(entry["due_ns"]))) / 1e6
        assert -1 <= late_ms <= 30, entry
    ticks = [int(str(e["at_ns"])) for e in played if e["name"] == "tick"]
    for moment in ticks:
        at = round((moment - first) / 1e9 * RATE)
        window = samples[max(0, at - 2000) : at + 2000]
        assert np.max(np.abs(window)) > 0.1  # the tick is in the stream, near its moment


def test_without_a_sound_device_the_session_is_silent_with_one_notice(tmp_path: Path) -> None:
    workout = tmp_path / "w.yaml"
    workout.write_text("name: Quiet\nprepare: 1\nsteps:\n  - exercise: Chop\n    time: 2\n")
    env = {**os.environ, "ALSA_CONFIG_PATH": str(tmp_path / "no-such.conf")}
    env["MONTAGE_HOME"] = str(tmp_path / "home")
    result = subprocess.run(
        [sys.executable, "-m", "montage", "run", str(workout), "--plain"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert "FINISHED" in result.stdout
    notes = [line for line in result.stdout.splitlines() if "No sound" in line]
    assert len(notes) == 1 and notes[0].startswith("note:")
    assert "ALSA lib" not in result.stderr + result.stdout
