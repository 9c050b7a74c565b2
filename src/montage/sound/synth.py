"""montage's cues, from an 80s drum machine and synth built in numpy.

Every cue is drawn from band-limited saws and pulses, bells of inharmonic
partials, seeded noise and envelopes, at 44.1 kHz, 16-bit mono, in A minor
like the score. Each is matched in loudness as heard (BS.1770 momentary
loudness): all at ``CUE_LUFS``, the end-of-work horn a little louder and the
brightest of all, since it is the one cue that must never be missed. A low set
plays the same cues an octave and more down, filtered under 2 kHz, for people
who hear high tones badly. No cue carries a DC offset, and each fades in and
out over a few milliseconds, so none clicks.
"""

from __future__ import annotations

import io
import sys
import wave
from collections.abc import Callable

import numpy as np

from montage.sound.dsp import (
    RATE,
    Curve,
    adsr,
    biquad,
    convolve,
    decay_curve,
    edges,
    filtered,
    midi,
    noise,
    place,
    pulse,
    remove_dc,
    reverb_tail,
    saw,
    seconds_to_samples,
    sine,
    times,
)
from montage.sound.limiter import LATENCY, Limiter
from montage.sound.loudness import loudness, matched, true_peak

CUE_LUFS = -13.0
"""The momentary loudness every cue is matched to."""

HORN_LIFT = 1.0
"""How much louder (LU) the end-of-work horn is than the other cues."""

PEAK = 10 ** (-1.0 / 20)
"""The highest true peak of a cue: -1 dBFS."""

LOW_SHIFT = -15
"""Semitones the low cue set plays under the usual one."""


def _voice(count: int, note: float, shape: str = "saw", width: float = 0.5) -> Curve:
    hertz = midi(note)
    return saw(hertz, count) if shape == "saw" else pulse(hertz, count, width)


def _brass(seconds: float, held: float, notes: tuple[float, ...], bright: float) -> Curve:
    """Detuned saws through a low-pass that opens with the note: an 80s synth brass."""
    count = seconds_to_samples(seconds)
    out = np.zeros(count)
    for note in notes:
        for detune in (-0.08, 0.0, 0.09):
            out += _voice(count, note + detune)
    level = adsr(count, held, 0.015, 0.25, 0.75, 0.18)
    opened = filtered(out, biquad("lowpass", bright, 0.9))
    return opened * level / len(notes)


def _bell(seconds: float, hertz: float, ring: float) -> Curve:
    """A struck bell: inharmonic sine partials, the high ones dying first."""
    count = seconds_to_samples(seconds)
    out = np.zeros(count)
    for ratio, gain, life in ((1.0, 1.0, 1.0), (2.76, 0.55, 0.6), (5.40, 0.35, 0.35)):
        out += gain * sine(hertz * ratio, count) * decay_curve(count, ring * life)
    out += 0.25 * sine(hertz * 8.93, count) * decay_curve(count, ring * 0.15)
    return out * adsr(count, seconds, 0.001, 0.0, 1.0, 0.0)


def _gated_crash(seconds: float, seed: int) -> Curve:
    """A snare hit through a big room, the room cut short by a gate."""
    count = seconds_to_samples(seconds)
    hit = noise(count, seed) * decay_curve(count, 0.05)
    hit = filtered(hit, biquad("bandpass", 2500.0, 0.7))
    room = convolve(hit, reverb_tail(0.6, seed + 1))[:count]
    gate = np.clip((0.32 - times(count)) / 0.015, 0.0, 1.0)
    return hit + 0.5 * room * gate


def _finish_cue(out: Curve, low: bool) -> Curve:
    shaped = filtered(out, biquad("lowpass", 1900.0)) if low else out
    return edges(remove_dc(shaped))


# ------------------------------------------------------------------ the cues


def tick(low: bool = False) -> Curve:
    """The countdown tick: a short, hard square blip with a click."""
    count = seconds_to_samples(0.09)
    note = 93 + (LOW_SHIFT if low else 0)
    body = _voice(count, note, "pulse") * 0.7 + _voice(count, note + 12, "pulse", 0.25) * 0.2
    body *= adsr(count, 0.05, 0.001, 0.03, 0.55, 0.035)
    click = noise(count, 11) * decay_curve(count, 0.002)
    return _finish_cue(body + 0.4 * filtered(click, biquad("highpass", 2000.0)), low)


def go(low: bool = False) -> Curve:
    """Work starts: a rising saw sweep and a fifth over a drum hit and a low punch."""
    count = seconds_to_samples(0.55)
    shift = LOW_SHIFT if low else 0
    rise = 2 ** (np.minimum(times(count), 0.3) * 3.2)
    sweep = saw(midi(72 + shift) * rise, count) * 0.5 + pulse(midi(79 + shift) * rise, count, 0.3)
    sweep = sweep * 0.35 * adsr(count, 0.32, 0.003, 0.2, 0.6, 0.15)
    kick = sine(120 * decay_curve(count, 0.03) + 45, count) * decay_curve(count, 0.09)
    hit = filtered(noise(count, 5), biquad("bandpass", 1800.0, 0.8)) * decay_curve(count, 0.04)
    return _finish_cue(sweep + 0.9 * kick + 0.6 * hit, low)


