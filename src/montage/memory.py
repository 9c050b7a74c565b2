"""How montage's process uses the C library's memory (glibc; elsewhere nothing is changed).

A session runs a few threads (its sound, its log's writer, the renders of the voice
and the score), and glibc gives each thread that allocates a heap of its own. Each
such heap keeps what its thread once used, some hundreds of kilobytes at least, and
a session would carry them all to its end. Under Python's global lock the threads
seldom allocate at once, so they share the one heap instead.

Rendering the score and the voice makes arrays of several megabytes that live for
a moment. By default glibc serves such a block, once one has been freed, from its
heap rather than from a mapping of its own, and a heap keeps what it grew to: the
session would then carry the render's peak to its end. With the threshold fixed,
every large array is its own mapping and goes back when freed, and a trim once the
sounds are made returns what the small ones left behind.
"""

from __future__ import annotations

import ctypes
from functools import cache

_M_MMAP_THRESHOLD = -3
"""``mallopt``'s parameter for the size from which a block is a mapping of its own."""

_M_ARENA_MAX = -8
"""``mallopt``'s parameter for the most heaps (arenas) the threads may have among them."""

MAPPED_FROM = 128 * 1024
"""Bytes from which a block is mapped on its own: glibc's default starting threshold."""


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(None)  # the process's own symbols: the C library's among them
        libc.mallopt  # noqa: B018 - glibc's; musl and others may not have both
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError, TypeError):  # TypeError: no process handle (Windows)
        return None
    return libc


def one_heap() -> bool:
    """Have the threads started from now on share the heaps there are, for good.

    Returns:
        Whether the C library took it.
    """
    libc = _libc()
    return libc is not None and libc.mallopt(_M_ARENA_MAX, 1) == 1


def map_large_blocks() -> bool:
    """Have every block of ``MAPPED_FROM`` bytes or more mapped on its own, for good.

    Returns:
        Whether the C library took it.
    """
    libc = _libc()
    return libc is not None and libc.mallopt(_M_MMAP_THRESHOLD, MAPPED_FROM) == 1


def give_back() -> bool:
    """Return the free memory at the heaps' ends and in their middle to the system.

    Returns:
        Whether any was returned.
    """
    libc = _libc()
    return libc is not None and libc.malloc_trim(0) == 1
