"""The score: 80s synth-rock at the workout's tempo, an 8-bar phrase in A minor that builds.

Seven layers of the instruments in ``instruments``, each rendered bar by bar
once per session (on the player's thread, never on the way to the first
frame): a pitch-dropping kick, a snare through a big room cut short by a
gate, a band-limited saw bass through a resonant low-pass that snaps shut on
every note, metallic hats (six detuned square waves, high-passed), power-chord
brass stabs, a pulse-wave arpeggio with an echo, and for the climax a second
lead an octave up, a crash and a tom fill. The chords run Am - F - C - G, two
bars each. Every bar ends in a breath: the last ``BREATH`` seconds before each
downbeat are silent in every layer (a tight, gated stop the downbeat masks),
and the last beat of the phrase is a full stop. A buffer may end in either, unheard.

A work step plays a span of the score: a few layers at first, one more every
two bars, more of them as the session goes on, the climax in the last work
step of the workout. Every bar starts on the grid laid from the step's start,
rounded to the nearest sample.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from montage.sound import instruments
from montage.sound.dsp import RATE, Curve, seconds_to_samples
from montage.sound.loudness import loudness

PHRASE = 8
"""Bars in a phrase."""

LAYERS = ("kick", "bass", "hats", "snare", "stabs", "lead", "climax")
"""The layers, in the order they enter."""

CHORDS = ((45, (0, 3, 7)), (41, (0, 4, 7)), (48, (0, 4, 7)), (43, (0, 4, 7)))
"""Am, F, C, G: each chord's bass root (MIDI) and its triad, two bars each."""

SCORE_LUFS = -18.0
"""The loudness of the full score, every layer playing; cues sit above it and duck it."""

BALANCE = {
    "kick": -20.0,
    "bass": -21.0,
    "hats": -29.0,
    "snare": -21.0,
    "stabs": -24.0,
    "lead": -25.0,
    "climax": -26.0,
}
"""Each layer's loudness alone (LUFS) before the whole is set to ``SCORE_LUFS``: the balance."""

STOP_FROM = 12
"""The sixteenth of the phrase's last bar from which every layer rests."""

BREATH = 0.018
"""Seconds of silence, in every layer, at the end of every bar."""

BREATH_FADE = 0.004
"""Seconds over which the ring of a bar's last notes fades into its breath."""

DROP_FADE = 0.01
"""Seconds over which a span of the score fades out where it drops out."""

Hit = tuple[float, Curve, float]
"""A sound in a bar: its sixteenth (from 0), its samples and its gain."""


@dataclass(frozen=True, slots=True)
class Score:
    """One tempo's score, rendered: every layer's every bar of the phrase."""

    bpm: int
    """Beats per minute."""
    bar: float
    """Samples in one bar (not a whole number at most tempos)."""
    stems: dict[str, tuple[Curve, ...]]
    """For each layer, each bar of the phrase, with the ring of its last notes after it."""

    @property
    def sixteenth(self) -> float:
        """Samples in one sixteenth note."""
        return self.bar / 16


# ------------------------------------------------------------------ the phrase


