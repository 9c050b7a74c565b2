"""The JSON Schema of a workout file, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from montage.workout.models import Workout

SCHEMA_FILE = "workout.schema.json"
"""The schema's file name beside the workouts, as the modeline names it."""

MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"
"""The first line of a workout file, telling editors where its schema is."""


def workout_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a workout file."""
    schema = Workout.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    """The schema as the text ``montage schema`` prints and the schema file holds."""
    return json.dumps(workout_schema(), indent=2, ensure_ascii=False) + "\n"
