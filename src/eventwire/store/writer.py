"""Write coded articles into the store.

Articles go in with all their sentences, mentions, events and quotes, a batch of whole articles per
transaction: after a crash either all of an article's rows are there or none. An article whose
content hash is already stored is skipped (ingest is idempotent). Every run has a ``runs`` row
saying how it ended.

A Writer made with ``reopen`` can ``release()`` its connection between batches (so that other
processes can open the store) and reopens it on its next statement.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import duckdb
import numpy as np

from eventwire.ingest.ids import quote_key
from eventwire.records import ActorMention, CodedArticle, Reject, Tone
from eventwire.store import bands
from eventwire.store.db import first


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


log = logging.getLogger(__name__)


def _insert(conn: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]], suffix: str = "") -> None:
    """Insert ``rows`` (all of the table's columns, in order) in one statement that scans them as a
    DataFrame of Python objects. Binding parameters costs DuckDB far more (a multi-row parameterised
    INSERT took about twice as long over a batch of news articles, executemany longer still). The
    object columns keep every value as it is (no int-to-float for a column with NULLs); DuckDB
    casts each to the table's column type, as it does parameters."""
    if not rows:
        return
    import pandas as pd  # imported here: only writing needs it, and it costs a third of a second to import

    frame = pd.DataFrame(rows, columns=[f"c{i}" for i in range(len(rows[0]))], dtype=object)
    view = f"_eventwire_rows_{table}"
    conn.register(view, frame)
    try:
        conn.execute(f"INSERT INTO {table} SELECT * FROM {view} {suffix}")
    finally:
        # After a failed INSERT the transaction is aborted and refuses even this; the view is then
        # left to be replaced by the next register of the same name.
        with contextlib.suppress(duckdb.Error):
            conn.unregister(view)


def _mention_row(m: ActorMention) -> list[Any]:
    a = m.actor
    return [m.start, m.end, m.text, a.code, a.country, a.sector, a.name]


def _tone_cols(tone: Tone | None) -> list[Any]:
    """(score, positive, negative, words): the last three are the columns migration 0003 appended."""
    if tone is None:
        return [None] * 4
    return [tone.score, tone.positive, tone.negative, tone.words]


def _speaker_cols(m: ActorMention | None) -> list[Any]:
    if m is None:
        return [None] * 7
    return [m.text, m.start, m.end, m.actor.code, m.actor.country, m.actor.sector, m.actor.name]


# The tables an article's rows go to, in the order they are written.
ARTICLE_TABLES = ("articles", "sentences", "mentions", "actors", "events", "event_actors", "quotes", "minhashes")


def article_rows(items: list[tuple[CodedArticle, np.ndarray | None]], run_id: str, stored: dt.datetime
                 ) -> dict[str, list[list[Any]]]:
    """Every row the store keeps for these articles, by table (``ARTICLE_TABLES``); each row holds all
    the table's columns in their order in ``migrations/``. ``actors`` has one row per distinct code.
    The store's writer and the Ray engine's Parquet files are both made from these rows."""
    rows: dict[str, list[list[Any]]] = {t: [] for t in ARTICLE_TABLES}
    for coded, signature in items:
        art = coded.article
        tone = _tone_cols(coded.tone)
        rows["articles"].append(
            [art.id, art.ref, art.url, art.source, art.credit, art.section, art.title, art.author,
             art.published, art.retrieved, art.language, art.language_reason, art.kind, art.input,
             art.text, art.content_hash, art.duplicate_of, list(art.notes), tone[0], run_id, stored, *tone[1:]])
        rows["sentences"] += [[art.id, s.index, s.start, s.end] for s in coded.sentences]
        rows["mentions"] += [[art.id, *_mention_row(m), m.how] for m in coded.actors]
        rows["actors"] += [[m.actor.code, m.actor.country, m.actor.sector, m.actor.name]
                           for m in coded.actors if m.actor.code]
        _event_rows(coded, rows["events"], rows["event_actors"])
        rows["quotes"] += [[q.id, art.id, q.start, q.end, q.text, q.direct, q.scare, q.cue,
                            *_speaker_cols(q.speaker), *_tone_cols(q.tone), quote_key(q.text)]
                           for q in coded.quotes]
        if signature is not None:
            rows["minhashes"].append([art.id, signature.tolist()])
    rows["actors"] = list({r[0]: r for r in rows["actors"]}.values())
    return rows


# The keys of the tables that have no primary key in the store (migration 0005: DuckDB would hold
# their indexes in memory, growing with the store): the leading columns of each row.
CHILD_KEYS = {"sentences": 2, "mentions": 3, "event_actors": 3}


class KeyClash(Exception):
    """Rows of one batch that share a key (``CHILD_KEYS``): a coding bug, caught before writing."""


def check_keys(rows: dict[str, list[list[Any]]]) -> None:
    """Raise :class:`KeyClash` if two rows of a ``CHILD_KEYS`` table in ``rows`` share a key. Every
    such key starts with an article's id (an event's id starts with its article's), and an article is
    written once, whole, in one batch, so a clash can only be inside the batch."""
    for table, width in CHILD_KEYS.items():
        seen: set[tuple[Any, ...]] = set()
        for row in rows.get(table, ()):
            key = tuple(row[:width])
            if key in seen:
                raise KeyClash(f"duplicate key {key} in {table}")
            seen.add(key)


def reject_row(r: Reject, run_id: str, at: dt.datetime) -> list[Any]:
    """The ``rejects`` row of a reject."""
    return [run_id, r.input, r.ref, r.stage, r.reason, at]


def _event_rows(coded: CodedArticle, rows: list[list[Any]], roles: list[list[Any]]) -> None:
    for e in coded.events:
        loc = e.location
        rows.append([
            e.id, coded.article.id, e.start, e.end, e.trigger, e.sentence, e.sentence_start, e.sentence_end,
            e.event_type, e.mode, list(e.context), e.cameo, e.quad_class, e.goldstein, e.modality,
            e.negated, e.date, e.date_reason, loc.text if loc else None, loc.start if loc else None,
            loc.end if loc else None, loc.country if loc else None, loc.lat if loc else None,
            loc.lon if loc else None, e.confidence, list(e.explain), None, *_tone_cols(e.tone),
        ])  # fmt: skip
        for role, side in (("actor", e.actor), ("recipient", e.recipient)):
            roles.extend([e.id, role, i, *_mention_row(m)] for i, m in enumerate(side))


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


class Writer:
    """Stores one run's output. Use as a context manager: the run row is closed on exit."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, args: str = "",
                 reopen: Callable[[], duckdb.DuckDBPyConnection] | None = None, run_id: str | None = None):
        self._conn: duckdb.DuckDBPyConnection | None = conn
        self._reopen = reopen
        # A run spread over several processes (the Ray engine) passes one id to every writer.
        self.run_id = run_id or new_run_id()
        self.counts: Counter[str] = Counter()
        # The LSH banding of the run's near-duplicate threshold (``ingest.dedup.banding``): when set,
        # each batch's signatures get their ``minhash_bands`` rows in the batch's transaction.
        self.banding: tuple[int, int] | None = None
        # True once a batch's signatures could not get band rows (the table was behind); the engine
        # then runs ``store.bands.prepare``, which adds them, before its next lookup.
        self.bands_behind = False
        # The caller holds the store's write lock for the whole run (DuckDB's, or the ingest lock when
        # the connection is released between batches), so no other run is alive: a run still marked
        # 'running' was killed (SIGKILL, power cut). Say so; its committed batches are kept, the rest
        # is re-done.
        conn.execute("UPDATE runs SET status = 'killed', finished = ? WHERE status = 'running'", [utc_now()])
        conn.execute("INSERT INTO runs VALUES (?, ?, NULL, 'running', ?, NULL)", [self.run_id, utc_now(), args])

    @property
    def conn(self) -> duckdb.DuckDBPyConnection:
        """The open connection, reopened first when it was released."""
        if self._conn is None:
            if self._reopen is None:
                raise RuntimeError("writer connection was released and cannot be reopened")
            self._conn = self._reopen()
        return self._conn

    def release(self) -> None:
        """Close the connection until the next statement (only for a writer made with ``reopen``)."""
        if self._reopen is not None and self._conn is not None:
            self._conn.close()
            self._conn = None

    def close(self) -> None:
        """Close the connection, whether or not it could be reopened."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

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
                          [utc_now(), status, json.dumps(dict(self.counts)), self.run_id])

    def has(self, content_hash: str) -> bool:
        row = first(self.conn, "SELECT 1 FROM articles WHERE content_hash = ?", [content_hash])
        return row is not None

    def reject(self, r: Reject) -> None:
        _insert(self.conn, "rejects", [reject_row(r, self.run_id, utc_now())])
        self.counts["rejects"] += 1

    def signatures(self) -> Iterator[tuple[str, np.ndarray]]:
        """(article id, MinHash signature) of every stored article that has one, in the order they were
        stored. All of them: an ingest looks signatures up in ``store.bands`` instead."""
        for article_id, sig in self.conn.execute("SELECT article_id, sig FROM minhashes ORDER BY rowid").fetchall():
            yield article_id, np.asarray(sig, dtype=np.uint32)

    def write(self, coded: CodedArticle, signature: np.ndarray | None = None) -> bool:
        """Store one article (see ``write_many``); False when it was already stored."""
        return bool(self.write_many([(coded, signature)]))

    def _commit(self, fresh: list[tuple[CodedArticle, np.ndarray | None]]) -> None:
        rows = article_rows(fresh, self.run_id, utc_now())
        check_keys(rows)
        signed = [(coded.article.id, sig) for coded, sig in fresh if sig is not None]
        c = self.conn
        c.execute("BEGIN TRANSACTION")
        try:
            before = bands.rows_before(c) if self.banding is not None and signed else 0
            for table, table_rows in rows.items():
                _insert(c, table, table_rows, "ON CONFLICT DO NOTHING" if table == "actors" else "")
            if self.banding is not None and signed and not bands.add_rows(
                    c, [i for i, _ in signed], [s for _, s in signed], self.banding, before):
                self.bands_behind = True
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def write_many(self, items: list[tuple[CodedArticle, np.ndarray | None]]) -> list[CodedArticle]:
        """Store articles, each with all its rows, in one transaction, and return those stored; articles
        whose content hash is already in the store are skipped. A crash leaves every article either
        complete or absent: the transaction commits whole articles only. An article whose rows break a
        key of the store is recorded as a reject (stage "store") and the others are stored."""
        fresh = [(c, sig) for c, sig in items if not self.has(c.article.content_hash or "")]
        if len(items) > len(fresh):
            self.counts["skipped"] += len(items) - len(fresh)
        if not fresh:
            return []
        try:
            self._commit(fresh)
        except (duckdb.ConstraintException, KeyClash) as exc:
            if len(fresh) == 1:
                # One article whose rows break the store's keys (a coding bug, not the user's input):
                # record it as a reject and go on, rather than stop a run of thousands.
                coded = fresh[0][0]
                log.warning("article %s not stored: %s", coded.article.id, exc)
                self.reject(Reject(input=coded.article.input or coded.article.id, ref=coded.article.ref,
                                   stage="store", reason=f"not stored: {exc}"))
                return []
            # Find the article at fault: store the batch one article at a time.
            return [s for item in fresh for s in self.write_many([item])]
        for coded, _ in fresh:
            self.counts["articles"] += 1
            self.counts["events"] += len(coded.events)
            self.counts["quotes"] += len(coded.statements)
        return [c for c, _ in fresh]
