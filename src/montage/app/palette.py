"""The command palette's entries for starting a workout, with their names as plain text.

Textual reads a palette entry's title and help as markup; a workout's name is
outside text, so these entries are built from content that is never parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from montage.app.plain_text import plain
from montage.app.screens.picker import PickerScreen
from montage.safe_text import visible
from montage.workout.catalogue import Entry


class StartsWorkouts(Protocol):
    """The app, as far as these entries need it."""

    def entries(self) -> list[Entry]:
        """Every workout to offer."""

    def start_session(self, entry: Entry) -> None:
        """Start a session of a workout."""


class WorkoutCommands(Provider):
    """ "Start NAME" for every valid workout, while the picker is on the screen."""

    def _commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        if not isinstance(self.screen, PickerScreen):
            return []
        app = cast("StartsWorkouts", self.app)
        found: list[tuple[str, str, Callable[[], None]]] = []
        for entry in app.entries():
            if entry.timeline is not None:
                about = entry.timeline.description or "Start this workout"
                title = visible(f"Start {entry.name}")
                found.append((title, visible(about), partial(app.start_session, entry)))
        return found

    async def discover(self) -> Hits:
        """Every workout, when nothing is typed yet."""
        for title, about, start in self._commands():
            yield DiscoveryHit(plain(title), start, text=title, help=escape(about))

    async def search(self, query: str) -> Hits:
        """The workouts whose names match what is typed."""
        matcher = self.matcher(query)
        for title, about, start in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), start, text=title, help=escape(about))
