"""Writes a session to the progress log as the engine reports it.

A ``Recorder`` is an engine listener: the session's start writes its row, each
finished step is committed as it ends, and the session's end closes the row.
It writes on the caller's thread (``run --plain``, where the line is printed
after the commit). ``RecorderThread`` does the same writes on a thread of its
own, so they never run on the app's event loop.

The log must never stop a workout: when a write fails (a full disk, a lock held
too long), the user is told once and the session goes on; the session's row, when
it can still be closed, says why it is not fully kept.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from montage.log.errors import LogError
from montage.log.opening import open_log
from montage.log.store import Store
from montage.log.writes import local_now
from montage.session.events import Event, SessionFinished, SessionStarted, StepFinished
from montage.session.timeline import Step, Timeline

Notify = Callable[[str], None]
"""Tells the user something; may be called from the writer thread."""


class Recorder:
    """Writes one session to the log, on the thread that calls it.

    Args:
        store: The log.
        timeline: The session's workout.
        source: Where the workout came from (its file), kept with the session.
        notify: Told once when the log stops working.
        now: The wall clock (timezone-aware); read as the session starts, and the
            engine's clock carries it on from there.
        owns_store: Close the store with the recorder.
    """

    def __init__(
        self,
        store: Store,
        timeline: Timeline,
        source: str | None = None,
        notify: Notify = lambda text: None,
        now: Callable[[], datetime] = local_now,
        owns_store: bool = False,
    ) -> None:
        self._store = store
        self._owns_store = owns_store
        self._timeline = timeline
        self._source = source
        self._notify = notify
        self._now = now
        self._anchor: tuple[float, datetime] | None = None
        self._failed = False
        self.not_kept: str | None = None
        """Why a write of this session failed (the first reason); None while all are kept."""
        self.session_id: int | None = None
        """The session's row in the log, once written."""
        self._ended = False

    def close(self) -> None:
        """Close the store, when the recorder opened it; every write is already committed."""
        if self._owns_store:
            self._store.close()

    def __call__(self, event: Event) -> None:
        """Take an event from the engine and write what it means at once."""
        self.anchor(event)
        self.write(event)

    def anchor(self, event: Event) -> None:
        """Tie the engine's clock to the wall clock at the session's start (cheap, no I/O)."""
        if self._anchor is None or isinstance(event, SessionStarted):
            self._anchor = (event.at, self._now())

    def write(self, event: Event) -> None:
        """Write what an event means for the log; a failure is told, not raised."""
        if isinstance(event, SessionStarted):
            self._attempt(self._start)
        elif isinstance(event, StepFinished):
            result = event.result
            ended = self._wall(event.at)
            self._attempt(lambda: self._store.record_step(self._session(), result, ended))
        elif isinstance(event, SessionFinished):
            self._attempt(lambda: self._finish(event))
            self._ended = True
            self._attempt(self._judge)

    def enter(
        self,
        position: int,
        reps: int | None = None,
        rounds: int | None = None,
        load: str | None = None,
    ) -> bool:
        """Keep what the user typed in for a finished step.

        Args:
            position: The step's place in the timeline.
            reps: Reps done.
            rounds: Rounds done, for an AMRAP.
            load: The load used, as text.

        Returns:
            Whether it was written.
        """
        written = False

        def keep() -> None:
            nonlocal written
            written = self._store.enter_result(self._session(), position, reps, rounds, load)

        self._attempt(keep)
        if written and self._ended:
            self._attempt(self._judge)  # a count typed after the end may change a verdict
        return written

    def enter_count(self, step: Step, count: int, load: str | None = None) -> bool:
        """Keep a number the user typed for a step: rounds for an AMRAP, else reps.

        Args:
            step: The finished step.
            count: The number typed.
            load: The load typed with it, if any.

        Returns:
            Whether it was written.
        """
        return self.enter(step.index, *_reps_or_rounds(step, count), load=load)

    # -------------------------------------------------------------- internals

    def _start(self) -> None:
        started = self._anchor[1] if self._anchor else self._now()
        self.session_id = self._store.start_session(self._timeline, self._source, started)

    def _session(self) -> int:
        """The session's id, writing its row first if that failed before."""
        if self.session_id is None:
            self._start()
        assert self.session_id is not None
        return self.session_id

    def _finish(self, event: SessionFinished) -> None:
        totals = event.totals
        self._store.finish_session(
            self._session(),
            event.kept_as,
            self._wall(event.at),
            totals.active_seconds,
            totals.steps_done,
            self.not_kept,
        )

    def _judge(self) -> None:
        """Move the targets of the session's steps with rules on, or back."""
        if self._timeline.rules:
            self._store.judge_session(self._session(), self._timeline)

    def _wall(self, at: float) -> datetime:
        if self._anchor is None:
            return self._now()
        moment, wall = self._anchor
        return wall + timedelta(seconds=at - moment)

    def _attempt(self, write: Callable[[], None]) -> None:
        try:
            write()
        except LogError as error:
            if self.not_kept is None:
                self.not_kept = error.reason
            self.report(str(error))

    def report(self, problem: str) -> None:
        """Tell the user, the first time only, that the log stopped working.

        Args:
            problem: What went wrong, in one line.
        """
        if not self._failed:
            self._failed = True
            self._notify(f"{problem}; the session goes on, but is not fully logged")


