"""The workout file format as pydantic models: the one source of truth.

The loader validates a file against these models, ``montage schema`` prints
their JSON Schema, and the timeline compiles them. A step is exactly one of a
work step, a rest step or a block (repeat, AMRAP, EMOM); which one is decided
by the key that names it. The values they hold are typed in ``fields``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, assert_never, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from montage.workout.fields import (
    Bpm,
    Count,
    Duration,
    Line,
    Measure,
    Paragraph,
    SceneName,
    Text,
    Time,
)

StepKey = Literal["exercise", "rest", "repeat", "amrap", "emom"]
"""The keys that say what a step is; a step has exactly one of them."""

KIND_KEYS: tuple[StepKey, ...] = get_args(StepKey)
"""Each key that says what a step is, in the order they are looked for."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WorkStep(_Strict):
    """An exercise, timed (``time``), counted (``reps``), or counted with a time cap (both)."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["time"]}, {"required": ["reps"]}]},
    )

    exercise: Text = Field(description="What to do, shown in big letters.")
    """The exercise's name."""
    time: Duration | None = Field(
        default=None, description="How long it lasts; with reps, a cap on the time."
    )
    """Seconds it lasts, or its cap when it also has reps."""
    reps: Count | None = Field(
        default=None, description="Reps to do; the step ends when you say done."
    )
    """Reps to do; the step waits for done."""
    cue: Line | None = Field(default=None, description="A coaching line shown during the step.")
    """A coaching line."""
    load: Measure | None = Field(default=None, description="The load, as free text.")
    """What is lifted or carried."""
    distance: Measure | None = Field(default=None, description="The distance, as free text.")
    """How far."""
    sound: Line | None = Field(
        default=None, description="A WAV file played as the step starts, relative to this file."
    )
    """A WAV to play at the start, relative to the workout file."""
    log_reps: bool | None = Field(
        default=None,
        description="Ask for the reps done when the step ends (overrides the workout's).",
    )
    """Ask for the reps done when it ends; None follows the workout."""

    @model_validator(mode="after")
    def _has_time_or_reps(self) -> WorkStep:
        if self.time is None and self.reps is None:
            raise PydanticCustomError(
                "time_or_reps",
                "a work step needs time: (a timed step) or reps: (it ends when you say done)",
            )
        return self


class RestStep(_Strict):
    """A rest of a fixed length."""

    rest: Duration = Field(description="How long to rest.")
    """Seconds of rest."""
    cue: Line | None = Field(default=None, description="A line shown during the rest.")
    """A line shown during the rest."""


class RepeatBlock(_Strict):
    """Steps done several times over, with an optional rest between the rounds."""

    repeat: Count = Field(description="How many rounds.")
    """How many rounds."""
    name: Line | None = Field(default=None, description="A name for the block, shown with rounds.")
    """A name shown with the round."""
    rest_between: Duration | None = Field(
        default=None, description="A rest between rounds (not after the last)."
    )
    """A rest inserted between rounds, not after the last."""
    steps: list[Step] = Field(min_length=1, description="The steps of one round.")
    """The steps of one round."""


class AmrapBlock(_Strict):
    """As many rounds as possible of its steps in a fixed time."""

    amrap: Time = Field(description="The time to fit as many rounds as possible into, like 8m.")
    """The length of the block."""
    name: Line | None = Field(default=None, description="A name for the block.")
    """A name shown for the block."""
    steps: list[InnerStep] = Field(min_length=1, description="The steps of one round.")
    """The steps of one round, looped until time is up."""
    log_reps: bool | None = Field(
        default=None,
        description="Ask for the rounds done when the block ends (overrides the workout's).",
    )
    """Ask for the rounds done when it ends; None follows the workout."""


class EmomBlock(_Strict):
    """Every minute on the minute: the steps at the start of each interval, then rest."""

    emom: Count = Field(description="How many intervals (rounds).")
    """How many intervals."""
    every: Duration = Field(default=60, description="The length of each interval (default 1m).")
    """The length of each interval."""
    name: Line | None = Field(default=None, description="A name for the block.")
    """A name shown for the block."""
    steps: list[InnerStep] = Field(min_length=1, description="The steps at each interval's start.")
    """The steps done at the start of each interval."""


