"""Problems found in a workout file, each pointing at a line and column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with a file, where it is, and how to fix it."""

    path: str
    """The file as the user named it."""
    line: int
    """1-based line, or 0 when the problem is not at a place in the file."""
    column: int
    """1-based column, or 0 with ``line``."""
    message: str
    """What is wrong, and how to fix it."""

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{self.path}: {self.message}"


class WorkoutError(Exception):
    """A workout file that cannot be used; ``problems`` lists everything wrong with it."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems, sorted by place.

        Args:
            problems: At least one problem.
        """
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


_LONGEST_SHOWN = 40
"""The most characters of a value from the file that a message repeats."""


def quoted(text: str) -> str:
    """A text from the file as a message shows it: quoted, and cut short when long.

    Args:
        text: A key or value from the file.

    Returns:
        Its quoted form, at most about forty characters of it.
    """
    if len(text) <= _LONGEST_SHOWN:
        return repr(text)
    return f"{text[:_LONGEST_SHOWN]!r}... ({len(text):,} characters)"


def describe(value: object) -> str:
    """Name a value's YAML type the way a person writing the file would.

    Args:
        value: A value from the data.

    Returns:
        A short phrase such as ``a list`` or ``the number 3``.
    """
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        written = str(value)
        if len(written) > _LONGEST_SHOWN:
            return f"a number of {len(written):,} digits"
        return f"the number {written}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"
