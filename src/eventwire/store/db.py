"""Open a DuckDB store and bring its schema up to date.

Migrations are the numbered ``migrations/NNNN_name.sql`` files, applied in order inside one
transaction each; ``schema_version`` records which have run. A store written by a newer eventwire
(a version above ``SCHEMA_VERSION``) is refused rather than damaged.

DuckDB locks the file: one process may have it open for writing, or any number for reading, never both.
So that readers (the API server) get in while an ingest runs, the ingest opens the store for each
batch and closes it between batches (see ``engines.local``), and ``open_store(..., wait=s)`` retries a
lock conflict for up to ``s`` seconds before raising :class:`~eventwire.errors.StoreBusy`. Ingest runs
are serialised by a separate lock file held for the whole run (``ingest_lock``): a second ingest into
the same store fails fast instead of interleaving its batches.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import IO, Any

import duckdb

from eventwire.errors import StoreBusy, StoreError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; an ingest then keeps the store open for its whole run
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

# How long a reader (an API request, a CLI query) waits for an ingest to finish writing a batch, which
# takes well under a second, before it gives up with StoreBusy.
READ_WAIT = 2.0
_MIGRATION = re.compile(r"^(\d{4})_[\w-]+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) for every packaged migration, in order."""
    folder = resources.files("eventwire.store").joinpath("migrations")
    found = []
    for item in folder.iterdir():
        m = _MIGRATION.match(item.name)
        if m:
            found.append((int(m.group(1)), item.read_text("utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(v for v, _ in migrations())


def first(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
    """The first row of a query, or None. The whole result is consumed: DuckDB will not start the next
    statement on a connection while one still has unread rows."""
    rows = conn.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def current_version(conn: duckdb.DuckDBPyConnection) -> int:
    exists = first(conn, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'")
    if not exists or not exists[0]:
        return 0
    row = first(conn, "SELECT max(version) FROM schema_version")
    return int(row[0]) if row and row[0] is not None else 0


def migrate(conn: duckdb.DuckDBPyConnection) -> int:
    """Apply pending migrations; return the resulting version."""
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(f"store schema version {version} is newer than this eventwire ({SCHEMA_VERSION})")
    for number, sql in migrations():
        if number <= version:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute(sql)
            conn.execute("INSERT INTO schema_version VALUES (?, ?)", [number, dt.datetime.now(dt.UTC)])
            conn.execute("COMMIT")
        except duckdb.Error:
            conn.execute("ROLLBACK")
            raise
        version = number
    return version


def _connect(target: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(target, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreBusy(f"{target}: the store is in use by another eventwire process ({exc})") from exc
        raise StoreError(f"{target}: cannot open store ({exc})") from exc
    except duckdb.ConnectionException as exc:
        # This process has the file open with the other mode (the API server storing a POST /api/ingest
        # while it answers a read): busy too, for as long as that connection lives.
        if "different configuration" in str(exc):
            raise StoreBusy(f"{target}: the store is open for writing in this process ({exc})") from exc
        raise StoreError(f"{target}: cannot open store ({exc})") from exc
    except duckdb.Error as exc:
        raise StoreError(f"{target}: cannot open store ({exc})") from exc


def open_store(path: str | Path, read_only: bool = False, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """A connection to the store at ``path`` (``:memory:`` for a throwaway one), migrated unless read-only.

    When another process holds the file lock, retry for up to ``wait`` seconds (short sleeps with
    jitter), then raise :class:`~eventwire.errors.StoreBusy`."""
    target = str(path)
    if read_only and target != ":memory:" and not Path(target).exists():
        raise StoreError(f"{target}: no such store; run `eventwire ingest` first")
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        try:
            conn = _connect(target, read_only)
            break
        except StoreBusy:
            left = deadline - time.monotonic()
            if left <= 0:
                raise
            # Jitter keeps a writer and a stream of readers from retrying in lock step.
            time.sleep(min(left, pause * random.uniform(0.5, 1.5)))
            pause = min(pause * 2, 0.2)
    if not read_only:
        migrate(conn)
        return conn
    version = current_version(conn)
    if version != SCHEMA_VERSION:
        conn.close()
        if version == 0:
            raise StoreError(f"{target}: not an eventwire store (no schema); run `eventwire ingest` first")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{target}: store schema {version} is newer than this eventwire ({SCHEMA_VERSION})")
        raise StoreError(f"{target}: store schema {version} is older than {SCHEMA_VERSION}; "
                         "open it for writing once (e.g. `eventwire ingest`) to migrate it")
    return conn


def lock_path(path: str | Path) -> Path:
    """The file ``ingest_lock`` locks: next to the store, named after it."""
    return Path(f"{path}.ingest-lock")


@contextmanager
def ingest_lock(path: str | Path) -> Iterator[bool]:
    """Hold the store's ingest lock for the block; yields whether a real lock is held (False for
    ``:memory:`` and where the OS has no advisory locks). Raises StoreBusy at once when another process
    holds it. The kernel releases the lock when the process dies, so a killed ingest leaves none behind."""
    if fcntl is None or str(path) == ":memory:":
        yield False
        return
    target = lock_path(path)
    try:
        handle: IO[bytes] = target.open("a+b")
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the ingest lock {target} ({exc.strerror})") from exc
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise StoreBusy(f"{path}: another eventwire ingest is writing to this store") from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        yield True
    finally:
        handle.close()  # closing releases the lock
