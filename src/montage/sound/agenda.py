"""What the mixer plays when, worked out ahead from the engine's agenda.

When a step starts, everything it will sound is known: its cue, the halfway
blip, the three ticks, the score until 3 s before its end, the voice's lines,
and, when the step ends on time, all of the next step's too. All of it is
placed on the mixer at once, so it is rendered ahead of time and reaches the
device exactly when due; the engine's later events (a tick, halfway, the next
step) find their sound already placed and change nothing. A command (done,
skip, back, pause, a switch) re-plans from the first sample that can still
change: what is no longer wanted fades out over a few milliseconds, and the
new plan starts there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from montage.session.engine import COUNTDOWN, HALFWAY_FROM
from montage.session.events import (
    Event,
    MoveStarted,
    Paused,
    Resumed,
    SessionFinished,
    StepStarted,
)
from montage.session.timeline import Step, Timeline
from montage.sound.cues import Cue, cues_for
from montage.sound.dsp import RATE
from montage.sound.lines import DROP_OUT, TICK_CLEARANCE, voice_lines
from montage.sound.mixer import Mixer, OneShot, Part
from montage.sound.score import Score, ScoreSpan

MATCH = round(0.005 * RATE)
"""Samples within which an event's sound counts as the one already placed for it."""


@dataclass
class _Held:
    """A part taken off the mixer while paused, with where it stood against the pause."""

    part: Part
    offset: int


