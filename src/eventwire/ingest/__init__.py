"""Ingest: sources in, clean :class:`~eventwire.records.Article` records (or Rejects) out.

``read(sources, settings)`` accepts files, folders (recursively), glob patterns, ``-`` for stdin and
http(s) URLs, and yields one Article per article found (a feed or JSONL file holds many) or a Reject
with the reason when something cannot be used. It never raises for bad input.
"""

from __future__ import annotations

import glob
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest import sniff, tabular, textdump, urls
from eventwire.ingest.build import from_dump, from_row
from eventwire.records import Article, Reject
from eventwire.settings import Settings

__all__ = ["expand", "from_row", "read", "read_blob", "read_source"]
log = logging.getLogger(__name__)
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def expand(sources: Iterable[str]) -> Iterator[str | Reject]:
    """Every input named by ``sources``, in a stable order: folders walked recursively and sorted,
    globs expanded and sorted. A name that matches nothing becomes a Reject."""
    for source in sources:
        if source == "-" or urls.is_url(source):
            yield source
            continue
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.name not in _SKIP_NAMES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                yield Reject(input=source, stage="ingest", reason=f"{source}: folder holds no files")
            yield from (str(p) for p in files)
        elif path.is_file():
            yield source
        elif any(ch in source for ch in "*?["):
            matches = sorted(m for m in glob.glob(source, recursive=True) if Path(m).is_file())
            if not matches:
                yield Reject(input=source, stage="ingest", reason=f"{source}: pattern matches no file")
            yield from matches
        else:
            yield Reject(input=source, stage="ingest", reason=f"{source}: no such file or folder")


def read_blob(blob: sniff.Blob, settings: Settings) -> Iterator[Article | Reject]:
    """Articles from one decoded input, by its kind."""
    # The HTML, feed and WARC readers are imported on first use: trafilatura, feedparser and warcio
    # cost most of a second at start-up, which a run over text or JSONL never needs.
    from eventwire.ingest import feeds, warc
    from eventwire.ingest.html import from_html

    def follow() -> feeds.FollowLinks | None:
        return feeds.FollowLinks(settings.max_bytes) if settings.follow_links else None

    name = blob.name
    if blob.kind == "warc":
        yield from warc.read(blob.raw, name, settings.max_bytes)
    elif blob.kind == "jsonl":
        yield from tabular.read_jsonl(blob.text, name, settings.fields)
    elif blob.kind == "csv":
        yield from tabular.read_csv(blob.text, name, settings.fields)
    elif blob.kind == "json":
        if "jsonfeed.org" in blob.text[:1000]:
            yield from feeds.read(blob.text, name, follow())
        else:
            yield from tabular.read_json(blob.text, name, settings.fields)
    elif blob.kind == "feed":
        yield from feeds.read(blob.text, name, follow())
    elif blob.kind == "html":
        yield from_html(blob.text, input=name, ref=name)
    else:
        yield from_dump(blob.text, input=name, ref=name)


def _load(source: str, settings: Settings) -> sniff.Blob:
    if source == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        return sniff.load(data, "<stdin>", settings.max_bytes)
    if urls.is_url(source):
        return sniff.load(urls.fetch(source, settings.max_bytes), source, settings.max_bytes)
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes and not source.endswith(".gz"):
            raise InputError(f"{source}: {size:,} bytes is over the {settings.max_bytes:,}-byte limit")
        with path.open("rb") as f:
            data = f.read(settings.max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from exc
    return sniff.load(data, source, settings.max_bytes)


def _streamable(source: str, max_bytes: int) -> bool:
    """A local JSONL file to read line by line: a compressed one (its unpacked size is unknown), or
    one over the whole-file limit. Anything that is really a zip archive goes the sniffing way (and is
    refused there)."""
    if source == "-" or urls.is_url(source) or not source.lower().endswith(tabular.JSONL_SUFFIXES):
        return False
    path = Path(source)
    try:
        if not path.is_file():
            return False
        with path.open("rb") as f:
            if f.read(4) == b"PK\x03\x04":
                return False
        return source.lower().endswith(".gz") or path.stat().st_size > max_bytes
    except OSError:
        return False


def read_source(source: str, settings: Settings, fetch: Callable[[str, int], bytes] | None = None
                ) -> Iterator[Article | Reject]:
    """Articles and Rejects from one input as named by :func:`expand`. Never raises for bad input.

    ``fetch(source, limit)`` returns at most ``limit`` bytes of the input; given, it replaces the
    built-in file/URL/stdin loading (the Ray engine reads object-store URIs through it)."""
    try:
        if fetch is None and _streamable(source, settings.max_bytes):
            # A JSONL corpus can be any size: stream it, with the size limit on each line.
            yield from tabular.stream_jsonl(Path(source), source, settings.max_bytes, settings.fields)
            return
        if fetch is None:
            blob = _load(source, settings)
        else:
            blob = sniff.load(fetch(source, settings.max_bytes + 1), source, settings.max_bytes)
        yield from read_blob(blob, settings)
    except InputError as exc:
        yield Reject(input=source, stage="ingest", reason=str(exc))
    except Exception as exc:
        # A reader library choked on hostile input: record it, keep going.
        log.warning("reader failed on %s: %r", source, exc)
        yield Reject(input=source, stage="ingest", reason=f"{source}: could not be parsed ({exc!r:.200})")


def read(sources: Iterable[str], settings: Settings) -> Iterator[Article | Reject]:
    """Articles and Rejects from every source, in input order. Never raises for bad input.

    The packaged rules are loaded first, so a broken installation fails here, loudly, instead of
    turning every input into a Reject."""
    textdump.default_rules()
    for item in expand(sources):
        if isinstance(item, Reject):
            yield item
            continue
        yield from read_source(item, settings)
