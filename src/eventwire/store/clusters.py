"""The same real-world event reported by several articles gets one cluster id.

Two events are reports of one event when they have the same PLOVER type, the same actor codes and
recipient codes, dates at most ``WINDOW_DAYS`` apart, come from different articles, and their
evidence sentences share at least ``MIN_OVERLAP`` of their content words (Jaccard). Clusters are
chained within a key: each event joins the cluster of an earlier matching one. The cluster id is the
id of the cluster's first event. ``cluster(conn)`` recomputes every cluster id in one transaction and
returns (events, clusters with more than one report). It reads the events key by key from a cursor,
so only one key's events are in memory at a time (with every event's cluster id, to write).
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

import duckdb

log = logging.getLogger(__name__)

WINDOW_DAYS = 1
MIN_OVERLAP = 0.2
_WORD = re.compile(r"[A-Za-z]{4,}")
# Events fetched from the cursor at a time.
FETCH = 2_000
# DuckDB's memory limit while clustering (the sort of every dated event by key, the write): DuckDB
# otherwise keeps what it read cached, up to 80% of RAM, for the rest of the process.
MEMORY = "32MB"


def _words(sentence: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(sentence or "")}


def _similar(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= MIN_OVERLAP


def _assign(members: Iterable[tuple[Any, ...]], assignment: list[tuple[str, str]]) -> int:
    """Cluster one key's events ((id, article id, date, sentence), in date and id order) into
    ``assignment`` as (event id, cluster id); return the key's clusters with more than one report."""
    heads: list[tuple[str, dt.date, set[str], set[str]]] = []  # (cluster id, last date, words, articles)
    for event_id, article_id, date, sentence in members:
        words = _words(sentence)
        home = None
        for k, (cid, last, cwords, arts) in enumerate(heads):
            if (date - last).days <= WINDOW_DAYS and article_id not in arts and _similar(words, cwords):
                home = k
                heads[k] = (cid, date, cwords | words, arts | {article_id})
                break
        if home is None:
            heads.append((event_id, date, words, {article_id}))
            assignment.append((event_id, event_id))
        else:
            assignment.append((event_id, heads[home][0]))
    return sum(1 for h in heads if len(h[3]) > 1)


def _rows(conn: duckdb.DuckDBPyConnection) -> Iterator[tuple[Any, ...]]:
    """(event type, actor codes, recipient codes, id, article id, date, sentence) of every dated event,
    key by key and, within a key, by date and id; ``FETCH`` rows at a time."""
    cursor = conn.execute("""
        SELECT e.event_type,
          (SELECT string_agg(code, ';' ORDER BY code) FROM event_actors x WHERE x.event_id = e.id
             AND x.role = 'actor') AS a,
          (SELECT string_agg(code, ';' ORDER BY code) FROM event_actors x WHERE x.event_id = e.id
             AND x.role = 'recipient') AS r,
          e.id, e.article_id, e.date, e.sentence
        FROM events e WHERE e.date IS NOT NULL
        ORDER BY e.event_type, a NULLS LAST, r NULLS LAST, e.date, e.id""")
    while batch := cursor.fetchmany(FETCH):
        yield from batch


def _cluster(conn: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    assignment: list[tuple[str, str]] = []
    multi = 0
    for (_, a, r), group in itertools.groupby(_rows(conn), key=lambda row: row[:3]):
        if a or r:  # an event with neither actor nor recipient codes is in no cluster
            multi += _assign((row[3:] for row in group), assignment)
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("UPDATE events SET cluster_id = NULL")
        if assignment:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS _clusters (id VARCHAR, cid VARCHAR)")
            conn.execute("DELETE FROM _clusters")
            conn.executemany("INSERT INTO _clusters VALUES (?, ?)", assignment)
            conn.execute("UPDATE events SET cluster_id = c.cid FROM _clusters c WHERE events.id = c.id")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(assignment), multi


def cluster(conn: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Assign ``cluster_id`` to every event; return (events clustered, multi-report clusters). Runs
    under a DuckDB memory limit (``MEMORY``; retried without one if DuckDB cannot keep to it)."""
    try:
        conn.execute(f"SET memory_limit = '{MEMORY}'")
    except duckdb.Error:  # more than that is in use already: no limit then
        return _cluster(conn)
    try:
        return _cluster(conn)
    except duckdb.OutOfMemoryException:
        log.warning("clustering needs more than %s of DuckDB memory: retried without a limit", MEMORY)
        conn.execute("RESET memory_limit")
        return _cluster(conn)
    finally:
        conn.execute("RESET memory_limit")
