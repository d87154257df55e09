"""The store's tables as a date-partitioned Parquet dataset (written by the Ray engine), and its import.

Layout under the dataset folder (a local path or a URI, see ``ingest.objectstore``)::

    _eventwire.json                   {"format": "eventwire-parquet", "schema_version": N, "partition": "month"}
    articles/month=YYYY-MM/part-<run>-w<worker>-<write>-0.parquet
    sentences/ mentions/ events/ event_actors/ quotes/ minhashes/ rejects/ runs/   (same partitioning)

Every table has the columns and types of the store table of the same name (``store/migrations``),
its rows made by the store writer's own ``article_rows``, and is partitioned Hive-style by one
``month`` (``YYYY-MM``) of a date: the row's own date for ``events`` (the event date) and
``event_actors`` (their event's date), the article's publication date for ``articles``,
``sentences``, ``mentions``, ``quotes`` and ``minhashes``, the day of the reject for ``rejects`` and
the day the run started for ``runs``. Rows with no date are in ``month=__HIVE_DEFAULT_PARTITION__``,
which DuckDB, Spark and pyarrow read as NULL. The dates themselves are columns of the files
(``events.date``, ``articles.published``, ...).

Why months and not days: each write makes one file per table and partition, and a write holds a few
hundred articles. News spread over many days (a crawl of a month, a corpus of years) made a file of a
few rows per table and day: 623 files for 100 Wikinews articles, written in 0.3-0.7 CPU s; by
month, 85 files in 0.07 s. Datasets written by earlier versions, partitioned by ``date``
(``YYYY-MM-DD``, and ``events`` without its ``date`` column in the files), say so by having no
``partition`` in their marker; they are read, and written into, in their own layout.

Two store tables are derived rather than stored: ``actors`` (distinct codes of ``mentions``) and
``events.cluster_id`` (NULL here; :func:`attach` clusters on import).

Each write holds whole articles (a Ray worker writes every few hundred) and writes the ``articles``
files last, so an article row is only visible once all its other rows are. :func:`attach` imports a
dataset into a store, skipping articles the store already holds, and only takes rows that belong to
an imported article.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

import duckdb

from eventwire.errors import EngineError, InputError
from eventwire.ingest.objectstore import filesystem
from eventwire.store import clusters
from eventwire.store.db import SCHEMA_VERSION, first, open_store

MARKER = "_eventwire.json"
FORMAT = "eventwire-parquet"
# The partition column of new datasets, and that of datasets whose marker names none.
MONTH, DAY = "month", "date"

# The tables written, ``articles`` last (see the module docstring); ``runs`` is written by the driver.
WRITTEN = ("sentences", "mentions", "events", "event_actors", "quotes", "minhashes", "rejects", "articles")
TABLES = (*WRITTEN, "runs")
# Tables whose rows take their article's publication date.
_BY_ARTICLE = ("sentences", "mentions", "quotes", "minhashes")


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.dataset as ds
    except ImportError as exc:
        raise EngineError("Parquet datasets need pyarrow: pip install 'eventwire[ray]'") from exc
    return pa, ds


def _key_type(layout: str) -> Any:
    """The Arrow type of the partition column: ``YYYY-MM`` strings by month, dates by day."""
    pa, _ = _pyarrow()
    return pa.string() if layout == MONTH else pa.date32()


def _partitioning(layout: str) -> Any:
    pa, ds = _pyarrow()
    return ds.partitioning(pa.schema([(layout, _key_type(layout))]), flavor="hive")


def _keys(layout: str, dates: list[Any]) -> list[Any]:
    """The partition value of each date: ``YYYY-MM`` by month, the date itself by day, None for None."""
    if layout == DAY:
        return dates
    return [d.strftime("%Y-%m") if d is not None else None for d in dates]


def _arrow(rel: duckdb.DuckDBPyRelation) -> Any:
    # DuckDB 1.4 renamed fetch_arrow_table (deprecated since) to to_arrow_table.
    to_table = getattr(rel, "to_arrow_table", None) or rel.fetch_arrow_table
    return to_table()


@functools.cache
def schemas() -> dict[str, Any]:
    """The Arrow schema of every table, read off an empty store: the Parquet columns and types are
    the store's, and every file of a table has the same schema whatever its rows hold."""
    conn = open_store(":memory:")
    try:
        return {t: _arrow(conn.sql(f"SELECT * FROM {t} LIMIT 0")).schema for t in TABLES}
    finally:
        conn.close()


def _dates(table: str, rows: list[list[Any]], names: list[str], published: dict[str, Any],
           event_dates: dict[str, Any]) -> list[Any]:
    """The partition date of each row (module docstring)."""
    if table == "articles":
        i = names.index("published")
        return [r[i] for r in rows]
    if table in _BY_ARTICLE:
        i = names.index("article_id")
        return [published.get(r[i]) for r in rows]
    if table == "event_actors":
        i = names.index("event_id")
        return [event_dates.get(r[i]) for r in rows]
    if table == "events":
        i = names.index("date")
        return [r[i] for r in rows]
    i = names.index({"rejects": "rejected_at", "runs": "started"}[table])
    return [r[i].date() for r in rows]


