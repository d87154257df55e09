"""``nlp.batches.capped``: parse batches capped by words and by items, on hand-built inputs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.nlp import batches


def test_words_counts_whitespace_separated_words() -> None:
    assert batches.words("") == 0
    assert batches.words("  one\ttwo\n\nthree  ") == 3


def test_capped_by_words() -> None:
    # Items are their own sizes: 4 + 4 fits in 10, a third 4 would not.
    assert list(batches.capped([4, 4, 4, 4, 2], int, max_words=10, max_items=32)) == [[4, 4], [4, 4, 2]]


def test_exact_fit_stays_in_one_batch() -> None:
    assert list(batches.capped([5, 5, 1], int, max_words=10, max_items=32)) == [[5, 5], [1]]


def test_capped_by_items() -> None:
    assert list(batches.capped([1] * 7, int, max_words=100, max_items=3)) == [[1, 1, 1], [1, 1, 1], [1]]


def test_an_item_over_the_cap_is_a_batch_of_its_own() -> None:
    assert list(batches.capped([2, 50, 3, 60, 60], int, max_words=10, max_items=32)) == [[2], [50], [3], [60], [60]]


def test_items_of_size_zero_fill_only_item_slots() -> None:
    # Rejects and non-English articles weigh nothing but still count as items.
    assert list(batches.capped([0, 0, 10, 0, 1], int, max_words=10, max_items=32)) == [[0, 0, 10, 0], [1]]
    assert list(batches.capped([0, 0, 0], int, max_words=10, max_items=2)) == [[0, 0], [0]]


def test_every_item_once_in_order() -> None:
    items = [(i * 7919) % 23 for i in range(200)]
    out = list(batches.capped(items, int, max_words=40, max_items=5))
    assert [x for b in out for x in b] == items
    assert all(b and len(b) <= 5 and (sum(b) <= 40 or len(b) == 1) for b in out)


def test_empty_input() -> None:
    assert list(batches.capped([], int)) == []


def test_reads_lazily() -> None:
    read: list[int] = []

    def items() -> Iterator[int]:
        for i in (3, 3, 3, 3):
            read.append(i)
            yield i

    out = batches.capped(items(), int, max_words=6, max_items=32)
    assert next(out) == [3, 3]
    assert len(read) == 3  # the item that did not fit, and no further
    assert list(out) == [[3, 3]]


def test_size_called_once_per_item() -> None:
    calls: list[str] = []

    def size(text: str) -> int:
        calls.append(text)
        return batches.words(text)

    texts = ["a b c", "d e", "f g h i", "j"]
    assert list(batches.capped(texts, size, max_words=5, max_items=32)) == [["a b c", "d e"], ["f g h i", "j"]]
    assert calls == texts


@pytest.mark.parametrize(("max_words", "max_items"), [(0, 1), (1, 0), (-5, 3)])
def test_caps_must_be_positive(max_words: int, max_items: int) -> None:
    with pytest.raises(ValueError):
        list(batches.capped([1], int, max_words=max_words, max_items=max_items))
