"""Files written whole or not at all: whoever reads one finds the old file or the new one,
never a part (another montage may be reading it, or the disk may fill up midway)."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def write_whole(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a file of its own beside it, then put that file in
    the place of ``path`` at once; a failed write leaves ``path`` as it was and nothing
    beside it.

    Args:
        path: The file; its folder must exist.
        data: Its new content: text is written as UTF-8.

    Raises:
        OSError: The file cannot be written.
    """
    # a name of this process and thread, so that two writers never share one
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        if isinstance(data, str):
            temporary.write_text(data, encoding="utf-8")
        else:
            temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)  # gone already once it took the place of ``path``
