"""eventwire.heap: glibc's mmap threshold is fixed once per process, the heap is trimmed on request,
nothing happens without glibc, and the local engine trims once the parse is over, before clustering."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from eventwire import heap
from eventwire.engines import local
from eventwire.records import Article, CodedArticle, Reject
from eventwire.settings import Settings


class FakeLibc:
    """Records the malloc calls eventwire.heap makes."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def mallopt(self, param: int, value: int) -> int:
        self.calls.append(("mallopt", param, value))
        return 1

    def malloc_trim(self, pad: int) -> int:
        self.calls.append(("malloc_trim", pad))
        return 1


@pytest.fixture
def fake_libc(monkeypatch):
    libc = FakeLibc()
    monkeypatch.setattr(heap, "_glibc", lambda: libc)
    heap.tune.cache_clear()
    yield libc
    heap.tune.cache_clear()


def test_tune_sets_the_mmap_threshold_once_per_process(fake_libc):
    assert heap.tune() is True
    assert heap.tune() is True
    assert fake_libc.calls == [("mallopt", -3, heap.MMAP_THRESHOLD), ("mallopt", -8, heap.ARENAS)]


def test_trim_hands_back_every_free_page(fake_libc):
    assert heap.trim() is True
    assert fake_libc.calls == [("malloc_trim", 0)]


def test_without_glibc_nothing_is_done(monkeypatch):
    monkeypatch.setattr(heap, "_glibc", lambda: None)
    heap.tune.cache_clear()
    try:
        assert heap.tune() is False
        assert heap.trim() is False
    finally:
        heap.tune.cache_clear()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_the_real_glibc_is_found_and_accepts_the_calls():
    libc = heap._glibc()
    if libc is None:
        pytest.skip("not glibc")
    assert isinstance(libc, ctypes.CDLL)
    heap.tune.cache_clear()
    assert heap.tune() is True
    heap.trim()  # False only means nothing was free; it must not fail


def test_an_ingest_tunes_first_and_trims_after_the_parse_before_clustering(tmp_path, monkeypatch):
    order: list[str] = []
    monkeypatch.setattr(local.heap, "tune", lambda: order.append("tune") or True)
    monkeypatch.setattr(local.heap, "trim", lambda: order.append("trim") or True)
    cluster = local.clusters.cluster
    monkeypatch.setattr(local.clusters, "cluster", lambda conn: (order.append("cluster"), cluster(conn))[1])

    def coder(settings, stages, workers):
        def code(items: Iterable[Article | Reject]) -> Iterator[CodedArticle | Reject]:
            for item in items:
                order.append("code")
                yield item if isinstance(item, Reject) else CodedArticle(article=item)
        return code

    monkeypatch.setattr(local, "_coder", coder)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"Article number {i} about the harbour talks in Lome on day {i}.")
    counts = local.ingest([str(folder)], Settings(db_path=Path(tmp_path / "s.duckdb")))
    assert counts["articles"] == 3
    assert order[0] == "tune" and order.count("code") == 3
    assert order[-2:] == ["trim", "cluster"] and order.index("trim") > max(
        i for i, step in enumerate(order) if step == "code")
