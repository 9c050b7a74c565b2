"""The commented starter file ``montage new`` writes."""

from __future__ import annotations

import re
import shlex
import unicodedata
from pathlib import Path

from montage.files import write_whole
from montage.safe_text import CONTROL, visible
from montage.workout.catalogue import normalise
from montage.workout.schema import MODELINE, SCHEMA_FILE, schema_text

_TEMPLATE = """{modeline}
# A montage workout. Durations: 45 (seconds), 45s, 2m, 1m30s, 1h5m, 1:30, 1:02:03.
# Check it with:  montage validate {quoted_path}
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


LONGEST_STEM = 60
"""The most characters of a workout's name kept in its file name."""


class StarterError(ValueError):
    """The starter cannot be written: a name that is not one, a file already there, a full
    disk. The text says what to do."""


def slug(name: str) -> str:
    """Turn a workout's name into a file stem: ``Barn Burner!`` becomes ``barn-burner``.

    Letters and digits of every script are kept (``Café`` stays ``café``), everything
    else becomes a dash, and a long name is cut at a dash.

    Args:
        name: The workout's name.

    Returns:
        Lower-case words joined by dashes; ``workout`` when nothing is left.
    """
    stem = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", name).lower()).strip("-")
    if len(stem) > LONGEST_STEM:
        cut = stem[: LONGEST_STEM + 1]
        stem = cut[: cut.rfind("-")] if "-" in cut else stem[:LONGEST_STEM]
    return stem.strip("-") or "workout"


def check_name(name: str) -> None:
    """Refuse a name that cannot be a workout's: one that is not a line of text, or has no
    letter or digit to find it by.

    Args:
        name: The name asked for.

    Raises:
        StarterError: The name cannot be used; the text says why.
    """
    control = CONTROL.search(name)
    if control:
        raise StarterError(
            f"a workout's name is one line of text; this one holds {visible(control.group())}"
        )
    if not normalise(name):
        raise StarterError("a workout's name needs a letter or a digit, like 'Barn Burner'")


def write_starter(name: str, folder: Path) -> Path:
    """Write a commented starter workout, and the schema beside it for editors.

    Args:
        name: The workout's name.
        folder: The user's workouts folder; made when missing.

    Returns:
        The new file.

    Raises:
        StarterError: The name cannot be used, a file of that name is already
            there, or the files cannot be written; nothing is left half written.
    """
    check_name(name)
    path = folder / f"{slug(name)}.yaml"
    text = _TEMPLATE.format(
        modeline=MODELINE,
        quoted_path=visible(shlex.quote(str(path))),
        name=_yaml_text(name),
        quoted_name=shlex.quote(name),
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = path.open("x", encoding="utf-8")
    except FileExistsError:
        raise StarterError(
            f"{visible(str(path))} already exists; pick another name or edit it"
        ) from None
    except OSError as error:
        raise StarterError(f"cannot write {visible(str(path))}: {_reason(error)}") from None
    try:
        with handle:
            handle.write(text)
        _write_schema(folder)
    except OSError as error:
        path.unlink(missing_ok=True)  # a full disk leaves no empty workout behind
        raise StarterError(f"cannot write {visible(str(path))}: {_reason(error)}") from None
    return path


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _write_schema(folder: Path) -> None:
    """The schema beside the workouts, written whole or not at all."""
    write_whole(folder / SCHEMA_FILE, schema_text())


def _yaml_text(text: str) -> str:
    """Quote a name when YAML would otherwise read it as something else."""
    plain = re.fullmatch(r"[^\W\d_][\w .,'!?()-]*", text)
    if plain and not text.endswith(" ") and text.casefold() not in {"true", "false", "null"}:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
