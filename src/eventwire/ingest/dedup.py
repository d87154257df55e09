"""Near-duplicate detection with MinHash LSH (datasketch).

Wire stories are republished by many outlets with a different headline, boilerplate or a trimmed
paragraph: their exact hashes differ but most word 5-grams are shared. ``NearDuplicates.first_copy``
returns the id of an earlier article whose estimated Jaccard similarity is at least ``threshold``
(default 0.7), else registers the new article and returns None.

Signatures are plain ``uint32`` arrays so the store can keep them (``minhashes`` table) and a later
run can index what earlier runs stored without re-reading their text.

Two indexes make the same decisions. :class:`NearDuplicates` holds everything in memory (datasketch's
``MinHashLSH``; about 5 KB per article). The local engine keeps only its run's not-yet-stored articles
there and looks stored ones up on disk (``store.bands``): the same banding (:func:`banding`, chosen
by ``MinHashLSH`` for the threshold), each band's values hashed to a 64-bit key (:func:`band_keys`),
candidates verified by :func:`matches` (a band equal value for value, as ``MinHashLSH`` requires, and
the estimated similarity at least the threshold).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from eventwire.ingest.ids import normalise
from eventwire.records import Article
from eventwire.settings import DEFAULT_NEAR_DUPLICATE

if TYPE_CHECKING:
    from datasketch import LeanMinHash

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


@lru_cache(maxsize=8)
def banding(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's ``MinHashLSH`` uses for ``threshold`` with ``NUM_PERM``
    permutations (0.7: 14 bands of 9 values)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


@lru_cache(maxsize=8)
def _multipliers(bands: int, rows: int) -> np.ndarray:
    """Fixed odd 64-bit multipliers, one per (band, position), derived from SHA-256 so that keys stored
    by one version are the keys computed by the next (no random generator whose stream might change)."""
    out = np.empty((bands, rows), dtype=np.uint64)
    for i in range(bands):
        for j in range(rows):
            digest = hashlib.sha256(f"eventwire band {bands}x{rows} {i} {j}".encode()).digest()
            out[i, j] = int.from_bytes(digest[:8], "little") | 1
    return out


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """The LSH band keys of signatures (shape ``(n, NUM_PERM)``): an ``(n, bands)`` ``uint64`` array,
    key ``[k, i]`` a hash of band ``i``'s values (``sigs[k, i*rows:(i+1)*rows]``). Equal bands give
    equal keys; unequal bands almost never do, and :func:`matches` checks the values anyway."""
    arr = np.asarray(sigs, dtype=np.uint64).reshape(-1, NUM_PERM)[:, : bands * rows]
    vals = arr.reshape(-1, bands, rows) + np.uint64(1)
    with np.errstate(over="ignore"):
        keys = (vals * _multipliers(bands, rows)).sum(axis=2, dtype=np.uint64)
        # A final mix so that keys spread over the whole range (splitmix64's finaliser).
        keys ^= keys >> np.uint64(31)
        keys *= np.uint64(0xBF58476D1CE4E5B9)
        keys ^= keys >> np.uint64(29)
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal hash values."""
    return float(np.count_nonzero(np.asarray(a, dtype=np.uint32) == np.asarray(b, dtype=np.uint32))) / NUM_PERM


def matches(sig: np.ndarray, other: np.ndarray, threshold: float) -> bool:
    """The decision ``MinHashLSH`` plus the similarity check make: ``other`` shares at least one whole
    band with ``sig`` (banding for ``threshold``) and their estimated similarity is at least
    ``threshold``."""
    bands, rows = banding(threshold)
    a = np.asarray(sig, dtype=np.uint32)[: bands * rows].reshape(bands, rows)
    b = np.asarray(other, dtype=np.uint32)[: bands * rows].reshape(bands, rows)
    return bool((a == b).all(axis=1).any()) and similarity(sig, other) >= threshold


