"""JSONL and CSV/TSV: one article per row, fields found by name or by a caller's mapping.

A line that is not JSON, or a row with no text, becomes a Reject naming ``file#line`` and the
remaining rows go on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.build import from_row
from eventwire.records import Article, Reject

csv.field_size_limit(50_000_000)


def parse_jsonl_line(line: str, where: str) -> dict[str, Any]:
    """One JSONL line as an object, or InputError saying what is wrong with it."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise InputError(f"{where}: JSON nested too deeply") from exc
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    return obj


def read_jsonl(text: str, name: str, mapping: dict[str, str] | None = None) -> Iterator[Article | Reject]:
    # Split on "\n" only: U+2028 and friends may appear raw inside JSON strings.
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}#{i}"
        try:
            yield from_row(parse_jsonl_line(line, where), input=where, mapping=mapping)
        except InputError as exc:
            yield Reject(input=where, stage="ingest", reason=str(exc))


def read_csv(text: str, name: str, mapping: dict[str, str] | None = None) -> Iterator[Article | Reject]:
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel_tab if name.lower().endswith(".tsv") else csv.excel
    try:
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        for i, row in enumerate(reader, start=2):
            where = f"{name}#{i}"
            try:
                yield from_row(dict(row), input=where, mapping=mapping, kind="csv")
            except InputError as exc:
                yield Reject(input=where, stage="ingest", reason=str(exc))
    except csv.Error as exc:
        yield Reject(input=name, stage="ingest", reason=f"malformed CSV: {exc}")


def read_json(text: str, name: str, mapping: dict[str, str] | None = None) -> Iterator[Article | Reject]:
    """A .json file holding one row object or an array of row objects."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        yield Reject(input=name, stage="ingest", reason=f"{name}: not valid JSON ({exc})")
        return
    rows = data if isinstance(data, list) else [data]
    for i, row in enumerate(rows, start=1):
        where = f"{name}#{i}"
        if not isinstance(row, dict):
            yield Reject(input=where, stage="ingest", reason=f"{where}: expected a JSON object")
            continue
        try:
            yield from_row(row, input=where, mapping=mapping, kind="json")
        except InputError as exc:
            yield Reject(input=where, stage="ingest", reason=str(exc))
