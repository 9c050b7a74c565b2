"""Compiled timelines kept between runs, so starting a known workout skips validation.

A workout file is validated and compiled once; its timeline is kept with the
file's size and change time, and used again while the file is unchanged. The
cache is only a shortcut: when it cannot be read or written, montage loads the
file as usual.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from montage import __version__
from montage.files import write_whole
from montage.session.timeline import Timeline

FORMAT = f"montage {__version__} timeline cache 2"
"""Written into the cache; a cache of another format is ignored."""

MAX_KEPT_STEPS = 1_000
"""The largest timeline kept, in steps and their moves: a bigger one costs more to read back
from the cache than to compile again."""

MAX_CACHE_BYTES = 4_000_000
"""The largest cache file read; a bigger one is ignored and written again with what is used."""


class TimelineCache:
    """Timelines of workout files, keyed by the file's path, size and change time.

    Args:
        path: The cache file; None keeps nothing.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, Any] | None = None
        self._changed = False

    def _load(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries = {}
            if self.path is not None:
                try:
                    if self.path.stat().st_size > MAX_CACHE_BYTES:
                        raise ValueError("too big to be worth reading")
                    data = json.loads(self.path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    data = None
                if isinstance(data, dict) and data.get("format") == FORMAT:
                    self._entries = data.get("files", {})
        return self._entries

    def get(self, file: Path) -> Timeline | None:
        """The timeline of ``file`` if it is kept and the file has not changed since."""
        try:
            stat = file.stat()
        except OSError:
            return None
        record = self._load().get(str(file.resolve()))
        if not isinstance(record, dict) or record.get("stamp") != [stat.st_mtime_ns, stat.st_size]:
            return None
        try:
            return Timeline.from_data(record["timeline"])
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, file: Path, timeline: Timeline) -> None:
        """Keep the timeline of ``file`` as the file is now, unless it is too big to be worth it."""
        if len(timeline.steps) + sum(len(step.moves) for step in timeline.steps) > MAX_KEPT_STEPS:
            return
        try:
            stat = file.stat()
        except OSError:
            return
        self._load()[str(file.resolve())] = {
            "stamp": [stat.st_mtime_ns, stat.st_size],
            "timeline": timeline.to_data(),
        }
        self._changed = True

    def save(self) -> None:
        """Write the cache if anything was added; a cache that cannot be written is skipped."""
        if not self._changed or self.path is None:
            return
        files = {name: record for name, record in self._load().items() if Path(name).exists()}
        data = json.dumps({"format": FORMAT, "files": files}, separators=(",", ":"))
        # Only a shortcut: without it the files are loaded again next time.
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_whole(self.path, data)
        self._changed = False
