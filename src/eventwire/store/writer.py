"""Write coded articles into the store.

Each article goes in with all its sentences, mentions, events and quotes in one transaction: after a
crash either all of an article's rows are there or none. An article whose content hash is already
stored is skipped (ingest is idempotent). Every run has a ``runs`` row saying how it ended.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import duckdb
import numpy as np

from eventwire.records import ActorMention, CodedArticle, Reject
from eventwire.store.db import first


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# Rows per INSERT statement. One multi-row statement is far faster in DuckDB than executemany, which
# runs the statement once per row.
_CHUNK = 200


def _insert(conn: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]], suffix: str = "") -> None:
    """Insert ``rows`` (all of the table's columns, in order) with parameterised multi-row statements."""
    if not rows:
        return
    width = len(rows[0])
    one = "(" + ",".join("?" * width) + ")"
    for i in range(0, len(rows), _CHUNK):
        chunk = rows[i : i + _CHUNK]
        conn.execute(f"INSERT INTO {table} VALUES " + ",".join([one] * len(chunk)) + f" {suffix}",
                     [v for row in chunk for v in row])


def _mention_row(m: ActorMention) -> list[Any]:
    a = m.actor
    return [m.start, m.end, m.text, a.code, a.country, a.sector, a.name]


def _speaker_cols(m: ActorMention | None) -> list[Any]:
    if m is None:
        return [None] * 7
    return [m.text, m.start, m.end, m.actor.code, m.actor.country, m.actor.sector, m.actor.name]


class Writer:
    """Stores one run's output. Use as a context manager: the run row is closed on exit."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, args: str = ""):
        self.conn = conn
        self.run_id = uuid.uuid4().hex[:12]
        self.counts: Counter[str] = Counter()
        conn.execute("INSERT INTO runs VALUES (?, ?, NULL, 'running', ?, NULL)", [self.run_id, _now(), args])

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            status = "done"
        elif exc_type is KeyboardInterrupt:
            status = "interrupted"
        else:
            status = "failed"
        self.finish(status)

    def finish(self, status: str) -> None:
        self.conn.execute("UPDATE runs SET finished = ?, status = ?, counts = ? WHERE id = ?",
                          [_now(), status, json.dumps(dict(self.counts)), self.run_id])

    def has(self, content_hash: str) -> bool:
        row = first(self.conn, "SELECT 1 FROM articles WHERE content_hash = ?", [content_hash])
        return row is not None

    def has_id(self, article_id: str) -> bool:
        row = first(self.conn, "SELECT 1 FROM articles WHERE id = ?", [article_id])
        return row is not None

    def reject(self, r: Reject) -> None:
        self.conn.execute("INSERT INTO rejects VALUES (?, ?, ?, ?, ?, ?)",
                          [self.run_id, r.input, r.ref, r.stage, r.reason, _now()])
        self.counts["rejects"] += 1

    def signatures(self) -> Iterator[tuple[str, np.ndarray]]:
        """(article id, MinHash signature) of every stored article that has one."""
        for article_id, sig in self.conn.execute("SELECT article_id, sig FROM minhashes").fetchall():
            yield article_id, np.asarray(sig, dtype=np.uint32)

    def write(self, coded: CodedArticle, signature: np.ndarray | None = None) -> bool:
        """Store ``coded`` (and its MinHash ``signature``) in one transaction; False (and nothing
        written) when already stored."""
        art = coded.article
        if self.has(art.content_hash or ""):
            self.counts["skipped"] += 1
            return False
        c = self.conn
        c.execute("BEGIN TRANSACTION")
        try:
            c.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [art.id, art.ref, art.url, art.source, art.credit, art.section, art.title, art.author,
                 art.published, art.retrieved, art.language, art.language_reason, art.kind, art.input,
                 art.text, art.content_hash, art.duplicate_of, list(art.notes), coded.tone, self.run_id, _now()],
            )  # fmt: skip
            if coded.sentences:
                _insert(c, "sentences", [[art.id, s.index, s.start, s.end] for s in coded.sentences])
            if coded.actors:
                _insert(c, "mentions", [[art.id, *_mention_row(m), m.how] for m in coded.actors])
                resolved = {m.actor.code: m.actor for m in coded.actors if m.actor.code}
                _insert(c, "actors", [[a.code, a.country, a.sector, a.name] for a in resolved.values()],
                        "ON CONFLICT DO NOTHING")
            self._events(coded)
            if signature is not None:
                c.execute("INSERT INTO minhashes VALUES (?, ?)", [art.id, signature.tolist()])
            if coded.quotes:
                _insert(
                    c, "quotes",
                    [[q.id, art.id, q.start, q.end, q.text, q.direct, q.scare, q.cue, *_speaker_cols(q.speaker),
                      q.tone] for q in coded.quotes],
                )  # fmt: skip
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        self.counts["articles"] += 1
        self.counts["events"] += len(coded.events)
        self.counts["quotes"] += len(coded.quotes)
        return True

    def _events(self, coded: CodedArticle) -> None:
        if not coded.events:
            return
        rows: list[list[Any]] = []
        roles: list[list[Any]] = []
        for e in coded.events:
            loc = e.location
            rows.append([
                e.id, coded.article.id, e.start, e.end, e.trigger, e.sentence, e.sentence_start, e.sentence_end,
                e.event_type, e.mode, list(e.context), e.cameo, e.quad_class, e.goldstein, e.modality,
                e.negated, e.date, e.date_reason, loc.text if loc else None, loc.start if loc else None,
                loc.end if loc else None, loc.country if loc else None, loc.lat if loc else None,
                loc.lon if loc else None, e.confidence, list(e.explain), None,
            ])  # fmt: skip
            for role, side in (("actor", e.actor), ("recipient", e.recipient)):
                roles.extend([e.id, role, i, *_mention_row(m)] for i, m in enumerate(side))
        _insert(self.conn, "events", rows)
        if roles:
            _insert(self.conn, "event_actors", roles)
