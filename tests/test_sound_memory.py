"""The renders' big arrays go back to the system once freed (on glibc, where it is asked)."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

CHILD = """
import sys
import numpy as np
from montage.sound import memory

def resident():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) // 1024

if sys.argv[1] == "mapped":
    assert memory.map_large_blocks()
first = np.ones(2_000_000)  # 16 MB: mapped on its own in any case
del first
before = resident()
blocks, kept = [], []
for _ in range(10):  # 10 blocks of 8 MB each, 80 MB in all, each with a small array after it
    blocks.append(np.ones(1_000_000))
    kept.append(np.ones(1_000))
del blocks
if sys.argv[1] == "trimmed":
    assert memory.give_back()
print(resident() - before)
"""


def _kept_mb(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or ctypes.util.find_library("c") is None,
    reason="glibc's allocator on Linux is what this is about",
)
def test_blocks_freed_after_a_big_one_go_back_only_when_large_blocks_are_mapped() -> None:
    # glibc by default raises its threshold to the size of the big block freed first, so the
    # next blocks come from the heap, which keeps them while something lies above them;
    # mapped on their own, or trimmed, they go back
    assert _kept_mb("default") > 60
    assert _kept_mb("mapped") < 8
    assert _kept_mb("trimmed") < 8  # or given back at once, blocks kept by the heap or not
