"""HTML pages: trafilatura extracts the body and metadata (it uses htmldate for the date); the title
is chosen from the page's headline markup (``htmltitle.page_title``), trafilatura's when that finds none.

When trafilatura finds no main text (tiny or unusual pages) the page is flattened to text and
cleaned like a text dump, so a page is only rejected when it holds no text at all, or when it has
more than ``MAX_TAGS`` tags: extraction time grows with the number of elements (trafilatura took about
8 s for 100,000 paragraphs and over a minute for the 750,000 of a 3 MB page), and a news page has a
few thousand.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

import trafilatura
from lxml.etree import ParserError

from eventwire.errors import InputError
from eventwire.ingest.build import from_dump, make_article
from eventwire.ingest.chars import readable
from eventwire.ingest.dates import parse_date
from eventwire.ingest.htmltitle import page_title, parse_page
from eventwire.records import Article

log = logging.getLogger(__name__)
# Characters XML (and so lxml) refuses in text: C0 controls other than tab and newlines, lone
# surrogates and the non-characters U+FFFE/U+FFFF. Pages and feed entries do carry them; they are never
# content.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_TAGS = 100_000
_TAG = re.compile(r"<[A-Za-z!/?]")
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def _safe_ref(m: re.Match[str]) -> str:
    digits = (m.group(1) or m.group(2)).lstrip("0")
    if len(digits) > 7:  # far beyond U+10FFFF (and int() refuses thousands of digits)
        return "&#xFFFD;"
    value = int(digits or "0", 16 if m.group(1) else 10)
    if value > 0x10FFFF or _NOT_XML.match(chr(value)):
        return "&#xFFFD;"
    return m.group(0)


def xml_safe(markup: str) -> str:
    """``markup`` without what lxml (and feedparser) cannot hold in text: characters XML refuses become
    spaces, numeric character references to them (``&#x1;``, ``&#xD800;``, ``&#0;``) U+FFFD's. Left in,
    they make lxml raise when the tree is edited and feedparser when it encodes the text."""
    return _CHAR_REF.sub(_safe_ref, _NOT_XML.sub(" ", markup))


_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote", "section",
           "article", "header", "footer", "nav", "title", "time", "figcaption")


def check_tags(page: str, input: str) -> None:
    """Raise InputError when ``page`` has more than ``MAX_TAGS`` tags (counting stops there)."""
    for n, _ in enumerate(_TAG.finditer(page), start=1):
        if n > MAX_TAGS:
            raise InputError(f"{input}: more than {MAX_TAGS:,} HTML tags; not a news page, not extracted")


def flatten(page: str) -> str:
    """The page as text, one block element per line, scripts and styles removed. InputError when it
    cannot be parsed or has more than ``MAX_TAGS`` tags."""
    check_tags(page, "page")
    try:
        root = parse_page(xml_safe(page))
    except (ParserError, ValueError) as exc:
        raise InputError(f"not parseable as HTML ({exc})") from exc
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    text = root.text_content()
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def from_html(
    page: str, *, input: str, ref: str | None = None, kind: str = "html", url: str | None = None,
    retrieved: dt.datetime | None = None, **meta: Any,
) -> Article:  # fmt: skip
    """An Article from a whole HTML page; caller metadata (title, published, ...) wins over the page's."""
    check_tags(page, input)
    try:
        # Settings chosen by measurement (benchmarks/extraction.py on 990 pages): trafilatura's
        # defaults without reader comments scored best (snippet F1 0.925 vs 0.923 for the defaults;
        # dropping tables 0.919, deduplicate 0.919, favor_precision 0.920, favor_recall 0.917).
        doc = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, RecursionError) as exc:
        log.debug("trafilatura failed on %s: %s", input, exc)
        doc = None
    found: dict[str, Any] = {}
    if doc is not None and not isinstance(doc, dict):
        found = doc.as_dict()
    elif isinstance(doc, dict):
        found = doc
    # The extracted text is ours, so it is made readable (chars.py); a caller's title is kept as given.
    body = readable(found.get("text") or "").strip()
    title = meta.pop("title", None)
    if not title:
        title = page_title(xml_safe(page), url or meta.get("url")) or found.get("title")
        title = readable(title) if title else None
    if title and body.startswith(title):
        body = body[len(title) :].lstrip("\n ")
    published = meta.pop("published", None) or (parse_date(found["date"]) if found.get("date") else None)
    source = meta.pop("source", None) or found.get("sitename")
    author = meta.pop("author", None) or found.get("author")
    url = url or meta.pop("url", None) or found.get("url")
    meta.pop("url", None)
    if not body:
        return from_dump(
            flatten(page), input=input, ref=ref, kind=kind, title=title, published=published, source=source,
            author=author, url=url, retrieved=retrieved,
        )  # fmt: skip
    return make_article(
        body, kind=kind, input=input, ref=ref, title=title, published=published, source=source, author=author,
        url=url, retrieved=retrieved, notes=("extractor:trafilatura",),
    )  # fmt: skip
