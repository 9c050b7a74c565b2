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
