"""YAML's syntax errors told in a workout's words, at the place to fix.

The parser says ``expected <block end>, but found '<block mapping start>'``;
the person who wrote the file needs to hear that a step's keys are not lined
up. The common mistakes (indentation, a ``-`` without a space, a tab, a ``:``
inside a value, an unclosed bracket or quote) are recognised from the error
and the lines around it; anything else is passed on as YAML says it.
"""

from __future__ import annotations

import re

import yaml

from montage.workout.problems import Problem

_GLUED_DASH = re.compile(r"^ *(?:- +)*-(?P<word>[A-Za-z_][\w-]*) *:")
"""A line whose ``-`` runs straight into a key: ``-exercise: Chop``."""

_KEY_WITHOUT_SPACE = re.compile(r"^ *(?:- +)*(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/])")
"""A line whose key is followed by a value with no space: ``name:Barn``."""

_ITEM = re.compile(r"^ *(?:- +)*")
"""The indentation and list dashes a line starts with."""

_LONGEST_KEY = 1024
"""The longest key YAML reads without a question mark before it."""

_KEY_OR_DASH = ("'?'", "'<block mapping start>'", "'<block sequence start>'")
"""What YAML found where a block ended, when a key or a ``-`` is out of line."""


def syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    """Say what a YAML syntax error means for a workout file, and where.

    Args:
        error: The parser's error.
        text: The text that was parsed.
        path: The file's name, for the problem.

    Returns:
        One problem at the place to fix.
    """
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line, mark.column) if mark is not None else (0, 0)
    found = _explain(error, lines, line, column)
    if found is None:
        problem = (error.problem or "cannot be read").strip()
        context = f" ({error.context.strip()})" if error.context else ""
        return Problem(path, line + 1, column + 1, f"YAML syntax error: {problem}{context}")
    message, line, column = found
    return Problem(path, line + 1, column + 1, message)


def _explain(
    error: yaml.MarkedYAMLError, lines: list[str], line: int, column: int
) -> tuple[str, int, int] | None:
    """A message and its 0-based place for a mistake recognised in ``error``, else None."""
    problem = error.problem or ""
    context = error.context or ""
    glued = _glued_dash(lines, line)
    if glued is not None:
        return glued
    if "expected a single document" in context:
        return "the file holds more than one YAML document; keep one workout per file", line, column
    if "found character '\\t'" in problem:
        if not _text(lines, line)[:column].strip():
            return "a tab indents this line; YAML indents with spaces only", line, column
        return "a tab is not allowed here; use spaces between a key and its value", line, column
    if problem.startswith("expected <block end>") and problem.endswith(_KEY_OR_DASH):
        return _misaligned(lines, line, column)
    if problem == "mapping values are not allowed here":
        return _stray_colon(lines, line, column)
    if "while scanning a simple key" in context and error.context_mark is not None:
        opened = error.context_mark
        if line == opened.line and column - opened.column > _LONGEST_KEY:
            return (
                f"this key is longer than YAML allows ({_LONGEST_KEY:,} characters); shorten it",
                opened.line,
                opened.column,
            )
        return _missing_colon(lines, opened.line)
    if "while parsing a flow" in context and error.context_mark is not None:
        opened = error.context_mark
        bracket = _text(lines, opened.line)[opened.column : opened.column + 1] or "["
        closer = "]" if bracket == "[" else "}"
        return (
            f"the {bracket} opened at line {opened.line + 1}, column {opened.column + 1} "
            f"needs a ',' between its items and a {closer} at its end",
            line,
            column,
        )
    if problem.startswith("found unknown escape character"):
        return (
            "this backslash starts no escape YAML knows; write \\\\ for a backslash, "
            "or put the text in single quotes",
            line,
            column - 1,
        )
    if problem.startswith("found undefined alias"):
        name = problem.removeprefix("found undefined alias").strip(" '")
        return f"*{name} names no anchor; write &{name} on a value above it first", line, column
    if "cannot start any token" in problem:
        char = _text(lines, line)[column : column + 1]
        return f"a value cannot start with {char!r}; put the text in quotes", line, column
    if "while scanning a quoted scalar" in context and error.context_mark is not None:
        opened = error.context_mark
        return (
            "this quote is never closed; end the text with the same quote",
            opened.line,
            opened.column,
        )
    return None


def _text(lines: list[str], line: int) -> str:
    return lines[line] if 0 <= line < len(lines) else ""


def _glued_dash(lines: list[str], line: int) -> tuple[str, int, int] | None:
    """A ``-`` with no space after it on the error's line or the line before."""
    for number in (line, line - 1):
        found = _GLUED_DASH.match(_text(lines, number))
        if found:
            word = found["word"]
            return (
                f"a '-' needs a space after it: write '- {word}:' to start a step",
                number,
                found.start("word") - 1,
            )
    return None


def _key_column(text: str) -> int:
    """Where a line's first key starts: after its indentation and any list dashes."""
    found = _ITEM.match(text)
    return found.end() if found else 0


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _above(lines: list[str], line: int) -> int | None:
    """The nearest line above ``line`` that holds something other than a comment."""
    for number in range(min(line, len(lines)) - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _misaligned(lines: list[str], line: int, column: int) -> tuple[str, int, int]:
    """A key or a ``-`` that does not start in the column of the ones before it."""
    here = _text(lines, line)
    if here[column : column + 1] == "-":
        dashes = [
            number
            for number in range(line - 1, -1, -1)
            if lines[number].lstrip(" ").startswith("- ") and _indent(lines[number]) != column
        ]
        if dashes:
            other = dashes[0]
            dash = _indent(lines[other])
            return (
                f"this '-' is not lined up with the '-' on line {other + 1} (column {dash + 1}); "
                "the steps of one list start in the same column",
                line,
                column,
            )
        return "this '-' is not lined up with the list it belongs to", line, column
    above = _above(lines, line)
    if above is not None:
        expected = _key_column(lines[above])
        return (
            f"this key is not lined up with the keys above it (column {expected + 1} on line "
            f"{above + 1}); line up a step's keys, or start a new step with '- '",
            line,
            column,
        )
    return "this line is not lined up with the lines above it", line, column


def _stray_colon(lines: list[str], line: int, column: int) -> tuple[str, int, int]:
    """A ``:`` YAML cannot use: inside a value, or on a line indented too far."""
    here = _text(lines, line)
    start = _key_column(here)
    if ": " in here[start:column] or here[start:column].endswith(":"):
        return (
            "a ': ' inside a value reads as a new key; put the value in quotes, "
            'like cue: "Go: now"',
            line,
            column,
        )
    above = _above(lines, line)
    if above is not None:
        glued = _KEY_WITHOUT_SPACE.match(lines[above])
        if glued:
            key = glued["key"]
            return (
                f"'{key}:' needs a space after the ':', like '{key}: ...'",
                above,
                glued.start("value") - 1,
            )
        if ":" not in lines[above]:
            return _missing_colon(lines, above)
        if start > _key_column(lines[above]):
            return (
                f"this line is indented further than line {above + 1}, so it reads as part of "
                "the value there; line up a step's keys under each other",
                line,
                _indent(here),
            )
    return "a ':' here reads as a new key; put the value in quotes", line, column


def _missing_colon(lines: list[str], line: int) -> tuple[str, int, int]:
    """A line whose key has no ``:`` after it."""
    text = _text(lines, line)
    start = _key_column(text)
    key, _, rest = text[start:].partition(" ")
    example = f"{key}: {rest.strip()[:20] or '...'}"
    return f"'{key}' needs a ':' after it, like '{example}'", line, start + len(key)
