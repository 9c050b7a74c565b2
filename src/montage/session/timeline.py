"""A compiled workout: a flat timeline of steps in the order they are done.

Repeats are unrolled; an AMRAP is one step of fixed length whose moves loop; an
EMOM is one step per interval whose moves are done at its start. Every step
knows where it sits: its round in each enclosing block. This module is plain
data (no validation library), so a cached timeline loads fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from montage.session.rules import Rule, Standing

DEFAULT_BPM = 150
"""The tempo of the beat when a workout does not set one."""

StepKind = Literal["prepare", "work", "rest", "cooldown"]
"""The phase a step belongs to; the screen colours by it."""

Mode = Literal["timed", "reps", "amrap", "emom"]
"""How a step ends: at its time, when the user says done (or at its cap), or as a block."""

Scene = Literal["barn", "lab", "neon"]
"""The look of a session: Rocky's lamplit barn, Drago's cold lab, or the neon night."""

SCENES: tuple[Scene, ...] = ("barn", "lab", "neon")
"""Every scene, in the order the docs list them."""

SCENE_TAGS: dict[str, Scene] = {
    "barn": "barn",
    "strength": "barn",
    "snow": "barn",
    "running": "barn",
    "outdoor": "barn",
    "lab": "lab",
    "conditioning": "lab",
    "tabata": "lab",
    "machines": "lab",
    "neon": "neon",
}
"""The tags that pick a scene for a workout that does not name one."""


def default_scene(tags: tuple[str, ...] | list[str]) -> Scene:
    """The scene of a workout with no ``scene:``: its first tag that picks one, else neon.

    Args:
        tags: The workout's tags, in the order written.
    """
    for tag in tags:
        scene = SCENE_TAGS.get(tag.casefold())
        if scene is not None:
            return scene
    return "neon"


@dataclass(frozen=True, slots=True)
class Round:
    """A step's round within one enclosing block."""

    label: str
    """The block's name, or ``Round``."""
    number: int
    """This round, from 1."""
    of: int
    """How many rounds the block has."""

    def __str__(self) -> str:
        return f"{self.label} {self.number}/{self.of}"


@dataclass(frozen=True, slots=True)
class Move:
    """One exercise or rest inside an AMRAP round or an EMOM interval."""

    kind: Literal["work", "rest"]
    """Work or rest."""
    name: str
    """What to do."""
    seconds: int | None
    """Its time, or its cap; None for a rep move that waits for done."""
    reps: int | None = None
    """Reps to do, for a rep move."""
    cue: str | None = None
    """A coaching line."""
    load: str | None = None
    """What is lifted or carried."""
    distance: str | None = None
    """How far."""
    sound: Path | None = None
    """A WAV to play as it starts."""
    exercise: str | None = None
    """The exercise's key (``montage.session.rules.exercise_key``), for a work move."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the timeline."""

    index: int
    """Its place in the timeline, from 0."""
    kind: StepKind
    """Its phase."""
    name: str
    """What it is called on screen."""
    seconds: int | None
    """Planned length; a rep step's cap; None for an uncapped rep step."""
    mode: Mode = "timed"
    """How it ends."""
    reps: int | None = None
    """Reps to do, for a rep step."""
    cue: str | None = None
    """A coaching line."""
    load: str | None = None
    """What is lifted or carried."""
    distance: str | None = None
    """How far."""
    sound: Path | None = None
    """A WAV to play as it starts."""
    rounds: tuple[Round, ...] = ()
    """Its round in each enclosing block, outermost first."""
    moves: tuple[Move, ...] = ()
    """For an AMRAP or EMOM step, what is done inside it."""
    log_reps: bool = False
    """Ask for the reps (rounds for an AMRAP) done when it ends."""
    exercise: str | None = None
    """The exercise's key (``montage.session.rules.exercise_key``), for a work step that is
    one exercise: the same exercise in any workout, however it is worded."""
    target: str | None = None
    """The key of its progression rule (``Rule.key``), when it has one."""
    blocks: tuple[str, ...] = ()
    """The keys of the rules of the repeats it is in that progress their rounds."""

    @property
    def round(self) -> Round | None:
        """The innermost round this step is in, if any."""
        return self.rounds[-1] if self.rounds else None

    def to_json(self) -> dict[str, Any]:
        """The step as JSON-ready data."""
        data: dict[str, Any] = {
            "index": self.index,
            "kind": self.kind,
            "name": self.name,
            "seconds": self.seconds,
            "mode": self.mode,
        }
        extras = {
            "reps": self.reps,
            "cue": self.cue,
            "load": self.load,
            "distance": self.distance,
            "sound": str(self.sound) if self.sound else None,
        }
        data.update({key: value for key, value in extras.items() if value is not None})
        if self.rounds:
            data["rounds"] = [
                {"label": r.label, "number": r.number, "of": r.of} for r in self.rounds
            ]
        if self.moves:
            data["moves"] = [_move_json(move) for move in self.moves]
        if self.log_reps:
            data["log_reps"] = True
        return data


