"""Ingest in this process: read, skip what the store already holds, code, store.

``ingest(sources, settings, on_item)`` opens the store named by ``settings.db_path``, records a run,
and stores every new article in its own transaction. Articles whose normalised text is already stored
are skipped *before* parsing, so re-running over a folder costs only the reading. Near-duplicates
(``ingest.dedup``; wire copies with another headline or boilerplate) are stored with ``duplicate_of``
their first copy and are not coded again. ``on_item`` is called
after every article or reject (the CLI draws its progress bar with it). Returns the run's counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

import numpy as np

from eventwire import pipeline
from eventwire.ingest import dedup
from eventwire.ingest import read as read_sources
from eventwire.records import Article, CodedArticle, Reject
from eventwire.settings import Settings
from eventwire.store import open_store
from eventwire.store.writer import Writer

OnItem = Callable[[CodedArticle | Reject | Article, dict[str, int]], None]


def _new_only(items: Iterable[Article | Reject], writer: Writer, near: dedup.NearDuplicates | None,
              sigs: dict[str, np.ndarray], on_item: OnItem | None) -> Iterator[Article | Reject]:
    """Drop exact repeats; store near-duplicates as pointers to their first copy without coding them;
    pass the rest on (their signatures kept in ``sigs`` for the writer)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            digest = item.content_hash or ""
            if digest in seen or writer.has(digest):
                writer.counts["skipped"] += 1
                if on_item:
                    on_item(item, dict(writer.counts))
                continue
            seen.add(digest)
            if near is not None and item.language == "en":
                sig = dedup.signature(item.text)
                first = near.first_copy(item.id, sig)
                if first is not None:
                    writer.write(CodedArticle(article=replace(item, duplicate_of=first)))
                    writer.counts["near_duplicates"] += 1
                    if on_item:
                        on_item(item, dict(writer.counts))
                    continue
                if sig is not None:
                    sigs[item.id] = sig
        yield item


def ingest(sources: Iterable[str], settings: Settings, on_item: OnItem | None = None,
           stages: pipeline.Stages | None = None) -> dict[str, int]:
    """Store every new article found in ``sources``; return counts (articles, skipped, events, quotes,
    rejects)."""
    sources = list(sources)
    conn = open_store(settings.db_path)
    try:
        with Writer(conn, args=" ".join(sources)) as writer:
            near = None
            if settings.near_duplicate_threshold is not None:
                near = dedup.NearDuplicates(settings.near_duplicate_threshold)
                for article_id, sig in writer.signatures():
                    near.add(article_id, sig)
            sigs: dict[str, np.ndarray] = {}
            items = _new_only(read_sources(sources, settings), writer, near, sigs, on_item)
            for item in pipeline.code_articles(items, settings, stages):
                if isinstance(item, Reject):
                    writer.reject(item)
                else:
                    writer.write(item, signature=sigs.pop(item.article.id, None))
                if on_item:
                    on_item(item, dict(writer.counts))
            return dict(writer.counts)
    finally:
        conn.close()
