"""The Python API: a few functions over the library, for notebooks and scripts.

    >>> import eventwire
    >>> coded = eventwire.code_text("Russia and Belarus held talks in Minsk.", date="2024-01-19")
    >>> [e.event_type for e in coded.events]
    ['CONSULT']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire import pipeline
from eventwire.ingest.build import from_row
from eventwire.records import CodedArticle
from eventwire.settings import Settings

if TYPE_CHECKING:
    import duckdb

# The store and the ingest engine are imported when first used: DuckDB and the near-duplicate index
# (datasketch, which pulls in SciPy) cost over a second at start-up that ``code_text`` never needs.


def code_text(text: str, *, date: str | dt.date | None = None, title: str | None = None,
              settings: Settings | None = None) -> CodedArticle:
    """Code one text (a sentence, an article body or a raw page dump) without any store."""
    settings = settings or Settings.from_env()
    row: dict[str, Any] = {"text": text, "title": title, "date": str(date) if date else None}
    article = from_row(row, input="<text>")
    for item in pipeline.code_articles([article], settings):
        if isinstance(item, CodedArticle):
            return item
    raise AssertionError("pipeline returned no result for one article")


def open_store(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to the store (default: ``EVENTWIRE_DB`` or ./eventwire.duckdb)."""
    from eventwire.store import open_store as _open_store

    return _open_store(path or Settings.from_env().db_path, read_only=read_only)


def ingest_paths(paths: Iterable[str], settings: Settings | None = None) -> dict[str, int]:
    """Ingest files/folders/globs into the store; returns the run's counts."""
    from eventwire.engines import local

    return local.ingest(paths, settings or Settings.from_env())
