"""A workout file's bytes and text: only a small UTF-8 text file gets as far as YAML.

A file is looked at before it is opened: a folder, a named pipe, a device or a
file over the size limit is refused without reading a byte of it, so
``/dev/zero`` or a FIFO cannot hang montage or fill its memory. The bytes are
then checked for what makes them not a workout's text (UTF-16, a NUL byte,
invalid UTF-8), each at its place in the file.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from montage.workout.problems import Problem, WorkoutError

MAX_BYTES = 1_000_000
"""The largest workout file read: a megabyte is far more than any workout needs."""

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check cannot block the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)

_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
"""Byte order marks of the encodings an editor may save in instead of UTF-8."""

_LINE_BREAKS = {"\x85": "next line", "\u2028": "line separator", "\u2029": "paragraph separator"}
"""Characters YAML reads as line breaks, though editors and the screen do not."""

_HIDDEN_BREAK = re.compile("[" + "".join(_LINE_BREAKS) + "]")


def read_file(path: Path) -> bytes:
    """The bytes of a workout file, refusing anything but a regular file within the size limit.

    Args:
        path: The file.

    Returns:
        Its contents.

    Raises:
        WorkoutError: The file is missing, unreadable, not a regular file, or too big.
    """
    name = str(path)
    try:
        _check_kind(os.stat(path), name)
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise WorkoutError([Problem(name, 0, 0, f"cannot be read: {_reason(error)}")]) from None
    try:
        _check_kind(os.fstat(descriptor), name)  # the same file that was looked at
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise WorkoutError([Problem(name, 0, 0, f"cannot be read: {_reason(error)}")]) from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_BYTES:
        raise WorkoutError([Problem(name, 0, 0, _too_big(None))])
    return raw


def _check_kind(info: os.stat_result, name: str) -> None:
    mode = info.st_mode
    if stat.S_ISREG(mode):
        if info.st_size > MAX_BYTES:
            raise WorkoutError([Problem(name, 0, 0, _too_big(info.st_size))])
        return
    if stat.S_ISDIR(mode):
        what = "a folder"
    elif stat.S_ISFIFO(mode):
        what = "a named pipe"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    else:
        what = "not a regular file"
    raise WorkoutError([Problem(name, 0, 0, f"is {what}, not a workout file")])


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _too_big(size: int | None) -> str:
    known = f"is {size:,} bytes" if size is not None else "is over the limit"
    return f"the file {known}; a workout file may be at most {MAX_BYTES:,} bytes"


def decode(raw: bytes, path: str) -> str:
    """Turn a workout file's bytes into the text YAML reads, with one kind of line break.

    Args:
        raw: The file's contents.
        path: The file's name as the user gave it, for messages.

    Returns:
        The text, without a byte order mark, its line breaks all ``\\n``.

    Raises:
        WorkoutError: The bytes are too many, or are not UTF-8 text.
    """
    if len(raw) > MAX_BYTES:
        raise WorkoutError([Problem(path, 1, 1, _too_big(len(raw)))])
    encoding = _wide_encoding(raw)
    if encoding:
        message = f"the file is saved as {encoding}; save it as UTF-8"
        raise WorkoutError([Problem(path, 1, 1, message)])
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_place(raw, nul)
        message = "a NUL byte (0x00) is not text; a workout file is plain UTF-8 text"
        raise WorkoutError([Problem(path, line, column, message)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_place(raw, error.start)
        message = f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8"
        raise WorkoutError([Problem(path, line, column, message)]) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    hidden = _HIDDEN_BREAK.search(text)
    if hidden:
        char = hidden.group()
        line, column = line_col(text, hidden.start())
        message = (
            f"character U+{ord(char):04X} ({_LINE_BREAKS[char]}) is not allowed in a "
            "workout file; use a plain line break, or remove it"
        )
        raise WorkoutError([Problem(path, line, column, message)])
    return text


def _wide_encoding(raw: bytes) -> str | None:
    """Name the UTF-16 or UTF-32 a file is saved in, by its byte order mark or its zeros."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    head = raw[:64]
    for width, encoding in ((4, "UTF-32"), (2, "UTF-16")):
        units = [head[start : start + width] for start in range(0, len(head) - width + 1, width)]
        # Each ASCII character is one non-zero byte and the rest zeros.
        if len(units) >= 4 and all(unit.count(0) == width - 1 for unit in units):
            return encoding
    return None


def _byte_place(raw: bytes, index: int) -> tuple[int, int]:
    """The line and column of a byte, counting the characters before it on its line."""
    before = raw[:index].decode("utf-8", errors="replace").removeprefix("\ufeff")
    before = before.replace("\r\n", "\n").replace("\r", "\n")
    return line_col(before, len(before))


def line_col(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of a character of ``text``.

    Args:
        text: The text, its line breaks ``\\n``.
        index: The character's index.

    Returns:
        Its line and column, from 1.
    """
    head = text[:index]
    return head.count("\n") + 1, index - (head.rfind("\n") + 1) + 1