def rest(low: bool = False) -> Curve:
    """Work is over: a bright two-note horn with a bell on top, the one cue never missed."""
    shift = LOW_SHIFT if low else 0
    out = np.zeros(seconds_to_samples(0.95))
    place(out, _brass(0.42, 0.26, (88 + shift, 93 + shift), 6000.0), 0.0)
    place(out, _brass(0.6, 0.38, (81 + shift, 88 + shift), 5200.0), 0.3)
    place(out, _bell(0.5, midi(93 + shift), 0.12), 0.0, 0.35)
    return _finish_cue(out, low)


def halfway(low: bool = False) -> Curve:
    """Halfway: two quick pulse blips, the second higher."""
    shift = LOW_SHIFT if low else 0
    out = np.zeros(seconds_to_samples(0.3))
    for at, note in ((0.0, 84), (0.12, 88)):
        count = seconds_to_samples(0.11)
        blip = _voice(count, note + shift, "pulse", 0.3)
        place(out, blip * adsr(count, 0.07, 0.002, 0.06, 0.3, 0.03), at)
    return _finish_cue(out, low)


def round_bell(low: bool = False) -> Curve:
    """A new round: the boxing bell, twice."""
    hertz = midi(84 + (LOW_SHIFT if low else 0))
    out = np.zeros(seconds_to_samples(1.1))
    for at in (0.0, 0.3):
        place(out, _bell(0.8, hertz, 0.25), at)
    return _finish_cue(out, low)


def last_round(low: bool = False) -> Curve:
    """The last round: three bells, climbing."""
    shift = LOW_SHIFT if low else 0
    out = np.zeros(seconds_to_samples(1.3))
    for number, note in enumerate((84, 86, 88)):
        place(out, _bell(0.8, midi(note + shift), 0.22), number * 0.25)
    return _finish_cue(out, low)


def finish(low: bool = False) -> Curve:
    """The end of the session: a brass fanfare rising to A major, over a gated crash."""
    shift = LOW_SHIFT if low else 0
    out = np.zeros(seconds_to_samples(2.2))
    phrase = ((0.0, 0.12, 69), (0.15, 0.12, 73), (0.3, 0.12, 76))
    for at, held, note in phrase:
        place(out, _brass(0.3, held, (note + shift,), 4000.0), at)
    place(out, _brass(1.7, 1.2, (69 + shift, 73 + shift, 76 + shift, 81 + shift), 3800.0), 0.45)
    place(out, _gated_crash(0.6, 19), 0.45, 0.7)
    return _finish_cue(out, low)


def pause(low: bool = False) -> Curve:
    """Paused: a dull low tone that sinks and closes, like a tape stopping."""
    count = seconds_to_samples(0.32)
    shift = LOW_SHIFT if low else 0
    fall = midi(64 + shift) * 2 ** (-np.minimum(times(count), 0.25) * 4)
    tone = pulse(fall, count, 0.5) * 0.6 + saw(fall / 2, count) * 0.4
    tone = filtered(tone, biquad("lowpass", 900.0, 0.8)) * adsr(count, 0.22, 0.004, 0.2, 0.5, 0.08)
    return _finish_cue(tone, low)


def resume(low: bool = False) -> Curve:
    """Resumed: a bright, quick three-note rise with a click, back to work."""
    shift = LOW_SHIFT if low else 0
    out = np.zeros(seconds_to_samples(0.3))
    for number, note in enumerate((81, 88, 93)):
        count = seconds_to_samples(0.08)
        blip = _voice(count, note + shift, "pulse", 0.25) * adsr(
            count, 0.05, 0.001, 0.03, 0.4, 0.02
        )
        place(out, blip, number * 0.07)
    click = noise(len(out), 23) * decay_curve(len(out), 0.0015)
    return _finish_cue(out + 0.3 * filtered(click, biquad("highpass", 3000.0)), low)


CUES: dict[str, Callable[[bool], Curve]] = {
    "tick": tick,
    "go": go,
    "rest": rest,
    "halfway": halfway,
    "round": round_bell,
    "last-round": last_round,
    "finish": finish,
    "pause": pause,
    "resume": resume,
}
"""Every cue by the name of its file in ``sounds/`` (without ``.wav``)."""


def target_of(name: str) -> float:
    """The loudness (LUFS) the cue ``name`` is matched to."""
    return CUE_LUFS + (HORN_LIFT if name == "rest" else 0.0)


def levelled(samples: Curve, target: float) -> Curve:
    """``samples`` matched to ``target`` LUFS with their true peak kept under -1 dBFS."""
    out = matched(samples, target)
    for attempt in range(5):
        if true_peak(out) <= PEAK:
            break
        limited = Limiter(PEAK * 0.96).process(np.concatenate([out, np.zeros(LATENCY)]))
        out = limited[LATENCY:] if attempt == 4 else matched(limited[LATENCY:], target)
    return edges(remove_dc(out))


def render_cue(name: str, low: bool = False) -> Curve:
    """A cue, rendered and levelled, ready to write."""
    return levelled(CUES[name](low), target_of(name))


def pcm_bytes(samples: Curve) -> bytes:
    """Encode samples from -1 to 1 as 16-bit signed little-endian PCM."""
    pcm = np.round(np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    if sys.byteorder == "big":  # pragma: no cover - numpy's "<i2" is already little-endian
        pcm = pcm.byteswap()
    return pcm.tobytes()


def wav_bytes(samples: Curve, rate: int = RATE) -> bytes:
    """Encode samples from -1 to 1 as a 16-bit mono WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm_bytes(samples))
    return buffer.getvalue()


def cue_loudness(samples: Curve) -> float:
    """A cue's loudness as heard, in LUFS."""
    return loudness(samples)
