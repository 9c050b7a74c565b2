"""Text from outside montage, printed safely: every control character is shown, not obeyed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from montage.safe_text import visible


def test_escape_sequences_and_bells_are_shown_not_sent() -> None:
    assert visible("Barn\x1b]0;pwned\x07 Burner") == "Barn\\x1b]0;pwned\\x07 Burner"
    assert visible("\x1b[2J\x1b[?1049h") == "\\x1b[2J\\x1b[?1049h"
    assert visible("tab\there\r\n\x00\x7f\x9b") == "tab\\x09here\\x0d\\x0a\\x00\\x7f\\x9b"


def test_line_separators_and_direction_overrides_are_shown() -> None:
    assert visible("one\u2028two\u202eowt") == "one\\u2028two\\u202eowt"


def test_newlines_may_be_kept_for_text_of_several_lines() -> None:
    assert visible("line one\nline\x1b two", newlines=True) == "line one\nline\\x1b two"


def test_ordinary_text_is_left_alone() -> None:
    for text in ("Café crème", "Siberian Barn - 3 \u00d7 12", "تمرين", "🥊 Round 2", "[bold]x[/]"):
        assert visible(text) == text


@given(st.text())
def test_nothing_a_terminal_obeys_is_left(text: str) -> None:
    shown = visible(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert not set(shown) & set(
        "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )
