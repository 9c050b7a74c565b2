"""The command line builds only the sub-command it is given, and reads it as before."""

from __future__ import annotations

import argparse

import pytest

from montage.cli import build_parser

LINES = [
    ["run", "Snow Run", "--mute", "--ghost", "last"],
    ["log", "--csv"],
    ["stats", "Snow Run", "--json"],
    ["validate", "a.yaml", "b.yaml"],
    ["render", "Snow Run", "-o", "out.flac"],
    ["list"],
    [],
]


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(found[0].choices)


@pytest.mark.parametrize("line", LINES)
def test_a_line_reads_the_same_with_only_its_command_built(line: list[str]) -> None:
    alone = vars(build_parser(line).parse_args(line))
    every = vars(build_parser().parse_args(line))
    assert alone.pop("handler").__name__ == every.pop("handler").__name__
    assert alone == every


def test_only_the_named_command_is_built_and_every_one_without_a_command() -> None:
    assert _commands(build_parser(["run", "x"])) == {"run"}
    everything = _commands(build_parser())
    assert {"run", "log", "stats", "validate", "render", "list"} <= everything
    assert _commands(build_parser(["--version"])) == everything
    assert _commands(build_parser(["rnu"])) == everything  # a mistyped one: every choice shown


def test_a_mistyped_command_is_told_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser(["rnu"]).parse_args(["rnu"])
    assert "invalid choice: 'rnu'" in capsys.readouterr().err
