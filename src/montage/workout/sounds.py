"""Where a workout's ``sound:`` may lead: a regular file beside the workout, or among yours.

A workout file from a friend or a forum is untrusted, so its sounds may not
reach the rest of the disk. A ``sound:`` is a path relative to the workout's
folder; once its links are followed it must be inside that folder or inside the
user's sounds folder, and be a regular file. Nothing is opened here: the file
is only looked at, so a device or a pipe is refused without being read.
"""

from __future__ import annotations

import stat
from pathlib import Path

from montage.paths import user_sounds_dir
from montage.safe_text import CONTROL


class SoundRefused(ValueError):
    """A ``sound:`` that leads somewhere montage will not play from; the text says why."""


def sound_file(text: str, folder: Path) -> Path:
    """The file a ``sound:`` names, once it is known to stay beside its workout.

    Args:
        text: The ``sound:`` as written.
        folder: The workout file's folder.

    Returns:
        The file, its links followed. It may not exist: a missing sound is told
        by ``montage validate`` and, in a session, by the sound's own notice.

    Raises:
        SoundRefused: The path is absolute, leads out of the allowed folders, or
            is not a regular file.
    """
    if CONTROL.search(text):
        raise SoundRefused("holds a control character; write the file's name as plain text")
    written = Path(text)
    if written.anchor:
        raise SoundRefused("is an absolute path; write where the WAV is from this workout's folder")
    try:
        target = (folder / written).resolve()
        roots = (folder.resolve(), user_sounds_dir().resolve())
    except (OSError, RuntimeError):  # a loop of links
        raise SoundRefused("is a link that leads round in a loop") from None
    if not any(target.is_relative_to(root) for root in roots):
        how = "leads out of" if ".." in written.parts else "is a link out of"
        raise SoundRefused(
            f"{how} this workout's folder; keep the WAV beside the workout or in your sounds folder"
        )
    try:
        mode = target.stat().st_mode
    except OSError:
        return target
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "a device or a pipe"
        raise SoundRefused(f"is {what}, not a WAV file")
    return target