class Dataset:
    """A Parquet dataset folder being written (created with its marker file when missing)."""

    def __init__(self, uri: str):
        self.uri = uri
        self.fs, self.base = filesystem(uri)
        self.base = self.base.rstrip("/")
        # pyarrow's own local filesystem writes the (many, small) files without a round trip through
        # Python per call; other filesystems are fsspec's, which pyarrow wraps.
        self.arrow_fs = self.fs
        if "file" in getattr(self.fs, "protocol", ()):
            import pyarrow.fs

            self.arrow_fs = pyarrow.fs.LocalFileSystem()
        marker = f"{self.base}/{MARKER}"
        if self.fs.exists(marker):
            self.layout = _check_marker(self.fs, marker, uri)
        else:
            self.layout = MONTH
            self.fs.makedirs(self.base, exist_ok=True)
            with self.fs.open(marker, "w") as f:
                f.write(json.dumps({"format": FORMAT, "schema_version": SCHEMA_VERSION, "partition": MONTH}))

    def write(self, rows: dict[str, list[list[Any]]], tag: str) -> None:
        """Write rows (as ``writer.article_rows`` and ``writer.reject_row`` make them, or ``runs`` rows)
        as files named ``part-<tag>-N``. The rows of an article must all be in one call."""
        pa, ds = _pyarrow()
        schema = schemas()
        names = {t: schema[t].names for t in TABLES}
        key, when = names["articles"].index("id"), names["articles"].index("published")
        published = {r[key]: r[when] for r in rows.get("articles", [])}
        key, when = names["events"].index("id"), names["events"].index("date")
        event_dates = {r[key]: r[when] for r in rows.get("events", [])}
        for table in (*WRITTEN, "runs"):
            table_rows = rows.get(table)
            if not table_rows:
                continue
            columns = list(zip(*table_rows, strict=True))
            arrays = [pa.array(col, type=field.type) for col, field in zip(columns, schema[table], strict=True)]
            data = pa.Table.from_arrays(arrays, schema=schema[table])
            if self.layout == MONTH or table != "events":  # by day, events were split by their own date
                keys = _keys(self.layout, _dates(table, table_rows, names[table], published, event_dates))
                data = data.append_column(self.layout, pa.array(keys, type=_key_type(self.layout)))
            ds.write_dataset(data, f"{self.base}/{table}", filesystem=self.arrow_fs, format="parquet",
                             partitioning=_partitioning(self.layout), basename_template=f"part-{tag}-{{i}}.parquet",
                             existing_data_behavior="overwrite_or_ignore", use_threads=False)

    def stored(self) -> tuple[set[str], set[str], list[tuple[str, Any]]]:
        """(content hashes, article ids, (article id, MinHash signature) pairs) already in the dataset."""
        import numpy as np

        hashes: set[str] = set()
        ids: set[str] = set()
        sigs: list[tuple[str, Any]] = []
        articles = _table(self.fs, self.base, "articles", self.layout)
        if articles is not None:
            t = articles.to_table(columns=["id", "content_hash"])
            ids.update(t.column("id").to_pylist())
            hashes.update(t.column("content_hash").to_pylist())
        minhashes = _table(self.fs, self.base, "minhashes", self.layout)
        if minhashes is not None:
            t = minhashes.to_table(columns=["article_id", "sig"])
            sigs = [(a, np.asarray(s, dtype=np.uint32))
                    for a, s in zip(t.column("article_id").to_pylist(), t.column("sig").to_pylist(), strict=True)]
        return hashes, ids, sigs


def _check_marker(fs: Any, marker: str, uri: str) -> str:
    """The dataset's partition column (``month``, or ``date`` for a dataset whose marker names none);
    InputError unless the marker is one this eventwire reads."""
    try:
        with fs.open(marker, "r") as f:
            meta = json.loads(f.read())
    except (OSError, ValueError) as exc:
        raise InputError(f"{uri}: unreadable {MARKER} ({exc})") from exc
    if meta.get("format") != FORMAT:
        raise InputError(f"{uri}: {MARKER} does not describe an eventwire Parquet dataset")
    if int(meta.get("schema_version", 0)) > SCHEMA_VERSION:
        raise InputError(f"{uri}: written with store schema {meta['schema_version']}, newer than this "
                         f"eventwire ({SCHEMA_VERSION})")
    layout = meta.get("partition", DAY)
    if layout not in (MONTH, DAY):
        raise InputError(f"{uri}: partitioned by {layout!r}, which this eventwire does not read")
    return str(layout)


def _table(fs: Any, base: str, table: str, layout: str) -> Any:
    """The pyarrow dataset of one table, or None when the dataset has no file for it."""
    _, ds = _pyarrow()
    folder = f"{base}/{table}"
    if not fs.isdir(folder):
        return None
    return ds.dataset(folder, filesystem=fs, format="parquet", partitioning=_partitioning(layout))


