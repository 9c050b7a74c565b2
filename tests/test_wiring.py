"""Putting a session together: the process's heap settled before any of its threads start."""

from __future__ import annotations

import pytest

from harness import RecordingBackend, devices, entries
from montage import memory, wiring
from montage.session.timeline import Timeline
from montage.settings import Settings
from montage.sound.service import AudioService


def test_the_threads_share_one_heap_before_the_sound_and_the_log_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    done: list[str] = []

    def one_heap() -> bool:
        done.append("one heap")
        return True

    monkeypatch.setattr(memory, "one_heap", one_heap)
    audio = AudioService(Settings(voice=False), lambda: 0.0, devices(RecordingBackend()))
    real = audio.session

    def session(timeline: Timeline, notify: wiring.Notify) -> object:
        done.append("sound")
        return real(timeline, notify)

    def open_log(timeline: Timeline, source: str | None, notify: wiring.Notify) -> None:
        done.append("log")

    monkeypatch.setattr(audio, "session", session)
    timeline = next(entry.timeline for entry in entries() if entry.timeline is not None)
    parts = wiring.assemble(timeline, None, audio, open_log, lambda text: None)
    try:
        assert done == ["one heap", "sound", "log"]
    finally:
        parts.player.close()
