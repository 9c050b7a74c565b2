"""Texts of a workout file: one line each, no control characters, and short in messages."""

from __future__ import annotations

import re

import pytest

from loading import load, problems
from montage.durations import HOW_TO_WRITE
from montage.workout.fields import LINE_PATTERN, PARAGRAPH_PATTERN
from montage.workout.models import AmrapBlock
from montage.workout.schema import workout_schema

NOT_TEXT = "which is not text on a line; remove it"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name: "Barn\\e]0;pwned\\a"\nsteps: [{rest: 5}]\n', "1:12: name: holds the control "),
        ('name: "Barn\\x1b[2J"\nsteps: [{rest: 5}]\n', "1:12: name: holds the control "),
        ('name: "two\\nlines"\nsteps: [{rest: 5}]\n', "1:11: name: holds a line break"),
        ('name: "two\\Llines"\nsteps: [{rest: 5}]\n', "1:11: name: holds the control "),
        ('name: "nul\\0"\nsteps: [{rest: 5}]\n', "1:11: name: holds the control "),
        ("name: 'tab\there'\nsteps: [{rest: 5}]\n", "1:11: name: holds a tab"),
        ("name: |\n  two\n  lines\nsteps: [{rest: 5}]\n", "2:6: name: holds a line break"),
        (
            'name: a\nsteps:\n  - exercise: Chop\n    time: 5\n    cue: "Go\\u009b2J"\n',
            "5:13: cue: holds the control ",
        ),
        ('name: a\nsteps:\n  - rest: 5\n    cue: "\\x07"\n', "4:11: cue: holds the control "),
        ('name: a\nsteps:\n  - exercise: "\\e[31mRed"\n    time: 5\n', "3:16: exercise: holds "),
        ('name: a\ntags: [ok, "b\\x7fad"]\nsteps: [{rest: 5}]\n', "2:14: tags: holds the "),
        (
            'name: a\nsteps:\n  - exercise: Carry\n    time: 5\n    load: "20\\rkg"\n',
            "5:14: load: holds the control ",
        ),
        (
            'name: a\nsteps:\n  - repeat: 2\n    name: "R\\x1bound"\n    steps: [{rest: 1}]\n',
            "4:13: name: holds the control ",
        ),
        (
            'name: a\nsteps:\n  - exercise: Chop\n    time: 5\n    sound: "a\\x00.wav"\n',
            "5:14: sound: holds the control ",
        ),
        ('name: a\ndescription: "bell\\a"\nsteps: [{rest: 5}]\n', "2:19: description: holds "),
    ],
    ids=[
        "osc-title",
        "csi-clear",
        "newline",
        "line-separator",
        "nul",
        "tab",
        "block-text",
        "c1-csi",
        "rest-cue",
        "exercise",
        "tag-del",
        "load-cr",
        "block-name",
        "sound",
        "description-bell",
    ],
)
def test_a_control_character_in_a_text_is_refused_where_it_is_written(
    text: str, expected: str
) -> None:
    found = problems(text)
    assert len(found) == 1, found
    assert found[0].startswith(f"w.yaml:{expected}")
    assert found[0].endswith(NOT_TEXT)


def test_an_alias_repeating_a_text_with_a_control_character_points_at_the_text() -> None:
    found = problems('name: &n "a\\e"\nsteps:\n  - exercise: *n\n    time: 5\n')
    assert [line.split(": ", 1)[0] for line in found] == ["w.yaml:1:12", "w.yaml:1:12"]


def test_a_description_may_run_over_several_lines() -> None:
    workout = load("name: a\ndescription: |\n  Two lines\n  of barn.\nsteps: [{rest: 5}]\n")
    assert workout.description == "Two lines\nof barn.\n"


def test_markup_right_to_left_and_zero_width_characters_are_text() -> None:
    for name in (
        "[/]",
        "[@click=app.quit]Barn[/]",
        "\u202eBarn",
        "\u05d1\u05e8\u05df",
        "B\u200barn",
    ):
        assert load(f'name: "{name}"\nsteps: [{{rest: 5}}]\n').name == name


def test_the_schema_refuses_the_same_characters_as_the_loader() -> None:
    from montage.safe_text import CONTROL

    # As the schema's (ECMAScript) patterns read: ``$`` is the very end of the text.
    line, paragraph = (
        re.compile(pattern[:-1] + r"\Z") for pattern in (LINE_PATTERN, PARAGRAPH_PATTERN)
    )
    for code in range(0x3000):
        char = chr(code)
        assert (line.match(char) is None) == bool(CONTROL.match(char)), hex(code)
        assert (paragraph.match(char) is None) == (bool(CONTROL.match(char)) and char != "\n")
    schema = workout_schema()
    assert schema["properties"]["name"]["pattern"] == LINE_PATTERN
    assert schema["properties"]["name"]["minLength"] == 1


# ------------------------------------------------------------- an AMRAP's time


@pytest.mark.parametrize(
    ("written", "suggested"), [("12", "12m for 12 minutes"), ("'1'", "1m for 1 minute")]
)
def test_a_bare_number_for_an_amrap_is_an_error_that_suggests_minutes(
    written: str, suggested: str
) -> None:
    assert problems(f"name: a\nsteps:\n  - amrap: {written}\n    steps: [{{rest: 5}}]\n") == [
        "w.yaml:3:12: amrap: a bare number counts rounds (as emom: and repeat: do); "
        f"give the time its unit, like {suggested}"
    ]


def test_an_amrap_of_thousands_of_digits_is_a_short_problem() -> None:
    found = problems("name: a\nsteps:\n  - amrap: " + "9" * 5000 + "\n    steps: [{rest: 5}]\n")
    assert found == [f"w.yaml:3:12: amrap: '999999999999'... is not a duration; {HOW_TO_WRITE}"]


@pytest.mark.parametrize(("written", "seconds"), [("12m", 720), ("90s", 90), ("12:00", 720)])
def test_an_amrap_time_with_its_unit_or_as_a_clock_is_read(written: str, seconds: int) -> None:
    block = load(f"name: a\nsteps:\n  - amrap: {written}\n    steps: [{{rest: 5}}]\n").steps[0]
    assert isinstance(block, AmrapBlock) and block.amrap == seconds


def test_the_schema_asks_an_amrap_for_a_time_with_its_unit() -> None:
    amrap = workout_schema()["$defs"]["AmrapBlock"]["properties"]["amrap"]
    assert amrap["type"] == "string"
    assert re.search(amrap["pattern"], "12m") and re.search(amrap["pattern"], "12:00")
    assert not re.search(amrap["pattern"], "12")


# ------------------------------------------------------------- messages stay short


def test_a_number_of_thousands_of_digits_is_not_printed_in_full() -> None:
    found = problems("name: " + "9" * 4000 + "\nsteps: [{rest: 5}]\n")
    assert found == ["w.yaml:1:7: name: should be some text, not a number of 4,000 digits"]


def test_a_long_key_or_text_is_cut_short_in_a_message() -> None:
    key = "k" * 1000
    found = problems(f"name: a\n{key}: 1\nsteps:\n  - {'x' * 5000}\n")
    assert all(len(line) < 200 for line in found), found
    assert "(1,000 characters) is not a key of the workout" in found[0]
    assert "(5,000 characters)" in found[1]


def test_a_dash_run_into_a_step_says_to_put_a_space_after_it() -> None:
    assert problems("name: a\nsteps:\n  -rest: 5\n") == [
        "w.yaml:3:3: a '-' needs a space after it: write '- rest:' to start a step"
    ]