class Agenda:
    """Places a session's sounds on its mixer as the engine's events come.

    Args:
        mixer: The session's mixer.
        timeline: The session's workout.
        sample_of: The mixer's sample for a moment of the engine's clock.
        sound: Looks up a cue's samples (a cue name, ``voice:<key>`` or ``step``); None
            when there is none.
        score: The rendered score, once ready; None while it renders or when off.
        on_time: End the finish fanfare where the last step ends, instead of starting it
            there (a rendered soundtrack ends on the dot).
    """

    def __init__(
        self,
        mixer: Mixer,
        timeline: Timeline,
        sample_of: Callable[[float], int],
        sound: Callable[[Cue], OneShot | None],
        score: Callable[[], Score | None],
        on_time: bool = False,
    ) -> None:
        self.mixer = mixer
        self.timeline = timeline
        self._sample_of = sample_of
        self._sound = sound
        self._score = score
        self._on_time = on_time
        self.beat_on = True
        self.step: Step | None = None
        self._step_start = 0
        self._owned: list[Part] = []
        self._held: list[_Held] = []
        self._paused_at: int | None = None
        self._begun_paused = False
        self._changed: int | None = None
        self._earliest = 0
        work = [s.index for s in timeline.steps if s.kind == "work"]
        self._work_order = {index: number for number, index in enumerate(work)}

    # ----------------------------------------------------------------- events

    def handle(self, event: Event, earliest: int) -> int | None:
        """Place what ``event`` calls for.

        Args:
            event: From the engine.
            earliest: The first sample that can still change.

        Returns:
            The first sample whose sound changed, or None when nothing did.
        """
        self._changed = None
        self._earliest = earliest
        at = max(self._sample_of(event.at), earliest)
        if isinstance(event, StepStarted):
            self._start_step(event, at)
        elif isinstance(event, MoveStarted):
            self._move(event, at)
        elif isinstance(event, Paused):
            self._pause(event, at)
        elif isinstance(event, Resumed):
            self._resume(event, at)
        elif isinstance(event, SessionFinished):
            self._finish(event, at)
        else:
            self._cues(event, at)
        return self._changed

    def set_beat(self, on: bool, earliest: int) -> int | None:
        """Turn the score off (fading) or back on in time, from ``earliest``; returns the
        first sample whose sound changed."""
        self._changed = None
        self.beat_on = on
        step = self.step
        if not on:
            self._stop_score(earliest)
            return self._changed
        playing = any(p.name == "beat" and p.sounds_at(earliest) for p in self._owned)
        if step is not None and step.kind == "work" and self._paused_at is None and not playing:
            self._begin_score(step, earliest, fade=True)
        return self._changed

    def score_ready(self, earliest: int) -> int | None:
        """The score has just been rendered: bring it in now, and at the next work step."""
        if not self.beat_on:
            return None
        self.set_beat(True, earliest)
        changed = self._changed
        step = self.step
        if step is None or step.seconds is None or step.index + 1 >= len(self.timeline):
            return changed
        following = self.timeline.steps[step.index + 1]
        end = self._step_start + step.seconds * RATE
        if following.kind == "work" and self._paused_at is None and end >= earliest:
            part = self._score_part(following, end, end, fade=False)
            if part is not None:
                self._add(part)
        return self._changed

    def shift(self, samples: int, earliest: int) -> None:
        """Move everything still to come by ``samples`` (the mixer's samples were re-timed to
        follow the device's clock), none before ``earliest``."""
        for part in self.mixer.parts + [held.part for held in self._held]:
            if not part.heard:
                part.start = max(earliest, part.start + samples)
                part.due += samples
                part.fade_at = None if part.fade_at is None else part.fade_at + samples
                part.stop = None if part.stop is None else part.stop + samples
        self._step_start += samples
        self._paused_at = None if self._paused_at is None else self._paused_at + samples

    # ------------------------------------------------------------------ changes

    def _add(self, part: Part) -> Part:
        self._owned.append(self.mixer.add(part))
        self._mark(part.onset)
        return part

    def _stop(self, part: Part, at: int) -> None:
        """Stop ``part`` from ``at``, noting a change only when it would still sound then."""
        end = part.end
        if (end is not None and end <= at) or (part.stop is not None and part.stop <= at):
            return
        self.mixer.stop(part, at)
        self._mark(max(at, part.start))

    def _mark(self, sample: int) -> None:
        self._changed = sample if self._changed is None else min(self._changed, sample)

    # ------------------------------------------------------------------ steps

    def _start_step(self, event: StepStarted, at: int) -> None:
        step = event.step
        start = self._sample_of(event.at)
        planned = self._plan(step, start)
        kept: list[Part] = []
        for part in self._owned:
            twin = next((p for p in planned if _same(p, part)), None)
            if twin is not None and (part.heard or part in self.mixer.parts):
                planned.remove(twin)
                kept.append(part)
            elif part.owner == "step" or not part.heard:
                self._stop(part, at)
        self.step, self._step_start = step, start
        self._owned = kept
        paused = self._paused_at is not None
        self._begun_paused = paused
        self._held = []
        for part in planned:
            if paused and (part.start > start or part.owner == "step"):
                self._held.append(_Held(part, part.start - start))
                continue
            if part.start < at:
                if part.start > start:
                    continue  # already past: the command came late
                part = _moved(part, at)
            self._add(part)

    def _plan(self, step: Step, start: int) -> list[Part]:
        """Everything a step sounds, and when it ends on time everything the next one does."""
        parts = self._own(step, start)
        if step.seconds is None:
            return parts
        end = start + step.seconds * RATE
        following = self.timeline.steps[step.index + 1 :]
        if following:
            return parts + self._own(following[0], end)
        finish = [self._part(c, end, "cue") for c in cues_for(_COMPLETED, self.timeline)]
        for part in (p for p in finish if p is not None):
            if self._on_time:  # due at the end, as the engine says; it ends there
                part.start = end - (part.source.length or 0)
                clear = round(TICK_CLEARANCE * RATE)
                parts = [
                    p
                    for p in parts
                    if p.name != "tick" or p.end is None or p.end + clear <= part.start
                ]
            parts.append(part)
        return parts

    def _own(self, step: Step, start: int) -> list[Part]:
        """What a step itself sounds, from its start: cue, halfway, ticks, score and voice."""
        opening = cues_for(StepStarted(0, step), self.timeline)
        parts = [self._part(cue, start, "cue") for cue in opening]
        seconds = step.seconds
        if seconds is not None:
            if seconds >= HALFWAY_FROM and step.mode != "emom":
                parts.append(self._part(Cue("halfway"), start + round(seconds / 2 * RATE), "cue"))
            for left in COUNTDOWN:
                if seconds - left > 0:
                    parts.append(self._part(Cue("tick"), start + (seconds - left) * RATE, "cue"))
        if step.kind == "work" and self.beat_on:
            parts.append(self._score_part(step, start, start, fade=False))
        found = [part for part in parts if part is not None]
        ticks = [(p.start, p.start + (p.source.length or 0)) for p in found if p.name == "tick"]
        return found + voice_lines(self.timeline, step, start, ticks, self._line)

    # ------------------------------------------------------------------ the score

    def _score_part(self, step: Step, start: int, at: int, fade: bool) -> Part | None:
        score = self._score()
        if score is None or step.kind != "work":
            return None
        until = None
        if step.seconds is not None:
            until = start + round((step.seconds - DROP_OUT) * RATE) - at
            if until <= 0:
                return None
        number = self._work_order.get(step.index, 0)
        progress = number / max(1, len(self._work_order) - 1)
        final = number == len(self._work_order) - 1 and len(self._work_order) > 1
        span = ScoreSpan(score, at - start, until, progress, final)
        return Part("beat", span, at, "beat", due=at, fade_at=at if fade else None)

    def _begin_score(self, step: Step, at: int, fade: bool) -> None:
        part = self._score_part(step, self._step_start, at, fade)
        if part is not None:
            self._add(part)

    def _stop_score(self, at: int) -> None:
        """Stop the current step's score (the next step's, placed ahead, is its own)."""
        step = self.step
        ends = None if step is None or step.seconds is None else step.seconds * RATE
        for part in list(self._owned):
            if part.name == "beat" and (ends is None or part.start < self._step_start + ends):
                self._stop(part, at)
                self._owned.remove(part)

    # ------------------------------------------------------------------ the rest

    def _cues(self, event: Event, at: int) -> None:
        exact = self._sample_of(event.at)
        for cue in cues_for(event, self.timeline):
            if any(_placed(p, cue.name, exact) for p in self._owned):
                continue  # placed ahead, when its step started
            part = self._part(cue, at, "cue")
            if part is not None:
                part.due = exact
                if self._on_time and cue.name == "finish":  # it ends with the session
                    part.start = max(self._earliest, at - (part.source.length or 0))
                self._add(part)

    def _finish(self, event: SessionFinished, at: int) -> None:
        """Sound the fanfare (placed ahead when the last step ends on time) and stop the rest:
        everything still to come, and when stopped everything now sounding."""
        self._cues(event, at)
        exact = self._sample_of(event.at)
        for part in self.mixer.sounding(at):
            if part.name == "finish" and _placed(part, "finish", exact):
                continue
            if event.status != "completed" or part.owner == "step" or not part.heard:
                self._stop(part, at)
        self._owned, self._held, self.step = [], [], None

    def _move(self, event: MoveStarted, at: int) -> None:
        self._cues(event, at)
        if self._paused_at is not None or self.step is None:
            return
        if event.move is None or event.move.kind == "rest":
            self._stop_score(at)
        elif self.beat_on and not any(p.name == "beat" and p.sounds_at(at) for p in self._owned):
            self._begin_score(self.step, at, fade=at != self._sample_of(event.at))

    def _pause(self, event: Paused, at: int) -> None:
        self._paused_at = at
        for part in list(self._owned):
            if part.start >= at and not part.heard:
                self._stop(part, at)
                self._held.append(_Held(part, part.start - at))
            elif part.sounds_at(at):
                if isinstance(part.source, ScoreSpan):
                    self._held.append(_Held(_moved(part, at), 0))
                if part.owner == "step":
                    self._stop(part, at)
        self._owned = [p for p in self._owned if p in self.mixer.parts and p.owner != "step"]
        self._cues(event, at)

    def _resume(self, event: Resumed, at: int) -> None:
        if self._paused_at is not None:
            self._step_start += 0 if self._begun_paused else at - self._paused_at
        if self._begun_paused:
            self._step_start, self._begun_paused = at, False
        self._paused_at = None
        for held in self._held:
            if held.part.name == "beat" and not self.beat_on:
                continue
            moment = at + held.offset
            fade = None if held.part.fade_at is None else moment
            again = replace(held.part, start=moment, due=moment, heard=False, stop=None)
            again.fade_at = fade
            self._add(again)
        self._held = []
        self._cues(event, at)

    def _line(self, key: str, start: int) -> Part | None:
        return self._part(Cue(f"voice:{key}"), start, "step")

    def _part(self, cue: Cue, start: int, owner: str) -> Part | None:
        sound = self._sound(cue)
        if sound is None:
            return None
        return Part(cue.name, sound, start, "fore", due=start, owner=owner)


def _same(new: Part, old: Part) -> bool:
    return new.name == old.name and abs(new.start - old.start) <= MATCH


def _placed(part: Part, name: str, exact: int) -> bool:
    """Whether ``part`` is the sound ``name`` due at ``exact``, already placed."""
    return part.name == name and abs(part.due - exact) <= MATCH


_COMPLETED = SessionFinished(0.0, "completed", ())


def _moved(part: Part, at: int) -> Part:
    """``part`` starting at ``at`` instead (a score part keeps its grid and fades in)."""
    if isinstance(part.source, ScoreSpan) and at != part.start:
        span = part.source
        moved = at - part.start
        until = None if span.until is None else span.until - moved
        if until is not None and until <= 0:
            until = 0
        again = ScoreSpan(span.score, span.origin + moved, until, span.progress, span.final)
        return replace(part, source=again, start=at, fade_at=at, heard=False, stop=None)
    return replace(part, start=at, heard=False, stop=None)
