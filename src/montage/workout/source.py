"""Read a YAML workout file safely into plain data, remembering where every key and value is.

Only the safe subset of YAML is read: mappings, lists and plain values. Scalars
follow YAML 1.2's core schema, so ``no``, ``off`` and ``2024-01-01`` stay text.
Tags other than YAML's standard ones are refused; aliases and merge keys are
followed within a fixed budget, and never into themselves; nesting stops at a
fixed depth while the file is parsed. What is not a small UTF-8 text file is
refused before it is parsed (``reading``), and YAML's own syntax errors are told
in a workout's words (``syntax``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml

from montage.safe_text import CONTROL
from montage.workout.escapes import control_place
from montage.workout.problems import Problem, WorkoutError, describe, quoted
from montage.workout.reading import decode, line_col
from montage.workout.syntax import syntax_problem

MAX_VALUES = 100_000
"""The most keys and values a file may expand to once its aliases and merge keys are followed."""

MAX_DEPTH = 64
"""The deepest nesting of lists and mappings read."""

Loc = tuple[str | int, ...]
"""Where a value sits in the data: keys and list indexes from the top."""

_T = TypeVar("_T")
_UNREAD = object()
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
    controls: dict[Loc, Place] = field(default_factory=dict)
    """Where the first control character of each text holding one was written."""

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


class _Refused(Exception):
    """Stops reading at the first problem that makes the rest meaningless."""

    def __init__(self, place: Place, message: str) -> None:
        super().__init__(message)
        self.place = place
        self.message = message


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, marking plain scalars so they can be read by YAML 1.2 rules, and
    stopping at the nesting limit while it composes, before Python's own limit is reached."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._depth = 0

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self._depth > MAX_DEPTH:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _Refused(_place(event.start_mark), _TOO_DEEP)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_TOO_DEEP = f"lists and mappings nest more than {MAX_DEPTH} levels deep here; a workout needs few"


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
    text = decode(raw, path)
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        source = Source(path, None)
        if node is not None:
            source.data = _Converter(source, text).convert(node, (), 0, frozenset())
    except _Refused as refused:
        place = refused.place
        raise WorkoutError([Problem(path, place.line, place.column, refused.message)]) from None
    except yaml.MarkedYAMLError as error:
        raise WorkoutError([syntax_problem(error, text, path)]) from None
    except yaml.reader.ReaderError as error:
        line, column = line_col(text, error.position)
        message = f"character U+{error.character:04X} is not allowed in YAML; remove it"
        raise WorkoutError([Problem(path, line, column, message)]) from None
    except yaml.YAMLError as error:
        raise WorkoutError([Problem(path, 1, 1, f"not valid YAML: {error}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise WorkoutError(
            [Problem(path, 1, 1, "the file is empty; a workout needs at least name: and steps:")]
        )
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


def _place(mark: Any) -> Place:
    return Place(mark.line + 1, mark.column + 1)


class _Converter:
    """Turns composed YAML nodes into plain data, recording places and counting values.

    An alias (``*name``) is the very node it names, so a node met again is an
    alias followed; a merge key (``<<``) copies mappings in. Both spend the same
    budget of values, and a refusal points at the outermost one being followed.
    """

    def __init__(self, source: Source, text: str) -> None:
        self.source = source
        self.text = text
        self.problems = source.problems
        self.count = 0
        self.seen: set[int] = set()
        self.scalars: dict[int, Any] = {}
        self.following: tuple[Place, str] | None = None
        """Where the outermost alias or merge key being followed is, and what it is."""

    def _followed(self, place: Place, how: str, convert: Callable[[], _T]) -> _T:
        """Convert, remembering ``place`` as the alias or merge key followed unless an outer
        one is already being followed."""
        if self.following is not None:
            return convert()
        self.following = (place, how)
        try:
            return convert()
        finally:
            self.following = None

    def _spend(self, place: Place) -> None:
        self.count += 1
        if self.count > MAX_VALUES:
            where, how = self.following or (place, "")
            raise _Refused(
                where,
                f"the file expands past {MAX_VALUES:,} values{how}; a workout is far smaller, "
                "so it is refused",
            )

    def convert(self, node: yaml.Node, loc: Loc, depth: int, active: frozenset[int]) -> Any:
        place = _place(node.start_mark)
        if id(node) not in self.seen or isinstance(node, yaml.ScalarNode):
            self.seen.add(id(node))
            return self._convert(node, place, loc, depth, active)
        kind = "mapping" if isinstance(node, yaml.MappingNode) else "list"
        return self._followed(
            place,
            f" where aliases (*name) repeat this {kind}",
            lambda: self._convert(node, place, loc, depth, active),
        )

    def _convert(
        self, node: yaml.Node, place: Place, loc: Loc, depth: int, active: frozenset[int]
    ) -> Any:
        self._spend(place)
        if depth > MAX_DEPTH:
            raise _Refused(place, _TOO_DEEP)
        if id(node) in active:
            raise _Refused(place, "an alias (*name) refers to the list or mapping that holds it")
        self.source.values.setdefault(loc, place)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, place, loc)
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
        merged: list[tuple[yaml.MappingNode, Place]] = []
        for key_node, value_node in node.value:
            key_place = _place(key_node.start_mark)
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<":
                merged.extend((item, key_place) for item in self._merged(value_node, key_place))
                continue
            key = (
                self._scalar(key_node, key_place, None)
                if isinstance(key_node, yaml.ScalarNode)
                else None
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
                        f"{quoted(key)} appears twice in this mapping; keep one",
                    )
                )
                continue
            self.source.keys.setdefault((*loc, key), key_place)
            result[key] = self.convert(value_node, (*loc, key), depth + 1, active)
        for source, key_place in merged:
            if id(source) in active:
                raise _Refused(
                    key_place,
                    "this merge key (<<) brings in the mapping that holds it, which never "
                    "ends; merge another mapping",
                )
            self._spend(key_place)
            extra = self._followed(
                key_place,
                " where this merge key (<<) brings mappings in",
                lambda: self._mapping(source, loc, depth, active | {id(source)}),  # noqa: B023 - called at once
            )
            for key, value in extra.items():
                result.setdefault(key, value)
        return result

    def _merged(self, node: yaml.Node, place: Place) -> list[yaml.MappingNode]:
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if not all(isinstance(item, yaml.MappingNode) for item in nodes):
            raise _Refused(place, "a merge key (<<) must be given a mapping or a list of them")
        return list(nodes)

    def _check_tag(self, node: yaml.Node, kind: str, place: Place) -> None:
        if node.tag != _STD + kind:
            raise _Refused(
                place, f"the tag {_shown(node.tag)} is not allowed; workout files are plain YAML"
            )

    def _scalar(self, node: yaml.ScalarNode, place: Place, loc: Loc | None) -> Any:
        value = self.scalars.get(id(node), _UNREAD)
        if value is _UNREAD:  # an alias repeats the same node: read its text once
            value = self.scalars[id(node)] = self._scalar_value(node, place)
        if loc is not None and isinstance(value, str) and CONTROL.search(value):
            self.source.controls[loc] = Place(*control_place(node, self.text))
        return value

    def _scalar_value(self, node: yaml.ScalarNode, place: Place) -> Any:
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
