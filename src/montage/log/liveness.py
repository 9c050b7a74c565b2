"""Whether the montage that started a session is still running it.

A process id alone cannot tell: a pid is reused by the next process, and a
montage that ran as PID 1 of a container looks alive from outside it for ever.
So a montage with a session running holds a lock on a file of its own in the
folder beside the log (``montage.db-running/``), and the session's row names
that file. The operating system lets go of the lock when the process ends, however
it ends; whoever can take the lock knows the session's process is gone. A row
from an older montage, or from a system without file locks, names no file and
is judged by its pid as before.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import suppress
from pathlib import Path

if sys.platform != "win32":  # Windows has no flock: sessions there are judged by their pid
    import fcntl

_NAME = re.compile(r"[0-9a-f]{32}")
"""A lock file's name as montage makes it; the log's text is not trusted to be one."""


def lock_folder(log: Path) -> Path:
    """The folder of lock files beside the log at ``log``."""
    return log.with_name(f"{log.name}-running")


class SessionLock:
    """A lock this process holds while its sessions run; let go with ``release``.

    Args:
        folder: Where its file is.
        name: Its file's name, kept in each session's row.
        descriptor: The open file holding the lock.
    """

    def __init__(self, folder: Path, name: str, descriptor: int) -> None:
        self._path = folder / name
        self._descriptor: int | None = descriptor
        self.name = name
        """The file's name, as the log keeps it."""

    @classmethod
    def take(cls, log: Path) -> SessionLock | None:
        """Make a lock file beside the log at ``log`` and hold it.

        Returns:
            The lock; None where files cannot be locked (the pid is kept instead).
        """
        if sys.platform == "win32":
            return None
        folder = lock_folder(log)
        name = os.urandom(16).hex()  # as secrets makes it, without loading hashlib (1 MB)
        try:
            folder.mkdir(exist_ok=True)
            descriptor = os.open(folder / name, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except OSError:
            return None  # a full disk, say: the pid still tells something
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            with suppress(OSError):
                (folder / name).unlink()
            return None
        return cls(folder, name, descriptor)

    def release(self) -> None:
        """Remove the file and let go of the lock (the sessions it covered are over)."""
        if self._descriptor is None:
            return
        with suppress(OSError):
            self._path.unlink()
        os.close(self._descriptor)
        self._descriptor = None


def owner_alive(log: Path, name: object) -> bool | None:
    """Whether the process holding the lock file ``name`` beside ``log`` is running.

    A file whose lock can be taken belongs to a process that has ended: it is removed.

    Returns:
        True or False; None when the name is not one montage makes, or locks cannot
        be used here (then the pid must tell).
    """
    if sys.platform == "win32" or not isinstance(name, str) or not _NAME.fullmatch(name):
        return None
    path = lock_folder(log) / name
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False  # released at the end, or removed by whoever found it dead
    except OSError:
        return None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return None
        with suppress(OSError):
            path.unlink()
        return False
    finally:
        os.close(descriptor)


def process_alive(pid: object) -> bool:
    """Whether ``pid`` (as read from the log: maybe not even a number) is a live process
    other than this one."""
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid():
        return False
    if os.name == "nt":
        # os.kill would end the process there; keep its session as it is.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except (OSError, OverflowError):
        return False
    return True
