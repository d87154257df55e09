"""The Parquet dataset layout (store.parquet) and its import into a store, without Ray or a model."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest

pytest.importorskip("pyarrow")

from eventwire.errors import InputError
from eventwire.records import CodedArticle, Reject
from eventwire.store import open_store, parquet
from eventwire.store.writer import Writer, article_rows, reject_row

# Columns that differ between any two runs by design.
VOLATILE = {"articles": ("run_id", "stored"), "events": ("cluster_id",), "rejects": ("run_id", "rejected_at")}
KEYS = {"articles": "id", "sentences": "article_id, idx", "mentions": "article_id, start", "events": "id",
        "event_actors": "event_id, role, position", "quotes": "id", "minhashes": "article_id", "actors": "code",
        "rejects": "input"}


def _dump(conn: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table, key in KEYS.items():
        drop = VOLATILE.get(table)
        cols = f"* EXCLUDE ({', '.join(drop)})" if drop else "*"
        out[table] = conn.execute(f"SELECT {cols} FROM {table} ORDER BY {key}").fetchall()
    return out


def _chunk(dataset: parquet.Dataset, items: list[CodedArticle], tag: str, rejects: tuple[Reject, ...] = (),
           leave_out: str | None = None) -> None:
    """What a Ray worker does with coded articles: the store writer's rows, written as Parquet."""
    now = dt.datetime(2024, 3, 6, 10, 0)
    rows = article_rows([(c, np.arange(128, dtype=np.uint32)) for c in items], "run1", now)
    rows["rejects"] = [reject_row(r, "run1", now) for r in rejects]
    dataset.write({t: r for t, r in rows.items() if t != leave_out}, tag)


@pytest.fixture
def articles(coded_factory) -> list[CodedArticle]:  # type: ignore[no-untyped-def]
    one = coded_factory()
    two = coded_factory(one.article.text + " More later.", ref="doc-2")
    undated = coded_factory(one.article.text + " Updated.", ref="doc-3")
    undated = replace(undated, article=replace(undated.article, published=None))
    return [one, two, undated]


def test_attached_dataset_equals_a_store_written_directly(tmp_path: Path, articles: list[CodedArticle]) -> None:
    reject = Reject(input="bad.bin", stage="ingest", reason="bad.bin: binary content")
    direct = open_store(":memory:")
    with Writer(direct) as w:
        w.reject(reject)
        w.write_many([(c, np.arange(128, dtype=np.uint32)) for c in articles])
    dataset = parquet.Dataset(str(tmp_path / "out"))
    _chunk(dataset, articles[:2], "a", (reject,))
    _chunk(dataset, articles[2:], "b")
    store = open_store(tmp_path / "s.duckdb")
    counts = parquet.attach(store, str(tmp_path / "out"))
    assert counts["articles"] == 3 and counts["rejects"] == 1 and counts["skipped"] == 0
    assert counts["events"] == 3 and counts["quotes"] == 3
    expected, got = _dump(direct), _dump(store)
    assert all(expected[t] for t in ("articles", "events", "event_actors", "quotes", "mentions", "actors"))
    assert got == expected
    # Attaching again imports nothing new: not the articles, not the rejects.
    again = parquet.attach(store, str(tmp_path / "out"))
    assert again["articles"] == 0 and again["skipped"] == 3 and again["rejects"] == 0
    assert _dump(store) == expected


def test_layout_is_hive_partitioned_by_month_and_readable_by_duckdb(tmp_path: Path,
                                                                   articles: list[CodedArticle]) -> None:
    out = tmp_path / "out"
    _chunk(parquet.Dataset(str(out)), articles, "a")
    marker = json.loads((out / parquet.MARKER).read_text())
    assert marker["format"] == parquet.FORMAT and marker["partition"] == "month"
    partitions = sorted(p.name for p in (out / "articles").iterdir())
    assert partitions == ["month=2024-03", "month=__HIVE_DEFAULT_PARTITION__"]
    assert [p.name for p in (out / "events").iterdir()] == ["month=2024-03"]
    rows = duckdb.sql(f"SELECT id, published, month FROM read_parquet('{out}/articles/*/*.parquet', "
                      "hive_partitioning = true) ORDER BY id").fetchall()
    by_id = {a.article.id: a.article.published for a in articles}
    assert [(i, p) for i, p, _ in rows] == sorted(by_id.items())
    # The NULL partition reads back as NULL.
    assert all(month == (published.strftime("%Y-%m") if published else None) for _, published, month in rows)
    events = duckdb.sql(f"SELECT id, date FROM read_parquet('{out}/events/*/*.parquet', hive_partitioning = true) "
                        "ORDER BY id").fetchall()
    assert events == sorted((e.id, e.date) for a in articles for e in a.events)


