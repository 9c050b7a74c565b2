"""Read a YAML workout file safely into plain data, remembering where every key and value is.

Only the safe subset of YAML is read: mappings, lists and plain values. Scalars
follow YAML 1.2's core schema, so ``no``, ``off`` and ``2024-01-01`` stay text.
Tags other than YAML's standard ones are refused, aliases are expanded within a
fixed budget, and a file that is too big, binary or not UTF-8 is refused before
it is parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from montage.workout.problems import Problem, WorkoutError

MAX_BYTES = 1_000_000
"""The largest workout file read: a megabyte is far more than any workout needs."""

MAX_VALUES = 100_000
"""The most values a file may expand to once its aliases are followed."""

MAX_DEPTH = 64
"""The deepest nesting of lists and mappings read."""

Loc = tuple[str | int, ...]
"""Where a value sits in the data: keys and list indexes from the top."""

_PLAIN = "montage:plain"
_STD = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass(frozen=True, slots=True)
class Place:
    """A 1-based line and column in the file."""

    line: int
    """The line, from 1."""
    column: int
    """The column, from 1."""


@dataclass(slots=True)
class Source:
    """A file's data and where each part of it was written."""

    path: str
    """The file as the user named it."""
    data: Any
    """The document as dicts, lists, strings, numbers, booleans and None."""
    keys: dict[Loc, Place] = field(default_factory=dict)
    """Where the key of each mapping entry was written."""
    values: dict[Loc, Place] = field(default_factory=dict)
    """Where each value starts."""
    problems: list[Problem] = field(default_factory=list)
    """Problems found while reading that still left usable data (a repeated key)."""

    def place(self, loc: Loc, *, key: bool = False) -> Place:
        """Find where a location was written, falling back to its nearest written parent.

        Args:
            loc: A location in the data.
            key: Prefer the place of the key over the place of its value.

        Returns:
            The best place in the file for a message about ``loc``.
        """
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        if loc in self.values:
            return self.values[loc]
        return self.place(loc[:-1]) if loc else Place(1, 1)

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        """Make a problem pointing at ``loc``.

        Args:
            loc: Where in the data the problem is.
            message: What is wrong and how to fix it.
            key: Point at the key rather than at its value.

        Returns:
            The problem with its line and column.
        """
        place = self.place(loc, key=key)
        return Problem(self.path, place.line, place.column, message)


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, marking plain scalars so they can be read by YAML 1.2 rules."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


class _Refused(Exception):
    """Stops reading at the first problem that makes the rest meaningless."""

    def __init__(self, place: Place, message: str) -> None:
        super().__init__(message)
        self.place = place
        self.message = message


