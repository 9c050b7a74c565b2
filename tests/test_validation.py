"""Checking a file as ``montage validate`` does: its rules, then its sounds, read once."""

from __future__ import annotations

import wave
from pathlib import Path

from montage.validation import file_problems


def _write_wav(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x10" * 80)


def test_a_missing_sound_is_a_problem_at_its_value(tmp_path: Path) -> None:
    path = tmp_path / "barn.yaml"
    path.write_text(
        "name: a\nsteps:\n"
        "  - exercise: Chop\n    time: 5\n    sound: cues/gong.wav\n"
        "  - exercise: Saw\n    time: 5\n    sound: cues/missing.wav\n"
    )
    _write_wav(tmp_path / "cues" / "gong.wav")
    found = file_problems(path)
    assert [(p.line, p.column) for p in found] == [(8, 12)]
    assert found[0].message.startswith("sound: 'cues/missing.wav': ")
    assert found[0].message.endswith("no such file")
    (tmp_path / "cues" / "missing.wav").write_bytes(b"not a wav")
    assert "not a readable WAV file" in file_problems(path)[0].message
    _write_wav(tmp_path / "cues" / "missing.wav")
    assert file_problems(path) == []
