"""The score rendered at a tempo, kept on disk so the next session at that tempo reads it.

Rendering takes about half a second of a core and, for a moment, some 35 MB; reading
the kept bars back takes a few milliseconds and no more memory than the bars
themselves. A kept score is the same samples as a fresh render: it is used only
when it was made by the same code (a fingerprint of the sound's modules and numpy's
version), and is made again when it cannot be read. The cache is only a shortcut:
when its folder cannot be written, the score is rendered as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from montage.files import write_whole
from montage.paths import score_cache_dir
from montage.sound import dsp, instruments, loudness, score
from montage.sound.dsp import Curve
from montage.sound.score import LAYERS, PHRASE, Score

KEPT = 4
"""Tempos kept: the most lately used."""


@cache
def fingerprint() -> str | None:
    """What the kept scores must have been made by: the modules that make them, and numpy;
    None when their code cannot be read (then nothing is kept)."""
    digest = zlib.crc32(np.__version__.encode())  # zlib: hashlib would load all of OpenSSL
    try:
        for module in (score, instruments, dsp, loudness):
            digest = zlib.crc32(Path(module.__file__ or "").read_bytes(), digest)
    except OSError:
        return None
    return f"{digest:08x}"


def kept_score(bpm: int, folder: Path | None = None) -> Score:
    """The score at ``bpm``: read from ``folder`` when kept there, else rendered and kept.

    Args:
        bpm: The tempo.
        folder: Where scores are kept; the user's cache by default.

    Returns:
        The score, the same samples either way.
    """
    made_by = fingerprint()
    if made_by is None:
        return score.render_score(bpm)
    folder = folder or score_cache_dir()
    stem = folder / f"score-{bpm}-{made_by}"
    found = _read(stem, bpm)
    if found is not None:
        with contextlib.suppress(OSError):
            os.utime(stem.with_suffix(".json"))  # lately used: kept the longest
        return found
    made = score.render_score(bpm)
    with contextlib.suppress(OSError):
        _write(stem, made)
        _forget_old(folder)
    return made


def _read(stem: Path, bpm: int) -> Score | None:
    try:
        index = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        samples = np.fromfile(stem.with_suffix(".f32"), dtype="<f4")
        return _from_index(index, samples, bpm)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _from_index(index: dict[str, Any], samples: np.ndarray[Any, Any], bpm: int) -> Score | None:
    spans = [(int(first), int(count)) for first, count in index["stems"]]
    if index["bpm"] != bpm or sum(count for _, count in spans) != len(samples):
        return None
    arrays = [samples[first : first + count] for first, count in spans]  # views, shared
    stems = {}
    for layer in LAYERS:
        numbers = [int(number) for number in index["layers"][layer]]
        if len(numbers) != PHRASE:
            return None
        stems[layer] = tuple(arrays[number] for number in numbers)
    return Score(bpm, float(index["bar"]), stems)


def _write(stem: Path, made: Score) -> None:
    stem.parent.mkdir(parents=True, exist_ok=True)
    distinct: dict[int, int] = {}  # the id of each distinct bar: its number in the file
    bars: list[Curve] = []
    for layer in LAYERS:
        for bar in made.stems[layer]:
            if id(bar) not in distinct:
                distinct[id(bar)] = len(bars)
                bars.append(bar)
    spans, first = [], 0
    for bar in bars:
        spans.append((first, len(bar)))
        first += len(bar)
    index = {
        "bpm": made.bpm,
        "bar": made.bar,
        "stems": spans,
        "layers": {layer: [distinct[id(bar)] for bar in made.stems[layer]] for layer in LAYERS},
    }
    samples = np.concatenate(bars).astype("<f4", copy=False)
    # the samples first, the index last: a score whose index is there is whole
    write_whole(stem.with_suffix(".f32"), samples.tobytes())
    write_whole(stem.with_suffix(".json"), json.dumps(index))


def _forget_old(folder: Path) -> None:
    """Keep the ``KEPT`` scores most lately used, and none made by other code."""
    indexes = sorted(folder.glob("score-*.json"), key=lambda path: path.stat().st_mtime)
    current = [path for path in indexes if path.stem.endswith(f"-{fingerprint()}")]
    old = [path for path in indexes if path not in current[-KEPT:]]
    for index in old:
        index.unlink(missing_ok=True)
        index.with_suffix(".f32").unlink(missing_ok=True)
