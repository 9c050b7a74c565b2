"""The whiteboard: the class's results, the athlete ahead first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from montage.safe_text import visible


@dataclass(frozen=True, slots=True)
class Standing:
    """One athlete's line on the whiteboard."""

    name: str
    """The athlete's name, as they joined."""
    rounds: int
    """AMRAP rounds entered, in all."""
    reps: int
    """Reps entered, in all."""
    last: str | None = None
    """The last count entered: ``Wood chop 12``."""


WHITEBOARD_WIDTH = 34
"""Columns the whiteboard takes at the right of a screen, its border included."""


class Whiteboard(Static):
    """The standings, one athlete a line, as plain text."""

    DEFAULT_CSS = f"""
    Whiteboard {{
        width: {WHITEBOARD_WIDTH};
        height: 1fr;
        padding: 0 1;
        border-left: vkey $panel;
    }}
    """

    def show(self, standings: Sequence[Standing], waiting: str = "No counts yet.") -> None:
        """Draw the standings, the first ahead.

        Args:
            standings: The athletes, in order.
            waiting: What shows while there is nobody.
        """
        board = Text("WHITEBOARD\n", style="bold")
        if not standings:
            board.append(waiting, style="dim")
        for place, standing in enumerate(standings, start=1):
            score = []
            if standing.rounds:
                score.append(f"{standing.rounds} rd")
            score.append(f"{standing.reps} reps")
            board.append(f"{place:>2}. ", style="bold" if place == 1 else "")
            board.append(visible(standing.name))
            board.append(f"  {' '.join(score)}\n")
            if standing.last:
                board.append(f"    {visible(standing.last)}\n", style="dim")
        self.update(board)
