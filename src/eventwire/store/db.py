"""Open a DuckDB store and bring its schema up to date.

Migrations are the numbered ``migrations/NNNN_name.sql`` files, applied in order inside one
transaction each; ``schema_version`` records which have run. A store written by a newer eventwire
(a version above ``SCHEMA_VERSION``) is refused rather than damaged. DuckDB allows one writing process
per file: a second one gets a :class:`~eventwire.errors.StoreError` saying the store is busy.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import StoreError

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


def open_store(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at ``path`` (``:memory:`` for a throwaway one), migrated unless read-only."""
    target = str(path)
    if read_only and target != ":memory:" and not Path(target).exists():
        raise StoreError(f"{target}: no such store; run `eventwire ingest` first")
    try:
        conn = duckdb.connect(target, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreError(f"{target}: the store is in use by another eventwire process ({exc})") from exc
        raise StoreError(f"{target}: cannot open store ({exc})") from exc
    except duckdb.Error as exc:
        raise StoreError(f"{target}: cannot open store ({exc})") from exc
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
