"""Turn extracted text and metadata into an :class:`~eventwire.records.Article`.

Every reader ends here, so identity (``ids``), language (``language``) and the handling of caller
metadata are the same whatever the source kind.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest import ids, language, textdump
from eventwire.ingest.dates import parse_date
from eventwire.records import Article

# A lone surrogate (a JSON "\ud800" escape, or stdin bytes decoded with surrogateescape) cannot be
# written as UTF-8: hashing, storing or printing the text would fail. U+FFFD stands in for it.
_SURROGATE = re.compile("[\ud800-\udfff]")

# Our field name -> the names callers commonly use for it in JSONL/CSV rows.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "article_id", "guid", "uuid"),
    "text": ("text", "body", "content", "article", "story"),
    "html": ("html", "raw_html", "page"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "pubdate", "datetime", "timestamp"),
    "source": ("source", "outlet", "publisher", "site", "sitename"),
    "url": ("url", "link", "uri"),
    "author": ("author", "byline", "authors"),
}


def make_article(
    text: str,
    *,
    kind: str,
    input: str,
    ref: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    credit: str | None = None,
    section: str | None = None,
    author: str | None = None,
    url: str | None = None,
    retrieved: dt.datetime | None = None,
    notes: tuple[str, ...] = (),
) -> Article:
    """An Article with id, content hash and language filled in. Raises InputError for an empty body."""
    if not text.strip():
        raise InputError(f"{input}: no article text found")
    lang, reason = language.detect(text)
    digest = ids.content_hash(text)
    return Article(
        id=digest[:16], text=text, ref=ref, title=title, published=published, source=source, credit=credit,
        section=section, author=author, url=url, language=lang, language_reason=reason, kind=kind,
        input=input, retrieved=retrieved, content_hash=digest, notes=notes,
    )  # fmt: skip


def from_dump(text: str, *, input: str, ref: str | None = None, **meta: Any) -> Article:
    """An Article from a plain-text page dump (or a clean body), caller metadata winning over the page's."""
    parts = textdump.clean(text, retrieved=meta.get("retrieved"), known_title=meta.get("title"))
    return make_article(
        parts.text, kind=meta.pop("kind", "textdump"), input=input, ref=ref,
        title=meta.pop("title", None) or parts.title,
        published=meta.pop("published", None) or parts.published,
        source=meta.pop("source", None) or parts.source,
        credit=parts.credit, section=parts.section,
        author=meta.pop("author", None) or parts.author,
        notes=parts.notes, **meta,
    )  # fmt: skip


def _pick(row: dict[str, Any], name: str, mapping: dict[str, str]) -> Any:
    if name in mapping:
        return row.get(mapping[name])
    for alias in FIELD_ALIASES.get(name, (name,)):
        if row.get(alias) not in (None, ""):
            return row[alias]
    return None


def scrub(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so that it can be encoded as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return scrub(", ".join(str(v) for v in value))
    return scrub(str(value))


def from_row(row: dict[str, Any], *, input: str, mapping: dict[str, str] | None = None, kind: str = "jsonl",
             source: str | None = None) -> Article:
    """An Article from a JSONL/CSV row: ``html`` is extracted as a page, ``text`` cleaned as a dump.

    ``mapping`` maps our field names (id, text, html, title, date, source, url, author) to the
    row's column names; without it common spellings are tried. Extra fields are ignored. ``kind``
    names the input format and ``source`` is used when the row names none (a feed's title)."""
    mapping = mapping or {}
    ref = _as_text(_pick(row, "id", mapping))
    date_value = _pick(row, "date", mapping)
    date_text = _as_text(date_value) if date_value not in (None, "") else None
    published = parse_date(date_text) if date_text is not None else None
    if date_text is not None and published is None:
        raise InputError(f"{input}: cannot read date {date_text[:60]!r}")
    meta: dict[str, Any] = {
        "title": _as_text(_pick(row, "title", mapping)),
        "published": published,
        "source": _as_text(_pick(row, "source", mapping)) or source,
        "url": _as_text(_pick(row, "url", mapping)),
        "author": _as_text(_pick(row, "author", mapping)),
    }
    text = _pick(row, "text", mapping)
    page = _pick(row, "html", mapping)
    if text is None and page is None:
        raise InputError(f"{input}: row has neither a text nor an html field")
    if text is None:
        if not isinstance(page, str):
            raise InputError(f"{input}: html field is not a string")
        # Imported here: the page extractor (trafilatura) costs a quarter of a second to import, which
        # a run over text rows never needs.
        from eventwire.ingest import html as html_reader

        return html_reader.from_html(scrub(page), input=input, ref=ref, kind=kind, **meta)
    if not isinstance(text, str):
        raise InputError(f"{input}: text field is not a string")
    return from_dump(scrub(text), input=input, ref=ref, kind=kind, **meta)
