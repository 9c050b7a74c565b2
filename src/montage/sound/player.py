"""Turns a session's events into sound, on a thread of its own, through one mixer.

The engine's listeners call the player; the player only queues the event and
returns, so a slow or stuck sound device never holds up the timer or the
screen. Its thread places each event's sounds on the session's mixer (most of
them ahead of time, from the step's agenda) and keeps the device fed. The
sounds, the voice and the score are made on the player's threads as the
session starts (numpy loads there too), never on the way to the first frame.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from montage.session.engine import Clock
from montage.session.events import Event
from montage.session.timeline import Timeline
from montage.settings import clamp_volume
from montage.sound.backends import AudioError, Backend
from montage.sound.bank import Sound, SoundBank
from montage.sound.cues import Cue
from montage.sound.renders import Renders, Speech

if TYPE_CHECKING:
    from montage.sound.agenda import Agenda
    from montage.sound.feeds import SegmentFeed, Sent, StreamFeed
    from montage.sound.mixer import Mixer, OneShot
    from montage.sound.samples import Sounds
    from montage.sound.score import Score

IDLE_WAIT = 0.25
"""Seconds the thread waits for an event when the device needs nothing."""

RESYNC = round(0.010 * 44_100)
"""Samples the device's clock may run from the session's before the sound follows it (more
than the stream's own wobble, a block written or not)."""


class Player:
    """Plays a session's cues, score and voice through one mixer.

    Args:
        backend: Where sound goes.
        bank: Reads the session's sounds; called on the player's thread as it starts.
        timeline: The session's workout.
        clock: The engine's monotonic clock.
        volume: 0 to 1.5.
        muted: Start muted.
        notify: Tells the user something, once per problem; called from the player's thread.
        beat: Play the score during work (the setting; a workout with ``bpm: off`` has none).
        speech: Renders the voice's phrases; run on a thread of its own as the session starts.
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
        speech: Speech | None = None,
    ) -> None:
        self._backend = backend
        self._load_bank = bank
        self._timeline = timeline
        self._clock = clock
        self._volume = clamp_volume(volume)
        self._muted = muted
        self._beat = beat
        self._render_speech = speech
        self._notify = notify
        self._inbox: queue.SimpleQueue[Event | _Flush | _Switch | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="montage-sound", daemon=True)
        self._sounds: Sounds | None = None
        self._score_used = False
        self._origin = 0.0
        self._feed: StreamFeed | SegmentFeed | None = None
        self._sent: list[Sent] = []
        self._drift: int | None = None
        self._checked = 0
        self.resyncs = 0
        """How often the session's sound was moved to follow the device's clock."""
        self._renders = Renders(self._speak, lambda: self._inbox.put(_Switch()), notify)
        self.mixer: Mixer | None = None
        """The session's mixer, once the thread has started."""
        self.played: list[tuple[str, float, float]] = []
        """Each sound heard: its name, the moment it was due and the moment it started."""

    # ------------------------------------------------------------- the outside

    def start(self) -> None:
        """Start the player's thread."""
        self._origin = self._clock()
        self._thread.start()

    def close(self, ring_out: float = 0.0) -> None:
        """Stop every sound and the thread.

        Args:
            ring_out: Seconds to let sounds already playing (the finish fanfare) go on first.
        """
        if ring_out > 0 and self.wait_idle():
            deadline = time.monotonic() + ring_out
            while time.monotonic() < deadline and self._still_playing():
                time.sleep(0.05)
        self._inbox.put(None)
        if self._thread.is_alive():
            self._thread.join(timeout=2)

    def __call__(self, event: Event) -> None:
        """Take an event from the engine; returns at once."""
        self._inbox.put(event)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until every event given so far has been handled and heard up to now.

        Returns:
            Whether it was, within ``timeout`` seconds.
        """
        if not self._thread.is_alive():
            return False
        done = threading.Event()
        self._inbox.put(_Flush(done))
        return done.wait(timeout)

    def wait_ready(self, timeout: float = 20.0) -> bool:
        """Wait until the score and the voice are rendered (or known to be absent).

        Returns:
            Whether they were, within ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        ready = self._renders.wait(timeout)
        return ready and self.wait_idle(max(0.1, deadline - time.monotonic()))

    def set_volume(self, volume: float) -> None:
        """Change the volume, 0 to 1.5, at once (over a few milliseconds)."""
        self._inbox.put(_Switch(volume=clamp_volume(volume)))

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute, at once: every sound fades out, or back in, in time."""
        self._inbox.put(_Switch(muted=muted))

    def set_beat(self, on: bool) -> None:
        """Turn the score on or off, at once; when on during work it joins in time."""
        self._inbox.put(_Switch(beat=on))

    def sent(self) -> list[tuple[float, float, list[tuple[str, float]]]]:
        """Each buffer handed to the device (one for a stream): the moment its first sample
        sounds, the moment it was handed over, and the sounds first heard in it (each with
        the moment it starts)."""
        return [
            (
                self.time_of(sent.start),
                self.time_of(sent.at),
                [(part.name, self.time_of(part.onset)) for part in sent.parts],
            )
            for sent in list(self._sent)
        ]

    def sample_of(self, moment: float) -> int:
        """The mixer's sample for a moment of the clock."""
        return round((moment - self._origin) * 44_100)

    def time_of(self, sample: int) -> float:
        """The moment of the clock a mixer sample sounds at."""
        return self._origin + sample / 44_100

    # -------------------------------------------------------------- the thread

    def _run(self) -> None:
        if not self._can_play():
            self._renders.start(None, None)
            self._wait_for_the_end()
            return
        from montage.memory import map_large_blocks
        from montage.sound.agenda import Agenda
        from montage.sound.mixer import Mixer

        map_large_blocks()  # the renders' big arrays go back to the system when done
        self.mixer = Mixer(self._volume)
        self.mixer.muted.value = self.mixer.muted.target = 0.0 if self._muted else 1.0
        self._read_bank()
        agenda = Agenda(self.mixer, self._timeline, self.sample_of, self._sound, self._ready_score)
        agenda.beat_on = self._beat
        self._open()
        self._make_voice_and_score()
        while True:
            now = self.sample_of(self._clock())
            wait: float | None = None  # once the device has failed, only events wake it
            if self._feed is not None:
                wait = max(0.0, min(IDLE_WAIT, (self._feed.due(now) - now) / 44_100))
            try:
                items = [self._inbox.get(timeout=wait)]
            except queue.Empty:
                items = [_Switch()]
            while True:  # every event of a command together, then the sound once
                try:
                    items.append(self._inbox.get_nowait())
                except queue.Empty:
                    break
            if self._handle(items, agenda):
                self._shut()
                return

    def _can_play(self) -> bool:
        """Whether the device can take sound, known before anything is made for it: with no
        card (or ``--mute``) numpy, the sounds, the voice and the score are never loaded."""
        backend: Any = self._backend
        if not (hasattr(backend, "open") or hasattr(backend, "play")):
            return False  # silence, asked for or fallen back to
        try:
            getattr(backend, "check", lambda: None)()  # no card: say so as it starts
        except AudioError as error:
            self._fail(error)
            return False
        return True

    def _wait_for_the_end(self) -> None:
        """With nothing to play, only answer the waits until the player is closed."""
        while (item := self._inbox.get()) is not None:
            if isinstance(item, _Flush):
                item.done.set()

    def _handle(self, items: list[Event | _Flush | _Switch | None], agenda: Agenda) -> bool:
        """Place what the items call for and feed the device; returns whether to stop."""
        now = self.sample_of(self._clock())
        earliest = self._feed.earliest(now) if self._feed is not None else now
        changed = None
        flushes = []
        for item in items:
            if item is None:
                return True
            if isinstance(item, _Switch):  # a key: it changes the sound from now on
                changed = _first(changed, self._switch(item, agenda, max(now, earliest)))
            elif isinstance(item, _Flush):
                flushes.append(item)
            else:
                changed = _first(changed, agenda.handle(item, earliest))
        if self._renders.score is not None and not self._score_used:
            self._score_used = True
            changed = _first(changed, agenda.score_ready(earliest))
        self._pump(now, changed)
        if now - self._checked >= 44_100:  # once a second, just after a write
            self._checked = now
            self._resync(now, agenda)
        for flush in flushes:
            flush.done.set()
        return False

    def _resync(self, now: int, agenda: Agenda) -> None:
        """Follow the device's clock: a sound card's crystal and the session's clock part by
        up to a few hundredths of a percent, tens of milliseconds an hour, which a stream
        would first fill and then underrun, and which would move every cue off its moment."""
        from montage.sound.feeds import StreamFeed

        feed = self._feed
        drift = feed.drift(now) if isinstance(feed, StreamFeed) else None
        if feed is None or drift is None:
            return
        if self._drift is None:
            self._drift = drift
        elif abs(drift - self._drift) > RESYNC:
            shift = drift - self._drift
            self._origin -= shift / 44_100
            self.resyncs += 1
            agenda.shift(shift, feed.earliest(now))  # what is still to come moves with it

    def _read_bank(self) -> None:
        from montage.sound.samples import Sounds

        try:
            bank = self._load_bank()
        except Exception as error:  # noqa: BLE001 - a bad sound must not end the session's sound
            bank = SoundBank(problems=[f"the sounds could not be read ({error!r})"])
        if bank.problems:
            shown = "; ".join(bank.problems[:2])
            more = f" and {len(bank.problems) - 2} more" if len(bank.problems) > 2 else ""
            self._notify(f"Some sounds stay silent: {shown}{more}")
        self._sounds = Sounds.of(bank)

    def _make_voice_and_score(self) -> None:
        """Render the voice and the score beside the session, when a device will play them:
        with none, they would cost a second of a core and tens of megabytes for nothing."""
        heard = self._feed is not None
        speech = self._render_speech if heard else None
        bpm = self._timeline.bpm if heard and self._beat else None
        self._renders.start(speech, bpm)

    def _speak(self, lines: dict[str, Sound]) -> None:
        if self._sounds is not None:
            self._sounds.speak(lines)

    def _ready_score(self) -> Score | None:
        return self._renders.score if self._score_used else None

    def _sound(self, cue: Cue) -> OneShot | None:
        return None if self._sounds is None else self._sounds.find(cue)

    def _open(self) -> None:
        from montage.sound.feeds import SegmentFeed, StreamFeed

        assert self.mixer is not None
        backend: Any = self._backend
        try:
            if hasattr(backend, "open"):
                stream = backend.open(44_100)
                self._origin = self._clock()  # the stream's first sample sounds now
                self._feed = StreamFeed(stream, self.mixer)
            elif hasattr(backend, "play"):
                self._feed = SegmentFeed(backend, self.mixer, lambda: self.sample_of(self._clock()))
        except AudioError as error:
            self._fail(error)
        if self._feed is not None:
            self._sent = self._feed.sent

    def _pump(self, now: int, changed: int | None) -> None:
        if self._feed is None or self.mixer is None:
            return
        try:
            if changed is not None:
                self._feed.changed(changed, now)
            self._feed.feed(now)
        except AudioError as error:
            self._fail(error)
            return
        for part in self._feed.heard:
            if self.mixer.muted.target > 0:
                self.played.append((part.name, self.time_of(part.due), self.time_of(part.onset)))
        self._feed.heard.clear()

    def _fail(self, error: AudioError) -> None:
        self._feed = None
        self._notify(
            f"No sound: the sound device cannot be opened ({error}). The session goes on silently."
        )

    def _switch(self, switch: _Switch, agenda: Agenda, earliest: int) -> int | None:
        assert self.mixer is not None
        changed = None
        if switch.volume is not None:
            self.mixer.volume.set(switch.volume, earliest)
            changed = earliest
        if switch.muted is not None:
            self.mixer.muted.set(0.0 if switch.muted else 1.0, earliest)
            changed = earliest
        if switch.beat is not None:
            changed = _first(changed, agenda.set_beat(switch.beat, earliest))
        return changed

    def _still_playing(self) -> bool:
        feed = self._feed
        return feed is not None and feed.playing()

    def _shut(self) -> None:
        from montage.sound.feeds import LEAD, StreamFeed
        from montage.sound.mixer import FADE

        feed, mixer = self._feed, self.mixer
        if feed is None or mixer is None:
            return
        if isinstance(feed, StreamFeed):  # every sound still on fades out, then the stream ends
            for part in list(mixer.parts):
                mixer.stop(part, mixer.position)
            with contextlib.suppress(AudioError):
                feed.feed(mixer.position - LEAD + 2 * FADE)
        feed.close()
        self._feed = None


def _first(one: int | None, other: int | None) -> int | None:
    found = [value for value in (one, other) if value is not None]
    return min(found) if found else None


@dataclass(frozen=True, slots=True)
class _Flush:
    """Asks the player's thread to say when it has handled everything before it."""

    done: threading.Event


@dataclass(frozen=True, slots=True)
class _Switch:
    """Asks the player's thread to change the volume, mute or the beat (or just to look)."""

    volume: float | None = None
    muted: bool | None = None
    beat: bool | None = None