class NearDuplicates:
    """An LSH index of the articles seen so far (stored ones and this run's).

    Only what a comparison needs is kept per article: the LSH's band keys and the ``uint32`` signature
    (512 bytes). Full ``MinHash`` objects each carry their own permutation arrays, several kilobytes
    that made the index grow by about 6.7 KB per article, 145 MB over Reuters-21578."""

    def __init__(self, threshold: float = DEFAULT_NEAR_DUPLICATE):
        self.threshold = threshold
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        # Insertion order is kept by the dict: the earliest-registered copy is the first copy.
        self._sigs: dict[str, np.ndarray] = {}
        self._order: dict[str, int] = {}
        self._next = 0

    @staticmethod
    def _sketch(sig: np.ndarray) -> LeanMinHash:
        from datasketch import LeanMinHash

        return LeanMinHash(seed=1, hashvalues=sig, scheme=SCHEME)

    @staticmethod
    def _checked(sig: np.ndarray) -> np.ndarray:
        """``sig`` as ``uint32``; ValueError for a signature of another length or with values that do
        not fit (a cast would wrap them silently)."""
        arr = np.asarray(sig)
        if arr.shape != (NUM_PERM,):
            raise ValueError(f"a MinHash signature has {NUM_PERM} values, not {arr.shape}")
        if arr.dtype != np.uint32 and (arr.min() < 0 or arr.max() > np.iinfo(np.uint32).max):
            raise ValueError("MinHash signature values out of range for the uint32 scheme")
        return arr.astype(np.uint32, copy=False)

    def add(self, article_id: str, sig: np.ndarray) -> None:
        if article_id in self._sigs:
            return
        sig = self._checked(sig)
        self.lsh.insert(article_id, self._sketch(sig))
        self._sigs[article_id] = sig
        self._order[article_id] = self._next
        self._next += 1

    def remove(self, article_id: str) -> None:
        """Forget an article (the local engine's once it is stored: the store answers for it then)."""
        if self._sigs.pop(article_id, None) is not None:
            self.lsh.remove(article_id)
            del self._order[article_id]

    def __len__(self) -> int:
        return len(self._sigs)

    def similarity(self, a: np.ndarray, b: np.ndarray) -> float:
        """Estimated Jaccard similarity of two signatures: the share of equal hash values."""
        return similarity(a, b)

    def first_copy(self, article_id: str, sig: np.ndarray | None) -> str | None:
        """The earliest-registered near-duplicate of this article, or None (and then it is registered)."""
        if sig is None:
            return None
        hits = [h for h in self.lsh.query(self._sketch(sig)) if self.similarity(sig, self._sigs[h]) >= self.threshold]
        if hits:
            return min(hits, key=self._order.__getitem__)
        self.add(article_id, sig)
        return None


class RunIndex:
    """What one ingest run has seen, shared by the engines so that they skip and set aside the same
    articles: exact repeats by content hash (this run's, plus any ``is_stored`` says are stored), and
    near-duplicates of earlier English articles when ``threshold`` is not None.

    Call :meth:`repeat` first for each article in input order; for one that is not a repeat and that
    :meth:`wants_signature`, compute its signature and call :meth:`first_copy`."""

    def __init__(self, threshold: float | None, is_stored: Callable[[str], bool] | None = None,
                 stored_signatures: Iterable[tuple[str, np.ndarray]] = ()):
        self.is_stored = is_stored
        self.seen: set[str] = set()
        self.near = NearDuplicates(threshold) if threshold is not None else None
        if self.near is not None:
            for article_id, sig in stored_signatures:
                self.near.add(article_id, sig)

    def repeat(self, article: Article) -> bool:
        """True when the same text was seen in this run or is stored; otherwise remember it."""
        digest = article.content_hash or ""
        if digest in self.seen or (self.is_stored is not None and self.is_stored(digest)):
            return True
        self.seen.add(digest)
        return False

    def forget(self, article_id: str, content_hash: str) -> None:
        """Drop a stored article, its content hash and signature (the local engine's, once the store
        can answer for it)."""
        self.seen.discard(content_hash)
        if self.near is not None:
            self.near.remove(article_id)

    def wants_signature(self, article: Article) -> bool:
        return self.near is not None and article.language == "en"

    def first_copy(self, article: Article, sig: np.ndarray | None) -> str | None:
        """The id of the article this one is a near-duplicate of, or None (it is then indexed)."""
        if self.near is None or article.language != "en":
            return None
        return self.near.first_copy(article.id, sig)
