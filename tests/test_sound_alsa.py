"""Sound through the real path: simpleaudio, libasound and a PCM device, with no sound card.

ALSA's file plugin stands in for the card: every playback becomes its own file,
named by the wall-clock nanosecond at which ALSA opened the device.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from montage.paths import shipped_sounds_dir
from montage.sound.bank import read_wav

HERE = Path(__file__).parent
LATE_LIMIT_NS = 50_000_000
"""How late a device may open after its cue was due: a frame at 20 Hz. Lateness is
measured by the benchmark; this bound catches a cue that waits for the next tick or
the next step, on a machine other people share."""

CONFIG = """
pcm.!default {
  type file
  slave.pcm "null"
  file "|exec sh -c 'cat > CAPTURE/$(date +%%s%%N).raw'"
  format "raw"
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
        timeout=60,
        check=True,
    )
    assert "ALSA lib" not in result.stderr
    captured: list[dict[str, object]] = json.loads(result.stdout)
    return captured


@cache
def shipped_pcm() -> dict[str, bytes]:
    """The frames of every shipped sound, by name."""
    return {path.stem: read_wav(path).pcm for path in shipped_sounds_dir().glob("*.wav")}


def identify(data: bytes) -> str:
    """Name a captured playback by its bytes: a cue it equals, or the beat it starts with."""
    for name, pcm in shipped_pcm().items():
        if name == "beat" and data[:4096] == pcm[:4096]:
            return "beat"
        if data == pcm:
            return name
    return "?"


def in_schedule_order(
    heard: list[tuple[int, str]], expected: list[str], together_ns: int = 10_000_000
) -> list[str]:
    """The names heard, with sounds opened within ``together_ns`` of each other put in
    the order expected: two sounds due at one moment may reach the device either way round."""
    names = [name for _, name in heard]
    for i in range(len(names) - 1):
        swapped = names[i] == expected[i + 1] and names[i + 1] == expected[i]
        if swapped and heard[i + 1][0] - heard[i][0] <= together_ns:
            names[i], names[i + 1] = names[i + 1], names[i]
    return names


def heard_on_time(folder: Path, played: list[dict[str, object]]) -> list[tuple[int, str]]:
    """Each captured playback as (moment the device opened, sound), checking that every one
    opened within the limit of the moment the player says it was due."""
    files = sorted(folder.glob("*.raw"), key=lambda path: int(path.stem))
    assert len(files) == len(played)
    heard = [(int(path.stem), identify(path.read_bytes())) for path in files]
    due: dict[str, list[int]] = {}
    for entry in played:
        due.setdefault(str(entry["name"]), []).append(int(str(entry["due_ns"])))
    for opened, name in heard:
        late = opened - due[name].pop(0)
        assert -2_000_000 <= late <= LATE_LIMIT_NS, (name, late / 1e6)
    return heard


def test_each_cue_plays_through_alsa_in_order_and_on_time(
    capture: tuple[Path, dict[str, str]],
) -> None:
    folder, env = capture
    played = run_session(env)
    heard = heard_on_time(folder, played)
    expected = ["tick", "tick", "tick", "go", "beat", "tick", "tick", "go", "beat"]
    expected += ["tick", "rest", "tick", "last-round", "beat", "tick", "finish"]
    assert in_schedule_order(heard, expected) == expected
    assert [entry["name"] for entry in played] == expected


def test_halfway_pause_resume_and_rounds_play_through_alsa_in_order_and_on_time(
    capture: tuple[Path, dict[str, str]],
) -> None:
    folder, env = capture
    played = run_session(env, "--long")
    heard = heard_on_time(folder, played)
    expected = ["go", "pause", "resume", "halfway", "tick", "tick", "tick"]
    expected += ["go", "round", "last-round", "finish"]
    assert in_schedule_order(heard, expected) == expected
    assert [entry["name"] for entry in played] == expected


def test_a_user_sound_replaces_a_built_in_cue(
    capture: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, env = capture
    mine = tmp_path / "mine"
    mine.mkdir()
    custom = (shipped_sounds_dir() / "finish.wav").read_bytes()
    (mine / "tick.wav").write_bytes(custom)
    played = run_session(env, str(mine))
    files = sorted(folder.glob("*.raw"), key=lambda path: int(path.stem))
    finish = read_wav(shipped_sounds_dir() / "finish.wav").pcm
    ticks = [p for p, e in zip(files, played, strict=True) if e["name"] == "tick"]
    assert ticks and all(path.read_bytes() == finish for path in ticks)


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
