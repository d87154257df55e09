"""The C heap of a long run: keep glibc's malloc from holding on to what the parse frees.

Why: spaCy's models work on arrays of a few hundred KB to a few MB per batch, freed when the batch is
done. glibc serves blocks above its mmap threshold (128 KB at start) with a mapping of their own,
returned at free, but it raises that threshold to the size of each such block freed (up to 32 MB),
and its trim threshold (free memory kept at the top of the heap) to twice that. After the first
batches the arrays therefore come from the heap, and what they leave free stays resident, more of it
the longer the run: on Reuters the heap kept 65-80 MB free, and the ingest's peak RSS rose with the
articles coded (594 MB after 1,000, 621 MB after 12,000, 643 MB after 17,000). Contract:

* :func:`tune` fixes the mmap threshold at ``MMAP_THRESHOLD`` (which also stops the sliding of both
  thresholds), once per process; blocks that large or larger are mapped and unmapped each time. It
  also caps glibc's arenas at ``ARENAS``: each thread that allocates may otherwise get an arena of
  its own (up to eight per core), each keeping its own free memory (``MALLOC_ARENA_MAX=2`` lowered
  the 21,578-row Reuters peak by 9.5 MB). Arenas that threads already have are kept.
* :func:`trim` hands the heap's free pages back to the OS (``malloc_trim``): for a moment when the
  parse's memory is free and another allocator (DuckDB's own) is about to need memory.

Both do nothing (and return False) where the C library is not glibc; neither changes any result.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import sys

log = logging.getLogger(__name__)

# Blocks of at least this size get a mapping of their own. 1 MiB: a parse batch's large arrays (the
# tokens' vectors and the models' hidden layers, ~1-10 MB each) are mapped, its many small ones are
# not (a threshold of 128 KB mapped those too and spent three times the kernel time in page faults).
MMAP_THRESHOLD = 1 << 20
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter numbers (malloc.h)
_M_ARENA_MAX = -8
# The most arenas threads share: the main thread's and one more (the parse and the store write run in
# the main thread; the others, reading and DuckDB's, allocate little through glibc).
ARENAS = 2


@functools.lru_cache(maxsize=1)
def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.gnu_get_libc_version  # noqa: B018 - present in glibc only (not musl)
    except (OSError, AttributeError):
        return None
    return libc


@functools.lru_cache(maxsize=1)
def tune() -> bool:
    """Fix glibc's mmap threshold at ``MMAP_THRESHOLD`` and cap its arenas at ``ARENAS`` for this
    process; True if both were set."""
    libc = _glibc()
    if libc is None:
        return False
    done = True
    for name, param, value in (("M_MMAP_THRESHOLD", _M_MMAP_THRESHOLD, MMAP_THRESHOLD),
                               ("M_ARENA_MAX", _M_ARENA_MAX, ARENAS)):
        if not libc.mallopt(param, value):
            log.debug("mallopt(%s) refused", name)
            done = False
    return done


def trim() -> bool:
    """Give the C heap's free pages back to the OS; True if glibc did (it had some to give)."""
    libc = _glibc()
    return bool(libc.malloc_trim(0)) if libc is not None else False
