"""Where a control character of a YAML text was written, for a problem that points at it.

A double-quoted text makes control characters from escapes (``"\\e"``,
``"\\x1b"``, ``"\\n"``), so the place is the escape's backslash; in any other text
the character itself is in the file.
"""

from __future__ import annotations

import yaml

from montage.safe_text import CONTROL
from montage.workout.reading import line_col


def control_place(node: yaml.ScalarNode, text: str) -> tuple[int, int]:
    """The line and column of the first control character of a text node.

    Args:
        node: A scalar whose value holds a control character.
        text: The whole file's text, which the node's marks index.

    Returns:
        The 1-based line and column; the text's start when it cannot be told.
    """
    start = node.start_mark.index
    written = text[start : node.end_mark.index]
    offset = _escaped(written) if node.style == '"' else _raw(written, node.style)
    return line_col(text, start + offset)


def _escaped(written: str) -> int:
    """The offset of the first escape or character making a control character in a
    double-quoted text as written, quotes included; 0 when none is found."""
    replacements = yaml.scanner.Scanner.ESCAPE_REPLACEMENTS
    codes = yaml.scanner.Scanner.ESCAPE_CODES
    index = 1
    while index < len(written):
        char = written[index]
        if char != "\\":
            if char != "\n" and CONTROL.match(char):
                return index
            index += 1
            continue
        escape = written[index + 1 : index + 2]
        width = codes.get(escape, 0)
        try:
            made = chr(int(written[index + 2 : index + 2 + width], 16)) if width else ""
        except ValueError:
            made = ""
        made = made or replacements.get(escape, "")
        if made and CONTROL.match(made):
            return index
        index += 2 + width
    return 0


def _raw(written: str, style: str | None) -> int:
    """The offset of the first control character as written; a block text's header line
    (``|`` or ``>``) is skipped, so a line break found is the end of its first line."""
    skip = written.find("\n") + 1 if style in {"|", ">"} else 0
    found = CONTROL.search(written, skip)
    return found.start() if found else 0
