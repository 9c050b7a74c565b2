"""The commented starter file ``montage new`` writes."""

from __future__ import annotations

import re
from pathlib import Path

from montage.workout.schema import MODELINE, SCHEMA_FILE, schema_text

_TEMPLATE = """{modeline}
# A montage workout. Durations: 45 (seconds), 45s, 2m, 1m30s, 1h5m, 1:30, 1:02:03.
# Check it with:  montage validate {filename}
# Run it with:    montage run {quoted_name}

name: {name}
description: What this workout is for, in a line.
tags: [custom]
bpm: 150          # tempo of the beat during work (60-220), or off
scene: neon       # the look of the session: barn, lab or neon
prepare: 10s      # get-ready countdown before the first step

steps:
  - exercise: Sandbag carry           # a timed step
    time: 45s
    cue: Hug it high. Short steps, chest up.
    load: 20 kg sandbag
  - rest: 15s
  - repeat: 3                         # a block done three times
    rest_between: 30s                 # rest between rounds, not after the last
    steps:
      - exercise: Towel sled drag
        time: 40s
        distance: 20 m
      - exercise: Push-up
        reps: 15                      # ends when you say done (Enter, or d)
        time: 1m                      # ...or at this cap
  - amrap: 5m                         # as many rounds as possible in 5 minutes
    steps:
      - exercise: Squat
        reps: 10
      - exercise: Sit-up
        reps: 10
  - emom: 4                           # every minute on the minute, 4 rounds
    steps:
      - exercise: Burpee
        reps: 6

cooldown: 2m
"""


class StarterExists(FileExistsError):
    """The starter's file is already there; it is never overwritten."""


def slug(name: str) -> str:
    """Turn a workout's name into a file stem: ``Barn Burner!`` becomes ``barn-burner``.

    Args:
        name: The workout's name.

    Returns:
        Lower-case words joined by dashes; ``workout`` when nothing is left.
    """
    return re.sub(r"[^0-9a-z]+", "-", name.casefold()).strip("-") or "workout"


def write_starter(name: str, folder: Path) -> Path:
    """Write a commented starter workout, and the schema beside it for editors.

    Args:
        name: The workout's name.
        folder: The user's workouts folder; made when missing.

    Returns:
        The new file.

    Raises:
        StarterExists: A file of that name is already there.
        OSError: The folder or file cannot be written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug(name)}.yaml"
    quoted = f'"{name}"' if re.search(r"\s", name) else name
    text = _TEMPLATE.format(
        modeline=MODELINE,
        filename=path.name,
        name=_yaml_text(name),
        quoted_name=quoted,
    )
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise StarterExists(f"{path} already exists; pick another name or edit it") from None
    (folder / SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
    return path


def _yaml_text(text: str) -> str:
    """Quote a name when YAML would otherwise read it as something else."""
    plain = re.fullmatch(r"[A-Za-z][\w .,'!?()-]*", text)
    if plain and text.casefold() not in {"true", "false", "null"}:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
