"""The process's memory on glibc: the threads share one heap, and the renders' big arrays go
back to the system once freed."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

CHILD = """
import sys
import numpy as np
from montage import memory

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


THREADS = """
import ctypes
import sys
import threading
from montage import memory

if sys.argv[1] == "one":
    assert memory.one_heap()
together = threading.Barrier(4)
kept = []

def allocate():
    together.wait()  # all four allocate at once, as a session's threads may
    kept.append([bytearray(1000) for _ in range(2000)])
    together.wait()

threads = [threading.Thread(target=allocate) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
ctypes.CDLL(None).malloc_stats()  # one block of figures per heap, on stderr
"""


def _child(code: str, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, mode], capture_output=True, text=True, check=True
    )


def _heaps(mode: str) -> int:
    return sum(line.startswith("Arena ") for line in _child(THREADS, mode).stderr.splitlines())


def _kept_mb(mode: str) -> int:
    return int(_child(CHILD, mode).stdout)


GLIBC_ONLY = pytest.mark.skipif(
    not sys.platform.startswith("linux") or ctypes.util.find_library("c") is None,
    reason="glibc's allocator on Linux is what this is about",
)


@GLIBC_ONLY
def test_threads_started_after_one_heap_share_the_heap_there_is() -> None:
    # by default glibc gives threads that allocate at once heaps of their own
    assert _heaps("default") > 1
    assert _heaps("one") == 1


@GLIBC_ONLY
def test_blocks_freed_after_a_big_one_go_back_only_when_large_blocks_are_mapped() -> None:
    # glibc by default raises its threshold to the size of the big block freed first, so the
    # next blocks come from the heap, which keeps them while something lies above them;
    # mapped on their own, or trimmed, they go back
    assert _kept_mb("default") > 60
    assert _kept_mb("mapped") < 8
    assert _kept_mb("trimmed") < 8  # or given back at once, blocks kept by the heap or not
