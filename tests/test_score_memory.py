"""The rendered score holds each distinct bar once, in single precision."""

from __future__ import annotations

import numpy as np

from montage.sound.score import LAYERS, PHRASE, render_score


def test_bars_that_are_the_same_share_one_array() -> None:
    score = render_score(150)
    kick = score.stems["kick"]
    assert kick[0] is kick[2] is kick[4] is kick[6]  # the same pattern every even bar
    assert kick[0] is not kick[1]
    distinct = {id(stem): stem for layer in LAYERS for stem in score.stems[layer]}
    assert len(distinct) < len(LAYERS) * PHRASE * 0.7
    held = sum(stem.nbytes for stem in distinct.values())
    every = sum(stem.nbytes for layer in LAYERS for stem in score.stems[layer])
    assert held < 0.6 * every
    assert all(stem.dtype == np.float32 for stem in distinct.values())
