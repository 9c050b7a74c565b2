"""Reading a workout file's YAML safely, with the place of every key and value."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from loading import read, refused
from montage.workout.problems import Problem
from montage.workout.source import MAX_DEPTH, MAX_VALUES, Place, read_source

# ------------------------------------------------------------- places

BLOCK = """\
name: Barn
steps:
  - exercise: Chop
    time: 45s
  - rest: 15s
tags: [a, bb]
"""


def test_every_key_is_placed_at_its_first_character() -> None:
    source = read_source(BLOCK.encode(), "w.yaml")
    assert source.keys == {
        ("name",): Place(1, 1),
        ("steps",): Place(2, 1),
        ("steps", 0, "exercise"): Place(3, 5),
        ("steps", 0, "time"): Place(4, 5),
        ("steps", 1, "rest"): Place(5, 5),
        ("tags",): Place(6, 1),
    }


def test_every_value_and_list_item_is_placed_where_it_starts() -> None:
    source = read_source(BLOCK.encode(), "w.yaml")
    assert source.values == {
        (): Place(1, 1),
        ("name",): Place(1, 7),
        ("steps",): Place(3, 3),
        ("steps", 0): Place(3, 5),
        ("steps", 0, "exercise"): Place(3, 15),
        ("steps", 0, "time"): Place(4, 11),
        ("steps", 1): Place(5, 5),
        ("steps", 1, "rest"): Place(5, 11),
        ("tags",): Place(6, 7),
        ("tags", 0): Place(6, 8),
        ("tags", 1): Place(6, 11),
    }


def test_places_in_flow_style_count_columns_from_one() -> None:
    source = read_source(b"steps: [{rest: 5}, {exercise: Run, time: 1m}]\n", "w.yaml")
    assert source.keys[("steps", 1, "time")] == Place(1, 36)
    assert source.values[("steps", 1, "time")] == Place(1, 42)
    assert source.values[("steps", 0)] == Place(1, 9)


def test_a_leading_byte_order_mark_does_not_shift_columns() -> None:
    source = read_source("\ufeffname: Barn\n".encode(), "w.yaml")
    assert source.data == {"name": "Barn"}
    assert source.values[("name",)] == Place(1, 7)


def test_a_place_falls_back_to_the_nearest_written_parent() -> None:
    source = read_source(BLOCK.encode(), "w.yaml")
    assert source.place(("steps", 0, "reps")) == Place(3, 5)
    assert source.place(("steps", 0, "time"), key=True) == Place(4, 5)
    assert source.place(("steps", 0, "time")) == Place(4, 11)
    assert source.place(("steps", 0), key=True) == Place(3, 5)
    assert source.place(("nowhere", 3)) == Place(1, 1)


def test_a_problem_carries_the_path_line_and_column() -> None:
    source = read_source(BLOCK.encode(), "my/barn.yaml")
    problem = source.problem(("steps", 1, "rest"), "too short")
    assert problem == Problem("my/barn.yaml", 5, 11, "too short")
    assert str(problem) == "my/barn.yaml:5:11: too short"
    assert str(source.problem(("steps", 1, "rest"), "x", key=True)) == "my/barn.yaml:5:5: x"


# ------------------------------------------------------------- YAML 1.2 scalars


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("on", "on"),
        ("off", "off"),
        ("yes", "yes"),
        ("no", "no"),
        ("Yes", "Yes"),
        ("NO", "NO"),
        ("y", "y"),
        ("n", "n"),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("", None),
        ("45", 45),
        ("-3", -3),
        ("+3", 3),
        ("012", 12),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("1:30", "1:30"),
        ("1:02:03", "1:02:03"),
        ("190:20:30", "190:20:30"),
        ("1_000", "1_000"),
        ("2024-01-01", "2024-01-01"),
        ("45s", "45s"),
        ("'true'", "true"),
        ('"12"', "12"),
        ("!!str 12", "12"),
        ("!!int 12", 12),
        ("!!bool true", True),
    ],
)
def test_scalars_follow_yaml_1_2(written: str, value: object) -> None:
    data = read(f"v: {written}\n")
    assert data["v"] == value
    assert type(data["v"]) is type(value)


def test_a_number_too_long_for_python_to_convert_stays_text() -> None:
    assert read("v: " + "1" * 5000 + "\n") == {"v": "1" * 5000}


@pytest.mark.parametrize("written", ["!!int x", "!!bool 1", "!!null x", "!!float yes"])
def test_a_standard_tag_on_a_value_that_does_not_fit_it_is_refused(written: str) -> None:
    problem = refused(f"name: a\nv: {written}\n")
    assert (problem.line, problem.column) == (2, 4)
    assert "is not allowed here; workout files are plain YAML" in problem.message


# ------------------------------------------------------------- mappings


def test_a_repeated_key_is_reported_at_the_repeat_and_the_first_is_kept() -> None:
    source = read_source(b"name: One\nsteps:\n  - rest: 5\n    rest: 9\nname: Two\n", "w.yaml")
    assert source.data == {"name": "One", "steps": [{"rest": 5}]}
    assert source.problems == [
        Problem("w.yaml", 4, 5, "'rest' appears twice in this mapping; keep one"),
        Problem("w.yaml", 5, 1, "'name' appears twice in this mapping; keep one"),
    ]


def test_keys_that_are_not_words_are_reported_each_at_its_place() -> None:
    source = read_source(b"name: a\n? [x]\n: y\n1: z\ntrue: t\n", "w.yaml")
    assert source.data == {"name": "a"}
    assert [(p.line, p.column, p.message) for p in source.problems] == [
        (2, 3, "a key must be a word"),
        (4, 1, "a key must be a word, not the number 1"),
        (5, 1, "a key must be a word, not true"),
    ]


MERGED = """\
steps:
  - &chop
    exercise: Chop
    time: 30s
    cue: Swing.
  - <<: *chop
    time: 45s
  - <<: [*chop, {load: axe}]
    exercise: Split