def read_source(raw: bytes, path: str) -> Source:
    """Read a workout file's bytes into data with places.

    Args:
        raw: The file's contents.
        path: The file's name as the user gave it, for messages.

    Returns:
        The data and where each part was written.

    Raises:
        WorkoutError: The file is not safe, readable YAML holding one mapping.
    """
    text = _decode(raw, path)
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise _yaml_problem(error, path) from None
    except yaml.reader.ReaderError as error:
        line, column = _line_col(text, error.position)
        raise WorkoutError(
            [
                Problem(
                    path,
                    line,
                    column,
                    f"character U+{error.character:04X} is not allowed in YAML; remove it",
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise WorkoutError([Problem(path, 1, 1, f"not valid YAML: {error}")]) from None
    except RecursionError:
        raise WorkoutError(
            [Problem(path, 1, 1, "the file is nested too deeply to be a workout")]
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise WorkoutError(
            [Problem(path, 1, 1, "the file is empty; a workout needs at least name: and steps:")]
        )
    source = Source(path, None)
    try:
        source.data = _Converter(source).convert(node, (), 0, frozenset())
    except _Refused as refused:
        raise WorkoutError(
            [Problem(path, refused.place.line, refused.place.column, refused.message)]
        ) from None
    if not isinstance(source.data, dict):
        place = _place(node.start_mark)
        raise WorkoutError(
            [
                Problem(
                    path,
                    place.line,
                    place.column,
                    f"a workout file is a mapping of keys like name: and steps:, "
                    f"but this document is {describe(source.data)}",
                )
            ]
        )
    return source


def describe(value: object) -> str:
    """Name a value's YAML type the way a person writing the file would.

    Args:
        value: A value from the data.

    Returns:
        A short phrase such as ``a list`` or ``the number 3``.
    """
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _decode(raw: bytes, path: str) -> str:
    if len(raw) > MAX_BYTES:
        raise WorkoutError(
            [
                Problem(
                    path,
                    1,
                    1,
                    f"the file is {len(raw):,} bytes; a workout file may be at most "
                    f"{MAX_BYTES:,} bytes",
                )
            ]
        )
    if b"\x00" in raw:
        raise WorkoutError([Problem(path, 1, 1, "this is a binary file, not a YAML workout")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", errors="replace")
        line, column = _line_col(before, len(before))
        raise WorkoutError(
            [
                Problem(
                    path,
                    line,
                    column,
                    f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _line_col(text: str, position: int) -> tuple[int, int]:
    head = text[:position]
    return head.count("\n") + 1, position - (head.rfind("\n") + 1) + 1


def _place(mark: Any) -> Place:
    return Place(mark.line + 1, mark.column + 1)


def _yaml_problem(error: yaml.MarkedYAMLError, path: str) -> WorkoutError:
    mark = error.problem_mark or error.context_mark
    place = _place(mark) if mark is not None else Place(1, 1)
    problem = (error.problem or "cannot be read").strip()
    if "expected a single document" in (error.context or ""):
        message = "the file holds more than one YAML document; keep one workout per file"
    elif "found character '\\t'" in problem:
        message = "YAML does not allow tabs for indentation; indent with spaces"
    else:
        context = f" ({error.context.strip()})" if error.context else ""
        message = f"YAML syntax error: {problem}{context}"
    return WorkoutError([Problem(path, place.line, place.column, message)])


class _Converter:
    """Turns composed YAML nodes into plain data, recording places and counting values."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems = source.problems
        self.count = 0

    def convert(self, node: yaml.Node, loc: Loc, depth: int, active: frozenset[int]) -> Any:
        self.count += 1
        place = _place(node.start_mark)
        if self.count > MAX_VALUES:
            raise _Refused(
                Place(1, 1),
                f"the file expands to more than {MAX_VALUES:,} values through its aliases "
                "(*name); a workout is far smaller, so it is refused",
            )
        if depth > MAX_DEPTH:
            raise _Refused(place, f"lists and mappings nest more than {MAX_DEPTH} levels deep")
        if id(node) in active:
            raise _Refused(place, "an alias (*name) refers to the list or mapping that holds it")
        self.source.values.setdefault(loc, place)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, place)
        inner = active | {id(node)}
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "seq", place)
            return [
                self.convert(child, (*loc, index), depth + 1, inner)
                for index, child in enumerate(node.value)
            ]
        assert isinstance(node, yaml.MappingNode)
        self._check_tag(node, "map", place)
        return self._mapping(node, loc, depth, inner)

    def _mapping(
        self, node: yaml.MappingNode, loc: Loc, depth: int, active: frozenset[int]
    ) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: list[yaml.MappingNode] = []
        for key_node, value_node in node.value:
            key_place = _place(key_node.start_mark)
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<":
                merged.extend(self._merge_sources(value_node, key_place))
                continue
            key = (
                self._scalar(key_node, key_place) if isinstance(key_node, yaml.ScalarNode) else None
            )
            if not isinstance(key, str):
                self.problems.append(
                    Problem(
                        self.source.path,
                        key_place.line,
                        key_place.column,
                        "a key must be a word"
                        + (
                            f", not {describe(key)}"
                            if isinstance(key_node, yaml.ScalarNode)
                            else ""
                        ),
                    )
                )
                continue
            if key in result:
                self.problems.append(
                    Problem(
                        self.source.path,
                        key_place.line,
                        key_place.column,
                        f"{key!r} appears twice in this mapping; keep one",
                    )
                )
                continue
            self.source.keys.setdefault((*loc, key), key_place)
            result[key] = self.convert(value_node, (*loc, key), depth + 1, active)
        for source in merged:
            extra = self._mapping(source, loc, depth, active | {id(source)})
            for key, value in extra.items():
                result.setdefault(key, value)
        return result

    def _merge_sources(self, node: yaml.Node, place: Place) -> list[yaml.MappingNode]:
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if not all(isinstance(item, yaml.MappingNode) for item in nodes):
            raise _Refused(place, "a merge key (<<) must be given a mapping or a list of them")
        return list(nodes)

    def _check_tag(self, node: yaml.Node, kind: str, place: Place) -> None:
        if node.tag != _STD + kind:
            raise _Refused(
                place, f"the tag {_shown(node.tag)} is not allowed; workout files are plain YAML"
            )

    def _scalar(self, node: yaml.ScalarNode, place: Place) -> Any:
        value: str = node.value
        if node.tag == _PLAIN:
            return _plain(value)
        expected = _TYPED.get(node.tag.removeprefix(_STD))
        if expected is str:
            return value
        if expected is not None:
            converted = _plain(value)
            if type(converted) is expected:
                return converted
        raise _Refused(
            place, f"the tag {_shown(node.tag)} is not allowed here; workout files are plain YAML"
        )


_TYPED: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool, "null": type(None)}


def _shown(tag: str) -> str:
    return "!!" + tag.removeprefix(_STD) if tag.startswith(_STD) else tag


def _plain(value: str) -> Any:
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python will convert; no workout needs them
            return value
    if _FLOAT.match(value):
        return float(value)
    return value