def open_recorder(
    timeline: Timeline, source: str | None, notify: Notify, path: Path | None = None
) -> Recorder | None:
    """A recorder on a connection of its own, for a session run line by line.

    The log is opened as every command opens it (``open_log``: sessions of dead
    processes are marked interrupted first).

    Args:
        timeline: The session's workout.
        source: Where the workout came from (its file).
        notify: Told why, when the log cannot be used, and later of a failed write.
        path: The database file; the user's log by default.

    Returns:
        The recorder (close it after the session), or None when the log cannot be used.
    """
    try:
        store = open_log(path)
    except LogError as error:
        notify(f"{error}; this session is not logged")
        return None
    return Recorder(store, timeline, source, notify, owns_store=True)


def _reps_or_rounds(step: Step, count: int) -> tuple[int | None, int | None]:
    """A count typed for a step as (reps, rounds): an AMRAP counts rounds."""
    return (None, count) if step.mode == "amrap" else (count, None)


@dataclass(frozen=True, slots=True)
class _Entry:
    position: int
    reps: int | None
    rounds: int | None
    load: str | None


class RecorderThread:
    """A recorder whose writes run on a thread of its own, in the order they came.

    Args:
        recorder: Does the writing, on this object's thread.
    """

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        """The recorder doing the writes."""
        self._inbox: queue.SimpleQueue[Event | _Entry | threading.Event | None] = (
            queue.SimpleQueue()
        )
        self._thread = threading.Thread(target=self._run, name="montage-log", daemon=True)
        self._closed = False

    def start(self) -> None:
        """Start the writer thread."""
        self._thread.start()

    def __call__(self, event: Event) -> None:
        """Queue an event's writes and return at once."""
        self.recorder.anchor(event)
        self._inbox.put(event)

    def enter(
        self,
        position: int,
        reps: int | None = None,
        rounds: int | None = None,
        load: str | None = None,
    ) -> None:
        """Queue what the user typed in for a finished step (see ``Recorder.enter``)."""
        self._inbox.put(_Entry(position, reps, rounds, load))

    def enter_count(self, step: Step, count: int, load: str | None = None) -> None:
        """Queue a number the user typed for a step: rounds for an AMRAP, else reps."""
        self.enter(step.index, *_reps_or_rounds(step, count), load=load)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write queued so far is done.

        Args:
            timeout: Seconds to wait at most; None waits for ever.

        Returns:
            Whether they were all done in time.
        """
        if not self._thread.is_alive():
            return self._inbox.empty()
        done = threading.Event()
        self._inbox.put(done)
        return done.wait(timeout)

    def close(self, timeout: float | None = 5.0) -> bool:
        """Finish the queued writes and stop the thread.

        Args:
            timeout: Seconds to wait at most; None waits for ever.

        Returns:
            Whether every write was done in time.
        """
        if not self._closed:
            self._closed = True
            self._inbox.put(None)
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive() and self._inbox.empty()

    def _run(self) -> None:
        while (item := self._inbox.get()) is not None:
            try:
                if isinstance(item, threading.Event):
                    item.set()
                elif isinstance(item, _Entry):
                    self.recorder.enter(item.position, item.reps, item.rounds, item.load)
                else:
                    self.recorder.write(item)
            except Exception as error:  # noqa: BLE001 - a bug must not end the log's thread
                self.recorder.report(f"the progress log failed: {error!r}")