def test_a_dataset_partitioned_by_day_is_still_read_and_written_by_day(tmp_path: Path,
                                                                       articles: list[CodedArticle]) -> None:
    # Written by an earlier eventwire: its marker names no partition column; events lack their date.
    out = tmp_path / "old"
    out.mkdir()
    (out / parquet.MARKER).write_text(json.dumps({"format": parquet.FORMAT, "schema_version": 1}))
    _chunk(parquet.Dataset(str(out)), articles, "a")
    days = sorted(p.name for p in (out / "articles").iterdir())
    assert days == ["date=2024-03-05", "date=__HIVE_DEFAULT_PARTITION__"]
    events = duckdb.sql(f"SELECT * FROM read_parquet('{out}/events/*/*.parquet', hive_partitioning = false)")
    assert "date" not in events.columns
    store = open_store(tmp_path / "s.duckdb")
    assert parquet.attach(store, str(out))["articles"] == 3
    assert sorted(store.execute("SELECT id, date FROM events").fetchall()) == \
        sorted((e.id, e.date) for a in articles for e in a.events)


def test_an_unknown_partition_column_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "odd"
    out.mkdir()
    (out / parquet.MARKER).write_text(json.dumps({"format": parquet.FORMAT, "schema_version": 1,
                                                  "partition": "hour"}))
    with pytest.raises(InputError, match="partitioned by 'hour'"):
        parquet.check(str(out))


def test_rows_without_their_article_are_not_imported(tmp_path: Path, articles: list[CodedArticle]) -> None:
    dataset = parquet.Dataset(str(tmp_path / "out"))
    _chunk(dataset, articles[:1], "a")
    # A write cut short: everything but its articles file was written.
    _chunk(dataset, articles[1:2], "b", leave_out="articles")
    store = open_store(":memory:")
    counts = parquet.attach(store, str(tmp_path / "out"))
    assert counts["articles"] == 1
    assert store.execute("SELECT DISTINCT article_id FROM events").fetchall() == [(articles[0].article.id,)]
    assert store.execute("SELECT count(*) FROM event_actors").fetchall() == [(2,)]


def test_articles_already_in_the_store_are_skipped(tmp_path: Path, articles: list[CodedArticle]) -> None:
    store = open_store(":memory:")
    with Writer(store) as w:
        w.write_many([(articles[0], None)])
    _chunk(parquet.Dataset(str(tmp_path / "out")), articles[:2], "a")
    counts = parquet.attach(store, str(tmp_path / "out"))
    assert (counts["articles"], counts["skipped"]) == (1, 1)
    assert store.execute("SELECT count(*) FROM events").fetchall() == [(2,)]


def test_stored_reports_what_the_dataset_holds(tmp_path: Path, articles: list[CodedArticle]) -> None:
    dataset = parquet.Dataset(str(tmp_path / "out"))
    assert dataset.stored() == (set(), set(), [])
    _chunk(dataset, articles, "a")
    hashes, ids, sigs = parquet.Dataset(str(tmp_path / "out")).stored()
    assert hashes == {a.article.content_hash for a in articles}
    assert ids == {a.article.id for a in articles}
    assert sorted(i for i, _ in sigs) == sorted(ids)
    assert all(s.dtype == np.uint32 and list(s) == list(range(128)) for _, s in sigs)


def test_attach_refuses_what_is_not_an_eventwire_dataset(tmp_path: Path) -> None:
    store = open_store(":memory:")
    (tmp_path / "plain").mkdir()
    with pytest.raises(InputError, match="not a Parquet dataset"):
        parquet.attach(store, str(tmp_path / "plain"))
    newer = tmp_path / "newer"
    newer.mkdir()
    (newer / parquet.MARKER).write_text(json.dumps({"format": parquet.FORMAT, "schema_version": 999}))
    with pytest.raises(InputError, match="newer"):
        parquet.attach(store, str(newer))
    with pytest.raises(InputError, match="newer"):
        parquet.Dataset(str(newer))
