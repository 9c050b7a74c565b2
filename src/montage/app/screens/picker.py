"""The workout picker: every workout with its time and tags, and a preview of its timeline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from montage.app.commands import PICKER_COMMANDS, bindings
from montage.app.outline import outline
from montage.app.plain_text import plain
from montage.app.widgets.wordmark import Wordmark
from montage.durations import format_clock
from montage.safe_text import visible
from montage.workout.catalogue import Entry
from montage.workout.problems import Problem


class WorkoutList(OptionList):
    """The list of workouts; Enter starts the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Start")]


class FilterInput(Input):
    """The filter; Esc clears it and Down goes to the list, so no key is ever trapped in it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave(True)", "Clear", show=False),
        Binding("down", "leave(False)", "List", show=False),
    ]

    class Left(Message):
        """The user left the filter for the list."""

    def action_leave(self, clear: bool) -> None:
        """Go back to the list, clearing the filter first when asked."""
        if clear:
            self.value = ""
        self.post_message(self.Left())


@dataclass(frozen=True, slots=True)
class Choice:
    """A workout as the picker lists it."""

    entry: Entry
    """The file and its workout or problems."""
    total: int | None
    """Its planned seconds, when it is valid."""

    @property
    def label(self) -> str:
        """Its line in the list, unaligned."""
        return self.aligned(0)

    def aligned(self, name_width: int, time_width: int = 0) -> str:
        """Its line in the list, the name padded to ``name_width`` cells and the time to
        ``time_width`` so that the times of the list line up; ``*`` marks one of the user's
        own."""
        if self.total is None:
            return f"x {visible(self.entry.path.name)}  (has problems)"
        name = visible(self.entry.name)
        pad = " " * max(0, name_width - cell_len(name))
        mine = " *" if self.entry.origin != "shipped" else ""
        return f"{name}{pad}  {format_clock(self.total):>{time_width}}{mine}"

    @property
    def order(self) -> tuple[bool, str, str]:
        """Where it sits in the list: valid workouts by name, then files with problems."""
        return (self.total is None, self.entry.name.casefold(), str(self.entry.path))

    def matches(self, text: str) -> bool:
        """Whether a filter text finds this workout by name, tag or file name."""
        words = text.casefold().split()
        timeline = self.entry.timeline
        haystack = " ".join(
            [self.entry.name, self.entry.path.stem, *(timeline.tags if timeline else ())]
        ).casefold()
        return all(word in haystack for word in words)


def choices(entries: list[Entry]) -> list[Choice]:
    """Make the picker's choices, sorted, working out each valid workout's total."""
    made = [
        Choice(entry, entry.timeline.total_seconds if entry.timeline else None) for entry in entries
    ]
    return sorted(made, key=lambda choice: choice.order)


class PickerScreen(Screen[None]):
    """Lists the workouts; Enter starts one, e edits it, / filters."""

    BINDINGS = bindings(PICKER_COMMANDS)
    COMMAND_LIST = PICKER_COMMANDS
    HELP_TITLE = "workouts"

    class Start(Message):
        """The user chose a workout to start."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry
            """The chosen workout."""

    class Edit(Message):
        """The user wants to edit a workout's file."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry
            """The workout to edit."""

    class Scanned(Message):
        """The workouts were found again."""

        def __init__(self, entries: list[Entry], version: int) -> None:
            super().__init__()
            self.entries = entries
            """Every workout to offer."""
            self.version = version
            """The list it was found for; a list set since makes it stale."""

    def __init__(self, entries: list[Entry], scan: Callable[[], list[Entry]] | None = None) -> None:
        """List ``entries``.

        Args:
            entries: The workouts to offer.
            scan: Finds the workouts again (on a worker thread), when the picker is shown
                again or the terminal gets the focus back: new files appear, removed ones go.
        """
        super().__init__(id="picker")
        self._choices = choices(entries)
        self._shown: list[Choice] = []
        self._scan = scan
        self._version = 0

    def compose(self) -> ComposeResult:
        yield Wordmark(id="logo")
        with Horizontal(id="picker-body"):
            with Vertical(id="picker-list"):
                yield FilterInput(placeholder="/ filter by name or tag", id="filter")
                yield WorkoutList(id="workouts")
            with VerticalScroll(id="preview"):
                yield Static(id="preview-title", markup=False)
                yield Static(id="preview-meta", markup=False)
                yield Static(id="preview-description", markup=False)
                yield Static(id="preview-steps", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(OptionList).focus()

    def on_screen_resume(self) -> None:
        self.rescan()

    def rescan(self) -> None:
        """Find the workouts again, off the event loop; the list follows when they are found."""
        if self._scan is not None and self.is_mounted:
            self._rescan(self._scan, self._version)

    @work(thread=True, exclusive=True, group="picker-scan")
    def _rescan(self, scan: Callable[[], list[Entry]], version: int) -> None:
        self.post_message(self.Scanned(scan(), version))

    @on(Scanned)
    def _scanned(self, message: Scanned) -> None:
        stale = message.version != self._version  # the list was set again while it looked
        if not stale and _listed(choices(message.entries)) != _listed(self._choices):
            self.set_entries(message.entries)

    @on(FilterInput.Left)
    def _left_filter(self) -> None:
        self.query_one(OptionList).focus()

    def set_entries(self, entries: list[Entry], select: Entry | None = None) -> None:
        """Replace the list, keeping a workout highlighted.

        Args:
            entries: The workouts to offer.
            select: The workout to highlight, by its file.
        """
        self._version += 1
        self._choices = choices(entries)
        self._fill(self.query_one(Input).value, select)

    @property
    def highlighted(self) -> Choice | None:
        """The workout under the cursor."""
        index = self.query_one(OptionList).highlighted
        return self._shown[index] if index is not None and index < len(self._shown) else None

    def _fill(self, text: str, select: Entry | None = None) -> None:
        options = self.query_one(OptionList)
        current = self.highlighted
        keep = select.path if select else (current.entry.path if current else None)
        self._shown = [choice for choice in self._choices if choice.matches(text)]
        options.clear_options()
        # the columns are measured over every workout, so that they hold still as it filters
        width = name_width(self._choices)
        times = max((len(format_clock(c.total)) for c in self._choices if c.total), default=0)
        options.add_options(Option(plain(c.aligned(width, times))) for c in self._shown)
        index = next((i for i, choice in enumerate(self._shown) if choice.entry.path == keep), 0)
        if self._shown:
            options.highlighted = index
        self._preview(self.highlighted)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._preview(self.highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        """Start the highlighted workout, unless its file has problems."""
        choice = self.highlighted
        if choice is None:
            return
        if choice.entry.timeline is None:
            self.notify("Fix this file's problems first (e edits it).", severity="warning")
            return
        self.post_message(self.Start(choice.entry))

    def action_edit(self) -> None:
        """Edit the highlighted workout's file."""
        choice = self.highlighted
        if choice is not None:
            self.post_message(self.Edit(choice.entry))

    def action_filter(self) -> None:
        """Type to filter the list."""
        self.query_one(Input).focus()

    def action_quit(self) -> None:
        """Leave montage."""
        self.app.exit()

    def _preview(self, choice: Choice | None) -> None:
        if not self.is_mounted:
            return
        title, meta, description, steps = "", "", "", ""
        problems = False
        if choice is not None and choice.entry.timeline is not None:
            timeline = choice.entry.timeline
            title = timeline.name
            tags = "  ".join(f"#{tag}" for tag in timeline.tags)
            beat = f"{timeline.bpm} bpm" if timeline.bpm else "no beat"
            total = format_clock(timeline.total_seconds)
            meta = f"{total}   {len(timeline)} steps   {beat}   {timeline.scene}   {tags}"
            description = timeline.description or ""
            steps = "\n".join(outline(timeline.steps))
        elif choice is not None and choice.entry.error is not None:
            title = choice.entry.path.name
            meta = "This file has problems; e opens it in your editor."
            description = str(choice.entry.path.parent)
            steps = "\n".join(_where(problem) for problem in choice.entry.error.problems)
            problems = True
        elif self._choices:
            typed = self.query_one(Input).value
            title = f"No workout matches {typed!r}"
            meta = "Esc clears the filter; it finds names, tags and file names."
        self.query_one("#preview-steps").set_class(problems, "-problems")
        for selector, text in (
            ("#preview-title", title),
            ("#preview-meta", meta),
            ("#preview-description", description),
            ("#preview-steps", steps),
        ):
            self.query_one(selector, Static).update(plain(text))


NAME_WIDTH = 28
"""The most cells a name takes before the times of the list."""


def name_width(shown: list[Choice]) -> int:
    """The cells the longest listed name takes (at most ``NAME_WIDTH``), for the times to
    line up after it."""
    names = [cell_len(visible(c.entry.name)) for c in shown if c.total is not None]
    return min(NAME_WIDTH, max(names, default=0))


def _listed(shown: list[Choice]) -> list[tuple[Path, str]]:
    """What a list shows, to tell whether a new scan changes it."""
    return [(choice.entry.path, choice.label) for choice in shown]


def _where(problem: Problem) -> str:
    """A problem of the file shown, without the file's name: ``4:5: what is wrong``."""
    if problem.line:
        return f"{problem.line}:{problem.column}: {problem.message}"
    return problem.message
