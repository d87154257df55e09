"""RSS, Atom and JSON Feed files (feedparser): one Article per entry with its own date and link.

Links are followed (the page fetched and extracted) only when asked (``--follow-links``) and the
network answers; otherwise the entry's own content is the article.

An entry's content (or summary) is HTML; it is flattened and cleaned like a dump. Entries with no
text become Rejects naming the entry, and the rest of the feed goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import feedparser

from eventwire.errors import InputError
from eventwire.ingest import urls
from eventwire.ingest.build import from_dump, from_row, scrub
from eventwire.ingest.html import flatten, from_html, xml_safe
from eventwire.ingest.sniff import decode
from eventwire.records import Article, Reject

log = logging.getLogger(__name__)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, TypeError):  # year 0 or beyond 9999: no usable date
                return None
    return None


def _entry_html(entry: Any) -> str:
    for block in entry.get("content") or ():
        if block.get("value"):
            return str(block["value"])
    return str(entry.get("summary") or entry.get("description") or "")


def _json_feed(text: str, name: str) -> Iterator[Article | Reject]:
    """JSON Feed (jsonfeed.org): items carry content_html / content_text. Raises InputError when the
    document is not a JSON Feed at all; an item that is not an object becomes a Reject."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"{name}: not a valid JSON Feed ({exc})") from exc
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError(f"{name}: not a valid JSON Feed (no list of items)")
    title = data.get("title")
    source = scrub(title) if isinstance(title, str) else None
    for i, item in enumerate(items):
        where = f"{name}#item{i + 1}"
        if not isinstance(item, dict):
            yield Reject(input=where, stage="ingest", reason=f"{where}: feed item is not an object")
            continue
        published = item.get("date_published")
        try:
            row = {
                "id": item.get("id") or item.get("url"), "title": item.get("title"),
                "date": published[:10] if isinstance(published, str) and published else None,
                "url": item.get("url"), "text": item.get("content_text"),
                "html": None if item.get("content_text") else item.get("content_html") or item.get("summary"),
            }  # fmt: skip
            yield from_row(row, input=where, kind="feed", source=source)
        except InputError as exc:
            yield Reject(input=where, stage="ingest", reason=str(exc))


def _linked_page(entry: Any, where: str, follow: FollowLinks | None, source: str | None) -> Article | None:
    """The article at the entry's link, when following links was asked for; None when it was not or
    the fetch failed (the entry's own text is used then, and the failure noted)."""
    link = entry.get("link")
    if follow is None or not link or not urls.is_url(link):
        return None
    try:
        page, _ = decode(urls.fetch(link, follow.max_bytes, timeout=follow.timeout), link)
        return from_html(page, input=where, ref=entry.get("id") or link, kind="feed", url=link,
                         title=entry.get("title"), published=_entry_date(entry), author=entry.get("author"),
                         source=source)
    except InputError as exc:
        log.info("not following %s: %s", link, exc)
        return None


@dataclass(frozen=True)
class FollowLinks:
    """Fetch each entry's link and extract the page instead of using the feed's (often short) text."""

    max_bytes: int
    timeout: float = 20.0


def read(text: str, name: str, follow: FollowLinks | None = None) -> Iterator[Article | Reject]:
    """Articles from a feed document (XML or JSON Feed). With ``follow``, each entry's linked page is
    fetched and extracted; when that fails the entry's own text is used, with a note saying so."""
    if text.lstrip().startswith("{"):
        try:
            yield from _json_feed(text, name)
        except InputError as exc:
            yield Reject(input=name, stage="ingest", reason=str(exc))
        return
    try:
        parsed = feedparser.parse(xml_safe(text))
    except (ValueError, UnicodeError, RecursionError, OverflowError) as exc:
        # feedparser's own failures on hostile markup: the whole feed is unreadable.
        yield Reject(input=name, stage="ingest", reason=f"{name}: feed could not be parsed ({exc!r:.200})")
        return
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield Reject(input=name, stage="ingest", reason=f"feed has no entries{why}")
        return
    for i, entry in enumerate(parsed.entries):
        where = f"{name}#item{i + 1}"
        try:
            page = _linked_page(entry, where, follow, parsed.feed.get("title"))
            if page is not None:
                yield replace(page, notes=(*page.notes, "followed-link"))
                continue
            body = flatten(_entry_html(entry)) if _entry_html(entry).strip() else ""
            art = from_dump(
                body, input=where, ref=entry.get("id") or entry.get("link") or where, kind="feed",
                title=entry.get("title"), published=_entry_date(entry), url=entry.get("link"),
                source=parsed.feed.get("title"), author=entry.get("author"),
            )  # fmt: skip
            yield replace(art, notes=(*art.notes, "link-not-followed")) if follow is not None else art
        except InputError as exc:
            yield Reject(input=where, stage="ingest", reason=str(exc))
