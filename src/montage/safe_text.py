"""Text from outside montage made safe to print on a terminal.

A workout's name or cue, a file name or a row of the log may hold control
characters: an escape sequence in a name could clear the screen, retitle the
window or write to the clipboard when printed raw. ``visible`` shows every such
character as a visible escape (``\\x1b``) instead; everything else, accents, emoji
and right-to-left letters included, is left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LINE_BREAKS = "\u2028\u2029"
"""Unicode's own line and paragraph separators: they break a line like a newline."""

_CONTROLS = "".join(map(chr, [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)])) + _LINE_BREAKS
"""Every character that is not text on a line: C0 and C1 controls, DEL, line separators."""

CONTROL = re.compile(f"[{re.escape(_CONTROLS)}]")
"""Finds a character that is not text on a line, for checks that refuse such text."""

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates: they reorder what follows them on the line."""


@lru_cache(maxsize=2)
def _table(newlines: bool) -> dict[int, str]:
    unsafe = [ord(char) for char in _CONTROLS + _BIDI_CONTROLS]
    kept = {ord("\n")} if newlines else set()
    return {code: _escape(code) for code in unsafe if code not in kept}


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = False) -> str:
    """Show the control characters of ``text`` as escapes, so that printing it is safe.

    Args:
        text: Text from a workout file, a file name or the log.
        newlines: Keep line feeds as they are (for text of several lines, such as a
            description); by default they are escaped too.

    Returns:
        The text, each C0 and C1 control character, DEL, line separator and
        direction override written as ``\\xNN`` or ``\\uNNNN``.
    """
    return text.translate(_table(newlines))
