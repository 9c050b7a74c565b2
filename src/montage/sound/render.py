"""Render the cue and beat WAVs into ``sounds/`` (``make sounds``): the same bytes every run."""

from __future__ import annotations

import sys
from pathlib import Path

from montage.session.timeline import DEFAULT_BPM
from montage.sound.synth import CUES, beat, wav_bytes

BEAT_FILE = "beat.wav"
"""The file of the built-in beat, one bar at the default tempo."""


def render_all(folder: Path) -> list[Path]:
    """Write every cue and the beat into ``folder``.

    Args:
        folder: Where the WAVs go; made when missing.

    Returns:
        The files written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, render in CUES.items():
        path = folder / f"{name}.wav"
        path.write_bytes(wav_bytes(render()))
        written.append(path)
    path = folder / BEAT_FILE
    path.write_bytes(wav_bytes(beat(DEFAULT_BPM)))
    written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Render into the folder given, or ``sounds/`` beside the package's source."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parents[3] / "sounds"
    for path in render_all(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
