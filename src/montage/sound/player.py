"""Turns a session's events into sound, on a thread of its own.

The engine's listeners call the player; the player only queues the event and
returns, so a slow or stuck sound device never holds up the timer or the
screen. Its thread plays each cue as its event arrives and keeps the beat in
time: the beat's bars are laid from the exact moment the work step started,
so they never drift from the clock.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from montage.session.engine import Clock
from montage.session.events import (
    Event,
    MoveStarted,
    Paused,
    Resumed,
    SessionFinished,
    StepFinished,
    StepStarted,
)
from montage.session.timeline import Timeline
from montage.sound.backends import AudioError, Backend, Playing, SilentBackend
from montage.sound.bank import Sound, SoundBank
from montage.sound.cues import Cue, cues_for

STALE_AFTER = 0.5
"""Seconds after which a cue that could not be played in time is dropped rather than played late."""

BEAT_CHUNK = 8.0
"""Seconds of beat handed to the device at a time (whole bars)."""

WARM_AFTER = 1.0
"""Seconds after the sounds are read before the player scales them all to the volume, one at
a time, clear of the app's first frame; a sound wanted sooner is scaled as it is played."""

SAY_AFTER_CUE = 0.35
"""Seconds after the go or rest cue that the voice says "go" or "rest"."""

ANNOUNCE_BEFORE_TICKS = 3.4
"""The announcement of the next exercise ends this long before a rest ends, clear of the ticks."""


