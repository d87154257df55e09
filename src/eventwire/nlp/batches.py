"""Parse batches capped by size, not by article count.

spaCy's ``nlp.pipe(texts, batch_size=n)`` runs each component over ``n`` Docs at a time, and the
models' working arrays (token vectors, parser states) grow with the tokens of the batch. A batch of 32
articles is 32 tweets or 32 long reports alike, so a run's peak memory is set by the longest stretch
of long articles it happens to meet, which a longer run is likelier to meet. :func:`capped` groups
items so that a batch holds at most ``max_items`` items and at most ``max_words`` words (whitespace-
separated, a cheap stand-in for tokens), which keeps the peak the same whatever the mix.

Contract:

- every item comes out once, in input order, in consecutive batches; no batch is empty;
- a batch never holds more than ``max_items`` items;
- a batch holds more than ``max_words`` words only when it is one item that alone has more;
- input is read lazily, one item beyond the batch being filled at most (a batch is given out as
  soon as the next item would overflow it, or the input ends).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

# Words per parse batch: about 2,500 tokens. Big enough that spaCy's per-batch overhead stays small
# next to the models' work, small enough that a batch of long articles costs no more memory than a
# batch of short ones.
MAX_WORDS = 2_000


def words(text: str) -> int:
    """The whitespace-separated words of ``text``: about 0.8 of spaCy's tokens on news prose."""
    return len(text.split())


def capped(items: Iterable[T], size: Callable[[T], int], max_words: int = MAX_WORDS,
           max_items: int = 32) -> Iterator[list[T]]:
    """``items`` in consecutive batches of at most ``max_items`` items and at most ``max_words`` in
    ``size`` (an item larger than that alone is a batch of its own). ``size`` is called once per item."""
    if max_items < 1 or max_words < 1:
        raise ValueError(f"max_items and max_words must be positive, not {max_items} and {max_words}")
    batch: list[T] = []
    total = 0
    for item in items:
        n = size(item)
        if batch and (len(batch) >= max_items or total + n > max_words):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += n
    if batch:
        yield batch