def _chord(bar: int) -> tuple[int, tuple[int, int, int]]:
    root, triad = CHORDS[(bar // 2) % len(CHORDS)]
    return root, (triad[0], triad[1], triad[2])


def _stopped(bar: int, sixteenth: float) -> bool:
    return bar == PHRASE - 1 and sixteenth >= STOP_FROM


def _hits(layer: str, bar: int, step: float, parts: dict[str, Curve]) -> Iterator[Hit]:
    """Every hit of ``layer`` in ``bar`` of the phrase (``step``: seconds per sixteenth)."""
    root, triad = _chord(bar)
    last = bar == PHRASE - 1
    if layer == "kick":
        pattern = (0, 8, 10) if bar % 2 else (0, 6, 8)
        for at in pattern if not last else (0, 8):
            yield at, parts["kick"], 1.0
    elif layer == "snare":
        for at in (4, 12):
            if not _stopped(bar, at):
                yield at, parts["snare"], 1.0
        if last:
            yield 8, parts["snare"], 0.8
    elif layer == "hats":
        for at in range(0, 16, 2):
            if _stopped(bar, at):
                continue
            open_ = at == 14 and bar % 2 == 1
            yield at, parts["open" if open_ else "hat"], 0.8 if at % 4 else 0.5
    elif layer == "bass":
        for at in range(0, 16, 2):
            if not _stopped(bar, at):
                note = root + (12 if at in (6, 14) else 0)
                yield at, parts[f"bass:{note}"], 1.0
    elif layer == "stabs":
        for at, beats in ((0, 1.5), (6, 0.5), (10, 0.5)) if bar % 2 == 0 else ((8, 0.5),):
            yield at, instruments.stab(root + 12, triad[1], beats * 4 * step), 1.0
    elif layer == "lead":
        tones = [root + 24 + t for t in triad] + [root + 36]
        for at in range(16):
            if not _stopped(bar, at):
                yield at, parts[f"lead:{tones[(0, 1, 2, 3, 2, 1)[at % 6]]}"], 0.9
    elif layer == "climax":
        if bar == 0:
            yield 0, parts["crash"], 1.0
        tones = [root + 36 + t for t in triad]
        for at in range(0, 16, 2):
            if not _stopped(bar, at):
                yield at, parts[f"high:{tones[(at // 2) % 3]}"], 0.6
        if last:
            for at, note in ((8, 52), (9, 50), (10, 47), (11, 45)):
                yield at, parts[f"tom:{note}"], 0.9


def _parts(step: float) -> dict[str, Curve]:
    """Every sound the phrase uses, rendered once for the tempo."""
    parts = {"kick": instruments.kick(), "snare": instruments.snare()}
    parts.update(hat=instruments.hat(False), open=instruments.hat(True))
    parts["crash"] = instruments.crash()
    notes = sorted({root + octave for root, _ in CHORDS for octave in (0, 12)})
    bass = instruments.bass_notes(notes, seconds_to_samples(step * 1.8))
    parts.update({f"bass:{note}": sound for note, sound in bass.items()})
    for root, triad in CHORDS:
        for tone in [root + 24 + t for t in triad] + [root + 36]:
            parts[f"lead:{tone}"] = instruments.lead(tone, step * 0.8)
        for tone in [root + 36 + t for t in triad]:
            parts[f"high:{tone}"] = instruments.lead(tone, step * 1.5, 0.5)
    for note in (52, 50, 47, 45):
        parts[f"tom:{note}"] = instruments.tom(note)
    return parts


def _echoed(layer: str, hits: list[Hit]) -> list[Hit]:
    if layer != "lead":
        return hits
    echoes = [(at + 3, sound, gain * 0.35) for at, sound, gain in hits]
    return hits + echoes


Plan = list[list[Hit]]
"""A layer's hits, bar by bar through the phrase."""


@cache
def render_score(bpm: int) -> Score:
    """Render the score at ``bpm``: the same samples on every run (kept for the next session).

    A bar that is the same as another of its layer (the kick of every even bar, the bass of
    both bars of a chord) is rendered and kept once, and the layers are rendered one at a
    time, twice: once to find each one's level, once at that level, so the score never
    holds more than one layer at double precision.
    """
    step = 60.0 / bpm / 4
    bar = 16 * step * RATE
    parts = _parts(step)
    plans = {layer: _plan(layer, step, bar, parts) for layer in LAYERS}
    gains: dict[str, float] = {}
    whole = np.zeros(round(bar * PHRASE) + RATE)
    for layer in LAYERS:
        alone = _phrase_of(_bars(plans[layer], bar, lambda stem: stem), bar)
        gains[layer] = 10 ** ((BALANCE[layer] - loudness(alone)) / 20)
        alone *= gains[layer]  # in place: one phrase at double precision at a time
        whole[: len(alone)] += alone
        del alone
    scale = 10 ** ((SCORE_LUFS - loudness(whole)) / 20)
    del whole
    done = {layer: _bars(plans[layer], bar, _at_level(gains[layer], scale)) for layer in LAYERS}
    return Score(bpm, bar, done)


def _at_level(gain: float, scale: float) -> Callable[[Curve], Curve]:
    """A finished bar: its layer's balance, then the whole score's level, in single precision."""
    return lambda stem: (stem * gain * scale).astype(np.float32)


def _plan(layer: str, step: float, bar: float, parts: dict[str, Curve]) -> Plan:
    plan = []
    for number in range(PHRASE):
        hits = _echoed(layer, list(_hits(layer, number, step, parts)))
        plan.append([(at, sound, gain) for at, sound, gain in hits if not _stopped(number, at)])
    return plan


def _bars(plan: Plan, bar: float, finish: Callable[[Curve], Curve]) -> tuple[Curve, ...]:
    """Each bar of a layer's plan rendered and passed through ``finish``; bars with the same
    hits share one array."""
    done: dict[tuple[tuple[float, int, float], ...], Curve] = {}
    bars = []
    for hits in plan:
        key = tuple((at, id(sound), gain) for at, sound, gain in hits)
        if key not in done:
            done[key] = finish(_stem(hits, bar))
        bars.append(done[key])
    return tuple(bars)


def _stem(hits: list[Hit], bar: float) -> Curve:
    """One bar of a layer: its hits summed, cut short at its breath."""
    length = max([round(at * bar / 16) + len(s) for at, s, _ in hits], default=0)
    out = np.zeros(max(length, round(bar)))
    for at, sound, gain in hits:
        first = round(at * bar / 16)
        out[first : first + len(sound)] += gain * sound
    return _breathed(out, bar)


def _breathed(stem: Curve, bar: float) -> Curve:
    """A bar's stem cut short before the next downbeat, its ring faded into the breath."""
    cut = breath_start(bar)
    fade = seconds_to_samples(BREATH_FADE)
    out = stem[:cut].copy()
    out[cut - fade :] *= np.linspace(1.0, 0.0, fade, endpoint=False)
    return out


def breath_start(bar: float) -> int:
    """Samples from a bar's downbeat to its breath (the same for every bar at a tempo)."""
    return int(bar) - seconds_to_samples(BREATH)


def _phrase_of(bars: tuple[Curve, ...], bar: float) -> Curve:
    """A layer's whole phrase, its bars laid on the grid."""
    out = np.zeros(round(bar * PHRASE) + RATE)
    for number, stem in enumerate(bars):
        first = round(number * bar)
        end = min(len(out), first + len(stem))
        out[first:end] += stem[: end - first]
    return out


# ------------------------------------------------------------------ a span of it


def layers_for(bar: int, progress: float, final: bool) -> tuple[str, ...]:
    """The layers playing in the ``bar``-th bar of a work step.

    Args:
        bar: Bars since the step's start.
        progress: How far through the session's work steps this one is, 0 to 1.
        final: It is the workout's last work step, which gets the climax.
    """
    first = 2 + round(3 * progress) + (1 if final else 0)
    count = min(len(LAYERS) - 1, first + bar // 2)
    chosen = LAYERS[:count]
    if final and bar >= 2:
        chosen = (*chosen, "climax")
    return chosen


@dataclass(slots=True)
class ScoreSpan:
    """The score as one work step plays it: a source for the mixer.

    Args:
        score: The rendered score.
        origin: Samples from the span's start back to the step's downbeat (the grid's zero).
        until: Samples from the span's start to where the score drops out; None: until stopped.
        progress: How far through the session's work steps this one is.
        final: The workout's last work step.
    """

    score: Score
    origin: int
    until: int | None
    progress: float
    final: bool
    length: int | None = field(init=False)
    arrangement: Callable[[int], tuple[str, ...]] = field(init=False)

    def __post_init__(self) -> None:
        self.length = None if self.until is None else max(0, self.until)
        self.arrangement = lambda bar: layers_for(bar, self.progress, self.final)

    def _bar_start(self, number: int) -> int:
        return round(number * self.score.bar) - self.origin

    def add_into(self, out: Curve, offset: int) -> None:
        """Add the bars that sound over ``out`` (``offset`` samples into the span); the last
        ``DROP_FADE`` seconds before the span's end fade out, so the drop-out never clicks."""
        end = offset + len(out)
        length = self.length
        if length is not None:
            end = min(end, length)
        if end <= offset:
            return
        fade = seconds_to_samples(DROP_FADE)
        if length is not None and end > length - fade:
            piece = np.zeros(end - offset)
            self._add_bars(piece, offset, end)
            ramp = np.clip((length - (offset + np.arange(len(piece)))) / fade, 0.0, 1.0)
            out[: len(piece)] += piece * ramp
            return
        self._add_bars(out, offset, end)

    def _add_bars(self, out: Curve, offset: int, end: int) -> None:
        bar = self.score.bar
        number = max(0, int((offset + self.origin) // bar) - 1)
        while True:
            start = self._bar_start(number)
            if start >= end:
                break
            for layer in self.arrangement(number):
                stem = self.score.stems[layer][number % PHRASE]
                if start + len(stem) <= offset:
                    continue
                lo, hi = max(offset, start, 0), min(end, start + len(stem))
                if hi > lo:
                    out[lo - offset : hi - offset] += stem[lo - start : hi - start]
            number += 1

    def breaks(self, start: int, first: int, last: int) -> list[tuple[int, int]]:
        """The silent breaths of this span between mixer samples ``first`` and ``last``,
        where a buffer may end unheard (``start`` is the mixer sample this span starts at)."""
        quiet = []
        bar = self.score.bar
        stop_at = round(STOP_FROM * self.score.sixteenth) + seconds_to_samples(0.2)
        number = max(0, int((first - start + self.origin) // bar) - 1)
        while True:
            bar_start = start + self._bar_start(number)
            if bar_start >= last:
                break
            silent = breath_start(bar)
            if number % PHRASE == PHRASE - 1:
                silent = min(silent, stop_at)
            begin = max(start, bar_start + silent)
            finish = start + self._bar_start(number + 1)
            if finish > max(first, begin):
                quiet.append((begin, finish))
            number += 1
        return quiet
