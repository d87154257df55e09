"""--workers N gives exactly the single-process output."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pytest

from eventwire.cli import samples_dir
from eventwire.engines import local
from eventwire.settings import Settings

pytestmark = pytest.mark.model

TABLES = {
    "articles": "SELECT id, title, published, source, text, duplicate_of FROM articles ORDER BY id",
    "mentions": "SELECT * FROM mentions ORDER BY article_id, start, \"end\"",
    "events": "SELECT * EXCLUDE (cluster_id) FROM events ORDER BY id",
    "event_actors": "SELECT * FROM event_actors ORDER BY event_id, role, position",
    "quotes": "SELECT * FROM quotes ORDER BY id",
    "clusters": "SELECT id, cluster_id FROM events ORDER BY id",
}


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        con.close()


def test_two_workers_store_exactly_what_one_process_stores(tmp_path: Path) -> None:
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    a = local.ingest([str(samples_dir())], Settings.from_env(db_path=one))
    b = local.ingest([str(samples_dir())], Settings.from_env(db_path=two), workers=2)
    assert a == b and a["articles"] == 20
    assert _dump(one) == _dump(two)


def test_workers_parse_in_one_process_each(caplog):
    from eventwire.engines.workers import worker_settings

    two = Settings(n_process=2)
    with caplog.at_level(logging.WARNING, logger="eventwire.engines.workers"):
        assert worker_settings(two, 3).n_process == 1
    assert "EVENTWIRE_N_PROCESS=2 is ignored" in caplog.text
    one = Settings()
    assert worker_settings(one, 3) is one
