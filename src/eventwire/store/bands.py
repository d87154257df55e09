"""The near-duplicate index on disk: LSH band keys of stored MinHash signatures (``minhash_bands``).

An ingest run looks stored articles up here instead of loading every stored signature and content
hash into memory, so its memory does not grow with the store. Contracts:

* :func:`prepare` makes the table match a banding (``ingest.dedup.banding`` of the run's threshold):
  a table made for another banding is rebuilt, and ``minhashes`` rows without band rows (a store
  written before schema 4, rows imported by ``eventwire attach``, a writer without a banding) are
  indexed, in ``minhashes`` rowid order, a chunk per transaction. Call it before any lookup.
* :func:`add_rows` is called by the store writer inside an article batch's transaction, so band rows
  are committed with (and only with) their ``minhashes`` rows. It adds nothing when the table is not
  up to date (``indexed`` behind ``minhashes``); :func:`prepare` fills such gaps later.
* :func:`candidates` returns, for a batch of articles' band keys, every stored signature sharing a
  key, ordered by ``minhashes`` rowid (insertion order: the table is append-only), which is the order
  the in-memory index registered stored signatures in, so "earliest" means the same.
* :func:`stored_hashes`: which content hashes are stored (the ``articles`` unique index).

A lookup is one hash join of the batch's keys against a scan of ``minhash_bands`` (no ART index: see
``migrations/0004_minhash_bands.sql``), under a DuckDB memory limit (``SCAN_MEMORY``) so its memory
does not grow with the table; the local engine batches ``LOOKUP`` articles per join.
"""

from __future__ import annotations

import contextlib
import logging
from collections import defaultdict

import duckdb
import numpy as np

from eventwire.store.db import first

log = logging.getLogger(__name__)

# minhashes rows indexed per transaction by prepare (a chunk's signatures are in memory at once).
CHUNK = 20_000
# DuckDB's memory limit during a lookup (the band table's scan, the candidates' signatures). DuckDB
# keeps the blocks it reads cached up to its limit (80% of RAM by default): without this a lookup held
# ~190 MB at a million stored articles, growing with the store. The blocks are clean, so evicting them
# only means reading them again (from the OS page cache) at the next lookup; the join needs a few MB.
SCAN_MEMORY = "32MB"
# The same for prepare: re-indexing a million signatures read the whole minhashes table into DuckDB's
# cache (1.7 GB peak RSS without a limit; with it, and signatures read as a flat column, +0.3 GB).
INDEX_MEMORY = "128MB"


def _keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    # Imported here: the ingest package is not needed by the store's readers.
    from eventwire.ingest import dedup

    return dedup.band_keys(sigs, bands, rows)


def _insert_keys(conn: duckdb.DuckDBPyConnection, ids: list[str], keys: np.ndarray) -> None:
    import pandas as pd

    frame = pd.DataFrame({"band_key": keys.reshape(-1),
                          "article_id": np.repeat(np.asarray(ids, dtype=object), keys.shape[1])})
    conn.register("_eventwire_bands", frame)
    try:
        conn.execute("INSERT INTO minhash_bands SELECT band_key, article_id FROM _eventwire_bands")
    finally:
        # An aborted transaction refuses even this; the next register of the name replaces the view.
        with contextlib.suppress(duckdb.Error):
            conn.unregister("_eventwire_bands")


def _state(conn: duckdb.DuckDBPyConnection) -> tuple[int, int, int] | None:
    row = first(conn, 'SELECT bands, "rows", indexed FROM minhash_banding')
    return (int(row[0]), int(row[1]), int(row[2])) if row else None


def _count(conn: duckdb.DuckDBPyConnection) -> int:
    row = first(conn, "SELECT count(*) FROM minhashes")
    return int(row[0]) if row else 0


def prepare(conn: duckdb.DuckDBPyConnection, bands: int, rows: int) -> int:
    """Bring ``minhash_bands`` up to date for this banding; return how many signatures were indexed.
    Runs under a DuckDB memory limit (``INDEX_MEMORY``; DuckDB spills to disk beyond it)."""
    try:
        conn.execute(f"SET memory_limit = '{INDEX_MEMORY}'")
    except duckdb.Error:  # more than that is in use already: no limit then
        return _prepare(conn, bands, rows)
    try:
        return _prepare(conn, bands, rows)
    finally:
        conn.execute("RESET memory_limit")


