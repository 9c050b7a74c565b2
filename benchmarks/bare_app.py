"""A bare Textual app counting down once a second: the reference for montage's figures."""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    """A Static updated at 1 Hz, nothing more."""

    def compose(self) -> ComposeResult:
        yield Static("bare textual countdown 10:00", id="count")

    def on_mount(self) -> None:
        self._end = time.monotonic() + 600
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        left = max(0, int(self._end - time.monotonic()))
        self.query_one(Static).update(f"bare textual countdown {left // 60}:{left % 60:02d}")


if __name__ == "__main__":
    Bare().run()
