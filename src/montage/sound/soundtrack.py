"""A whole session's soundtrack in one file: ``montage render WORKOUT -o FILE``.

The session is run on a clock of its own, as by someone who never pauses: each
rep step ends at ``reps_seconds`` (or at its time cap), everything else on
time. Its events go through the same agenda and mixer as a live session's, so
the file holds exactly what the session would play: the prepare step, every
cue and tick, the score, the voice and the finish, limited at -1 dBFS. The
fanfare ends where the session does, so the file is as long as the session to
the sample. It is written as it renders, a second at a time, to a 16-bit mono
WAV or FLAC file; the same workout gives the same bytes every time.
"""

from __future__ import annotations

import wave
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO

import numpy as np

from montage.paths import shipped_sounds_dir, user_sounds_dir
from montage.session.engine import Engine
from montage.session.events import Event, SessionFinished
from montage.session.timeline import Step, Timeline
from montage.settings import Settings
from montage.sound.agenda import Agenda
from montage.sound.bank import load_bank
from montage.sound.dsp import RATE
from montage.sound.lines import DROP_OUT
from montage.sound.mixer import Mixer
from montage.sound.samples import Sounds
from montage.sound.score import Score
from montage.sound.score_cache import kept_score
from montage.sound.synth import pcm_bytes
from montage.sound.voice import phrases, render_phrases, voice_program

FORMATS = (".wav", ".flac")
"""The kinds of file written, by their suffix."""

BLOCK = RATE
"""Samples rendered and written at a time."""

AHEAD = round((DROP_OUT + 1.0) * RATE)
"""Samples the engine's events run ahead of the mix: room for the fanfare to end on time."""

Progress = Callable[[float, float], None]
"""Told the seconds written so far and the seconds in all, after each block."""


class RenderError(ValueError):
    """The soundtrack cannot be rendered; the text says why."""


class _Writer(Protocol):
    def write(self, pcm: bytes) -> None: ...


@dataclass
class _Clock:
    now: float = 0.0

    def __call__(self) -> float:
        return self.now


def session_seconds(timeline: Timeline, reps_seconds: float | None) -> float:
    """How long a session of ``timeline`` lasts when each rep step takes ``reps_seconds``.

    Raises:
        RenderError: A rep step has no time cap and no ``reps_seconds`` was given.
    """
    return sum(_length(step, reps_seconds) for step in timeline.steps)


def _length(step: Step, reps_seconds: float | None) -> float:
    if step.mode != "reps":
        return step.seconds or 0
    if reps_seconds is None:
        if step.seconds is None:
            raise RenderError(
                f"{step.name!r} is a rep step with no time cap: say how long it takes "
                "with --reps-seconds"
            )
        return step.seconds
    return reps_seconds if step.seconds is None else min(reps_seconds, step.seconds)


def render_soundtrack(
    timeline: Timeline,
    path: Path,
    settings: Settings,
    reps_seconds: float | None = None,
    progress: Progress = lambda done, total: None,
    notify: Callable[[str], None] = lambda text: None,
) -> float:
    """Render a whole session of ``timeline`` into ``path``, with the user's sounds.

    Args:
        timeline: The workout.
        path: The file to write: ``.wav`` or ``.flac``.
        settings: Whether the score and the voice play, and which cue set.
        reps_seconds: How long each rep step takes; None: its time cap.
        progress: Told how far it has got.
        notify: Told of a sound that stays silent.

    Returns:
        The soundtrack's length in seconds.

    Raises:
        RenderError: The file's kind is not known, or a rep step has no length.
        OSError: The file cannot be written.
    """
    _check(timeline, path, reps_seconds)
    bank = load_bank(timeline, shipped_sounds_dir(), user_sounds_dir(), settings.low_cues)
    for problem in bank.problems:
        notify(f"stays silent: {problem}")
    sounds = Sounds.of(bank)
    program = voice_program() if settings.voice else None
    if program is not None:
        lines, problems = render_phrases(phrases(timeline), program)
        sounds.speak(lines)
        for problem in problems:
            notify(f"Voice: {problem}")
    score = kept_score(timeline.bpm) if timeline.bpm and settings.beat else None
    return render_session(timeline, path, sounds, score, reps_seconds, progress)


