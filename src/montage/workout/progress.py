"""The ``progress:`` of a work step or a repeat, as pydantic models, and the values it holds.

Each quantity is written short (``reps: +1``) or with a ceiling (``reps: {by: +1, max:
15}``); ``load:`` amounts carry their unit (``+2.5 kg``); ``deload: {after: 3, by: 10%}``
falls back after misses in a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from montage.durations import DURATION_PATTERN, MAX_SECONDS, DurationError, parse_duration
from montage.measures import weight_unit
from montage.workout.fields import MAX_REPEAT

Kind = Literal["count", "time", "load"]
"""What an amount counts: reps or rounds, seconds, or a weight."""


@dataclass(frozen=True, slots=True)
class Amount:
    """How much a quantity grows each time, and how far."""

    by: float
    """Added each time: reps, rounds, seconds, or a weight in ``unit``."""
    most: float | None = None
    """The ``max:`` it grows no further than."""
    unit: str | None = None
    """For a weight, the unit both are written in: ``kg`` or ``lb``."""


_PLUS_COUNT = re.compile(r"^ *\+? *([0-9]{1,4}) *$")
_WEIGHT = re.compile(r"^ *\+? *([0-9]{1,4}(?:[.,][0-9]{1,3})?) *([A-Za-z]+) *$")
_PERCENT = re.compile(r"^ *([0-9]{1,2}(?:\.[0-9]+)?) *% *$")

_HOW = {
    "count": "a whole number to add, like +1",
    "time": "a time to add, like +5s or +0:15",
    "load": "a weight to add with its unit, like +2.5 kg or +5 lb",
}


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("progress", message)


def _count(value: object, what: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and (found := _PLUS_COUNT.match(value)):
        number = int(found[1])
    else:
        raise _fail(f"{what} should be {_HOW['count']}")
    if number < 1:
        raise _fail(f"{what} should be at least 1; targets fall back only by deload:")
    if number > MAX_REPEAT:
        raise _fail(f"{what} can be at most {MAX_REPEAT}")
    return number


def _seconds(value: object, what: str) -> int:
    text = value.strip(" ").removeprefix("+") if isinstance(value, str) else value
    try:
        return parse_duration(text)
    except DurationError:
        raise _fail(f"{what} should be {_HOW['time']}") from None


def _weight(value: object, what: str) -> tuple[float, str]:
    found = _WEIGHT.match(value) if isinstance(value, str) else None
    unit = weight_unit(found[2]) if found else None
    if found is None or unit is None:
        raise _fail(f"{what} should be {_HOW['load']}")
    number = float(found[1].replace(",", "."))
    if number <= 0:
        raise _fail(f"{what} should be more than nothing")
    return number, unit


def _amount(kind: Kind, value: object) -> Amount:
    """Read a quantity's rule, short (``+1``) or as ``{by: +1, max: 15}``."""
    if isinstance(value, dict):
        extra = sorted(str(key) for key in value if key not in ("by", "max"))
        if extra:
            raise _fail(f"{extra[0]!r} is not a key here; the keys are by: and max:")
        if "by" not in value:
            raise _fail(f"needs by: ({_HOW[kind]}) and may have max:")
        by, most = value["by"], value.get("max")
    else:
        by, most = value, None
    if kind == "count":
        return Amount(_count(by, "the amount"), None if most is None else _count(most, "max:"))
    if kind == "time":
        return Amount(_seconds(by, "the amount"), None if most is None else _seconds(most, "max:"))
    amount, unit = _weight(by, "the amount")
    if most is None:
        return Amount(amount, None, unit)
    ceiling, also = _weight(most, "max:")
    if also != unit:
        raise _fail(f"max: is in {also} but the amount is in {unit}; write both in one unit")
    return Amount(amount, ceiling, unit)


