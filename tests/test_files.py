"""A file is written whole or not at all."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from montage.files import write_whole


def test_text_and_bytes_take_the_place_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kept.json"
    path.write_text("old", encoding="utf-8")
    write_whole(path, "névé")
    assert path.read_text(encoding="utf-8") == "névé"
    write_whole(path, b"\x00\x01")
    assert path.read_bytes() == b"\x00\x01"
    assert [entry.name for entry in tmp_path.iterdir()] == ["kept.json"]


def test_a_failed_write_leaves_the_file_as_it_was_and_nothing_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    path.write_text("before", encoding="utf-8")

    def full_disk(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_whole(path, "after")
    assert path.read_text(encoding="utf-8") == "before"
    assert [entry.name for entry in tmp_path.iterdir()] == ["settings.json"]


def test_writers_on_several_threads_never_share_a_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "timelines.json"
    failures: list[BaseException] = []

    def write(text: str) -> None:
        try:
            for _ in range(200):
                write_whole(path, text * 1000)
        except OSError as error:  # one writer's file taken away by another
            failures.append(error)

    writers = [threading.Thread(target=write, args=(letter,)) for letter in "ab"]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert failures == []
    assert path.read_text(encoding="utf-8") in ("a" * 1000, "b" * 1000)
    assert [entry.name for entry in tmp_path.iterdir()] == ["timelines.json"]