def _columns(conn: duckdb.DuckDBPyConnection, table: str, alias: str = "p") -> str:
    names = [r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                        "AND table_schema = 'main' ORDER BY ordinal_position", [table]).fetchall()]
    return ", ".join(f'{alias}."{n}"' for n in names)


def check(uri: str) -> tuple[Any, str, str]:
    """(filesystem, folder, partition column) of the dataset at ``uri``; InputError unless it is one
    this eventwire reads."""
    fs, base = filesystem(uri)
    base = base.rstrip("/")
    marker = f"{base}/{MARKER}"
    if not fs.exists(marker):
        raise InputError(f"{uri}: no {MARKER}: not a Parquet dataset written by `eventwire ingest --engine ray`")
    return fs, base, _check_marker(fs, marker, uri)


# Child tables imported with the articles they belong to: (table, how a row names its article).
_CHILDREN = (
    ("sentences", "p.article_id"), ("mentions", "p.article_id"), ("events", "p.article_id"),
    ("quotes", "p.article_id"), ("minhashes", "p.article_id"),
    ("event_actors", "(SELECT e.article_id FROM pq_events e WHERE e.id = p.event_id)"),
)


def attach(conn: duckdb.DuckDBPyConnection, uri: str) -> dict[str, int]:
    """Import the dataset at ``uri`` into the store ``conn`` in one transaction, then re-cluster events.

    Articles whose text the store already holds are skipped with all their rows; rows of the dataset
    that belong to no article in it (left by a run that stopped mid-chunk) are ignored; rows written
    twice by re-runs are taken once. Returns counts (articles, skipped, events, quotes, rejects)."""
    fs, base, layout = check(uri)
    present = {t: d for t in TABLES if (d := _table(fs, base, t, layout)) is not None}
    for table, data in present.items():
        conn.register(f"pq_{table}", data)
    counts: dict[str, int] = {}
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute(f"CREATE OR REPLACE TEMP TABLE _attach_new AS SELECT {_columns(conn, 'articles')} "
                     "FROM articles p WHERE false")
        if "articles" in present:
            conn.execute(
                f"INSERT INTO _attach_new SELECT {_columns(conn, 'articles')} FROM pq_articles p "
                "WHERE p.content_hash NOT IN (SELECT content_hash FROM articles) AND p.id NOT IN (SELECT id FROM "
                "articles) QUALIFY row_number() OVER (PARTITION BY p.content_hash ORDER BY p.stored, p.id) = 1")
            conn.execute("INSERT INTO articles SELECT * FROM _attach_new")
            counts["articles"] = _count(conn, "SELECT count(*) FROM _attach_new")
            distinct = _count(conn, "SELECT count(DISTINCT content_hash) FROM pq_articles")
            counts["skipped"] = distinct - counts["articles"]
        for table, owner in _CHILDREN:
            if table in present and (table != "event_actors" or "events" in present):
                conn.execute(f"INSERT INTO {table} SELECT DISTINCT {_columns(conn, table)} FROM pq_{table} p "
                             f"WHERE {owner} IN (SELECT id FROM _attach_new)")
        conn.execute("INSERT INTO actors SELECT DISTINCT ON (code) code, country, sector, name FROM mentions "
                     "WHERE code IS NOT NULL AND article_id IN (SELECT id FROM _attach_new) "
                     "ORDER BY code, article_id, start ON CONFLICT DO NOTHING")
        new = "article_id IN (SELECT id FROM _attach_new)"
        counts["events"] = _count(conn, f"SELECT count(*) FROM events WHERE {new}")
        # Statements only, as in every other count of quotes (`eventwire stats`).
        counts["quotes"] = _count(conn, f"SELECT count(*) FROM quotes WHERE NOT scare AND {new}")
        counts["rejects"] = 0
        if "rejects" in present:
            # A run's rejects are imported once: together with its runs row, which marks the run imported.
            fresh = "FROM pq_rejects p WHERE p.run_id NOT IN (SELECT id FROM runs)"
            counts["rejects"] = _count(conn, f"SELECT count(*) {fresh}")
            conn.execute(f"INSERT INTO rejects SELECT {_columns(conn, 'rejects')} {fresh}")
        if "runs" in present:
            conn.execute(f"INSERT INTO runs SELECT {_columns(conn, 'runs')} FROM pq_runs p "
                         "WHERE p.id NOT IN (SELECT id FROM runs)")
        # A run whose driver stopped before writing its runs row gets one too, so that its rejects are
        # not imported again by the next attach.
        conn.execute("INSERT INTO runs SELECT DISTINCT run_id, ?, NULL, 'killed', 'Ray run with no runs row', NULL "
                     "FROM (SELECT run_id FROM _attach_new UNION SELECT run_id FROM rejects) "
                     "WHERE run_id IS NOT NULL AND run_id NOT IN (SELECT id FROM runs)",
                     [dt.datetime.now(dt.UTC).replace(tzinfo=None)])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        for table in present:
            conn.unregister(f"pq_{table}")
    if counts.get("articles"):
        _, counts["event_clusters"] = clusters.cluster(conn)
    return counts


def _count(conn: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = first(conn, sql)
    return int(row[0]) if row else 0
