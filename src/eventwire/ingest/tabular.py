"""JSONL and CSV/TSV: one article per row, fields found by name or by a caller's mapping.

A line that is not JSON, or a row with no text, becomes a Reject naming ``file#line`` and the
remaining rows go on. A JSONL file on disk is streamed line by line (``stream_jsonl``), so its size
is not limited; only each line is.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

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


JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
BOMB_RATIO = 100


def stream_jsonl(path: Path, name: str, max_line: int, mapping: dict[str, str] | None = None
                 ) -> Iterator[Article | Reject]:
    """Articles from a JSONL file read line by line, so a corpus of any size streams in bounded memory
    (``.gz`` decompressed on the fly). A line longer than ``max_line`` bytes, not UTF-8, or not a JSON
    object is a Reject of its own; the file goes on."""
    packed = path.name.endswith(".gz")
    opener = gzip.open if packed else open
    # A compressed corpus may be big, but not a bomb: a real JSONL file shrinks 3-10 times.
    budget = max(max_line, BOMB_RATIO * path.stat().st_size) if packed else None
    seen = 0
    try:
        with opener(path, "rb") as f:
            for i, line in enumerate(_lines(cast(IO[bytes], f), max_line), start=1):
                where = f"{name}#{i}"
                seen += max_line if line is None else len(line)
                if budget is not None and seen > budget:
                    yield Reject(input=name, stage="ingest", reason=f"{name}: decompresses to more than {budget:,} "
                                 f"bytes, over {BOMB_RATIO} times its size: refused as a compression bomb")
                    return
                if line is None:
                    yield Reject(input=where, stage="ingest", reason=f"{where}: line over the {max_line:,}-byte limit")
                    continue
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield Reject(input=where, stage="ingest", reason=f"{where}: not valid UTF-8 ({exc.reason})")
                    continue
                if not text.strip():
                    continue
                try:
                    yield from_row(parse_jsonl_line(text, where), input=where, mapping=mapping)
                except InputError as exc:
                    yield Reject(input=where, stage="ingest", reason=str(exc))
    except (OSError, EOFError, zlib.error) as exc:
        yield Reject(input=name, stage="ingest", reason=f"{name}: cannot read ({exc})")


def _lines(f: IO[bytes], max_line: int) -> Iterator[bytes | None]:
    """The lines of ``f``; None for a line over ``max_line`` bytes (its rest is skipped unread into memory)."""
    while True:
        line = f.readline(max_line + 1)
        if not line:
            return
        if len(line) > max_line and not line.endswith(b"\n"):
            while True:  # skip to the end of the over-long line, a chunk at a time
                rest = f.readline(max_line + 1)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


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
