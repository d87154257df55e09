"""--engine ray writes what the local engine stores: the same rows, as a Parquet dataset.

Starts a local Ray instance (two CPUs) and runs both engines on the bundled samples plus an exact
copy, a near-duplicate and an unreadable file. Slow (a minute or so): deselect with -m "not ray".
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("pyarrow")

from eventwire.cli import samples_dir  # noqa: E402
from eventwire.engines import local  # noqa: E402
from eventwire.engines import ray as ray_engine  # noqa: E402
from eventwire.settings import Settings  # noqa: E402
from eventwire.store import open_store, parquet  # noqa: E402

pytestmark = [pytest.mark.model, pytest.mark.ray]

# Per table: the key the rows are sorted by, and the columns that differ between runs by design.
TABLES = {
    "articles": ("id", {"run_id", "stored"}),
    "sentences": ("article_id, idx", set()),
    "mentions": ("article_id, start", set()),
    "events": ("id", {"cluster_id"}),
    "event_actors": ("event_id, role, position", set()),
    "quotes": ("id", set()),
    "minhashes": ("article_id", set()),
    "rejects": ("input", {"run_id", "rejected_at"}),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "news"
    shutil.copytree(samples_dir(), folder)
    text = (folder / "dump_03_red_sea_shipping.txt").read_text("utf-8")
    (folder / "zz_exact_copy.txt").write_text(text, "utf-8")
    # The same wire story re-published with another headline and one more paragraph.
    near = text.replace("Bulk carrier hit off Hodeidah as", "Houthi drones strike ship while").replace(
        "\nRelated:", "\nShipping insurers said they were watching the area closely.\n\nRelated:", 1)
    (folder / "zz_near_copy.txt").write_text(near, "utf-8")
    (folder / "zz_broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return folder


@pytest.fixture(scope="module")
def local_store(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    return db, local.ingest([str(corpus)], Settings.from_env(db_path=db))


@pytest.fixture(scope="module")
def ray_runs(corpus: Path, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[Path, ray_engine.Result, ray_engine.Result]:
    """The corpus on Ray into a fresh dataset, then again (by file:// URI) into the same dataset."""
    out = tmp_path_factory.mktemp("ray") / "dataset"
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    try:
        first = ray_engine.ingest([str(corpus)], Settings.from_env(), str(out))
        again = ray_engine.ingest([f"file://{corpus}"], Settings.from_env(), str(out))
    finally:
        ray.shutdown()
    return out, first, again


def _columns(conn: duckdb.DuckDBPyConnection, table: str, drop: set[str]) -> str:
    names = [r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                        "ORDER BY ordinal_position", [table]).fetchall()]
    return ", ".join(f'"{n}"' for n in names if n not in drop)


def _rows(conn: duckdb.DuckDBPyConnection, source: str, table: str, columns: str) -> list[tuple[Any, ...]]:
    key, _ = TABLES[table]
    return conn.execute(f"SELECT {columns} FROM {source} ORDER BY {key}").fetchall()


def test_counts_match_the_local_engine(local_store: tuple[Path, dict[str, int]],
                                       ray_runs: tuple[Path, ray_engine.Result, ray_engine.Result]) -> None:
    _, expected = local_store
    _, first, _ = ray_runs
    assert expected["articles"] == 21 and expected["near_duplicates"] == 1
    assert expected["skipped"] == 1 and expected["rejects"] == 1
    assert first.counts == {k: v for k, v in expected.items() if k != "event_clusters"}
    assert first.workers == 2 and first.cpu["code"] > 0 and first.cpu["load"] > 0


def test_parquet_tables_hold_the_local_stores_rows(local_store: tuple[Path, dict[str, int]],
                                                  ray_runs: tuple[Path, ray_engine.Result, ray_engine.Result]
                                                  ) -> None:
    db, _ = local_store
    out, first, _ = ray_runs
    store = duckdb.connect(str(db), read_only=True)
    try:
        for table, (_, drop) in TABLES.items():
            columns = _columns(store, table, drop)
            expected = _rows(store, table, table, columns)
            parquet_rows = f"read_parquet('{out}/{table}/*/*.parquet', hive_partitioning = true)"
            if table == "rejects":
                # The second run rejected the unreadable file again: only the first run's rows here.
                parquet_rows = f"(SELECT * FROM {parquet_rows} WHERE run_id = '{first.run_id}')"
            got = _rows(store, parquet_rows, table, columns)
            assert expected, table
            assert got == expected, table
    finally:
        store.close()


def test_partitions_are_months(ray_runs: tuple[Path, ray_engine.Result, ray_engine.Result]) -> None:
    out, _, _ = ray_runs
    for table in ("articles", "events", "quotes"):
        names = {p.name for p in (out / table).iterdir()}
        assert names and all(n.startswith("month=") for n in names), table
    rows = duckdb.sql(f"SELECT filename, date FROM read_parquet('{out}/events/*/*.parquet', hive_partitioning = true, "
                      "filename = true)").fetchall()
    assert rows and all(f"month={d.strftime('%Y-%m') if d else '__HIVE_DEFAULT_PARTITION__'}/" in f for f, d in rows)


def test_running_again_into_the_dataset_skips_what_it_holds(
        ray_runs: tuple[Path, ray_engine.Result, ray_engine.Result]) -> None:
    out, first, again = ray_runs
    assert again.counts.get("articles", 0) == 0
    # Every article read is a repeat (the exact copy too); the unreadable file is rejected again.
    assert again.counts["skipped"] == first.counts["articles"] + first.counts["skipped"]
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/articles/*/*.parquet')").fetchall() == [(21,)]


def test_attach_gives_the_local_store(local_store: tuple[Path, dict[str, int]],
                                      ray_runs: tuple[Path, ray_engine.Result, ray_engine.Result],
                                      tmp_path: Path) -> None:
    db, _ = local_store
    out, _, _ = ray_runs
    attached = open_store(tmp_path / "attached.duckdb")
    counts = parquet.attach(attached, str(out))
    assert counts["articles"] == 21 and counts["rejects"] == 2
    store = duckdb.connect(str(db), read_only=True)
    try:
        for table, (_, drop) in TABLES.items():
            if table == "rejects":
                continue
            columns = _columns(store, table, drop - {"cluster_id"})
            assert _rows(attached, table, table, columns) == _rows(store, table, table, columns), table
        codes = "SELECT code FROM actors ORDER BY code"
        assert attached.execute(codes).fetchall() == store.execute(codes).fetchall()
    finally:
        store.close()
        attached.close()