def _prepare(conn: duckdb.DuckDBPyConnection, bands: int, rows: int) -> int:
    state = _state(conn)
    if state is None or state[:2] != (bands, rows):
        if state is not None:
            log.info("near-duplicate threshold changed (bands %dx%d, was %dx%d): re-indexing stored signatures",
                     bands, rows, state[0], state[1])
        conn.execute("BEGIN TRANSACTION")
        try:
            # Replaced rather than emptied: deleting millions of rows costs far more (undo, tombstones).
            conn.execute("DROP TABLE minhash_bands")
            conn.execute("CREATE TABLE minhash_bands (band_key UBIGINT NOT NULL, article_id VARCHAR NOT NULL)")
            conn.execute("DELETE FROM minhash_banding")
            conn.execute("INSERT INTO minhash_banding VALUES (?, ?, 0)", [bands, rows])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        state = (bands, rows, 0)
    indexed = state[2]
    total = _count(conn)
    done = 0
    if indexed >= total:
        return 0
    start = first(conn, "SELECT rowid FROM minhashes ORDER BY rowid LIMIT 1 OFFSET ?", [indexed])
    end = first(conn, "SELECT max(rowid) FROM minhashes")
    if start is None or end is None:
        return 0
    # Ranges of rowids (DuckDB reads only the row groups of a range), signatures fetched as one flat
    # uint32 column (not as Python lists of ints).
    for lo in range(int(start[0]), int(end[0]) + 1, CHUNK):
        where = "FROM minhashes WHERE rowid >= ? AND rowid < ? ORDER BY rowid"
        got = conn.execute(f"SELECT article_id, sig[1] {where}", [lo, lo + CHUNK]).fetchall()
        if not got:
            continue
        ids = [a for a, _ in got]
        flat = conn.execute(f"SELECT unnest(sig)::UINTEGER AS v FROM (SELECT sig {where})",
                            [lo, lo + CHUNK]).fetchnumpy()["v"]
        sigs = np.asarray(flat, dtype=np.uint32).reshape(len(ids), -1)
        if not np.array_equal(sigs[:, 0], np.asarray([v for _, v in got], dtype=np.uint32)):
            raise RuntimeError("minhashes read out of order while indexing")  # never seen; guards the reshape
        conn.execute("BEGIN TRANSACTION")
        try:
            _insert_keys(conn, ids, _keys(sigs, bands, rows))
            conn.execute("UPDATE minhash_banding SET indexed = indexed + ?", [len(ids)])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done += len(ids)
    if done:
        log.info("indexed %d stored MinHash signatures for near-duplicate lookups", done)
    return done


def add_rows(conn: duckdb.DuckDBPyConnection, ids: list[str], sigs: list[np.ndarray],
             banding: tuple[int, int], before: int) -> bool:
    """Band rows for signatures just inserted into ``minhashes`` (which held ``before`` rows), inside
    the caller's transaction; False (and nothing added) when the table is for another banding or not
    up to date."""
    state = _state(conn)
    if not ids:
        return True
    if state is None or state[:2] != banding or state[2] != before:
        return False
    _insert_keys(conn, ids, _keys(np.asarray(sigs, dtype=np.uint32), *banding))
    conn.execute("UPDATE minhash_banding SET indexed = indexed + ?", [len(ids)])
    return True


def rows_before(conn: duckdb.DuckDBPyConnection) -> int:
    """The number of ``minhashes`` rows (for :func:`add_rows`' ``before``)."""
    return _count(conn)


def candidates(conn: duckdb.DuckDBPyConnection, keys: np.ndarray) -> list[list[tuple[str, np.ndarray]]]:
    """For each row of ``keys`` (``(n, bands)``, from ``dedup.band_keys``): the stored (article id,
    signature) pairs sharing at least one key, earliest stored first."""
    n = keys.shape[0]
    if n == 0:
        return []
    try:
        conn.execute(f"SET memory_limit = '{SCAN_MEMORY}'")
    except duckdb.Error:  # more than that is in use already: no limit then
        return _candidates(conn, keys)
    try:
        return _candidates(conn, keys)
    except duckdb.OutOfMemoryException:
        log.warning("near-duplicate lookup needs more than %s of DuckDB memory: retried without a limit",
                    SCAN_MEMORY)
        conn.execute("RESET memory_limit")
        return _candidates(conn, keys)
    finally:
        conn.execute("RESET memory_limit")


def _candidates(conn: duckdb.DuckDBPyConnection, keys: np.ndarray) -> list[list[tuple[str, np.ndarray]]]:
    import pandas as pd

    n = keys.shape[0]
    out: list[list[tuple[str, np.ndarray]]] = [[] for _ in range(n)]
    frame = pd.DataFrame({"q": np.repeat(np.arange(n, dtype=np.int32), keys.shape[1]),
                          "band_key": keys.reshape(-1)})
    conn.register("_eventwire_lookup", frame)
    try:
        hits = conn.execute("SELECT DISTINCT l.q, b.article_id FROM _eventwire_lookup l "
                            "JOIN minhash_bands b ON b.band_key = l.band_key").fetchall()
    finally:
        conn.unregister("_eventwire_lookup")
    by_id: defaultdict[str, list[int]] = defaultdict(list)
    for q, article_id in hits:
        by_id[article_id].append(int(q))
    found: list[tuple[int, str, list[int], np.ndarray]] = []
    for article_id, qs in by_id.items():
        row = first(conn, "SELECT rowid, sig FROM minhashes WHERE article_id = ?", [article_id])
        if row is not None:
            found.append((int(row[0]), article_id, qs, np.asarray(row[1], dtype=np.uint32)))
    for _, article_id, qs, sig in sorted(found, key=lambda f: f[0]):
        for q in qs:
            out[q].append((article_id, sig))
    return out


def stored_hashes(conn: duckdb.DuckDBPyConnection, hashes: list[str]) -> set[str]:
    """The ones of ``hashes`` that a stored article has (one indexed lookup each)."""
    return {h for h in dict.fromkeys(hashes)
            if first(conn, "SELECT 1 FROM articles WHERE content_hash = ?", [h]) is not None}
