"""YAML's syntax errors told in a workout's words, at the place to fix."""

from __future__ import annotations

import pytest

from loading import refused
from montage.workout.problems import Problem


def test_tab_indentation_is_one_problem_that_says_to_use_spaces() -> None:
    problem = refused("name: a\nsteps:\n\t- rest: 1\n")
    assert problem == Problem(
        "w.yaml", 3, 1, "a tab indents this line; YAML indents with spaces only"
    )


def test_a_tab_after_a_key_is_not_called_indentation() -> None:
    problem = refused("name:\tBarn\nsteps: [{rest: 1}]\n")
    assert problem == Problem(
        "w.yaml", 1, 6, "a tab is not allowed here; use spaces between a key and its value"
    )


def test_an_unclosed_list_says_where_it_opened() -> None:
    problem = refused("name: a\nsteps: [{rest: 1}\n")
    assert problem == Problem(
        "w.yaml",
        3,
        1,
        "the [ opened at line 2, column 8 needs a ',' between its items and a ] at its end",
    )


def test_other_syntax_errors_are_passed_on_at_their_place() -> None:
    problem = refused("name: a\nsteps: [a, b]]\n")
    assert (problem.line, problem.column) == (2, 14)
    assert problem.message.startswith("YAML syntax error: ")


NOT_LINED_UP = "line up a step's keys, or start a new step with '- '"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: a\nsteps:\n  - exercise: A\n    time: 5\n  -exercise: B\n    time: 5\n",
            "5:3: a '-' needs a space after it: write '- exercise:' to start a step",
        ),
        (
            "name: a\nsteps:\n  -exercise: B\n    time: 5\n",
            "3:3: a '-' needs a space after it: write '- exercise:' to start a step",
        ),
        (
            "name: a\nsteps:\n  - exercise: A\n   time: 5\n",
            f"4:4: this key is not lined up with the keys above it (column 5 on line 3); "
            f"{NOT_LINED_UP}",
        ),
        (
            "name: a\nsteps:\n  - exercise: A\n  time: 5\n",
            f"4:3: this key is not lined up with the keys above it (column 5 on line 3); "
            f"{NOT_LINED_UP}",
        ),
        (
            "name: a\nsteps:\n  - exercise: A\n    time: 5\n\n  exercise: B\n",
            f"6:3: this key is not lined up with the keys above it (column 5 on line 4); "
            f"{NOT_LINED_UP}",
        ),
        (
            "name: a\nsteps:\n  - exercise: A\n     time: 5\n",
            "4:6: this line is indented further than line 3, so it reads as part of the value "
            "there; line up a step's keys under each other",
        ),
        (
            "name: a\n  steps:\n  - rest: 5\n",
            "2:3: this line is indented further than line 1, so it reads as part of the value "
            "there; line up a step's keys under each other",
        ),
        (
            "name: a\nsteps:\n  - exercise: A\n    time: 5\n   - rest: 5\n",
            "5:4: this '-' is not lined up with the '-' on line 3 (column 3); "
            "the steps of one list start in the same column",
        ),
        (
            "name: a\nsteps:\n- exercise: A\n  time: 5\n - rest: 5\n",
            "5:2: this '-' is not lined up with the '-' on line 3 (column 1); "
            "the steps of one list start in the same column",
        ),
        (
            "name: a\nsteps:\n  - repeat: 2\n    steps:\n      - rest: 5\n       - rest: 6\n",
            "6:8: this '-' is not lined up with the '-' on line 5 (column 7); "
            "the steps of one list start in the same column",
        ),
    ],
    ids=[
        "dash-glued",
        "dash-glued-first",
        "key-under",
        "key-at-dash",
        "key-after-blank",
        "key-over",
        "top-key-over",
        "dash-over",
        "dash-over-unindented",
        "dash-over-inner",
    ],
)
def test_indentation_mistakes_are_told_in_a_workouts_words(text: str, expected: str) -> None:
    problem = refused(text)
    assert str(problem) == f"w.yaml:{expected}"
    assert "<block" not in problem.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: a\nsteps:\n  - exercise: A\n    time: 5\n    cue: Go: now\n",
            "5:12: a ': ' inside a value reads as a new key; put the value in quotes, "
            'like cue: "Go: now"',
        ),
        (
            "name:a\nsteps:\n  - rest: 5\n",
            "1:5: 'name:' needs a space after the ':', like 'name: ...'",
        ),
        (
            'name: "a\\q"\nsteps: []\n',
            "1:9: this backslash starts no escape YAML knows; write \\\\ for a backslash, "
            "or put the text in single quotes",
        ),
        ("name: *x\n", "1:7: *x names no anchor; write &x on a value above it first"),
        ("name: @home\n", "1:7: a value cannot start with '@'; put the text in quotes"),
        (
            "name: 'Barn\nsteps: []\n",
            "1:7: this quote is never closed; end the text with the same quote",
        ),
    ],
    ids=[
        "colon-in-value",
        "no-space-after-colon",
        "unknown-escape",
        "no-anchor",
        "at-sign",
        "quote",
    ],
)
def test_other_common_mistakes_are_told_in_a_workouts_words(text: str, expected: str) -> None:
    assert str(refused(text)) == f"w.yaml:{expected}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: a\nsteps:\n  - exercise Chop\n    time: 5\n",
            "3:13: 'exercise' needs a ':' after it, like 'exercise: Chop'",
        ),
        ("name a\nsteps:\n  - rest: 5\n", "1:5: 'name' needs a ':' after it, like 'name: a'"),
        (
            "name: a\nsteps:\n  - exercise: Chop\n    time 5\n    cue: x\n",
            "4:9: 'time' needs a ':' after it, like 'time: 5'",
        ),
        (
            "name: a\n" + "k" * 2000 + ": 1\n",
            "2:1: this key is longer than YAML allows (1,024 characters); shorten it",
        ),
    ],
    ids=["work-step", "top", "before-a-key", "long-key"],
)
def test_a_key_without_its_colon_is_told_so(text: str, expected: str) -> None:
    assert str(refused(text)) == f"w.yaml:{expected}"
