"""Ingest in this process: read, skip what the store already holds, code, store.

``ingest(sources, settings, on_item)`` records a run in the store named by ``settings.db_path`` and
stores every new article, ``BATCH`` whole articles per transaction. Articles whose normalised text is
already stored are skipped *before* parsing, so re-running over a folder costs only the reading.
Near-duplicates (``ingest.dedup``; wire copies with another headline or boilerplate) are stored with
``duplicate_of`` their first copy and are not coded again. After a run that stored anything, events
are clustered across articles (``store.clusters``). ``on_item`` is called after every article or
reject (the CLI draws its progress bar with it). Returns the run's counts.

The store is open only while a batch is written or looked up: readers in other processes (the API
server, ``eventwire events``) can open it while the articles are being coded, which is most of the
time. Input is looked up ``LOOKUP`` articles at a time: one opening of the store tells which content
hashes are stored and which stored signatures share an LSH band with the articles'
(``store.bands``), so the run's memory does not grow with the store. What the store cannot answer yet
(this run's articles not written so far, and those rejected) is kept in memory
(``ingest.dedup.RunIndex``) and dropped once written. A stored copy wins over one of this run still
in memory, which gives the decisions of one index holding everything in order, except that a
rejected article of this run loses to a stored copy registered after it. The run holds the store's
ingest lock throughout (``store.db.ingest_lock``), so a second ingest fails at once. Where the OS has no
advisory locks (Windows) the store stays open for the whole run, as DuckDB's own lock then is the
only guard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice

import duckdb
import numpy as np

from eventwire import heap, pipeline
from eventwire.engines.workers import code_parallel
from eventwire.ingest import dedup
from eventwire.ingest import read as read_sources
from eventwire.records import Article, CodedArticle, Reject
from eventwire.settings import Settings
from eventwire.store import bands, clusters, open_store
from eventwire.store.db import ingest_lock
from eventwire.store.writer import Writer

# Coded articles per store transaction (each article whole; a crash loses at most one batch, which a
# re-run then codes again).
BATCH = 32
# How long opening the store for a batch waits for readers to let go before the run fails. Readers
# (API requests, CLI queries) hold it for milliseconds to seconds; only a reader kept open (a notebook)
# makes a run wait this long.
WRITE_WAIT = 120.0
# Articles read ahead and looked up in the store at once: one opening of the store and one scan of
# its band table per LOOKUP articles.
LOOKUP = 64

OnItem = Callable[[CodedArticle | Reject | Article, dict[str, int]], None]


class _Run:
    """One ingest run's state: the in-memory part of the repeat and near-duplicate index, what waits
    to be written, and near-duplicates held back until their first copy is stored (so
    ``duplicate_of`` never points at a missing row)."""

    def __init__(self, writer: Writer, settings: Settings, on_item: OnItem | None):
        self.writer = writer
        self.on_item = on_item
        self.threshold = settings.near_duplicate_threshold
        # This run's articles until they are stored (its rejected ones for good); the store answers
        # for the rest.
        self.index = dedup.RunIndex(self.threshold)
        if self.threshold is not None:
            writer.banding = dedup.banding(self.threshold)
            bands.prepare(writer.conn, *writer.banding)
        self.written: list[tuple[str, str]] = []  # (id, content hash) stored since the last lookup
        self.written_ids: set[str] = set()
        self.sigs: dict[str, np.ndarray] = {}
        self.batch: list[tuple[CodedArticle, np.ndarray | None]] = []
        self.rejects: list[Reject] = []
        self.dups: list[Article] = []  # near-duplicates whose first copy is stored: written with the next batch
        self.held: dict[str, list[Article]] = {}

    def _tell(self, item: CodedArticle | Reject | Article) -> None:
        if self.on_item:
            self.on_item(item, dict(self.writer.counts))

    def new_only(self, items: Iterable[Article | Reject]) -> Iterator[Article | Reject]:
        """Drop exact repeats; set near-duplicates aside (not coded); pass the rest on."""
        it = iter(items)
        while chunk := list(islice(it, LOOKUP)):
            yield from self._sort_out(chunk)

    def _look_up(self, chunk: list[Article | Reject]
                 ) -> tuple[set[int], dict[int, np.ndarray | None], dict[int, list[tuple[str, np.ndarray]]]]:
        """Decide a chunk's exact repeats, in input order; compute the others' signatures and find the
        stored signatures sharing a band with them. Returns (positions of repeats, signatures by
        position, stored candidates by position)."""
        try:
            conn = self.writer.conn
            if self.writer.bands_behind and self.writer.banding is not None:
                # Some batch could not get its band rows (only another writer between batches could
                # cause that): index them before the store is asked instead of memory.
                bands.prepare(conn, *self.writer.banding)
                self.writer.bands_behind = False
            # What was written since the last lookup is in the store now, band rows included.
            for article_id, digest in self.written:
                self.index.forget(article_id, digest)
            self.written = []
            self.written_ids.clear()
            stored = bands.stored_hashes(conn, [i.content_hash or "" for i in chunk if isinstance(i, Article)])
            repeats = {pos for pos, item in enumerate(chunk) if isinstance(item, Article)
                       and ((item.content_hash or "") in stored or self.index.repeat(item))}
            sigs = {pos: dedup.signature(item.text) for pos, item in enumerate(chunk)
                    if pos not in repeats and isinstance(item, Article) and self.index.wants_signature(item)}
            signed = {pos: sig for pos, sig in sigs.items() if sig is not None}
            found: dict[int, list[tuple[str, np.ndarray]]] = {}
            if signed and self.writer.banding is not None:
                keys = dedup.band_keys(np.stack(list(signed.values())), *self.writer.banding)
                found = dict(zip(signed, bands.candidates(conn, keys), strict=True))
        finally:
            self.writer.release()
        return repeats, sigs, found

    def _sort_out(self, chunk: list[Article | Reject]) -> Iterator[Article | Reject]:
        repeats, sigs, found = self._look_up(chunk)
        for pos, item in enumerate(chunk):
            if not isinstance(item, Article):
                yield item
                continue
            if pos in repeats:
                self.writer.counts["skipped"] += 1
                self._tell(item)
                continue
            if pos in sigs:
                sig = sigs[pos]
                assert self.threshold is not None
                threshold = self.threshold
                # Stored copies come first: each was registered before anything of this run still in memory.
                first = next((other_id for other_id, other in found.get(pos, [])
                              if sig is not None and dedup.matches(sig, other, threshold)), None)
                if first is not None:
                    self.dups.append(replace(item, duplicate_of=first))
                    continue
                first = self.index.first_copy(item, sig)
                if first is not None:
                    # Held until its first copy is stored, unless a batch written since the lookup
                    # (while this chunk's earlier articles were coded) holds it.
                    dup = replace(item, duplicate_of=first)
                    if first in self.written_ids:
                        self.dups.append(dup)
                    else:
                        self.held.setdefault(first, []).append(dup)
                    continue
                if sig is not None:
                    self.sigs[item.id] = sig
            yield item

    def store(self, item: CodedArticle | Reject) -> None:
        """Queue a coded article or a reject; write the queue once it holds ``BATCH`` items."""
        if isinstance(item, Reject):
            self.rejects.append(item)
            self._tell(item)
        else:
            self.batch.append((item, self.sigs.pop(item.article.id, None)))
        if len(self.batch) + len(self.rejects) + len(self.dups) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the queued articles in one transaction, then the near-duplicates waiting for them and
        the rejects; then let go of the store until the next batch."""
        if not (self.batch or self.rejects or self.dups):
            return
        stored = self.writer.write_many(self.batch)
        self.batch = []
        for coded in stored:
            self.written.append((coded.article.id, coded.article.content_hash or ""))
            self.written_ids.add(coded.article.id)
            self._tell(coded)
        dups = self.dups + [dup for coded in stored for dup in self.held.pop(coded.article.id, [])]
        self.dups = []
        if dups:
            written = self.writer.write_many([(CodedArticle(article=d), None) for d in dups])
            self.written += [(c.article.id, c.article.content_hash or "") for c in written]
            self.writer.counts["near_duplicates"] += len(dups)
            for d in dups:
                self._tell(d)
        for r in self.rejects:
            self.writer.reject(r)
        self.rejects = []
        self.writer.release()
        # DuckDB is closed and the batch's records are gone: the heap's free pages go back to the OS
        # (see eventwire.heap), else what the parse and the write leave free adds up over the run.
        heap.trim()

    def orphans(self) -> list[Article]:
        """Near-duplicates whose first copy was never stored (it was rejected): they get coded."""
        left = [replace(a, duplicate_of=None) for dups in self.held.values() for a in dups]
        self.held.clear()
        return left


