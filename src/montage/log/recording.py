"""The progress log for the full-screen app: opened off the event loop, one writer per session.

The log is opened on a thread of its own as the app starts (opening marks the
sessions of dead processes ``interrupted``, which is a write); each session's
writes go through a ``RecorderThread``. A log that cannot be used gives one
notice and the app runs on without it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from montage.session.timeline import Timeline

if TYPE_CHECKING:
    from montage.log.recorder import Notify, RecorderThread
    from montage.log.store import Store

OPEN_WAIT = 5.0
"""Seconds a session waits at most for the log to finish opening."""


class RecordingService:
    """Keeps the app's sessions in the progress log.

    Args:
        path: The database file; the user's log by default.
        opener: Opens the log; ``open_log`` by default, a test may pass another.
    """

    def __init__(
        self, path: Path | None = None, opener: Callable[[Path | None], Store] | None = None
    ) -> None:
        self._path = path
        self._opener = opener
        self._store: Store | None = None
        self._problem: str | None = None
        self._told = False
        self._opening = threading.Thread(target=self._open, name="montage-log-open", daemon=True)
        self.writer: RecorderThread | None = None
        """The current session's writer, if it is logged."""

    def start(self) -> None:
        """Begin opening the log in the background."""
        if not self._opening.is_alive() and self._store is None and self._problem is None:
            self._opening.start()

    def _open(self) -> None:
        # the log's modules load here, on this thread, not on the way to the first frame
        from montage.log.errors import LogError
        from montage.log.opening import open_log

        try:
            self._store = (self._opener or open_log)(self._path)
        except LogError as error:
            self._problem = str(error)

    def session(
        self, timeline: Timeline, source: str | None, notify: Notify
    ) -> RecorderThread | None:
        """Start logging a session (the last one's writer is closed first).

        Args:
            timeline: The session's workout.
            source: The workout's file.
            notify: Tells the user of a problem; may be called from the writer thread.

        Returns:
            The writer to give every event of the session, or None when the log is off.
        """
        self.finish(wait=0.0)
        self.start()
        from montage.log.recorder import Recorder, RecorderThread

        if self._opening.is_alive():
            # still opening (an old log being brought up to date, another program's write):
            # the writer's own thread waits for it, never the screen
            store = cast("Store", _StoreWhenOpen(self))
            self.writer = RecorderThread(Recorder(store, timeline, source, notify))
            self.writer.start()
            return self.writer
        if self._store is None:
            if not self._told:
                self._told = True
                reason = self._problem or "the progress log did not open in time"
                notify(f"{reason}; sessions are not logged")
            return None
        self.writer = RecorderThread(Recorder(self._store, timeline, source, notify))
        self.writer.start()
        return self.writer

    def opened(self) -> Store:
        """The log, once open; called from a writer's thread.

        Raises:
            LogError: It could not be opened.
        """
        self._opening.join(OPEN_WAIT)
        if self._store is None:
            from montage.log.errors import LogError

            raise LogError(self._problem or "the progress log did not open in time")
        return self._store

    def session_id(self, wait: float = 1.0) -> int | None:
        """The current session's row in the log, once its writes so far are done.

        Args:
            wait: Seconds to wait at most for the writer to catch up.
        """
        if self.writer is None or not self.writer.flush(wait):
            return None
        return self.writer.recorder.session_id

    def finish(self, wait: float = 0.0) -> None:
        """Let the current session's writer finish its queue and stop.

        Args:
            wait: Seconds to wait for it; 0 returns at once (the thread finishes on its own).
        """
        if self.writer is not None:
            self.writer.close(timeout=wait)
            self.writer = None

    def close(self) -> None:
        """Finish every write (a few seconds at most) and close the log."""
        self.finish(wait=5.0)
        if self._opening.is_alive():
            self._opening.join(OPEN_WAIT)
        if self._store is not None:
            self._store.close()
            self._store = None


class _StoreWhenOpen:
    """Stands for the log while it is still opening: the first use waits for it."""

    def __init__(self, service: RecordingService) -> None:
        self._service = service

    def __getattr__(self, name: str) -> object:
        return getattr(self._service.opened(), name)
