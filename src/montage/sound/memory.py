"""Giving the memory the sound no longer needs back to the system (glibc; elsewhere nothing).

Rendering the score and the voice makes arrays of several megabytes that live for
a moment. By default glibc serves such a block, once one has been freed, from its
heap rather than from a mapping of its own, and a heap keeps what it grew to: the
session would then carry the render's peak to its end. With the threshold fixed,
every large array is its own mapping and goes back when freed, and a trim once the
sounds are made returns what the small ones left behind.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

_M_MMAP_THRESHOLD = -3
"""``mallopt``'s parameter for the size from which a block is a mapping of its own."""

MAPPED_FROM = 128 * 1024
"""Bytes from which a block is mapped on its own: glibc's default starting threshold."""


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt  # noqa: B018 - glibc's; musl and others may not have both
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


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
