"""Render the cue WAVs into ``sounds/`` (``make sounds``): the same bytes every run.

The usual set goes into ``sounds/``, the low-pitch set into ``sounds/low/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from montage.sound.bank import LOW_FOLDER
from montage.sound.cues import CUE_NAMES
from montage.sound.synth import render_cue, wav_bytes


def render_all(folder: Path) -> list[Path]:
    """Write every cue, in both sets, into ``folder``.

    Args:
        folder: Where the WAVs go; made when missing.

    Returns:
        The files written.
    """
    written = []
    for low, place in ((False, folder), (True, folder / LOW_FOLDER)):
        place.mkdir(parents=True, exist_ok=True)
        for name in CUE_NAMES:
            path = place / f"{name}.wav"
            path.write_bytes(wav_bytes(render_cue(name, low)))
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
