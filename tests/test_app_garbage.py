"""Garbage collection is held off while the app starts, and taken up at its first frame."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from harness import Harness
from montage.app import garbage


@pytest.fixture
def collection() -> Iterator[None]:
    """Collection as the test found it, afterwards."""
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()


@pytest.mark.usefixtures("collection")
def test_taking_up_collects_again_with_what_was_made_frozen_out_of_it() -> None:
    garbage.hold_off()
    assert not gc.isenabled()
    kept = [object() for _ in range(100)]
    garbage.take_up()
    assert gc.isenabled() and gc.get_freeze_count() > len(kept)
    frozen = gc.get_freeze_count()
    garbage.take_up()  # not held: nothing more is frozen
    assert gc.get_freeze_count() == frozen


@pytest.mark.usefixtures("collection")
async def test_the_app_takes_collection_up_once_its_first_frame_is_drawn() -> None:
    garbage.hold_off()
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
