"""Values read back from the log, which may not be what montage wrote.

A log edited by hand or by another program can hold text in a number column,
bytes that are not UTF-8 in a name, or an infinity. SQLite keeps whatever it is
given, so every reader takes its values through here: text that is not UTF-8 is
shown with U+FFFD where the bytes were bad, and a number that is not one reads as
missing; either way the field is named, so that what could not be shown is said.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from montage.log.sql import Connection


class Garbled(str):
    """Text that was not valid UTF-8 in the log: each bad byte shows as U+FFFD."""

    __slots__ = ()


def decode_text(raw: bytes) -> str:
    """SQLite's text as a string, never failing: the text factory of every log connection."""
    try:
        return raw.decode()
    except UnicodeDecodeError:
        return Garbled(raw.decode(errors="replace"))


def tolerant(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Make a connection read text that is not UTF-8 instead of failing on it."""
    conn.text_factory = decode_text
    return conn


@contextmanager
def text_as(conn: Connection, factory: Callable[[bytes], object]) -> Iterator[None]:
    """Read text through ``factory`` for a while: ``str`` (fast, failing on text that is not
    UTF-8), ``decode_text`` (never failing) or ``bytes`` (to decode it in big pieces). Only
    SQLite can hold such text: another engine's connection reads text as text."""
    if not isinstance(conn, sqlite3.Connection):
        yield
        return
    before = conn.text_factory
    conn.text_factory = factory
    try:
        yield
    finally:
        conn.text_factory = before


DOUBLE_MAX = "1.7976931348623157e308"
"""The largest finite number SQLite holds."""


def finite(column: str) -> str:
    """SQL: ``column`` holds a finite number (NULL when it holds nothing).

    Text and bytes sort above every number in SQLite, and an infinity above the largest
    finite one, so one comparison tells them apart without asking each value's type.
    """
    return f"({column} BETWEEN -{DOUBLE_MAX} AND {DOUBLE_MAX})"


def number(column: str) -> str:
    """SQL: ``column`` when it is a finite number, else NULL."""
    return f"CASE WHEN {finite(column)} THEN {column} END"


def whole(column: str) -> str:
    """SQL: ``column`` when it holds a whole number, else NULL."""
    return f"CASE WHEN typeof({column}) = 'integer' THEN {column} END"


def any_unreadable(columns: Iterable[str]) -> str:
    """SQL: true when one of the number ``columns`` holds something that is no number."""
    return "(" + " OR ".join(f"NOT {finite(column)}" for column in columns) + ")"


class Reading:
    """Takes one row's values, remembering the fields that could not be read as they are."""

    def __init__(self) -> None:
        self.unreadable: list[str] = []
        """The fields whose value was not shown as it is, in the order they were read."""

    def found(self) -> tuple[str, ...]:
        """The fields that could not be read as they are, each once."""
        return tuple(dict.fromkeys(self.unreadable))

    def text(self, value: object, field: str) -> str:
        """A text field; a number reads as its digits, bytes as UTF-8."""
        if isinstance(value, str):
            if isinstance(value, Garbled):
                self.unreadable.append(field)
            return value
        if isinstance(value, bytes):
            return self.text(decode_text(value), field)
        if value is None:
            self.unreadable.append(field)
            return ""
        return str(value)

    def optional_text(self, value: object, field: str) -> str | None:
        """A text field that may be missing."""
        return None if value is None else self.text(value, field)

    def number(self, value: object, field: str) -> float | None:
        """A number field: None when missing or not a (finite) number."""
        if isinstance(value, int | float) and math.isfinite(value):
            return value
        if value is not None:
            self.unreadable.append(field)
        return None

    def whole(self, value: object, field: str) -> int | None:
        """A whole-number field: None when missing or not a number; a fraction is cut."""
        found = self.number(value, field)
        return None if found is None else int(found)


FIELD_WORDS = {
    "workout": "workout name",
    "workout_key": "workout name",
    "source": "workout file",
    "started_at": "start",
    "ended_at": "end",
    "status": "status",
    "steps_total": "step count",
    "steps_completed": "steps done",
    "active_seconds": "active time",
    "planned_seconds": "planned time",
    "not_kept": "note",
    "position": "a step's place",
    "kind": "a step's kind",
    "name": "a step's name",
    "mode": "a step's mode",
    "outcome": "a step's outcome",
    "step_planned_seconds": "a step's planned time",
    "actual_seconds": "a step's time",
    "reps": "a step's reps",
    "rounds": "a step's rounds",
    "load": "a step's load",
    "load_kg": "a step's load",
    "distance": "a step's distance",
    "distance_m": "a step's distance",
    "entered": "a step's entry",
    "step_ended_at": "a step's end",
    "move_number": "a move's place",
    "move_seconds": "a move's time",
    "move_reps": "a move's reps",
    "text": "text that is not UTF-8",
    "step_text": "a step's text that is not UTF-8",
}
"""Words for each field of a session or a step, as the user is told what could not be read."""

SHOWN = 5
"""Sessions named at most in the line about what could not be read."""


class Unreadable:
    """The sessions a reader could not show in full, and which of their fields."""

    def __init__(self) -> None:
        self._sessions: dict[int, dict[str, None]] = {}
        self._workouts = 0
        self.all_readable = False
        """Every session of the log was looked at, and every number in it is a number."""

    def note(self, session_id: int, fields: Iterable[str]) -> None:
        """Remember fields of a session that could not be read (nothing when empty)."""
        for field in fields:
            self._sessions.setdefault(session_id, {})[FIELD_WORDS.get(field, field)] = None

    def note_workout(self, fields: Iterable[str]) -> None:
        """Remember that a workout's own fields (its name) could not be read (nothing when
        empty)."""
        if any(True for _ in fields):
            self._workouts += 1

    def __bool__(self) -> bool:
        return bool(self._sessions or self._workouts)

    def __contains__(self, session_id: object) -> bool:
        return session_id in self._sessions

    def line(self) -> str:
        """One line naming them: ``session 12 (active time), session 40 (workout name)``."""
        named = [
            f"session {session_id} ({', '.join(fields)})"
            for session_id, fields in sorted(self._sessions.items())[:SHOWN]
        ]
        more = len(self._sessions) - SHOWN
        if more > 0:
            named.append(f"{more} more session{'s' if more > 1 else ''}")
        if self._workouts:
            named.append(f"the name of {self._workouts} workout{'s' if self._workouts > 1 else ''}")
        listed = ", ".join(named)
        return (
            "some of the log is not what this montage can read, so it is shown with"
            f" ? or \ufffd: {listed}"
        )
