"""``montage render``: a whole session's soundtrack in a file, as long as the session."""

from __future__ import annotations

import json
import os
import wave
from pathlib import Path

import numpy as np
import pytest

from montage.cli import main
from montage.paths import shipped_sounds_dir
from montage.sound.bank import load_bank
from montage.sound.dsp import RATE
from montage.sound.loudness import dbfs, true_peak
from montage.sound.samples import Sounds
from montage.sound.score import render_score
from montage.sound.soundtrack import RenderError, render_session, session_seconds
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

WORKOUT = """\
name: Render Test
bpm: 150
prepare: 4s
steps:
  - exercise: Log carry
    time: 9s
  - rest: 5s
  - exercise: Wagon press
    reps: 12
    time: 20s
  - exercise: Chop
    time: 7s
"""


def render(tmp_path: Path, name: str, reps_seconds: float | None = None) -> Path:
    timeline = compile_workout(parse_workout(WORKOUT))
    sounds = Sounds.of(load_bank(timeline, shipped_sounds_dir()))
    path = tmp_path / name
    render_session(timeline, path, sounds, render_score(150), reps_seconds)
    return path


def samples_of(path: Path) -> np.ndarray:
    if path.suffix == ".flac":
        import soundfile

        data, rate = soundfile.read(path, dtype="int16")
        assert rate == RATE
        return np.asarray(data, dtype=np.float64) / 32767
    with wave.open(str(path), "rb") as file:
        assert (file.getframerate(), file.getnchannels(), file.getsampwidth()) == (RATE, 1, 2)
        pcm = file.readframes(file.getnframes())
    return np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32767


@pytest.mark.parametrize("name", ["run.wav", "run.flac"])
def test_the_file_is_as_long_as_the_session_and_never_over_minus_1_dbfs(
    tmp_path: Path, name: str
) -> None:
    samples = samples_of(render(tmp_path, name))
    timeline = compile_workout(parse_workout(WORKOUT))
    assert timeline.total_seconds == 45
    assert abs(len(samples) / RATE - timeline.total_seconds) <= 0.01
    assert dbfs(true_peak(samples)) <= -0.9
    ending = samples[-round(2.0 * RATE) :]
    assert np.sqrt(np.mean(ending**2)) > 0.05  # the fanfare rings to the very end


def test_it_holds_the_cues_the_ticks_and_the_score_where_the_session_has_them(
    tmp_path: Path,
) -> None:
    samples = samples_of(render(tmp_path, "run.wav"))

    def loud(start: float, seconds: float) -> float:
        piece = samples[round(start * RATE) : round((start + seconds) * RATE)]
        return float(np.max(np.abs(piece)))

    assert loud(1.0, 0.1) > 0.1 and loud(2.0, 0.1) > 0.1  # the prepare step's ticks
    assert loud(1.2, 0.6) < 1e-3  # and silence between them
    assert loud(4.0, 0.3) > 0.3  # go, on the score's first beat
    assert loud(6.0, 3.0) > 0.1  # the score plays through the work
    assert loud(10.2, 0.7) < 1e-3  # and drops out for the countdown


def test_two_renders_are_the_same_bytes(tmp_path: Path) -> None:
    first = render(tmp_path, "one.wav").read_bytes()
    assert render(tmp_path, "two.wav").read_bytes() == first


def test_rep_steps_take_their_cap_or_the_time_given(tmp_path: Path) -> None:
    timeline = compile_workout(parse_workout(WORKOUT))
    assert session_seconds(timeline, None) == 45
    assert session_seconds(timeline, 12) == 37
    assert session_seconds(timeline, 60) == 45  # never past the cap
    samples = samples_of(render(tmp_path, "short.wav", reps_seconds=12))
    assert abs(len(samples) / RATE - 37) <= 0.01
    uncapped = compile_workout(parse_workout(WORKOUT.replace("    time: 20s\n", "")))
    with pytest.raises(RenderError, match=r"Wagon press.*--reps-seconds"):
        session_seconds(uncapped, None)


def test_montage_render_writes_the_file_with_a_progress_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path(os.environ["MONTAGE_CONFIG"]).write_text(json.dumps({"voice": False}))
    workout = tmp_path / "render.yaml"
    workout.write_text(WORKOUT)
    out = tmp_path / "run.flac"
    assert main(["render", str(workout), "-o", str(out), "--reps-seconds", "15s"]) == 0
    shown = capsys.readouterr()
    assert "100%" in shown.err and "rendering [" in shown.err
    assert f"{out}: 40s (40.00 s)" in shown.out
    assert abs(len(samples_of(out)) / RATE - 40) <= 0.01


@pytest.mark.parametrize(
    ("change", "args", "said"),
    [
        ("", ["-o", "run.mp3"], "run.mp3: write a .wav or a .flac file"),
        ("", ["-o", "run.wav", "--reps-seconds", "soon"], "write seconds as a number"),
        ("    time: 20s\n", ["-o", "run.wav"], "with no time cap"),
    ],
)
def test_bad_input_gets_one_line_and_no_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    change: str,
    args: list[str],
    said: str,
) -> None:
    workout = tmp_path / "render.yaml"
    workout.write_text(WORKOUT.replace(change, "") if change else WORKOUT)
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(workout), *args]) == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and error[0].startswith("montage: ") and said in error[0]
    assert not (tmp_path / args[1]).exists()
