"""The cues and the score: loudness as heard, clean edges, brightness, the same bytes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from montage.paths import shipped_sounds_dir
from montage.sound.bank import LOW_FOLDER, read_wav
from montage.sound.cues import CUE_NAMES
from montage.sound.dsp import RATE, from_pcm
from montage.sound.loudness import dbfs, loudness, momentary, true_peak
from montage.sound.render import render_all
from montage.sound.score import BREATH, LAYERS, PHRASE, ScoreSpan, layers_for, render_score
from montage.sound.synth import render_cue


def shipped(name: str, low: bool = False) -> np.ndarray:
    folder = shipped_sounds_dir() / LOW_FOLDER if low else shipped_sounds_dir()
    sound = read_wav(folder / f"{name}.wav")
    return from_pcm(sound.pcm, sound.rate)


@pytest.mark.parametrize("low", [False, True])
def test_every_shipped_cue_is_within_2_lu_of_the_others_as_heard(low: bool) -> None:
    levels = {name: loudness(shipped(name, low)) for name in CUE_NAMES}
    assert max(levels.values()) - min(levels.values()) <= 2.0, levels
    assert max(levels, key=lambda name: levels[name]) == "rest"  # the end of work: most audible


@pytest.mark.parametrize("name", CUE_NAMES)
def test_each_cue_has_no_dc_no_click_and_a_true_peak_under_minus_1_dbfs(name: str) -> None:
    samples = shipped(name)
    assert abs(float(np.mean(samples))) < 1e-3
    assert np.max(np.abs(samples[:8])) < 0.02 and np.max(np.abs(samples[-8:])) < 0.02
    assert dbfs(true_peak(samples)) <= -0.9
    assert 0.05 <= len(samples) / RATE <= 2.5


def test_the_end_of_work_horn_is_bright() -> None:
    samples = shipped("rest")
    power = np.abs(np.fft.rfft(samples)) ** 2
    hertz = np.fft.rfftfreq(len(samples), 1 / RATE)
    assert power[(hertz >= 1000) & (hertz <= 4000)].sum() / power.sum() > 0.5


def test_pause_and_resume_differ_in_more_than_direction() -> None:
    pause, resume = shipped("pause"), shipped("resume")
    centroid = [
        float(np.sum(np.fft.rfftfreq(len(s), 1 / RATE) * np.abs(np.fft.rfft(s))))
        / float(np.sum(np.abs(np.fft.rfft(s))))
        for s in (pause, resume)
    ]
    assert centroid[1] > 2 * centroid[0]  # resume is bright, pause is dull


def test_the_low_set_keeps_its_energy_under_2_khz() -> None:
    for name in CUE_NAMES:
        samples = shipped(name, low=True)
        power = np.abs(np.fft.rfft(samples)) ** 2
        hertz = np.fft.rfftfreq(len(samples), 1 / RATE)
        assert power[hertz < 2000].sum() / power.sum() > 0.8, name


def test_our_momentary_loudness_agrees_with_pyloudnorm() -> None:
    pyloudnorm = pytest.importorskip("pyloudnorm")
    meter = pyloudnorm.Meter(RATE, block_size=0.4)
    for name in ("go", "rest", "finish"):
        samples = shipped(name)
        window = np.zeros(round(0.4 * RATE))
        best = int(np.argmax(momentary(samples)))
        end = best * round(0.01 * RATE)
        padded = np.concatenate([np.zeros(len(window)), samples, np.zeros(len(window))])
        piece = padded[end : end + len(window)]
        assert meter.integrated_loudness(piece) == pytest.approx(loudness(samples), abs=0.3)


def test_the_committed_sounds_are_what_make_sounds_writes(tmp_path: Path) -> None:
    written = render_all(tmp_path)
    assert len(written) == 2 * len(CUE_NAMES)
    for path in written:
        relative = path.relative_to(tmp_path)
        assert path.read_bytes() == (shipped_sounds_dir() / relative).read_bytes(), relative


def test_two_renders_give_identical_samples() -> None:
    assert np.array_equal(render_cue("finish"), render_cue("finish"))
    first = render_score(173)
    render_score.cache_clear()
    second = render_score(173)
    for layer in LAYERS:
        for one, other in zip(first.stems[layer], second.stems[layer], strict=True):
            assert np.array_equal(one, other)


def span_samples(bpm: int, bars: int, progress: float, final: bool) -> np.ndarray:
    score = render_score(bpm)
    count = round(score.bar * bars)
    out = np.zeros(count)
    ScoreSpan(score, 0, count, progress, final).add_into(out, 0)
    return out


def test_the_score_builds_through_a_step_and_through_the_session() -> None:
    assert len(layers_for(0, 0.0, False)) < len(layers_for(8, 0.0, False))
    assert len(layers_for(0, 0.0, False)) < len(layers_for(0, 1.0, False))
    assert "climax" in layers_for(4, 1.0, True) and "climax" not in layers_for(4, 1.0, False)
    first = span_samples(150, 2, 0.0, False)
    last = span_samples(150, 2, 1.0, True)
    assert loudness(last) > loudness(first) + 1.0


def test_every_bar_ends_in_a_silent_breath_and_the_phrase_in_a_stop() -> None:
    score = render_score(150)
    samples = span_samples(150, PHRASE, 1.0, True)
    span = ScoreSpan(score, 0, len(samples), 1.0, True)
    quiet = span.breaks(0, 0, len(samples))
    assert len(quiet) == PHRASE
    for begin, finish in quiet:
        assert finish - begin >= round(BREATH * RATE)
        assert not np.any(samples[begin : min(finish, len(samples))])
    lengths = [finish - begin for begin, finish in quiet]
    assert lengths[-1] > 10 * lengths[0]  # the last beat of the phrase is a full stop


def test_the_score_fades_where_it_drops_out_instead_of_cutting() -> None:
    score = render_score(150)
    until = round(3.3 * score.bar)  # in the middle of a bar, notes sounding
    out = np.zeros(until + 100)
    ScoreSpan(score, 0, until, 1.0, False).add_into(out, 0)
    playing = float(np.max(np.abs(out[until - 2000 : until - 600])))
    assert playing > 0.05
    assert np.max(np.abs(out[until - 40 : until])) < 0.1 * playing  # faded, not cut
    assert not np.any(out[until:])


def test_every_bar_of_the_score_starts_on_the_grid() -> None:
    score = render_score(137)
    kick = score.stems["kick"][0]
    onset = int(np.argmax(np.abs(kick) > 1e-3))
    assert onset <= round(0.001 * RATE)  # the bar's first hit is at its start
    samples = span_samples(137, 4, 0.0, False)
    for bar in range(4):
        start = round(bar * score.bar)
        assert np.max(np.abs(samples[start : start + 20])) > 0 or bar == 0
