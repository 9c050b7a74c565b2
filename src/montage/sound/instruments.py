"""The score's instruments: an 80s drum machine and synths, each one sound at a time.

A pitch-dropping kick, a snare through a big room cut short by a gate, metallic
hats of six detuned square waves, a crash, a tom, a band-limited saw bass
through a resonant low-pass that snaps shut on every note, power-chord brass
stabs and a pulse-wave lead. Each returns its samples, full scale at 1.
"""

from __future__ import annotations

import numpy as np

from montage.sound.dsp import (
    RATE,
    Curve,
    adsr,
    biquad,
    convolve,
    decay_curve,
    filtered,
    midi,
    noise,
    pulse,
    reverb_tail,
    saw,
    seconds_to_samples,
    sine,
    swept_lowpass,
    times,
)


def kick() -> Curve:
    count = seconds_to_samples(0.32)
    body = sine(48 + 110 * decay_curve(count, 0.035), count) * decay_curve(count, 0.16)
    click = filtered(noise(count, 31), biquad("highpass", 3000.0)) * decay_curve(count, 0.002)
    return body + 0.35 * click


def snare() -> Curve:
    count = seconds_to_samples(0.34)
    rattle = filtered(noise(count, 41), biquad("highpass", 900.0), biquad("lowpass", 9000.0))
    hit = rattle * decay_curve(count, 0.07) + 0.6 * sine(190, count) * decay_curve(count, 0.04)
    room = convolve(hit, reverb_tail(0.9, 43))[:count]
    gate = np.clip((0.25 - times(count)) / 0.02, 0.0, 1.0)
    return 0.6 * hit + 0.5 * room * gate


HAT_TONES = ((263.0, 0.11), (400.0, 0.57), (421.0, 0.29), (474.0, 0.83), (587.0, 0.41))
"""The hats' six square waves (with the 845 Hz one, at phase 0): frequency and phase."""


def hat(open_: bool) -> Curve:
    count = seconds_to_samples(0.3 if open_ else 0.06)
    metal = pulse(845.0, count)
    for hertz, phase in HAT_TONES:  # spread phases: the edges never all line up in one spike
        metal = metal + saw(hertz, count, phase + 0.5) - saw(hertz, count, phase)
    bright = filtered(metal, biquad("highpass", 7000.0), biquad("highpass", 7000.0))
    level = float(np.sqrt(np.mean(bright**2)))
    driven = np.tanh(bright / (3 * level)) * 3 * level  # a cymbal's ring, not its spikes
    return driven * decay_curve(count, 0.09 if open_ else 0.014) * 0.5


def crash() -> Curve:
    count = seconds_to_samples(0.9)
    hiss = filtered(noise(count, 53), biquad("highpass", 4500.0)) * decay_curve(count, 0.3)
    return hiss * 0.7


def tom(note: float) -> Curve:
    count = seconds_to_samples(0.25)
    hertz = midi(note) * (1 + 0.5 * decay_curve(count, 0.03))
    return sine(hertz, count) * decay_curve(count, 0.12)


def bass_notes(notes: list[int], length: int) -> dict[int, Curve]:
    """Every bass note of the phrase through the snapping low-pass, all at once."""
    unique = sorted(set(notes))
    raw = np.stack([saw(midi(n), length) * 0.8 + pulse(midi(n - 12), length) * 0.4 for n in unique])
    cutoff = 220.0 + 2600.0 * decay_curve(length, 0.07)
    shaped = swept_lowpass(raw, cutoff[np.newaxis, :], 0.6)
    level = adsr(length, length / RATE * 0.7, 0.002, 0.08, 0.7, 0.03)
    return {note: shaped[i] * level for i, note in enumerate(unique)}


def stab(root: int, third: int, seconds: float) -> Curve:
    count = seconds_to_samples(seconds + 0.12)
    chord = (root, root + 7, root + 12, root + 12 + third)
    voices = sum(saw(midi(n) * detune, count) for n in chord for detune in (0.996, 1.0, 1.005))
    brass = filtered(np.asarray(voices), biquad("lowpass", 2800.0, 1.1)) / 10
    return brass * adsr(count, seconds, 0.01, 0.12, 0.6, 0.1)


def lead(note: float, seconds: float, width: float = 0.25) -> Curve:
    count = seconds_to_samples(seconds + 0.05)
    tone = filtered(pulse(midi(note), count, width), biquad("lowpass", 5000.0))
    return tone * adsr(count, seconds, 0.003, 0.05, 0.6, 0.04) * 0.5
