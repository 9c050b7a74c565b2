"""Editing a workout's file in the user's editor, with the app suspended meanwhile."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import App

from montage.paths import user_workouts_dir
from montage.workout.catalogue import Entry, editable_copy, load_entry

if TYPE_CHECKING:
    from montage.app.screens.picker import PickerScreen


def edit_entry(
    app: App[None],
    entry: Entry,
    edit: Callable[[Path], None],
    entries: Callable[[], list[Entry]],
) -> None:
    """Edit a workout's file (a shipped one as the user's copy), then show the picker anew
    with it chosen.

    Args:
        app: Tells the user what happened and shows the workouts.
        entry: The workout to edit.
        edit: Opens a file in the editor (the app's ``edit_file``, which a browser's app
            answers differently).
        entries: Every workout, read again once the file is saved.
    """
    path = editable(app, entry)
    if path is None:
        return
    edit(path)
    if getattr(app.screen, "id", None) == "picker":
        picker = cast("PickerScreen", app.screen)
        picker.set_entries(entries(), select=load_entry(path, "user"))


def editable(app: App[None], entry: Entry) -> Path | None:
    """The file to edit: a shipped workout is first copied into the user's folder.

    Args:
        app: Tells the user what happened.
        entry: The workout to edit.
    """
    try:
        path, copied = editable_copy(entry, user_workouts_dir())
    except OSError as error:
        app.notify(f"Cannot copy {entry.path.name}: {error.strerror}", severity="error")
        return None
    if copied:
        app.notify(f"Editing your copy: {path}", timeout=4)
    return path


def run_editor(app: App[None], path: Path) -> None:
    """Open a file in ``$VISUAL`` or ``$EDITOR`` (else nano or vi), the app suspended.

    Args:
        app: The app to suspend.
        path: The file to edit.
    """
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or _fallback_editor()
    if editor is None:
        app.notify("Set $EDITOR to edit workouts here.", severity="warning")
        return
    try:
        with app.suspend():
            subprocess.run([*shlex.split(editor), str(path)], check=False)
    except (OSError, RuntimeError) as error:
        app.notify(f"Cannot run {editor}: {error}", severity="error")


def _fallback_editor() -> str | None:
    for name in ("nano", "vi"):
        if shutil.which(name):
            return name
    return None
