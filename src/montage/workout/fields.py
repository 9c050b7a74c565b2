"""The values of a workout file: durations, counts, texts and tempos, as pydantic types.

Each type validates a value as written in the file and gives its JSON Schema, so
that an editor and the loader give one answer.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from montage.durations import (
    DURATION_PATTERN,
    MAX_SECONDS,
    TIME_PATTERN,
    DurationError,
    parse_duration,
)
from montage.safe_text import CONTROL
from montage.session.timeline import SCENES, Scene

MAX_REPEAT = 1000
"""The most times a block may repeat."""

BPM_RANGE = (60, 220)
"""The tempos the beat can play, in beats per minute."""


def _duration(value: object) -> int:
    try:
        return parse_duration(value)
    except DurationError as error:
        raise PydanticCustomError("duration", str(error)) from None


FROM_FILE = {"written": True}
"""The validation context of data read from a file, where how a value is written matters."""


def _time(value: object, info: ValidationInfo) -> int:
    """A duration that says its unit in a file: a bare number there is a count everywhere else."""
    written = value.strip(" ") if isinstance(value, str) else value
    if isinstance(written, str) and written.isascii() and written.isdigit() and len(written) < 9:
        written = int(written)
    if info.context == FROM_FILE and isinstance(written, int) and not isinstance(written, bool):
        minutes = written if 0 < written <= MAX_SECONDS // 60 else 8
        raise PydanticCustomError(
            "bare_number",
            "a bare number counts rounds (as emom: and repeat: do); give the time its unit, "
            "like {minutes}m for {spoken}",
            {"minutes": minutes, "spoken": f"{minutes} minute{'' if minutes == 1 else 's'}"},
        )
    return _duration(value)


def _one_line(text: str) -> str:
    found = CONTROL.search(text)
    if found:
        raise PydanticCustomError(
            "control_character",
            "holds {shown}, which is not text on a line; remove it",
            {"shown": _shown(found.group())},
        )
    return text


def _lines(text: str) -> str:
    _one_line(text.replace("\n", " "))
    return text


def _shown(char: str) -> str:
    if char == "\n":
        return "a line break"
    if char == "\t":
        return "a tab"
    return f"the control character U+{ord(char):04X}"


def _bpm(value: object) -> int | Literal["off"] | None:
    if value is None or value == "off" or value is False:
        return None if value is None else "off"
    low, high = BPM_RANGE
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    raise PydanticCustomError(
        "bpm", f"the beat's tempo is a whole number from {low} to {high}, or off for no beat"
    )


def _scene(value: object) -> Scene:
    for scene in SCENES:
        if value == scene:
            return scene
    raise PydanticCustomError(
        "scene", f"the scene is one of {', '.join(SCENES[:-1])} or {SCENES[-1]}"
    )


def _measure(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return value


Duration = Annotated[
    int,
    PlainValidator(_duration),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_SECONDS},
                {"type": "string", "pattern": DURATION_PATTERN},
            ],
            "description": "Seconds (45) or text: 45s, 2m, 1m30s, 1h5m, 1:30, 1:02:03.",
        }
    ),
]
"""A duration in whole seconds, written as a number or text."""

Time = Annotated[
    int,
    PlainValidator(_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": TIME_PATTERN,
            "description": "A time with its unit: 8m, 90s, 1m30s, 1h, 12:00.",
        }
    ),
]
"""A duration written with its unit or as a clock: where a bare number would read as a count."""


LINE_PATTERN = r"^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$"
"""Text on one line, for the JSON Schema: what ``safe_text.CONTROL`` finds is not in it."""

PARAGRAPH_PATTERN = r"^[^\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]*$"
"""Text over one or more lines, for the JSON Schema: line feeds are its only control."""

Line = Annotated[
    str, AfterValidator(_one_line), WithJsonSchema({"type": "string", "pattern": LINE_PATTERN})
]
"""A line of text from the file: no control characters, no line breaks."""

Text = Annotated[
    str,
    Field(min_length=1),
    AfterValidator(_one_line),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": LINE_PATTERN}),
]
"""A line of text that may not be empty."""

Paragraph = Annotated[
    str, AfterValidator(_lines), WithJsonSchema({"type": "string", "pattern": PARAGRAPH_PATTERN})
]
"""Text that may run over several lines, but holds no other control characters."""

Count = Annotated[int, Field(strict=True, ge=1, le=MAX_REPEAT)]
"""A whole number of reps or rounds."""

Measure = Annotated[
    str,
    BeforeValidator(_measure),
    AfterValidator(_one_line),
    WithJsonSchema({"type": ["string", "number"], "pattern": LINE_PATTERN}),
]
"""A load or a distance: free text such as ``heavy log`` or ``40 m``."""

Bpm = Annotated[
    int | Literal["off"] | None,
    PlainValidator(_bpm),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": BPM_RANGE[0], "maximum": BPM_RANGE[1]},
                {"const": "off"},
            ],
            "description": "Tempo of the beat during work, in beats per minute, or off.",
        }
    ),
]
"""The beat's tempo, ``off``, or unset for the default."""

SceneName = Annotated[
    Scene,
    PlainValidator(_scene),
    WithJsonSchema(
        {
            "enum": list(SCENES),
            "description": "The look of the session: barn (lamplit log barn), lab (cold steel,"
            " red LED digits) or neon (the 80s night). Without it, a tag picks one (strength:"
            " barn, conditioning: lab), else neon.",
        }
    ),
]
"""A scene's name."""