def _deload(value: object) -> tuple[int, float]:
    if not isinstance(value, dict) or set(value) != {"after", "by"}:
        raise _fail(
            "should be {after: MISSES, by: PERCENT}, like {after: 3, by: 10%}: after 3 "
            "misses in a row, every target that progresses falls back by 10%"
        )
    after = value["after"]
    if isinstance(after, bool) or not isinstance(after, int) or not 1 <= after <= 100:
        raise _fail("after: is how many misses in a row bring the deload, from 1 to 100")
    share = _PERCENT.match(value["by"]) if isinstance(value["by"], str) else None
    if share is None or not 1 <= float(share[1]) <= 90:
        raise _fail("by: is the share each target falls back, from 1% to 90%, like 10%")
    return after, float(share[1]) / 100


_COUNT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": MAX_REPEAT},
        {"type": "string", "pattern": _PLUS_COUNT.pattern},
    ]
}
_TIME_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": MAX_SECONDS},
        {"type": "string", "pattern": DURATION_PATTERN.replace("^ *", "^ *\\+? *", 1)},
    ]
}
_WEIGHT_SCHEMA: dict[str, Any] = {"type": "string", "pattern": _WEIGHT.pattern}


def _rule_schema(amount: dict[str, Any], ceiling: dict[str, Any], text: str) -> dict[str, Any]:
    return {
        "description": text,
        "anyOf": [
            amount,
            {
                "type": "object",
                "properties": {
                    "by": {**amount, "description": "Added after each session done at target."},
                    "max": {**ceiling, "description": "It grows no further than this."},
                },
                "required": ["by"],
                "additionalProperties": False,
            },
        ],
    }


CountRule = Annotated[
    Amount,
    PlainValidator(lambda value: _amount("count", value)),
    WithJsonSchema(
        _rule_schema(
            _COUNT_SCHEMA,
            {"type": "integer", "minimum": 1, "maximum": MAX_REPEAT},
            "A whole number added after each session done at target (+1), or {by: +1, max: 15}.",
        )
    ),
]
"""How reps or rounds grow."""

TimeRule = Annotated[
    Amount,
    PlainValidator(lambda value: _amount("time", value)),
    WithJsonSchema(
        _rule_schema(
            _TIME_SCHEMA,
            _TIME_SCHEMA,
            "A time added after each session done at target (+5s), or {by: +5s, max: 1m}.",
        )
    ),
]
"""How a step's time grows."""

LoadRule = Annotated[
    Amount,
    PlainValidator(lambda value: _amount("load", value)),
    WithJsonSchema(
        _rule_schema(
            _WEIGHT_SCHEMA,
            _WEIGHT_SCHEMA,
            "A weight added after each session done at target, in the unit the step's load is "
            "written in (+2.5 kg, +5 lb), or {by: +2.5 kg, max: 40 kg}.",
        )
    ),
]
"""How a step's load grows."""

DeloadRule = Annotated[
    tuple[int, float],
    PlainValidator(_deload),
    WithJsonSchema(
        {
            "type": "object",
            "description": "After this many misses in a row, every target that progresses "
            "falls back by this share: {after: 3, by: 10%}. A miss is a session that reached "
            "the step and did not do it at its target.",
            "properties": {
                "after": {"type": "integer", "minimum": 1, "maximum": 100},
                "by": {"type": "string", "pattern": _PERCENT.pattern},
            },
            "required": ["after", "by"],
            "additionalProperties": False,
        }
    ),
]
"""Misses in a row, and the share the targets fall back by."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WorkProgress(_Strict):
    """How a work step's targets grow after each session done at them (a rep step ended with
    done and, where a count was typed, at least its reps; a timed step not skipped)."""

    reps: CountRule | None = None
    """How its reps grow."""
    time: TimeRule | None = None
    """How its time (a rep step's cap) grows."""
    load: LoadRule | None = None
    """How its load grows."""
    deload: DeloadRule | None = None
    """When and how far its targets fall back."""

    @model_validator(mode="after")
    def _grows_something(self) -> WorkProgress:
        if self.reps is None and self.time is None and self.load is None:
            raise PydanticCustomError(
                "progress_empty", "progress: needs reps:, time: or load: to grow, like reps: +1"
            )
        return self


class RepeatProgress(_Strict):
    """How a repeat's rounds grow after each session that did every one of them (no work
    step skipped)."""

    rounds: CountRule = Field(description="Rounds added after each session done at target.")
    """How its rounds grow."""
    deload: DeloadRule | None = None
    """When and how far its rounds fall back."""