def _coder(settings: Settings, stages: pipeline.Stages | None, workers: int
           ) -> Callable[[Iterable[Article | Reject]], Iterator[CodedArticle | Reject]]:
    if workers > 1:
        return lambda items: code_parallel(items, settings, workers)
    return lambda items: pipeline.code_articles(items, settings, stages)


def ingest(sources: Iterable[str], settings: Settings, on_item: OnItem | None = None,
           stages: pipeline.Stages | None = None, workers: int = 1) -> dict[str, int]:
    """Store every new article found in ``sources``; return counts (articles, skipped, near_duplicates,
    events, quotes, rejects). ``workers`` > 1 codes in that many processes, with the same output.
    Raises StoreBusy at once when another ingest holds the store."""
    sources = list(sources)
    # Large parse arrays mapped and unmapped each time, so the heap's free memory does not grow
    # with the run (see eventwire.heap).
    heap.tune()
    with ingest_lock(settings.db_path) as locked:
        def reopen() -> duckdb.DuckDBPyConnection:
            return open_store(settings.db_path, wait=WRITE_WAIT)

        writer = Writer(reopen(), args=" ".join(sources), reopen=reopen if locked else None)
        try:
            with writer:
                run = _Run(writer, settings, on_item)
                writer.release()
                code = _coder(settings, stages, workers)
                try:
                    for item in code(run.new_only(read_sources(sources, settings))):
                        run.store(item)
                    run.flush()
                    for item in code(run.orphans()):
                        run.store(item)
                finally:
                    # Whatever was coded before an interruption is kept (whole articles only).
                    run.flush()
                if writer.counts.get("articles"):
                    # The parse is over: what its memory left free goes back before DuckDB reads
                    # every dated event, so that clustering's memory is not stacked on top of it.
                    heap.trim()
                    _, writer.counts["event_clusters"] = clusters.cluster(writer.conn)
                return dict(writer.counts)
        finally:
            writer.close()
