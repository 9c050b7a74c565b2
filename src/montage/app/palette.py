"""The command palette: entries for starting a workout, with their names as plain text, and
its screenshot, saved in montage's own folder.

Textual reads a palette entry's title and help as markup; a workout's name is
outside text, so these entries are built from content that is never parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any, Protocol, cast

from textual.app import App, SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape
from textual.screen import Screen

from montage.app.commands import palette_entries
from montage.app.plain_text import plain
from montage.app.screens.picker import PickerScreen
from montage.paths import montage_home
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


def screenshot_to_home(app: App[None]) -> None:
    """Save an SVG of the screen into montage's screenshots folder, and say where."""
    folder = montage_home() / "screenshots"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        saved = app.save_screenshot(path=str(folder))
    except OSError as error:
        app.notify(f"Screenshot not saved: {error.strerror}", severity="error")
        return
    app.notify(f"Screenshot saved: {saved}", timeout=4)


def system_commands(
    app: App[None], screen: Screen[Any], textuals: Iterable[SystemCommand]
) -> Iterator[SystemCommand]:
    """The palette's commands: the screen's own (from its ``COMMAND_LIST``), then Textual's,
    less its Quit where the screen has one and with its screenshot saved in montage's folder.

    Args:
        app: The app.
        screen: The screen the palette is open over.
        textuals: Textual's own commands for it.
    """
    own = list(palette_entries(getattr(screen, "COMMAND_LIST", ())))
    for title, help_text, action in own:
        yield SystemCommand(title, help_text, partial(screen.run_action, action))
    quits = any(action == "quit" for _, _, action in own)
    for command in textuals:
        if command.title == "Quit" and quits:
            continue  # the screen's own "Quit (q)" is the same command
        if command.title == "Screenshot":
            command = command._replace(
                callback=lambda: app.set_timer(0.1, partial(screenshot_to_home, app))
            )
        yield command
