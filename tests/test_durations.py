"""Durations as workout files write them: every form, and every way to get one wrong."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from montage.durations import (
    DURATION_PATTERN,
    HOW_TO_WRITE,
    MAX_SECONDS,
    DurationError,
    format_clock,
    format_duration,
    parse_duration,
)


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        (45, 45),
        (1, 1),
        ("45", 45),
        ("45s", 45),
        ("45S", 45),
        ("2m", 120),
        ("2M", 120),
        ("1m30s", 90),
        ("1h", 3600),
        ("1h5m", 3900),
        ("1h30s", 3630),
        ("1h5m30s", 3930),
        ("1h 5m 30s", 3930),
        ("1 h 5 m", 3900),
        ("90s", 90),
        ("  45s  ", 45),
        ("1:30", 90),
        ("01:30", 90),
        ("0:45", 45),
        ("90:00", 5400),
        ("1:02:03", 3723),
        ("01:02:03", 3723),
        ("0:00:01", 1),
        (" 1:30 ", 90),
    ],
)
def test_every_written_form_reads_as_whole_seconds(written: int | str, seconds: int) -> None:
    assert parse_duration(written) == seconds


@pytest.mark.parametrize("written", [MAX_SECONDS, "24h", "1440m", "86400s", "24:00:00"])
def test_exactly_a_day_is_the_longest_allowed(written: int | str) -> None:
    assert parse_duration(written) == 24 * 60 * 60


@pytest.mark.parametrize("written", [MAX_SECONDS + 1, "24h1s", "24:00:01", "25h", "1441m"])
def test_longer_than_a_day_is_refused(written: int | str) -> None:
    with pytest.raises(DurationError, match="is longer than the limit of 24 hours"):
        parse_duration(written)


def test_the_limit_message_names_the_duration_asked_for() -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration("24h1s")
    assert str(caught.value) == "24h1s is longer than the limit of 24 hours"


@pytest.mark.parametrize("written", [0, -1, -45, "0", "0s", "0m", "0h0m0s", "0:00", "0:00:00"])
def test_zero_and_negative_durations_are_refused(written: int | str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value) == "a duration must be longer than zero"


@pytest.mark.parametrize("written", ["1:60", "1:99", "1:60:00", "1:00:60", "0:75:00"])
def test_a_clock_field_of_sixty_or_more_is_refused(written: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value) == f"{written!r} has a field of 60 or more; {HOW_TO_WRITE}"


@pytest.mark.parametrize(
    "written",
    [
        "",
        "   ",
        "abc",
        "s",
        "m30s",
        "1.5",
        "1.5m",
        "-5",
        "-5s",
        "+5",
        "5 min",
        "1d",
        "1m30",
        "30s1m",
        "5m1h",
        "1:2:3:4",
        ":30",
        "1:",
        "1:300",
        "1:30s",
        "forty-five",
        "²",
        "4²",
    ],
)
def test_text_that_is_not_a_duration_is_refused_with_how_to_write_one(written: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value) == f"{written!r} is not a duration; {HOW_TO_WRITE}"


@pytest.mark.parametrize(
    "written",
    ["1" * 5000, "1" * 5000 + "s", "1:" + "0" * 5000 + "1:00"],
    ids=["seconds", "unit", "clock"],
)
def test_a_number_with_thousands_of_digits_is_refused_in_a_short_message(written: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value).endswith(f"... is not a duration; {HOW_TO_WRITE}")
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize("written", [1.5, 45.0, 0.5])
def test_fractions_of_a_second_are_refused(written: float) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value) == f"{written!r} is not a whole number of seconds; {HOW_TO_WRITE}"


@pytest.mark.parametrize("written", [None, True, False, [], {}, [45], {"s": 45}])
def test_values_of_the_wrong_type_are_refused(written: object) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value) == f"a duration is needed here; {HOW_TO_WRITE}"


def test_a_duration_error_is_a_value_error() -> None:
    assert issubclass(DurationError, ValueError)


@pytest.mark.parametrize(
    ("seconds", "unit_form", "clock_form"),
    [
        (0, "0s", "0:00"),
        (45, "45s", "0:45"),
        (60, "1m", "1:00"),
        (90, "1m30s", "1:30"),
        (720, "12m", "12:00"),
        (3600, "1h", "1:00:00"),
        (3723, "1h2m3s", "1:02:03"),
        (3930, "1h5m30s", "1:05:30"),
    ],
)
def test_durations_are_shown_as_a_person_says_them_and_as_a_clock(
    seconds: int, unit_form: str, clock_form: str
) -> None:
    assert format_duration(seconds) == unit_form
    assert format_clock(seconds) == clock_form


def test_fractions_round_for_the_unit_form_and_drop_for_the_clock() -> None:
    assert format_duration(59.6) == "1m"
    assert format_clock(59.6) == "0:59"
    assert format_clock(-3) == "0:00"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=MAX_SECONDS))
def test_what_is_shown_reads_back_as_the_same_duration(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds
    assert parse_duration(format_clock(seconds)) == seconds
    assert parse_duration(str(seconds)) == seconds


def _schema_accepts(text: str, pattern: str = DURATION_PATTERN) -> bool:
    """The schema's answer: an ECMAScript pattern, whose ``$`` is the very end of the text."""
    return re.search(pattern.removesuffix("$") + r"\Z", text) is not None


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet="0123456789hmsHMS: \t\n\u00a0\u3000\u0664\u0665\uff14\uff15\u00b2", max_size=12
    )
)
def test_the_loader_and_the_schema_pattern_give_one_answer(text: str) -> None:
    try:
        parse_duration(text)
    except DurationError as error:
        # The pattern checks the shape; the loader also checks the numbers.
        assert _schema_accepts(text) == ("is not a duration" not in str(error)), text
    else:
        assert _schema_accepts(text), f"the schema would refuse {text!r}"


@pytest.mark.parametrize(
    "written",
    [
        "\u0664\u0665",
        "\u0664\u0665s",
        "\uff14\uff15",
        "1\uff15m",
        "\uff11:30",
        "45\u00a0",
        "1m\t30s",
    ],
)
def test_digits_and_spaces_other_than_ascii_are_refused_as_the_schema_does(written: str) -> None:
    assert not _schema_accepts(written)
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value) == f"{written!r} is not a duration; {HOW_TO_WRITE}"
