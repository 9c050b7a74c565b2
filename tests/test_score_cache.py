"""The score kept on disk is the same samples as a fresh render, and is rendered again when
it is missing, broken, or made by other code."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from montage.sound import score, score_cache
from montage.sound.score import LAYERS, Score, render_score
from montage.sound.score_cache import KEPT, kept_score


def _renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The tempos rendered from now on (read from the cache, nothing is)."""
    rendered: list[int] = []
    real = score.render_score

    def render(bpm: int) -> Score:
        rendered.append(bpm)
        return real(bpm)

    monkeypatch.setattr(score, "render_score", render)
    return rendered


def _same(one: Score, other: Score) -> None:
    assert (one.bpm, one.bar) == (other.bpm, other.bar)
    for layer in LAYERS:
        for a, b in zip(one.stems[layer], other.stems[layer], strict=True):
            assert a.dtype == b.dtype == np.float32 and np.array_equal(a, b)


def test_a_kept_score_is_read_back_sample_for_sample_its_shared_bars_still_shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = _renders(monkeypatch)
    first = kept_score(150, tmp_path)
    again = kept_score(150, tmp_path)
    assert rendered == [150]
    _same(again, render_score(150))
    kick = again.stems["kick"]
    assert kick[0] is kick[2] and kick[0] is not kick[1]
    assert first is not again and len(list(tmp_path.glob("score-150-*"))) == 2


@pytest.mark.parametrize("damage", ["cut index", "empty index", "short", "gone"])
def test_a_broken_kept_score_is_rendered_again_and_kept_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    kept_score(140, tmp_path)
    (index,) = tmp_path.glob("score-140-*.json")
    samples = index.with_suffix(".f32")
    if damage == "cut index":
        index.write_text('{"bpm": 140, "stems": [[0, ', encoding="utf-8")
    elif damage == "empty index":
        index.write_text('{"bpm": 140, "bar": 1.0, "stems": [], "layers": {}}')
    elif damage == "short":
        samples.write_bytes(samples.read_bytes()[:-4])
    else:
        samples.unlink()
    rendered = _renders(monkeypatch)
    _same(kept_score(140, tmp_path), render_score(140))
    assert rendered == [140]
    _same(kept_score(140, tmp_path), render_score(140))
    assert rendered == [140]  # kept whole again


def test_a_score_kept_by_other_code_is_not_used_and_is_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept_score(150, tmp_path)
    monkeypatch.setattr(score_cache, "fingerprint", lambda: "01234567")
    rendered = _renders(monkeypatch)
    kept_score(150, tmp_path)
    assert rendered == [150]
    assert [path.name for path in sorted(tmp_path.glob("*.json"))] == ["score-150-01234567.json"]


def test_only_the_tempos_most_lately_used_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = Score(1, 1.0, {layer: (np.zeros(3, np.float32),) * 8 for layer in LAYERS})
    monkeypatch.setattr(score, "render_score", lambda bpm: Score(bpm, 1.0, small.stems))
    tempos = list(range(100, 100 + KEPT + 2))
    for age, bpm in enumerate(tempos):
        kept_score(bpm, tmp_path)
        (index,) = tmp_path.glob(f"score-{bpm}-*.json")
        os.utime(index, (1_000_000 + age, 1_000_000 + age))
    kept_score(tempos[0], tmp_path)  # rendered again: it was the oldest; now the newest
    left = sorted(int(path.name.split("-")[1]) for path in tmp_path.glob("*.json"))
    assert left == sorted([tempos[0], *tempos[-(KEPT - 1) :]])
    assert len(list(tmp_path.glob("*.f32"))) == KEPT


def test_with_a_folder_that_cannot_be_written_the_score_is_still_made(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    _same(kept_score(150, blocked / "scores"), render_score(150))
