"""Each command of a screen declared once: its key, footer label and palette entry."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Command:
    """A command a screen offers."""

    action: str
    """The screen's action it runs (``action_<name>``)."""
    keys: str
    """The keys bound to it, comma-separated, in Textual's names."""
    label: str
    """Its short label in the footer."""
    help: str
    """What it does, in the command palette."""
    key_display: str | None = None
    """How the footer shows its key, when Textual's name is not what a user reads."""
    show: bool = True
    """Whether the footer shows it."""

    def binding(self) -> Binding:
        """The key binding for this command."""
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.show,
            key_display=self.key_display,
            tooltip=self.help,
            id=self.action,
        )


def bindings(commands: Iterable[Command]) -> list[BindingType]:
    """The key bindings for a list of commands."""
    return [command.binding() for command in commands]


KEY_NAMES = {
    "escape": "esc",
    "plus": "+",
    "equals_sign": "=",
    "minus": "-",
    "slash": "/",
    "question_mark": "?",
}
"""How a key Textual names is written for a reader."""


def key_names(command: Command) -> str:
    """Every key of a command as a reader writes them: ``d / enter``."""
    return " / ".join(KEY_NAMES.get(key, key) for key in command.keys.split(","))


def palette_entries(commands: Iterable[Command]) -> Iterator[tuple[str, str, str]]:
    """Each command as (title, help, action) for the command palette."""
    for command in commands:
        keys = command.key_display or command.keys.split(",")[0]
        yield f"{command.label} ({keys})", command.help, command.action


HELP = Command("app.help", "question_mark", "Help", "Every key of this screen", key_display="?")
"""The help key, on every screen."""

SESSION_COMMANDS = (
    # The footer shows the keys a session cannot do without, in this order, so that they
    # show at every width from 40 columns and read from across the room; ? lists them all.
    Command("toggle_pause", "space", "Pause", "Pause or resume the session", key_display="space"),
    Command("done", "d,enter", "Done", "Finish the current rep step or AMRAP move"),
    Command("skip", "n", "Next", "Skip to the next step"),
    Command("stop", "q,escape", "Stop", "Stop the session (asks first)", key_display="q"),
    HELP,
    Command("back", "b", "Back", "Start the previous step again", show=False),
    Command(
        "cycle_ghost",
        "g",
        "Ghost",
        "Race Drago: your best finished session, your last, or no one",
        show=False,
    ),
    Command("app.toggle_mute", "m", "Mute", "Turn the sound off or on", show=False),
    Command("app.toggle_beat", "t", "Beat", "Turn the beat during work off or on", show=False),
    Command(
        "app.ask_count",
        "r",
        "Reps",
        "Log the reps or rounds done in the last rep step or AMRAP",
        show=False,
    ),
    Command(
        "app.change_volume(0.1)",
        "plus,equals_sign",
        "Vol+",
        "Louder",
        key_display="+",
        show=False,
    ),
    Command("app.change_volume(-0.1)", "minus", "Vol-", "Quieter", key_display="-", show=False),
)
"""The keys of a running session."""

PICKER_COMMANDS = (
    Command("start", "enter", "Start", "Start the highlighted workout", show=False),
    Command("edit", "e", "Edit", "Open the highlighted workout in $EDITOR"),
    Command("filter", "slash", "Filter", "Filter the workouts by name or tag", key_display="/"),
    Command("app.show_log", "l", "Log", "Review the progress log: sessions, records, streaks"),
    HELP,
    Command("quit", "q", "Quit", "Leave montage"),
)
"""The keys of the workout picker."""

SUMMARY_COMMANDS = (
    Command("close", "enter,escape", "Workouts", "Back to the workouts", key_display="enter"),
    Command("app.show_log", "l", "Log", "Review the progress log: sessions, records, streaks"),
    Command("app.ask_count", "r", "Reps", "Log the reps or rounds done in the last rep step"),
    HELP,
    Command("quit", "q", "Quit", "Leave montage"),
)
"""The keys of the summary after a session."""

REVIEW_COMMANDS = (
    Command("detail", "enter", "Detail", "Every step of the highlighted session", show=False),
    Command("cycle_workout", "w", "Workout", "Show one workout's sessions, the next one each time"),
    Command("cycle_period", "d", "Dates", "Show the last week, 4 weeks, 12 weeks, year or all"),
    Command("tab('sessions')", "1", "Sessions", "Every session, newest first", show=False),
    Command(
        "tab('workouts')", "2", "Workouts", "Each workout's history, bests and chart", show=False
    ),
    Command("tab('exercises')", "3", "Exercises", "Totals of every exercise", show=False),
    Command(
        "cycle_chart",
        "c",
        "Chart",
        "The next chart: finish time, rounds; reps per set, load, time under work",
    ),
    HELP,
    Command("close", "escape", "Back", "Back to where you were", key_display="esc"),
)
"""The keys of the progress log."""

DETAIL_COMMANDS = (
    Command("close", "escape", "Back", "Back to the sessions", key_display="esc"),
    HELP,
)
"""The keys of one session's detail."""

HELP_COMMANDS = (
    Command("close", "escape,question_mark", "Close", "Close the help", key_display="esc"),
)
"""The keys of the help screen."""

EVERYWHERE = (
    Command("command_palette", "ctrl+p", "Palette", "Every command, a theme, a screenshot"),
)
"""Keys of the app itself, on every screen (Textual's own)."""

LOBBY_COMMANDS = (
    Command("start", "enter", "Start", "Start the class's session", key_display="enter"),
    Command("quit", "q", "Quit", "End the class"),
)
"""The keys of a class's lobby."""

FOLLOW_COMMANDS = (
    Command("count", "r", "Reps", "Send the reps or rounds you did in the last rep step or AMRAP"),
    Command("leave", "q", "Leave", "Leave the class"),
)
"""The keys of a follower's screen."""
