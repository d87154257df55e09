"""WARC and WARC.gz files (warcio): every HTML response record becomes an Article.

The record's target URI is the article URL and its WARC-Date the retrieval time. A truncated or
corrupt archive yields the records read so far and then a Reject saying where it broke.

A gzipped WARC is decompressed here, as a stream, and may expand to at most ``max_bytes`` (the limit
every input has): a compression bomb yields the records read before the limit and then a Reject.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire.errors import InputError
from eventwire.ingest.html import from_html
from eventwire.ingest.sniff import decode
from eventwire.records import Article, Reject


class _Expanded(Exception):
    """The decompressed archive went over its limit."""


class _Bounded:
    """A gzip stream read through a byte budget: reading past ``limit`` decompressed bytes raises."""

    def __init__(self, raw: bytes, limit: int):
        self._stream = gzip.GzipFile(fileobj=io.BytesIO(raw))
        self._left = limit

    def read(self, size: int = -1) -> bytes:
        want = self._left + 1 if size is None or size < 0 else min(size, self._left + 1)
        data = self._stream.read(want)
        self._left -= len(data)
        if self._left < 0:
            raise _Expanded
        return data


def _warc_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def read(raw: bytes, name: str, max_bytes: int) -> Iterator[Article | Reject]:
    """Articles from the HTML response records of a WARC (plain or gzipped)."""
    n = 0
    stream = _Bounded(raw, max_bytes) if raw.startswith(b"\x1f\x8b") else io.BytesIO(raw)
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            ctype = record.http_headers.get_header("Content-Type") if record.http_headers else ""
            if ctype and "html" not in ctype.lower():
                continue
            n += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{name}#{(uri or str(n))[:200]}"
            try:
                payload = record.content_stream().read(max_bytes + 1)
                if len(payload) > max_bytes:
                    raise InputError(f"{where}: record over the {max_bytes:,}-byte limit")
                # The block reader counts down the record's declared length: what is left unread
                # after the payload is what the archive is missing.
                missing = getattr(record.raw_stream, "limit", 0)
                if missing:
                    raise InputError(f"{where}: record truncated ({missing:,} bytes missing)")
                page, _ = decode(payload, where)
                yield from_html(page, input=where, ref=uri, kind="warc", url=uri,
                                retrieved=_warc_date(record.rec_headers.get_header("WARC-Date")))
            except InputError as exc:
                yield Reject(input=where, stage="ingest", reason=str(exc))
    except _Expanded:
        yield Reject(input=name, stage="ingest",
                     reason=f"{name}: decompresses to more than {max_bytes:,} bytes (limit); {n} records read")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, zlib.error) as exc:
        # warcio raises AttributeError on a record cut inside its headers.
        yield Reject(input=name, stage="ingest", reason=f"WARC broken after {n} records: {exc}")