"""


def test_merge_keys_copy_a_mapping_and_written_keys_win() -> None:
    steps = read(MERGED)["steps"]
    assert steps[1] == {"exercise": "Chop", "time": "45s", "cue": "Swing."}
    assert steps[2] == {"exercise": "Split", "time": "30s", "cue": "Swing.", "load": "axe"}


def test_a_key_written_over_a_merged_one_is_placed_where_it_is_written() -> None:
    source = read_source(MERGED.encode(), "w.yaml")
    assert source.keys[("steps", 1, "time")] == Place(7, 5)
    assert source.values[("steps", 1, "time")] == Place(7, 11)
    assert source.keys[("steps", 2, "exercise")] == Place(9, 5)
    # A merged key that is not written again points back at where it was written.
    assert source.keys[("steps", 1, "cue")] == Place(5, 5)


def test_a_merge_key_given_something_other_than_mappings_is_refused() -> None:
    problem = refused("name: a\nsteps:\n  - <<: [x]\n    rest: 5\n")
    assert (problem.line, problem.column) == (3, 5)
    assert problem.message == "a merge key (<<) must be given a mapping or a list of them"


# ------------------------------------------------------------- unsafe YAML


@pytest.mark.parametrize(
    ("text", "place", "tag"),
    [
        ("!!python/object/apply:os.system ['true']\n", (1, 1), "!!python/object/apply:os.system"),
        ("name: !!python/name:os.system ''\n", (1, 7), "!!python/name:os.system"),
        ("steps:\n  - !!python/object:builtins.dict {}\n", (2, 5), "!!python/object:builtins.dict"),
        ("name: !!python/tuple [a]\n", (1, 7), "!!python/tuple"),
        ("name: !!binary aGVsbG8=\n", (1, 7), "!!binary"),
        ("name: !!set {a, b}\n", (1, 7), "!!set"),
        ("name: !Ref x\n", (1, 7), "!Ref"),
    ],
)
def test_tags_beyond_plain_yaml_are_refused_where_they_are(
    text: str, place: tuple[int, int], tag: str
) -> None:
    problem = refused(text)
    assert (problem.line, problem.column) == place
    assert f"the tag {tag} is not allowed" in problem.message
    assert problem.message.endswith("workout files are plain YAML")


def test_a_python_tag_never_runs_anything(tmp_path: Path) -> None:
    target = tmp_path / "created"
    refused(f"name: !!python/object/apply:builtins.open ['{target}', 'w']\n")
    assert not target.exists()


def test_an_alias_bomb_is_refused_quickly_where_an_alias_repeats_a_list() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    started = time.perf_counter()
    problem = refused("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2
    assert problem.message == (
        f"the file expands past {MAX_VALUES:,} values where aliases (*name) repeat this list; "
        "a workout is far smaller, so it is refused"
    )
    assert (problem.line, problem.column) == (5, 5)


def test_a_few_aliases_are_fine() -> None:
    data = read("a: &x [1, 2]\nb: *x\nc: *x\n")
    assert data == {"a": [1, 2], "b": [1, 2], "c": [1, 2]}


def test_an_alias_inside_what_it_names_is_refused() -> None:
    problem = refused("steps: &s\n  - *s\n")
    assert problem.message == "an alias (*name) refers to the list or mapping that holds it"
    # The alias is the anchored list itself, so the place is where that list starts.
    assert (problem.line, problem.column) == (1, 8)


TOO_DEEP = f"lists and mappings nest more than {MAX_DEPTH} levels deep here; a workout needs few"


def test_nesting_deeper_than_the_limit_is_refused_where_the_limit_is_passed() -> None:
    assert read("v: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    problem = refused("v: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n")
    assert problem == Problem("w.yaml", 1, 4 + MAX_DEPTH, TOO_DEEP)


def test_nesting_far_too_deep_for_the_parser_is_refused_at_the_limit_quickly() -> None:
    started = time.perf_counter()
    problem = refused("v: " + "[" * 20_000 + "]" * 20_000 + "\n")
    assert time.perf_counter() - started < 2
    assert problem == Problem("w.yaml", 1, 4 + MAX_DEPTH, TOO_DEEP)
    text = "".join(f"{' ' * depth}- \n" for depth in range(0, 400, 2)) + "  x: 1\n"
    assert refused("v:\n" + text) == Problem("w.yaml", MAX_DEPTH + 2, 2 * MAX_DEPTH + 1, TOO_DEEP)


def test_an_alias_nesting_a_list_past_the_limit_is_refused() -> None:
    deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    problem = refused(f"a: &deep {deep}\nb: [*deep]\n")
    assert problem == Problem("w.yaml", 1, 9 + MAX_DEPTH, TOO_DEEP)


# ------------------------------------------------------------- merge keys that never end


def test_a_merge_key_that_brings_in_its_own_mapping_is_refused_at_the_merge_key() -> None:
    started = time.perf_counter()
    problem = refused("name: a\nsteps:\n  - &m {<<: *m, rest: 5}\n")
    assert time.perf_counter() - started < 2
    assert problem == Problem(
        "w.yaml",
        3,
        9,
        "this merge key (<<) brings in the mapping that holds it, which never ends; "
        "merge another mapping",
    )


def test_a_cycle_of_merge_keys_through_another_mapping_is_refused() -> None:
    problem = refused("base: &a\n  inner:\n    <<: [{x: 1}, *a]\n")
    assert (problem.line, problem.column) == (3, 5)
    assert problem.message.startswith("this merge key (<<) brings in the mapping that holds it")


def test_a_merge_key_bomb_is_refused_quickly_at_a_merge_key() -> None:
    # Each level merges the one before ten times: 10**8 merges in all.
    lines = ["b0: &b0 {}"]
    for level in range(1, 9):
        lines.append(f"b{level}: &b{level} {{<<: [{', '.join([f'*b{level - 1}'] * 10)}]}}")
    started = time.perf_counter()
    problem = refused("\n".join(lines) + "\nsteps: [{rest: 5}]\n")
    assert time.perf_counter() - started < 2
    assert problem.message == (
        f"the file expands past {MAX_VALUES:,} values where this merge key (<<) brings "
        "mappings in; a workout is far smaller, so it is refused"
    )
    assert problem.column == 10
    assert lines[problem.line - 1][problem.column - 1 :].startswith("<<:")
