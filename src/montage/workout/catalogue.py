"""Find workouts: the shipped library, the user's folder, or a path."""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from montage.paths import shipped_workouts_dir, timeline_cache_file, user_workouts_dir
from montage.session.timeline import Timeline
from montage.workout.cache import TimelineCache
from montage.workout.problems import Problem, WorkoutError, quoted

Origin = Literal["shipped", "user", "path"]
"""Where a workout was found."""

SUFFIXES = (".yaml", ".yml")
"""The file endings of workout files."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A workout file, loaded or with the problems that stop it loading."""

    path: Path
    """The file."""
    origin: Origin
    """Where it was found."""
    timeline: Timeline | None
    """The compiled workout, when the file is valid."""
    error: WorkoutError | None
    """What is wrong with the file, when it is not."""
    shadows: Path | None = None
    """The shipped workout of the same name that this one of the user's replaces."""

    @property
    def name(self) -> str:
        """The workout's name, or the file's stem when it cannot be read."""
        return self.timeline.name if self.timeline else self.path.stem

    def aliases(self) -> set[str]:
        """The names a user may call this workout by, normalised."""
        names = {normalise(self.path.stem)}
        if self.timeline:
            names.add(normalise(self.timeline.name))
        return names


class NotFound(LookupError):
    """No workout matches what the user asked for; the text says what to try."""


def normalise(name: str) -> str:
    """Fold a workout name for matching: case, spaces, dashes and underscores do not count.

    Args:
        name: A name or file stem.

    Returns:
        Its letters and digits, in any script, case folded.
    """
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name).casefold())


def load_entry(path: Path, origin: Origin, cache: TimelineCache | None = None) -> Entry:
    """Load one workout file into an entry, keeping its problems rather than raising.

    Args:
        path: The file.
        origin: Where it was found.
        cache: Compiled timelines to use while their file is unchanged, and to add to.

    Returns:
        The entry.
    """
    kept = cache.get(path) if cache is not None else None
    if kept is not None:
        return Entry(path, origin, kept, None)
    # Validation needs the models; they load only when a file is new or has changed.
    from montage.workout.compiler import compile_workout
    from montage.workout.loader import load_workout

    try:
        loaded = load_workout(path)
        timeline = compile_workout(loaded.workout, loaded.base_dir)
    except WorkoutError as error:
        return Entry(path, origin, None, error)
    except Exception as error:  # noqa: BLE001 - one unreadable file must not stop the others
        problem = Problem(
            str(path), 0, 0, f"montage cannot read this file ({type(error).__name__})"
        )
        return Entry(path, origin, None, WorkoutError([problem]))
    if cache is not None:
        cache.put(path, timeline)
    return Entry(path, origin, timeline, None)


def scan(directory: Path, origin: Origin, cache: TimelineCache | None = None) -> list[Entry]:
    """Load every workout file in a folder, sorted by file name.

    Args:
        directory: The folder; a missing one holds nothing.
        origin: Where it is, for the entries.
        cache: Compiled timelines to reuse and add to.

    Returns:
        One entry per file.
    """
    if not directory.is_dir():
        return []
    # Anything named like a workout is listed, so a pipe or a device shows up as broken.
    files = sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and not p.is_dir())
    return [load_entry(path, origin, cache) for path in files]


def catalogue() -> list[Entry]:
    """Every known workout, one per name: the shipped library first, then the user's own.

    A workout of the user's replaces a shipped one of the same name. Of two of the
    user's own with one name, the second is listed as broken, saying why.
    """
    cache = TimelineCache(timeline_cache_file())
    shipped = scan(shipped_workouts_dir(), "shipped", cache)
    mine = scan(user_workouts_dir(), "user", cache)
    cache.save()
    shipped_names = {normalise(entry.name): entry.path for entry in shipped}
    taken: dict[str, Entry] = {}
    yours: list[Entry] = []
    for entry in mine:
        key = normalise(entry.name)
        if key in taken:
            entry = _taken(entry, taken[key])
        elif key:
            entry = replace(entry, shadows=shipped_names.get(key))
            taken[key] = entry
        yours.append(entry)
    return [entry for entry in shipped if normalise(entry.name) not in taken] + yours


def shipped_named(name: str) -> Entry | None:
    """The shipped workout of a name, if there is one.

    Args:
        name: A workout's name, in any case or spacing.

    Returns:
        The shipped entry of that name, or None.
    """
    cache = TimelineCache(timeline_cache_file())
    shipped = scan(shipped_workouts_dir(), "shipped", cache)
    cache.save()
    wanted = normalise(name)
    return next((entry for entry in shipped if normalise(entry.name) == wanted), None)


def _taken(entry: Entry, other: Entry) -> Entry:
    """A workout of the user's whose name another of theirs has, as a broken entry."""
    message = (
        f"{other.path.name} has the name {quoted(entry.name)} too; give one of them another name"
    )
    return replace(
        entry, timeline=None, error=WorkoutError([Problem(str(entry.path), 0, 0, message)])
    )


def looks_like_path(query: str) -> bool:
    """Tell whether the user named a file rather than a workout."""
    return "/" in query or query.endswith(SUFFIXES) or Path(query).is_file()


def find(query: str, entries: list[Entry] | None = None) -> Entry:
    """Find a workout by path, or by name or file stem among the known ones.

    A user's workout wins over a shipped one of the same name.

    Args:
        query: A path, a file stem or a workout name, in any case.
        entries: The known workouts; the catalogue by default.

    Returns:
        The entry found, which may hold problems instead of a workout.

    Raises:
        NotFound: Nothing matches; the message suggests a close name.
    """
    if looks_like_path(query):
        path = Path(query).expanduser()
        if not path.exists():
            raise NotFound(f"{query}: no such file")
        cache = TimelineCache(timeline_cache_file())
        entry = load_entry(path, "path", cache)
        cache.save()
        return entry
    entries = catalogue() if entries is None else entries
    wanted = normalise(query)
    matches = [entry for entry in entries if wanted and wanted in entry.aliases()]
    if matches:
        return sorted(matches, key=lambda entry: entry.origin != "user")[0]
    import difflib  # only for the hint: off the way of a workout that is found

    names = [entry.name for entry in entries]
    close = difflib.get_close_matches(query, names, n=1, cutoff=0.5)
    hint = f"did you mean {quoted(close[0])}? " if close else ""
    raise NotFound(f"no workout named {query!r}; {hint}'montage list' shows them all")


def editable_copy(entry: Entry, folder: Path) -> tuple[Path, bool]:
    """The file to edit for a workout: a shipped one is first copied into the user's folder,
    with the schema beside it for the editor, and never over a copy already there.

    Args:
        entry: The workout to edit.
        folder: The user's workouts folder; made when missing.

    Returns:
        The file to edit, and whether it is the user's copy of a shipped workout.

    Raises:
        OSError: The folder or the copy cannot be written.
    """
    from montage.workout.schema import SCHEMA_FILE

    if entry.origin != "shipped":
        return entry.path, False
    copy = folder / entry.path.name
    folder.mkdir(parents=True, exist_ok=True)
    if not copy.exists():
        shutil.copyfile(entry.path, copy)
        schema = entry.path.parent / SCHEMA_FILE
        if schema.exists():
            shutil.copyfile(schema, folder / SCHEMA_FILE)
    return copy, True
