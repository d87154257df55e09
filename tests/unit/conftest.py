"""Unit-test helpers: the path of the hand-written fixture files. Hand-built records (``coded``,
``coded_factory``) live in tests/conftest.py for every test folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from eventwire.store import db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def store_at_version() -> Callable[[Path, int], duckdb.DuckDBPyConnection]:
    """``make(path, n)``: a new store at ``path`` with the packaged migrations up to ``n`` only (a store
    an older eventwire wrote), open for writing; opening it with ``open_store`` migrates the rest."""

    def make(path: Path, version: int) -> duckdb.DuckDBPyConnection:
        conn = duckdb.connect(str(path))
        for number, sql in db.migrations():
            if number <= version:
                conn.execute(sql)
                conn.execute("INSERT INTO schema_version VALUES (?, now())", [number])
        return conn

    return make
