"""Ingest in this process: read, skip what the store already holds, code, store.

``ingest(sources, settings, on_item)`` records a run in the store named by ``settings.db_path`` and
stores every new article, ``BATCH`` whole articles per transaction. Articles whose normalised text is
already stored are skipped *before* parsing, so re-running over a folder costs only the reading.
Near-duplicates (``ingest.dedup``; wire copies with another headline or boilerplate) are stored with
``duplicate_of`` their first copy and are not coded again. After a run that stored anything, events
are clustered across articles (``store.clusters``). ``on_item`` is called after every article or
reject (the CLI draws its progress bar with it). Returns the run's counts.

The store is open only while a batch is written: readers in other processes (the API server,
``eventwire events``) can open it while the articles are being coded, which is most of the time.
What the run needs to know between batches (stored content hashes and ids, MinHash signatures) is
read once at the start and kept up to date in memory. The run holds the store's ingest lock
throughout (``store.db.ingest_lock``), so a second ingest fails at once. Where the OS has no
advisory locks (Windows) the store stays open for the whole run, as DuckDB's own lock then is the
only guard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

import duckdb
import numpy as np

from eventwire import pipeline
from eventwire.engines.workers import code_parallel
from eventwire.ingest import dedup
from eventwire.ingest import read as read_sources
from eventwire.records import Article, CodedArticle, Reject
from eventwire.settings import Settings
from eventwire.store import clusters, open_store
from eventwire.store.db import ingest_lock
from eventwire.store.writer import Writer

# Coded articles per store transaction (each article whole; a crash loses at most one batch, which a
# re-run then codes again).
BATCH = 32
# How long opening the store for a batch waits for readers to let go before the run fails. Readers
# (API requests, CLI queries) hold it for milliseconds to seconds; only a reader kept open (a notebook)
# makes a run wait this long.
WRITE_WAIT = 120.0

OnItem = Callable[[CodedArticle | Reject | Article, dict[str, int]], None]


class _Run:
    """One ingest run's state: what is already stored, the near-duplicate index, what waits to be
    written, and near-duplicates held back until their first copy is stored (so ``duplicate_of`` never
    points at a missing row)."""

    def __init__(self, writer: Writer, settings: Settings, on_item: OnItem | None):
        self.writer = writer
        self.on_item = on_item
        # What is stored is read once: the store is let go between batches, so later checks cannot ask it.
        self.hashes, self.ids = writer.stored()
        self.index = dedup.RunIndex(settings.near_duplicate_threshold, self.hashes.__contains__,
                                    writer.signatures() if settings.near_duplicate_threshold is not None else ())
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
        for item in items:
            if isinstance(item, Article):
                if self.index.repeat(item):
                    self.writer.counts["skipped"] += 1
                    self._tell(item)
                    continue
                if self.index.wants_signature(item):
                    sig = dedup.signature(item.text)
                    first = self.index.first_copy(item, sig)
                    if first is not None:
                        dup = replace(item, duplicate_of=first)
                        if first in self.ids:
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
            self.hashes.add(coded.article.content_hash or "")
            self.ids.add(coded.article.id)
            self._tell(coded)
        dups = self.dups + [dup for coded in stored for dup in self.held.pop(coded.article.id, [])]
        self.dups = []
        if dups:
            self.writer.write_many([(CodedArticle(article=d), None) for d in dups])
            self.writer.counts["near_duplicates"] += len(dups)
            for d in dups:
                self.ids.add(d.id)
                self._tell(d)
        for r in self.rejects:
            self.writer.reject(r)
        self.rejects = []
        self.writer.release()

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
                    _, writer.counts["event_clusters"] = clusters.cluster(writer.conn)
                return dict(writer.counts)
        finally:
            writer.close()
