"""The one way text from outside montage reaches the screen: as plain text, never as markup.

A workout's name or cue, a file name, a problem, a notice or a row of the log
may hold ``[`` and ``]``: read as markup, ``[/]`` stops the app and
``[@click=app.quit]`` runs an action when clicked. Every such text is turned into
``Content`` here, which Textual never parses, with its control characters shown
as visible escapes.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.content import Content

from montage.safe_text import visible


def plain(text: str) -> Content:
    """Outside text as content shown exactly as written (line breaks kept).

    Args:
        text: A name, a cue, a file name or a line from the log.
    """
    return Content(visible(text, newlines=True))


def plain_cells(cells: Iterable[str]) -> list[Text]:
    """A table row of outside text, each cell plain (see ``plain``): as Rich text, which a
    table measures to size its columns and never reads as markup."""
    return [Text(visible(cell)) for cell in cells]


def plain_line(text: str) -> str:
    """Outside text on one line, for a widget that draws its cells itself (see ``plain``):
    control characters and line breaks shown as visible escapes, never as markup."""
    return visible(text)