class Player:
    """Plays a session's cues and beat.

    Args:
        backend: Where sound goes.
        bank: Reads the session's sounds; called on the player's thread as it starts.
        timeline: The session's workout.
        clock: The engine's monotonic clock.
        volume: 0 to 1.
        muted: Start muted.
        beat: Play the beat during work (the setting; a workout with ``bpm: off`` has none).
        speech: Renders the voice's phrases (and says what could not be); run on a thread of
            its own as the session starts, so the first cues never wait for it.
        notify: Tells the user something, once per problem; called from the player's thread.
    """

    def __init__(
        self,
        backend: Backend,
        bank: Callable[[], SoundBank],
        timeline: Timeline,
        clock: Clock,
        volume: float = 0.8,
        muted: bool = False,
        notify: Callable[[str], None] = lambda text: None,
        beat: bool = True,
        speech: Callable[[], tuple[dict[str, Sound], list[str]]] | None = None,
    ) -> None:
        self._backend = backend
        self._load_bank = bank
        self._bank = SoundBank()
        self._timeline = timeline
        self._clock = clock
        self._volume = volume
        self._muted = muted
        self._beat_enabled = beat
        self._render_speech = speech
        self._cold: list[str] = []
        self._warm_at = math.inf
        self._notify = notify
        self._inbox: queue.SimpleQueue[Event | _Flush | _Switch | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="montage-sound", daemon=True)
        self._scaled: dict[tuple[str | Path, float], Sound] = {}
        self._playing: list[Playing] = []
        self._beat_playing: Playing | None = None
        self._beat_origin: float | None = None
        self._beat_next = math.inf
        self._beat_paused_at: float | None = None
        self._paused = False
        self._speech: list[tuple[float, str]] = []
        self._speech_paused: list[tuple[float, str]] = []
        self.played: list[tuple[str, float, float]] = []
        """Each cue played: its name, the moment it was due and the moment it was played."""

    # ------------------------------------------------------------- the outside

    def start(self) -> None:
        """Start the player's thread."""
        self._thread.start()

    def close(self, ring_out: float = 0.0) -> None:
        """Stop every sound and the thread.

        Args:
            ring_out: Seconds to let sounds already playing (the finish fanfare) go on first.
        """
        if ring_out > 0 and self.wait_idle():
            deadline = time.monotonic() + ring_out
            while time.monotonic() < deadline and any(p.is_playing() for p in self._playing):
                time.sleep(0.05)
        self._inbox.put(None)
        if self._thread.is_alive():
            self._thread.join(timeout=2)

    def __call__(self, event: Event) -> None:
        """Take an event from the engine; returns at once."""
        self._inbox.put(event)

    def wait_idle(self, timeout: float = 2.0) -> bool:
        """Wait until every event given so far has been handled.

        Returns:
            Whether it was, within ``timeout`` seconds.
        """
        if not self._thread.is_alive():
            return False
        done = threading.Event()
        self._inbox.put(_Flush(done))
        return done.wait(timeout)

    def set_volume(self, volume: float) -> None:
        """Change the volume, 0 to 1, from the next sound on."""
        self._volume = min(1.0, max(0.0, volume))

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute, at once: the beat stops or picks up in time."""
        self._inbox.put(_Switch(muted=muted))

    def set_beat(self, on: bool) -> None:
        """Turn the beat on or off, at once; when on during work it joins in time."""
        self._inbox.put(_Switch(beat=on))

    # -------------------------------------------------------------- the thread

    def _run(self) -> None:
        try:
            self._bank = self._load_bank()
        except Exception as error:  # noqa: BLE001 - a bad sound must not end the session's sound
            self._bank = SoundBank(problems=[f"the sounds could not be read ({error!r})"])
        if self._bank.problems:
            shown = "; ".join(self._bank.problems[:2])
            more = (
                f" and {len(self._bank.problems) - 2} more" if len(self._bank.problems) > 2 else ""
            )
            self._notify(f"Some sounds stay silent: {shown}{more}")
        if self._render_speech is not None:
            threading.Thread(target=self._speech_thread, name="montage-voice", daemon=True).start()
        self._cold = [*self._bank.cues, *(["beat"] if self._bank.beat is not None else [])]
        self._warm_at = self._clock() + WARM_AFTER
        while True:
            warm = self._warm_at if self._cold else math.inf
            wake = min([self._beat_next, warm, *(due for due, _ in self._speech)])
            wait = None if math.isinf(wake) else max(0.0, wake - self._clock())
            try:
                event: Event | _Flush | _Switch | None = self._inbox.get(timeout=wait)
            except queue.Empty:
                event = _NOTHING
            if event is None:
                self._stop_all()
                return
            if isinstance(event, _Flush):
                event.done.set()
            elif isinstance(event, _Switch):
                self._switch(event)
            elif event is not _NOTHING:
                self._handle(event)
            if self._beat_origin is not None and self._clock() >= self._beat_next - 0.0005:
                self._play_beat(self._beat_next)
            self._speak_due()
            if self._cold and self._clock() >= self._warm_at:
                self._warm(self._cold.pop())

    def _speech_thread(self) -> None:
        assert self._render_speech is not None
        sounds, problems = self._render_speech()
        self._bank.voice = sounds  # one assignment: the player's thread sees all or nothing
        if problems:
            self._notify(f"Voice: {problems[0]}")

    def _handle(self, event: Event) -> None:
        if isinstance(event, Paused | Resumed):
            self._paused = isinstance(event, Paused)
        for cue in cues_for(event, self._timeline):
            self._cue(cue, event.at)
        self._plan_speech(event)
        if isinstance(event, StepStarted):
            # skip or back while paused start a step that waits, paused, for resume
            self._beat_off()
            work = event.step.kind == "work"
            self._beat_paused_at = 0.0 if work and self._paused else None
            if work and not self._paused:
                self._beat_on(event.at)
        elif isinstance(event, MoveStarted):
            resting = event.move is None or event.move.kind == "rest"
            if self._paused:
                if resting:
                    self._beat_paused_at = None
                elif self._beat_paused_at is None:
                    self._beat_paused_at = 0.0
            elif resting:
                self._beat_off()
            elif self._beat_origin is None:
                self._beat_on(event.at)
        elif isinstance(event, Paused):
            if self._beat_origin is not None:
                self._beat_paused_at = event.at - self._beat_origin
            self._beat_off()
        elif isinstance(event, Resumed):
            if self._beat_paused_at is not None:
                self._beat_on(event.at - self._beat_paused_at, now=event.at)
            self._beat_paused_at = None
        elif isinstance(event, StepFinished | SessionFinished):
            self._beat_off()
            self._beat_paused_at = None

    def _switch(self, switch: _Switch) -> None:
        if switch.muted is not None:
            self._muted = switch.muted
        if switch.beat is not None:
            self._beat_enabled = switch.beat
        if self._beat_origin is not None:
            self._play_beat(self._clock())

    def _plan_speech(self, event: Event) -> None:
        """Queue what the voice says for ``event``: "go", "rest", and the next exercise."""
        if not self._bank.voice:
            return
        if isinstance(event, Paused):
            self._speech_paused = [(due - event.at, key) for due, key in self._speech]
            self._speech = []
            return
        if isinstance(event, Resumed):
            self._speech = [(event.at + left, key) for left, key in self._speech_paused]
            self._speech_paused = []
            return
        if not isinstance(event, StepStarted | StepFinished | SessionFinished):
            return
        self._speech, self._speech_paused = [], []
        if not isinstance(event, StepStarted):
            return
        step = event.step
        if step.kind == "work" and step.sound is None:
            self._speech.append((event.at + SAY_AFTER_CUE, "go"))
        elif step.kind in ("rest", "cooldown"):
            self._speech.append((event.at + SAY_AFTER_CUE, "rest"))
        announce = self._bank.voice.get(f"next:{step.index + 1}")
        if announce is not None and step.seconds is not None:
            end = event.at + step.seconds
            due = max(end - ANNOUNCE_BEFORE_TICKS - announce.seconds, event.at + 1.2)
            if due + announce.seconds <= end - 0.5:
                self._speech.append((due, f"next:{step.index + 1}"))
        if self._paused:  # the step's time starts when the session resumes
            self._speech_paused = [(due - event.at, key) for due, key in self._speech]
            self._speech = []

    def _speak_due(self) -> None:
        now = self._clock()
        due_now = [item for item in self._speech if item[0] <= now + 0.0005]
        if not due_now:
            return
        self._speech = [item for item in self._speech if item[0] > now + 0.0005]
        for due, key in due_now:
            self._cue(Cue(f"voice:{key}"), due)

    def _sound(self, cue: Cue) -> Sound | None:
        if cue.name.startswith("voice:"):
            return self._bank.voice.get(cue.name.removeprefix("voice:"))
        if cue.name == "step":
            return self._bank.steps.get(cue.path) if cue.path else None
        return self._bank.cues.get(cue.name)

    def _cue(self, cue: Cue, due: float) -> None:
        now = self._clock()
        if self._muted or (now - due > STALE_AFTER and cue.name != "finish"):
            return
        sound = self._sound(cue)
        if sound is None:
            return
        key = (cue.path or cue.name, round(self._volume, 2))
        if key not in self._scaled:
            self._scaled[key] = sound.scaled(self._volume)
        playing = self._play(self._scaled[key])
        if playing is not None:
            self._playing = [*self._playing[-15:], playing]
            self.played.append((cue.name, due, self._clock()))

    def _play(self, sound: Sound) -> Playing | None:
        """Hand ``sound`` to the device; None when nothing sounds (silence, or a failed device)."""
        if isinstance(self._backend, SilentBackend):
            return None
        try:
            return self._backend.play(sound)
        except AudioError as error:
            self._backend = SilentBackend()
            self._notify(
                f"No sound: the sound device cannot be opened ({error}). "
                "The session goes on silently."
            )
            return None

    # ---------------------------------------------------------------- the beat

    def _beat_on(self, origin: float, now: float | None = None) -> None:
        if self._bank.beat is None:
            return
        self._beat_origin = origin
        self._play_beat(origin if now is None else now)

    def _beat_off(self) -> None:
        if self._beat_playing is not None:
            self._beat_playing.stop()
            self._beat_playing = None
        self._beat_origin = None
        self._beat_next = math.inf

    def _play_beat(self, moment: float) -> None:
        """Hand the device the beat from ``moment`` to the end of its chunk."""
        bar, origin = self._bank.beat, self._beat_origin
        if bar is None or origin is None:
            return
        bars = max(1, math.ceil(BEAT_CHUNK / self._bank.beat_bar))
        length = self._bank.beat_bar * bars
        position = moment - origin
        index = math.floor(position / length + 1e-9)
        self._beat_next = origin + (index + 1) * length
        if self._beat_playing is not None:
            self._beat_playing.stop()
            self._beat_playing = None
        if self._muted or not self._beat_enabled:
            return
        sound = self._beat_chunk(bar, bars).from_offset(position - index * length)
        self._beat_playing = self._play(sound)
        if self._beat_playing is not None:
            self.played.append(("beat", moment, self._clock()))

    def _beat_chunk(self, bar: Sound, bars: int) -> Sound:
        key = ("beat", round(self._volume, 2))
        if key not in self._scaled:
            self._scaled[key] = bar.scaled(self._volume).repeated(bars)
        return self._scaled[key]

    def _warm(self, name: str) -> None:
        """Scale one sound to the volume before the session needs it."""
        if name == "beat" and self._bank.beat is not None:
            self._beat_chunk(self._bank.beat, max(1, math.ceil(BEAT_CHUNK / self._bank.beat_bar)))
        elif name in self._bank.cues:
            key = (name, round(self._volume, 2))
            if key not in self._scaled:
                self._scaled[key] = self._bank.cues[name].scaled(self._volume)

    def _stop_all(self) -> None:
        self._beat_off()
        for playing in self._playing:
            playing.stop()
        self._playing = []


_NOTHING = Paused(-1.0)
"""Stands for "the wait ran out" in the player's loop."""


@dataclass(frozen=True, slots=True)
class _Flush:
    """Asks the player's thread to say when it has handled everything before it."""

    done: threading.Event


@dataclass(frozen=True, slots=True)
class _Switch:
    """Asks the player's thread to mute or unmute, or turn the beat on or off."""

    muted: bool | None = None
    beat: bool | None = None
