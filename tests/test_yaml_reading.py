"""Files that are not a workout's text: wrong encodings, NUL bytes, hidden line breaks, size."""

from __future__ import annotations

import time

import pytest

from loading import read, refused
from montage.workout.problems import Problem
from montage.workout.reading import MAX_BYTES
from montage.workout.source import Place, read_source

# ------------------------------------------------------------- files that are not workouts


NUL = "a NUL byte (0x00) is not text; a workout file is plain UTF-8 text"


def test_a_binary_file_is_one_problem_at_its_first_nul_byte() -> None:
    assert refused(b"\x7fELF\x02\x01\x01\x00\x00\x00binary") == Problem("w.yaml", 1, 8, NUL)


def test_a_nul_byte_is_refused_where_it_is() -> None:
    assert refused(b"name: Barn\nsteps:\n  - rest: 5\x00\n") == Problem("w.yaml", 3, 12, NUL)
    assert refused("name: Caf\u00e9\x00\n".encode()) == Problem("w.yaml", 1, 11, NUL)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_a_file_saved_as_utf16_or_utf32_is_told_to_be_saved_as_utf8(encoding: str) -> None:
    wide = encoding[:6].upper()
    problem = refused("name: Barn\nsteps:\n  - rest: 5\n".encode(encoding))
    assert problem == Problem("w.yaml", 1, 1, f"the file is saved as {wide}; save it as UTF-8")


@pytest.mark.parametrize(
    ("char", "name"),
    [("\u2028", "line separator"), ("\u2029", "paragraph separator"), ("\x85", "next line")],
)
def test_a_line_break_editors_do_not_show_is_refused_where_it_is(char: str, name: str) -> None:
    problem = refused(f"name: Barn\ncue: two{char}lines\nsteps: [{{rest: 5}}]\n")
    assert problem == Problem(
        "w.yaml",
        2,
        9,
        f"character U+{ord(char):04X} ({name}) is not allowed in a workout file; "
        "use a plain line break, or remove it",
    )


def test_windows_and_old_mac_line_breaks_keep_lines_and_columns() -> None:
    for newline in ("\r\n", "\r"):
        source = read_source(_BLOCK.replace("\n", newline).encode(), "w.yaml")
        assert source.values[("steps", 1, "rest")] == Place(5, 11)
        assert source.data["tags"] == ["a", "bb"]
    problem = refused(b"name: Barn\r\ncue: x\x07\r\n")
    assert (problem.line, problem.column) == (2, 7)


def test_bytes_that_are_not_utf8_are_one_problem_at_their_place() -> None:
    problem = refused(b"name: Barn\nsteps:\n  - exercise: Caf\xe9\n")
    assert problem == Problem("w.yaml", 3, 18, "byte 0xe9 is not UTF-8; save the file as UTF-8")


def test_a_control_character_is_one_problem_at_its_place() -> None:
    problem = refused("name: Barn\ncue: ring\x07\n")
    assert problem == Problem("w.yaml", 2, 10, "character U+0007 is not allowed in YAML; remove it")
    assert refused("name: Barn\ufffe\n").message.startswith("character U+FFFE is not allowed")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "\ufeff"])
def test_an_empty_file_is_one_problem(text: str) -> None:
    problem = refused(text)
    assert problem == Problem(
        "w.yaml", 1, 1, "the file is empty; a workout needs at least name: and steps:"
    )


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("- exercise: Chop\n  time: 5\n", "a list"),
        ("Just some words\n", "the text 'Just some words'"),
        ("42\n", "the number 42"),
        ("null\n", "empty"),
        ("true\n", "true"),
    ],
)
def test_a_document_that_is_not_a_mapping_is_one_problem(text: str, what: str) -> None:
    problem = refused(text)
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message == (
        f"a workout file is a mapping of keys like name: and steps:, but this document is {what}"
    )


def test_a_file_over_a_megabyte_is_refused_before_it_is_read() -> None:
    text = "name: a\ncue: " + "x" * MAX_BYTES + "\n"
    started = time.perf_counter()
    problem = refused(text)
    assert time.perf_counter() - started < 1
    assert problem.message == (
        f"the file is {len(text):,} bytes; a workout file may be at most {MAX_BYTES:,} bytes"
    )
    assert read("name: a\ncue: " + "x" * (MAX_BYTES - 20) + "\n")["name"] == "a"


def test_more_than_one_document_is_one_problem() -> None:
    problem = refused("name: a\n---\nname: b\n")
    assert problem == Problem(
        "w.yaml", 2, 1, "the file holds more than one YAML document; keep one workout per file"
    )


_BLOCK = "name: Barn\nsteps:\n  - exercise: Chop\n    time: 45s\n  - rest: 15s\ntags: [a, bb]\n"
