"""The hostile workout files of ``tests/hostile/``: which load, and where the others are refused.

The loader's tests and the screens' tests run over the same files; each file is
either a valid workout (odd text that must be shown as text) or refused with one
problem at a known place.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "hostile"
"""Where the hostile files are."""

VALID: dict[str, str] = {
    "markup-close.yaml": "[/]",
    "markup-bold.yaml": "Barn [/bold] Burner",
    "markup-click.yaml": "[@click=app.quit]Barn[/]",
    "right-to-left.yaml": "\u062d\u0638\u064a\u0631\u0629 \u05d1\u05e8\u05df \u202eenrub\u202c",
    "zero-width.yaml": "Zero\u200bWidth\u200d Barn\u2060\ufeff",
    "combining-marks.yaml": "Z\u0335\u0321\u0327a\u0336\u035ca\u0337lgo B\u0338arn",
    "long-name.yaml": ("Barn Burner " * 834)[:10_000].strip(),
}
"""Each file that loads, with the workout's name."""

REFUSED: dict[str, tuple[int, int]] = {
    "escape-in-name.yaml": (2, 12),
    "escape-in-cue.yaml": (6, 11),
    "c1-control-in-cue.yaml": (6, 17),
    "newline-in-name.yaml": (2, 11),
    "line-separator-escaped.yaml": (2, 11),
    "line-separator-raw.yaml": (2, 10),
    "nul-escaped.yaml": (2, 12),
    "bell-in-block-name.yaml": (5, 18),
    "nul-byte.yaml": (2, 11),
    "utf-16.yaml": (1, 1),
    "merge-self.yaml": (4, 9),
    "merge-cycle.yaml": (5, 5),
    "merge-bomb.yaml": (8, 10),
    "alias-bomb.yaml": (7, 5),
    "deep-nesting.yaml": (3, 72),
    "amrap-million-moves.yaml": (4, 5),
    "amrap-billion-moves.yaml": (4, 5),
    "emom-million-moves.yaml": (4, 5),
    "repeat-million-steps.yaml": (4, 5),
    "sound-absolute.yaml": (6, 12),
    "sound-device.yaml": (6, 12),
    "sound-parent.yaml": (6, 12),
    "python-tag.yaml": (2, 7),
    "tab-after-key.yaml": (2, 6),
    "huge-number.yaml": (2, 7),
    "amrap-bare-number.yaml": (4, 12),
    "full-width-digits.yaml": (4, 11),
}
"""Each file that is refused, with the line and column of its one problem."""


def valid_files() -> list[Path]:
    """The files that load, sorted."""
    return sorted(FOLDER / name for name in VALID)


def refused_files() -> list[Path]:
    """The files that are refused, sorted."""
    return sorted(FOLDER / name for name in REFUSED)


def all_files() -> list[Path]:
    """Every workout file in the folder, sorted."""
    return sorted(FOLDER.glob("*.yaml"))
