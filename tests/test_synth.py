"""The synthesizer: lengths, levels, clean edges and the same bytes every run."""

from __future__ import annotations

import math
from array import array
from pathlib import Path

import pytest

from montage.paths import shipped_sounds_dir
from montage.sound import synth
from montage.sound.render import render_all
from montage.sound.synth import CUE_RMS, CUES, PEAK, RATE, beat, pcm_bytes

FULL_SCALE = 32767


def samples_of(render: list[float]) -> array[int]:
    out = array("h")
    out.frombytes(pcm_bytes(render))
    return out


def rms(samples: array[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples)) / FULL_SCALE


@pytest.fixture(scope="module")
def rendered() -> dict[str, array[int]]:
    return {name: samples_of(render()) for name, render in CUES.items()}


@pytest.mark.parametrize("name", sorted(CUES))
def test_each_cue_is_short_loud_enough_and_never_clips(
    name: str, rendered: dict[str, array[int]]
) -> None:
    samples = rendered[name]
    seconds = len(samples) / RATE
    assert 0.05 <= seconds <= (3.5 if name == "finish" else 1.5)
    peak = max(abs(s) for s in samples)
    assert peak <= round(PEAK * FULL_SCALE)
    assert peak >= 0.3 * FULL_SCALE


@pytest.mark.parametrize("name", sorted(CUES))
def test_each_cue_starts_and_ends_at_silence_so_it_never_clicks(
    name: str, rendered: dict[str, array[int]]
) -> None:
    samples = rendered[name]
    assert abs(samples[0]) <= 200 and abs(samples[-1]) <= 200
    quiet = 0.05 * FULL_SCALE
    assert max(abs(s) for s in samples[:16]) <= quiet
    assert max(abs(s) for s in samples[-16:]) <= quiet


def test_the_cues_are_matched_in_loudness(rendered: dict[str, array[int]]) -> None:
    levels = {name: rms(samples) for name, samples in rendered.items()}
    for name, level in levels.items():
        assert abs(level - CUE_RMS) <= 0.25 * CUE_RMS, (name, level)


def test_the_cues_are_distinct(rendered: dict[str, array[int]]) -> None:
    assert len({bytes(samples) for samples in rendered.values()}) == len(CUES)
    assert set(CUES) >= {"tick", "go", "rest", "halfway", "round", "last-round", "finish"}
    assert {"pause", "resume"} <= set(CUES)


@pytest.mark.parametrize("bpm", [60, 150, 220])
def test_the_beat_is_exactly_one_bar_so_it_loops_in_time(bpm: int) -> None:
    samples = samples_of(beat(bpm))
    assert len(samples) == round(4 * 60 / bpm * RATE)
    assert max(abs(s) for s in samples) <= round(PEAK * FULL_SCALE)


def test_two_renders_give_identical_bytes() -> None:
    assert pcm_bytes(synth.finish()) == pcm_bytes(synth.finish())
    assert pcm_bytes(beat(173)) == pcm_bytes(beat(173))


def test_the_committed_sounds_are_what_make_sounds_writes(tmp_path: Path) -> None:
    written = render_all(tmp_path)
    assert {path.name for path in written} == {p.name for p in shipped_sounds_dir().glob("*.wav")}
    for path in written:
        assert path.read_bytes() == (shipped_sounds_dir() / path.name).read_bytes(), path.name
