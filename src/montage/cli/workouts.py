"""The workout commands: ``list``, ``show``, ``progress``, ``validate``, ``schema``, ``new``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from montage.cli.shared import (
    err,
    planned_entry,
    timeline_of,
)
from montage.durations import format_duration
from montage.paths import (
    user_workouts_dir,
)
from montage.safe_text import visible
from montage.session.progression import changes
from montage.workout.catalogue import catalogue, find
from montage.workout.text import change_text, list_lines, plan_lines, show_row


def cmd_list(args: argparse.Namespace) -> int:
    """Print every known workout with its total time and tags."""
    lines = list_lines(catalogue())
    if not lines:
        print("No workouts found. Write one with:  montage new NAME")
        return 0
    print("\n".join(lines))
    print(f"\nYour workouts folder: {visible(str(user_workouts_dir()))}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print a workout's timeline, as a table or as JSON."""
    entry = find(args.workout)
    if entry.error is not None:  # its file name may hold anything: print it safely
        for problem in entry.error.problems:
            err(visible(str(problem)))
        return 1
    timeline = timeline_of(planned_entry(entry))
    if args.json:
        data: dict[str, Any] = {**timeline.to_json(), "path": str(entry.path)}
        for step, shown in zip(timeline.steps, data["steps"], strict=True):
            grown = changes(timeline, step.target) if step.target is not None else []
            written = {change.quantity: change.written for change in grown}
            if written:
                shown["written"] = written  # what the file asks, before the log's progress
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    beat = f"beat {timeline.bpm} bpm" if timeline.bpm else "no beat"
    total = format_duration(timeline.total_seconds)
    print(visible(f"{timeline.name} - {total} - {len(timeline)} steps - {beat}"))
    if timeline.description:
        print(visible(timeline.description, newlines=True))
    for change in changes(timeline):
        if change.quantity == "rounds":  # a step's own changes are on its row
            print(visible(f"{change.rule.name}: {change_text(change)}"))
    print()
    for step in timeline.steps:
        print(visible(show_row(step, timeline)))
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    """Print a workout's current targets, or forget them with ``--reset``."""
    entry = find(args.workout)
    timeline = timeline_of(entry)
    name = visible(timeline.name)
    if not timeline.rules:
        print(f"{name} has no progress: rules; give a step one, like progress: {{reps: +1}}")
        return 0
    if args.reset:
        from montage.log.errors import LogError
        from montage.log.opening import open_log

        try:
            with open_log() as store:  # where the settings put the log
                steps = store.reset_targets(timeline.name)
        except LogError as error:
            err(f"montage: {error}")
            return 1
        if steps:
            print(
                f"{name}: reset the targets of {steps} step{'s' if steps != 1 else ''};"
                " the next session asks what the file writes"
            )
        else:
            print(f"{name}: nothing to reset; its targets are the file's own")
        return 0
    timeline = timeline_of(planned_entry(entry))
    print(f"{name}: current targets")
    print("\n".join(plan_lines(timeline)))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check workouts, by file, folder or name, and their sounds; exit 1 when any has a problem."""
    from montage.validation import validate

    return validate(args.paths)


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a workout file."""
    from montage.workout.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Write a starter workout into the user's workouts folder and print its path."""
    from montage.workout.catalogue import shipped_named
    from montage.workout.starter import StarterError, write_starter

    try:
        path = write_starter(args.name, user_workouts_dir())
    except StarterError as error:
        err(f"montage: {error}")
        return 1
    print(visible(str(path)))
    shipped = shipped_named(args.name)
    if shipped is not None:
        err(
            f"montage: the shipped workout '{shipped.name}' has this name too; yours replaces "
            "it in the picker and in 'montage list'"
        )
    return 0
