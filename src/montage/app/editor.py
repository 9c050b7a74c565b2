"""Which editor opens a workout file from the app: the user's, or one every system has."""

from __future__ import annotations

import os
import shutil


def editor_command() -> str | None:
    """``$VISUAL``, else ``$EDITOR``, else nano or vi where installed; None with none."""
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return chosen
    return next((name for name in ("nano", "vi") if shutil.which(name)), None)