@dataclass(frozen=True, slots=True)
class Timeline:
    """A compiled workout: its steps in order."""

    name: str
    """The workout's name."""
    steps: tuple[Step, ...]
    """The steps, in order."""
    bpm: int | None = DEFAULT_BPM
    """The beat's tempo during work; None when the beat is off."""
    description: str | None = None
    """What the workout is about."""
    tags: tuple[str, ...] = field(default=())
    """Words to find it by."""
    scene: Scene = "neon"
    """The look its session is shown in."""
    rules: tuple[Rule, ...] = ()
    """The progression rules of its steps and repeats, in the order written."""
    standings: tuple[tuple[str, Standing], ...] = ()
    """Where each rule stands, by key, once the targets are progressed from the log
    (``montage.session.progression.progressed``); not kept in the cache."""

    def rule(self, key: str | None) -> Rule | None:
        """The rule of a step's ``target`` or ``blocks`` key, if there is one."""
        return next((rule for rule in self.rules if rule.key == key), None)

    @property
    def total_seconds(self) -> int:
        """The planned length: every timed step, caps for capped rep steps, blocks whole."""
        return sum(step.seconds or 0 for step in self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def new_round(self, step: Step) -> Round | None:
        """The round that ``step`` opens, when it is the first step of round 2 or later."""
        position = step.round
        if position is None or position.number == 1 or step.index == 0:
            return None
        previous = self.steps[step.index - 1].round
        if previous is not None and previous.number == position.number:
            return None
        return position

    def to_json(self) -> dict[str, Any]:
        """The timeline as JSON-ready data, as ``montage show --json`` prints it."""
        return {
            "name": self.name,
            "description": self.description,
            "tags": list(self.tags),
            "bpm": self.bpm,
            "total_seconds": self.total_seconds,
            "steps": [step.to_json() for step in self.steps],
        }

    def to_data(self) -> dict[str, Any]:
        """Every field as JSON-ready data, read back by ``from_data``."""
        return {
            "name": self.name,
            "description": self.description,
            "tags": list(self.tags),
            "bpm": self.bpm,
            "scene": self.scene,
            "steps": [_step_data(step) for step in self.steps],
            "rules": [rule.to_data() for rule in self.rules],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Timeline:
        """Rebuild a timeline from ``to_data``'s output.

        Raises:
            KeyError, TypeError, ValueError: The data is not a timeline's.
        """
        scene = data["scene"]
        if scene not in SCENES:
            raise ValueError(f"not a scene: {scene!r}")
        return cls(
            name=data["name"],
            description=data["description"],
            tags=tuple(data["tags"]),
            bpm=data["bpm"],
            scene=scene,
            steps=tuple(_step_from(item) for item in data["steps"]),
            rules=_rules_from(data.get("rules", ())),
        )


def _rules_from(items: list[dict[str, Any]]) -> tuple[Rule, ...]:
    if not items:
        return ()
    # the rules' module loads only for a workout that progresses, off a session's first frame
    from montage.session.rules import Rule

    return tuple(Rule.from_data(item) for item in items)


def _step_data(step: Step) -> dict[str, Any]:
    data = {name: getattr(step, name) for name in Step.__dataclass_fields__}
    data["sound"] = str(step.sound) if step.sound else None
    data["rounds"] = [[r.label, r.number, r.of] for r in step.rounds]
    data["moves"] = [
        {
            **{name: getattr(move, name) for name in Move.__dataclass_fields__},
            "sound": str(move.sound) if move.sound else None,
        }
        for move in step.moves
    ]
    data["blocks"] = list(step.blocks)
    for name in ("log_reps", "exercise", "target", "blocks"):
        if not data[name]:
            del data[name]
    return data


def _step_from(data: dict[str, Any]) -> Step:
    fields = dict(data)
    fields["sound"] = Path(data["sound"]) if data["sound"] else None
    fields["rounds"] = tuple(Round(*item) for item in data["rounds"])
    fields["blocks"] = tuple(data.get("blocks", ()))
    fields["moves"] = tuple(
        Move(**{**move, "sound": Path(move["sound"]) if move["sound"] else None})
        for move in data["moves"]
    )
    return Step(**fields)


def _move_json(move: Move) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": move.kind, "name": move.name, "seconds": move.seconds}
    extras = {"reps": move.reps, "cue": move.cue, "load": move.load, "distance": move.distance}
    data.update({key: value for key, value in extras.items() if value is not None})
    return data
