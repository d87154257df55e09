"""The same real-world event reported by several articles gets one cluster id.

Two events are reports of one event when they have the same PLOVER type, the same actor codes and
recipient codes, dates at most ``WINDOW_DAYS`` apart, come from different articles, and their
evidence sentences share at least ``MIN_OVERLAP`` of their content words (Jaccard). Clusters are
chained within a key: each event joins the cluster of an earlier matching one. The cluster id is the
id of the cluster's first event. ``cluster(conn)`` recomputes every cluster id in one transaction and
returns (events, clusters with more than one report).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

import duckdb

WINDOW_DAYS = 1
MIN_OVERLAP = 0.2
_WORD = re.compile(r"[A-Za-z]{4,}")


def _words(sentence: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(sentence or "")}


def _similar(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= MIN_OVERLAP


def cluster(conn: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Assign ``cluster_id`` to every event; return (events clustered, multi-report clusters)."""
    rows = conn.execute("""
        SELECT e.id, e.article_id, e.date, e.event_type, e.sentence,
          (SELECT string_agg(code, ';' ORDER BY code) FROM event_actors x WHERE x.event_id = e.id
             AND x.role = 'actor') AS a,
          (SELECT string_agg(code, ';' ORDER BY code) FROM event_actors x WHERE x.event_id = e.id
             AND x.role = 'recipient') AS r
        FROM events e WHERE e.date IS NOT NULL ORDER BY e.date, e.id""").fetchall()
    groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        if row[5] or row[6]:
            groups[(row[3], row[5], row[6])].append(row)
    assignment: dict[str, str] = {}
    multi = 0
    for members in groups.values():
        heads: list[tuple[str, dt.date, set[str], set[str]]] = []  # (cluster id, last date, words, articles)
        for event_id, article_id, date, _, sentence, _, _ in members:
            words = _words(sentence)
            home = None
            for k, (cid, last, cwords, arts) in enumerate(heads):
                if (date - last).days <= WINDOW_DAYS and article_id not in arts and _similar(words, cwords):
                    home = k
                    heads[k] = (cid, date, cwords | words, arts | {article_id})
                    break
            if home is None:
                heads.append((event_id, date, words, {article_id}))
                assignment[event_id] = event_id
            else:
                assignment[event_id] = heads[home][0]
        multi += sum(1 for h in heads if len(h[3]) > 1)
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("UPDATE events SET cluster_id = NULL")
        if assignment:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS _clusters (id VARCHAR, cid VARCHAR)")
            conn.execute("DELETE FROM _clusters")
            conn.executemany("INSERT INTO _clusters VALUES (?, ?)", list(assignment.items()))
            conn.execute("UPDATE events SET cluster_id = c.cid FROM _clusters c WHERE events.id = c.id")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(assignment), multi