def step_key(value: Any) -> StepKey | None:
    """Tell which kind of step a raw mapping or a step model is, by its naming key.

    Args:
        value: A mapping from a file, or a step model.

    Returns:
        The key naming its kind, or None when it has none.
    """
    if isinstance(value, dict):
        return next((key for key in KIND_KEYS if key in value), None)
    match value:
        case WorkStep():
            return "exercise"
        case RestStep():
            return "rest"
        case RepeatBlock():
            return "repeat"
        case AmrapBlock():
            return "amrap"
        case EmomBlock():
            return "emom"
        case _:
            return None


def step_kind(value: Any) -> str | None:
    """The tag of a step's kind for pydantic's discriminator: its naming key and ``-step``."""
    key = step_key(value)
    return None if key is None else key + "-step"


def step_model(key: StepKey) -> type[BaseModel]:
    """The model that reads a step of the kind ``key`` names."""
    match key:
        case "exercise":
            return WorkStep
        case "rest":
            return RestStep
        case "repeat":
            return RepeatBlock
        case "amrap":
            return AmrapBlock
        case "emom":
            return EmomBlock
        case _:
            assert_never(key)


STEP_TAGS = frozenset(key + "-step" for key in KIND_KEYS)
"""The tags pydantic puts in an error's location after a step's index."""

_KIND_ERROR = "a step is exactly one of exercise:, rest:, repeat:, amrap: or emom:"

Step = Annotated[
    Annotated[WorkStep, Tag("exercise-step")]
    | Annotated[RestStep, Tag("rest-step")]
    | Annotated[RepeatBlock, Tag("repeat-step")]
    | Annotated[AmrapBlock, Tag("amrap-step")]
    | Annotated[EmomBlock, Tag("emom-step")],
    Discriminator(step_kind, custom_error_type="step_kind", custom_error_message=_KIND_ERROR),
]
"""Any step of a workout."""

InnerStep = Annotated[
    Annotated[WorkStep, Tag("exercise-step")]
    | Annotated[RestStep, Tag("rest-step")]
    | Annotated[RepeatBlock, Tag("repeat-step")],
    Discriminator(step_kind, custom_error_type="step_kind", custom_error_message=_KIND_ERROR),
]
"""A step inside an AMRAP or EMOM block: no further AMRAP or EMOM."""


class Workout(_Strict):
    """A whole workout file."""

    model_config = ConfigDict(title="montage workout")

    name: Text = Field(description="The workout's name, shown in the picker.")
    """The name shown in the picker."""
    description: Paragraph | None = Field(default=None, description="What the workout is about.")
    """A line or two about the workout."""
    tags: list[Text] = Field(default_factory=list, description="Words to find it by.")
    """Words to filter by."""
    bpm: Bpm = None
    """The beat's tempo during work, ``off``, or None for the default."""
    scene: SceneName | None = None
    """The session's look; None picks one by the tags."""
    prepare: Duration = Field(default=10, description="Get-ready countdown before the first step.")
    """Seconds of get-ready countdown before the first step."""
    cooldown: Duration | None = Field(default=None, description="A cool-down at the end.")
    """Seconds of cool-down at the end."""
    log_reps: bool = Field(
        default=False,
        description="Ask for the reps (rounds for an AMRAP) done after each work step.",
    )
    """Ask for the reps or rounds done after each work step and AMRAP."""
    steps: list[Step] = Field(min_length=1, description="The steps, in order.")
    """The steps, in order."""


RepeatBlock.model_rebuild()
AmrapBlock.model_rebuild()
EmomBlock.model_rebuild()
Workout.model_rebuild()

AnyStep = WorkStep | RestStep | RepeatBlock | AmrapBlock | EmomBlock
"""Any step model, for code that walks a workout."""