def render_session(
    timeline: Timeline,
    path: Path,
    sounds: Sounds,
    score: Score | None,
    reps_seconds: float | None = None,
    progress: Progress = lambda done, total: None,
) -> float:
    """Render a whole session of ``timeline`` into ``path`` with the sounds given.

    Args:
        timeline: The workout.
        path: The file to write: ``.wav`` or ``.flac``.
        sounds: The session's cues, steps' sounds and voice.
        score: The score at the workout's tempo; None for no score.
        reps_seconds: How long each rep step takes; None: its time cap.
        progress: Told how far it has got.

    Returns:
        The soundtrack's length in seconds.

    Raises:
        RenderError: The file's kind is not known, or a rep step has no length.
        OSError: The file cannot be written.
    """
    total = _check(timeline, path, reps_seconds)
    mixer = Mixer(1.0)
    agenda = Agenda(
        mixer, timeline, lambda moment: round(moment * RATE), sounds.find, lambda: score, True
    )
    agenda.beat_on = score is not None
    with _open(path, path.suffix.lower()) as out:
        for moment, event in _events(timeline, reps_seconds):
            _render_until(mixer, out, round(moment * RATE) - AHEAD, total, progress)
            agenda.handle(event, mixer.position)
            if isinstance(event, SessionFinished):
                _render_until(mixer, out, round(moment * RATE), total, progress)
                return mixer.position / RATE
    raise AssertionError("the session never finished")  # pragma: no cover - engine guarantee


def _check(timeline: Timeline, path: Path, reps_seconds: float | None) -> float:
    """The session's length, once the file's kind and every step's length are known good."""
    if path.suffix.lower() not in FORMATS:
        raise RenderError(f"{path}: write a .wav or a .flac file")
    return session_seconds(timeline, reps_seconds)


def _events(timeline: Timeline, reps_seconds: float | None) -> Iterator[tuple[float, Event]]:
    """Every event of the session, with its moment, run on a clock of its own."""
    clock = _Clock()
    engine = Engine(timeline, clock)
    yield from ((event.at, event) for event in engine.start())
    while engine.state != "finished":
        snapshot = engine.snapshot()
        deadline = engine.next_deadline()
        done = None
        if reps_seconds is not None:
            if snapshot.step.mode == "reps":
                done = clock.now + reps_seconds - snapshot.step_elapsed
            elif snapshot.move is not None and snapshot.move.seconds is None:
                done = clock.now + reps_seconds - snapshot.move_elapsed
        if done is not None and (deadline is None or done < deadline):
            clock.now = done
            events = engine.done()
        elif deadline is not None:
            clock.now = deadline
            events = engine.poll()
        else:  # an uncapped rep step with no length: refused before a sample was written
            raise RenderError(f"{snapshot.step.name!r} never ends: give --reps-seconds")
        yield from ((event.at, event) for event in events)


def _render_until(mixer: Mixer, out: _Writer, end: int, total: float, progress: Progress) -> None:
    while mixer.position < end:
        pcm = pcm_bytes(mixer.render(min(BLOCK, end - mixer.position)))
        for part in mixer.rendered:
            part.heard = True  # in the file: past taking back
        mixer.rendered.clear()
        mixer.prune(mixer.position)
        out.write(pcm)
        progress(mixer.position / RATE, total)


@contextmanager
def _open(path: Path, suffix: str) -> Iterator[_Writer]:
    if suffix == ".wav":
        with wave.open(str(path), "wb") as file:
            file.setnchannels(1)
            file.setsampwidth(2)
            file.setframerate(RATE)
            yield _WaveWriter(file)
        return
    import soundfile  # FLAC through libsndfile, only when asked for

    with soundfile.SoundFile(path, "w", RATE, 1, "PCM_16", format="FLAC") as flac:
        yield _FlacWriter(flac)


class _WaveWriter:
    def __init__(self, file: wave.Wave_write) -> None:
        self._file = file

    def write(self, pcm: bytes) -> None:
        self._file.writeframesraw(pcm)


class _FlacWriter:
    def __init__(self, file: object) -> None:
        self._file = file

    def write(self, pcm: bytes) -> None:
        self._file.write(np.frombuffer(pcm, dtype="<i2"))  # type: ignore[attr-defined]


class ProgressBar:
    """A progress bar on one line of a text stream, redrawn as the share done grows.

    Args:
        stream: Where it is drawn (the terminal's standard error).
        width: Its width in characters, without the text around it.
    """

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self._stream = stream
        self._width = width
        self._shown = -1

    def __call__(self, done: float, total: float) -> None:
        """Show ``done`` seconds of ``total`` rendered."""
        share = 1.0 if total <= 0 else min(1.0, done / total)
        percent = int(share * 100)
        if percent == self._shown:
            return
        self._shown = percent
        filled = round(share * self._width)
        bar = "#" * filled + "-" * (self._width - filled)
        self._stream.write(f"\rrendering [{bar}] {percent:3d}%")
        if percent == 100:
            self._stream.write("\n")
        self._stream.flush()
