"""Near-duplicate detection with MinHash LSH (datasketch).

Wire stories are republished by many outlets with a different headline, boilerplate or a trimmed
paragraph: their exact hashes differ but most word 5-grams are shared. ``NearDuplicates.first_copy``
returns the id of an earlier article whose estimated Jaccard similarity is at least ``threshold``
(default 0.7), else registers the new article and returns None.

Signatures are plain ``uint32`` arrays so the store can keep them (``minhashes`` table) and a later
run can index what earlier runs stored without re-reading their text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from eventwire.ingest.ids import normalise
from eventwire.settings import DEFAULT_NEAR_DUPLICATE

if TYPE_CHECKING:
    from datasketch import MinHash

# datasketch is imported where it is used: its LSH pulls in SciPy (over a second at start-up), which
# commands that never compare articles (``eventwire code``, queries) should not pay for.

NUM_PERM = 128
# Pinned so signatures stored by one run stay comparable with the next (datasketch >= 2.0 default).
SCHEME = "affine32"
SHINGLE = 5
_WORD = re.compile(r"\w+")
# Texts shorter than this many words are never called near-duplicates: too few shingles to tell.
MIN_WORDS = 40


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of ``text`` (None when the text is too short to compare)."""
    words = _WORD.findall(normalise(text))
    if len(words) < MIN_WORDS:
        return None
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch([" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)])
    return np.asarray(m.hashvalues, dtype=np.uint32)


class NearDuplicates:
    """An LSH index of the articles seen so far (stored ones and this run's)."""

    def __init__(self, threshold: float = DEFAULT_NEAR_DUPLICATE):
        self.threshold = threshold
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}

    def add(self, article_id: str, sig: np.ndarray) -> None:
        if article_id in self._sigs:
            return
        from datasketch import MinHash

        m = MinHash(num_perm=NUM_PERM, seed=1, hashvalues=sig, scheme=SCHEME)
        self.lsh.insert(article_id, m)
        self._sigs[article_id] = m

    def first_copy(self, article_id: str, sig: np.ndarray | None) -> str | None:
        """The earliest-registered near-duplicate of this article, or None (and then it is registered)."""
        if sig is None:
            return None
        from datasketch import MinHash

        m = MinHash(num_perm=NUM_PERM, seed=1, hashvalues=sig, scheme=SCHEME)
        hits = [h for h in self.lsh.query(m) if m.jaccard(self._sigs[h]) >= self.threshold]
        if hits:
            order = list(self._sigs)
            return min(hits, key=order.index)
        self.add(article_id, sig)
        return None
