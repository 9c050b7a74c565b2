"""Durations as workout files write them, and as the screen shows them.

A duration is a whole number of seconds, greater than zero and at most a day.
Files write it as an integer (``45``) or as text: ``45s``, ``2m``, ``1m30s``,
``1h5m``, ``1:30`` (minutes and seconds) or ``1:02:03`` (hours, minutes and
seconds).
"""

from __future__ import annotations

import re

MAX_SECONDS = 24 * 60 * 60
"""The longest duration a workout may ask for: one day."""

_UNIT_FORM = r"(?=[0-9])(?:[0-9]+ *[hH])? *(?:[0-9]+ *[mM])? *(?:[0-9]+ *[sS])?"
_CLOCK_FORM = r"(?:[0-9]+:)?[0-9]+:[0-9]{1,2}"

DURATION_PATTERN = rf"^ *(?:[0-9]+|{_UNIT_FORM}|{_CLOCK_FORM}) *$"
"""The text forms, as a regular expression for the JSON Schema.

Digits are ASCII and spaces are spaces, so the schema's regular expressions
(ECMAScript) and the loader give one answer for every text."""

TIME_PATTERN = rf"^ *(?:{_UNIT_FORM}|{_CLOCK_FORM}) *$"
"""The text forms that carry a unit or a clock: a bare number is not among them."""

_FORM = re.compile(DURATION_PATTERN, re.ASCII)
_UNITS = re.compile(r"^(?:(?P<h>[0-9]+) *h)? *(?:(?P<m>[0-9]+) *m)? *(?:(?P<s>[0-9]+) *s)?$")
_CLOCK = re.compile(r"^(?:(?P<h>[0-9]+):)?(?P<m>[0-9]+):(?P<s>[0-9]{1,2})$")

_LONGEST_TEXT = 32
"""No duration is written with more characters; longer text is refused before reading numbers."""

HOW_TO_WRITE = "write seconds as a number (45) or text like 45s, 2m, 1m30s, 1h5m, 1:30 or 1:02:03"


class DurationError(ValueError):
    """Raised for a value that is not a valid duration; its text says how to fix it."""


def parse_duration(value: object) -> int:
    """Turn a duration as written in a workout file into whole seconds.

    Args:
        value: An int, or a string in one of the forms of this module.

    Returns:
        The duration in seconds, 1 to ``MAX_SECONDS``.

    Raises:
        DurationError: The value is of the wrong type, cannot be read, is zero,
            or is longer than a day.
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        if isinstance(value, float):
            raise DurationError(f"{value!r} is not a whole number of seconds; {HOW_TO_WRITE}")
        raise DurationError(f"a duration is needed here; {HOW_TO_WRITE}")
    seconds = value if isinstance(value, int) else _parse_text(value)
    if seconds <= 0:
        raise DurationError("a duration must be longer than zero")
    if seconds > MAX_SECONDS:
        raise DurationError(f"{format_duration(seconds)} is longer than the limit of 24 hours")
    return seconds


def _parse_text(text: str) -> int:
    stripped = text.strip(" ").lower()
    if len(stripped) > _LONGEST_TEXT:
        raise DurationError(f"{stripped[:12]!r}... is not a duration; {HOW_TO_WRITE}")
    if _FORM.fullmatch(text) is None:
        raise DurationError(f"{text!r} is not a duration; {HOW_TO_WRITE}")
    if stripped.isdigit():
        return int(stripped)
    clock = _CLOCK.match(stripped)
    if clock:
        minutes, secs = int(clock["m"]), int(clock["s"])
        if secs >= 60 or (clock["h"] is not None and minutes >= 60):
            raise DurationError(f"{text!r} has a field of 60 or more; {HOW_TO_WRITE}")
        return int(clock["h"] or 0) * 3600 + minutes * 60 + secs
    units = _UNITS.match(stripped)
    assert units is not None, "the form was matched above"
    return int(units["h"] or 0) * 3600 + int(units["m"] or 0) * 60 + int(units["s"] or 0)


def format_duration(seconds: float) -> str:
    """Show a duration compactly, as a person would say it: ``45s``, ``2m``, ``1h5m30s``.

    Args:
        seconds: A duration in seconds; fractions are rounded.

    Returns:
        The shortest unit form.
    """
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
        f"{secs}s" if secs else "",
    ]
    return "".join(parts) or "0s"


def format_clock(seconds: float) -> str:
    """Show a duration as a clock: ``0:45``, ``12:00``, ``1:02:03``.

    Args:
        seconds: A duration in seconds; fractions are rounded down.

    Returns:
        ``M:SS`` below an hour, ``H:MM:SS`` from an hour on.
    """
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_split(seconds: float) -> str:
    """Show a split against a ghost, signed, to the nearest second: ``+0:04`` behind,
    ``-0:02`` ahead, ``±0:00`` level.

    Args:
        seconds: This session's time minus the ghost's.
    """
    whole = round(abs(seconds))
    if whole == 0:
        return "±0:00"
    return ("-" if seconds < 0 else "+") + format_clock(whole)
