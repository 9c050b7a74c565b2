"""A step's progression rules as plain data: what grows, by how much, up to where, and when
it falls back.

The workout wing reads them from a file's ``progress:``; the timeline carries them; the
rules' logic is in ``montage.session.progression``. This module is plain data, so that a
cached timeline keeps its rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from typing import Any, Literal, assert_never, get_args

Quantity = Literal["reps", "seconds", "load", "rounds"]
"""What a rule grows: a rep step's reps, a step's time, its load, a repeat's rounds."""

QUANTITIES: tuple[Quantity, ...] = get_args(Quantity)
"""Every quantity, in the order they are shown."""

ROUNDS_KEY = "(rounds)"
"""The exercise part of a repeat's key: no exercise's key holds brackets."""


def exercise_key(name: str, exercise_id: str | None = None) -> str:
    """The one name of an exercise, whatever the wording: ``exercise_id`` when a step names
    it, else its name; case, accents' forms, punctuation and spacing folded away.

    Args:
        name: The exercise as a step names it (``Log carry``).
        exercise_id: The step's ``exercise_id``, if it has one.

    Returns:
        The key: ``log carry`` for ``Log carry``, ``log-carry`` and ``LOG  CARRY``.
    """
    text = unicodedata.normalize("NFKC", exercise_id or name).casefold()
    return re.sub(r"[\W_]+", " ", text).strip() or text.strip()


@dataclass(frozen=True, slots=True)
class Targets:
    """What a step asks for; None where it asks nothing of that kind."""

    reps: int | None = None
    """Reps, for a rep step."""
    seconds: int | None = None
    """Its time, or a rep step's cap."""
    load: float | None = None
    """The number of its load, in the load's own unit (kg or lb)."""
    rounds: int | None = None
    """Rounds, for a repeat."""

    def of(self, quantity: Quantity) -> float | None:
        """The target of one quantity."""
        value: float | None = getattr(self, quantity)
        return value

    def given(self, quantity: Quantity, value: float | None) -> Targets:
        """These targets with one changed: whole numbers for all but the load."""
        whole = None if value is None else round(value)
        match quantity:
            case "reps":
                return replace(self, reps=whole)
            case "seconds":
                return replace(self, seconds=whole)
            case "rounds":
                return replace(self, rounds=whole)
            case "load":
                return replace(self, load=value)
            case _:
                assert_never(quantity)

    def to_data(self) -> dict[str, Any]:
        """The targets set, as JSON-ready data."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


@dataclass(frozen=True, slots=True)
class Growth:
    """How one quantity grows after a session done at its target."""

    by: float
    """Added each time: reps, seconds, an amount of load, rounds."""
    most: float | None = None
    """It grows no further than this (the file's ``max:``)."""


@dataclass(frozen=True, slots=True)
class Deload:
    """How the targets fall back after misses in a row."""

    after: int
    """Misses in a row that bring the deload."""
    fraction: float
    """The share of each target taken off: 0.1 for ``10%``."""


@dataclass(frozen=True, slots=True)
class Rule:
    """The progression rules of one step of a workout file, and what the file asks of it."""

    place: str
    """Where the step is written: its place in each list of steps, from 1 (``3.2``)."""
    exercise: str
    """The step's exercise key (``ROUNDS_KEY`` for a repeat)."""
    name: str
    """What to call it: the exercise's name, or the repeat's."""
    written: Targets
    """The targets the file writes, which progression starts from."""
    growth: tuple[tuple[Quantity, Growth], ...]
    """How each quantity that progresses grows, in ``QUANTITIES`` order."""
    deload: Deload | None = None
    """How it falls back after misses in a row; None never does."""
    unit: str | None = None
    """The load's unit as written (``kg`` or ``lb``), when the load progresses."""
    load_text: tuple[str, str] | None = None
    """The load's text around its number (``("", " kg sandbag")``), to write a new number in."""

    @property
    def key(self) -> str:
        """The step's stable key: its place and its exercise."""
        return f"{self.place}:{self.exercise}"

    def growth_of(self, quantity: Quantity) -> Growth | None:
        """How ``quantity`` grows, or None when it does not."""
        return next((growth for name, growth in self.growth if name == quantity), None)

    def load_shown(self, value: float) -> str | None:
        """The step's load text with the number ``value`` in it."""
        if self.load_text is None:
            return None
        before, after = self.load_text
        return f"{before}{value:g}{after}"

    def to_data(self) -> dict[str, Any]:
        """The rule as JSON-ready data, read back by ``from_data``."""
        return {
            "place": self.place,
            "exercise": self.exercise,
            "name": self.name,
            "written": self.written.to_data(),
            "growth": [[name, growth.by, growth.most] for name, growth in self.growth],
            "deload": None if self.deload is None else [self.deload.after, self.deload.fraction],
            "unit": self.unit,
            "load_text": None if self.load_text is None else list(self.load_text),
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Rule:
        """Rebuild a rule from ``to_data``'s output.

        Raises:
            KeyError, TypeError, ValueError: The data is not a rule's.
        """
        deload = data["deload"]
        text = data["load_text"]
        return cls(
            place=data["place"],
            exercise=data["exercise"],
            name=data["name"],
            written=Targets(**data["written"]),
            growth=tuple((name, Growth(by, most)) for name, by, most in data["growth"]),
            deload=None if deload is None else Deload(*deload),
            unit=data["unit"],
            load_text=None if text is None else (text[0], text[1]),
        )


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a step's targets stand after the sessions so far."""

    targets: Targets
    """What it asks for now."""
    written: Targets
    """What the file wrote when these grew from it: a changed start in the file starts over."""
    misses: int = 0
    """Sessions in a row it was missed."""

    @classmethod
    def fresh(cls, rule: Rule) -> Standing:
        """A step that has not progressed yet: it asks what the file writes."""
        return cls(rule.written, rule.written)


@dataclass(frozen=True, slots=True)
class Stored:
    """A step's standing as the log keeps it, under the key it had then."""

    place: str
    """Where the step was written."""
    exercise: str
    """Its exercise key."""
    standing: Standing
    """Its targets and misses."""

    @property
    def key(self) -> str:
        """Its key, as ``Rule.key``."""
        return f"{self.place}:{self.exercise}"
