"""Hypothesis strategies for hostile reader inputs.

Each strategy mixes ordinary news-like material with what breaks parsers: NUL and control
characters, lone surrogates (JSON ``\\ud800`` escapes), right-to-left text and bidi controls, storms
of quotation marks, long runs without a newline, deep nesting, wrong lengths, truncation, mixed
encodings and small compression bombs. Sizes are moderate so that 10,000 inputs per reader run in
minutes; test_hostile.py holds the full-size cases (100k-level HTML, 10 MB lines, 1 GB bombs).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import zlib
from typing import Any

from hypothesis import strategies as st

from eventwire.ingest.build import FIELD_ALIASES

RTL = ["مرحبا بالعالم", "قال الوزير", "שלום עולם", "\u202e", "\u202b", "\u202c", "\u200f", "\u200e",
       "\u2067", "\u2069", "\u061c"]
ODD = ["\x00", "\ufeff", "\u2028", "\u2029", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x85", "\u00a0",
       "\u200b", "\ufffd", "\u0301", "\U0001f600", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "&lol;", "<", ">",
       "\\", "]]>", "-->", "<![CDATA[", "%s", "{}", "\x1b[31m", "\u0000\u0000\u0000"]
SURROGATES = ["\ud800", "\udfff", "\udc80", "\ud83d"]
QUOTES = ['"', "“", "”", "‘", "’", "«", "»", "„", "'", "‹", "›", "「", "」", "‚"]
WORDS = [
    "Kenya", "Uganda", "Ruiz", "the minister", "said", "told reporters", "according to", "Monday",
    "Published March 5,2024", "Updated 3 hours ago", "2024-03-05", "5 March 2024", "By Jane Doe",
    "Advertisement", "Share this article", "Related stories", "Reuters", "AP", "WORLD", "Home", "Subscribe",
    "Agencies and Bugle Daily WORLD", "Copyright 2024", "Read more",
    "Kenya accused Uganda of shelling the border town on Monday, officials said.",
    "\"We will not accept any new checkpoints,\" the minister said.",
    "The foreign ministers met in Nairobi to discuss the border.",
]  # fmt: skip
MONTHS = ["January", "Jan", "jan.", "Sept", "May", "Febuary", "Dec", "Décembre", "1月"]


@st.composite
def _quote_storm(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 1000))
    if draw(st.booleans()):
        return draw(st.sampled_from(QUOTES)) * n
    return " ".join(f"{QUOTES[i % len(QUOTES)]}Word {i},{QUOTES[(i + 1) % len(QUOTES)]} he said." for i in range(n))


@st.composite
def _long_run(draw: st.DrawFn) -> str:
    unit = draw(st.sampled_from(["a", " ", "word ", "\x00", "ا", "“", ".", "<", "-", "\t", "1"]))
    return unit * draw(st.integers(1_000, 100_000))


fragment = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=60),
    st.sampled_from(RTL + ODD),
    st.lists(st.sampled_from(QUOTES + RTL + ODD[:6] + [" ", "a", "."]), max_size=40).map("".join),
)
rare = st.one_of(_quote_storm(), _long_run())


@st.composite
def hostile_text(draw: st.DrawFn, big: bool = True) -> str:
    """Text lines made of fragments; with ``big``, now and then a storm of quotes or a long run."""
    pieces = st.one_of(fragment, rare) if big and draw(st.integers(0, 9)) == 0 else fragment
    lines = draw(st.lists(st.lists(pieces, max_size=8).map(" ".join), max_size=20))
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\n \n"]))
    return sep.join(lines)


# A field's worth: a few fragments on one line, or now and then a few lines.
short_text = st.one_of(st.lists(fragment, max_size=6).map(" ".join), st.lists(fragment, max_size=6).map("\n".join))


def with_surrogates(text: str, draw: st.DrawFn) -> str:
    """``text`` with a lone surrogate or two inserted (as JSON ``\\udXXX`` escapes decode to)."""
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(SURROGATES)) + text[at:]
    return text


# ---------------------------------------------------------------- bytes, encodings, compression


def _mixed(text: str) -> bytes:
    """Alternate lines in UTF-8 and Latin-1: a file pasted together from two sources."""
    out = []
    for i, line in enumerate(text.split("\n")):
        out.append(line.encode("utf-8" if i % 2 else "latin-1", errors="replace"))
    return b"\n".join(out)


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """``text`` as bytes in one of the encodings news files come in, or in a mix of two."""
    how = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16", "shift_jis", "koi8-r",
                                "mixed", "garbled"]))
    if how == "mixed":
        return _mixed(text)
    data = text.encode("utf-8" if how == "garbled" else how, errors="replace")
    if how == "garbled":  # a few bytes overwritten with random ones
        raw = bytearray(data)
        for _ in range(draw(st.integers(0, 5))):
            if raw:
                raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
        data = bytes(raw)
    return data


def gzip_bomb(expanded: int, unit: bytes = b"\0") -> bytes:
    """A gzip member that expands to ``expanded`` bytes of ``unit``, built without holding them in memory."""
    comp = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: gzip framing
    chunk = unit * (1_048_576 // len(unit))
    parts, left = [], expanded
    while left > 0:
        piece = chunk[: min(left, len(chunk))]
        parts.append(comp.compress(piece))
        left -= len(piece)
    parts.append(comp.flush())
    return b"".join(parts)


@st.composite
def wrapped(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` as it is, gzipped, gzipped twice, truncated gzip, or replaced by a small gzip bomb."""
    how = draw(st.sampled_from(["plain"] * 5 + ["gzip", "gzip2", "cut", "bomb"]))
    if how == "gzip":
        return gzip.compress(data)
    if how == "gzip2":
        return gzip.compress(gzip.compress(data))
    if how == "cut":
        packed = gzip.compress(data)
        return packed[: draw(st.integers(0, len(packed)))]
    if how == "bomb":
        return gzip_bomb(draw(st.integers(1, 4_000_000)), draw(st.sampled_from([b"\0", b"a", b"<div>", b"{"])))
    return data


# ---------------------------------------------------------------- HTML


TAGS = ["div", "p", "span", "article", "section", "main", "table", "tr", "td", "li", "ul", "b", "i", "a",
        "blockquote", "h1", "h2", "font", "center", "svg", "math", "template", "noscript", "select", "frameset",
        "iframe", "object", "textarea", "title", "pre"]


LD_JSON = ["{", "[]", "null", json.dumps({"@type": "NewsArticle", "datePublished": "x", "headline": 5})]


@st.composite
def html_page(draw: st.DrawFn, max_depth: int = 3000) -> str:
    """A page: maybe a doctype or XML declaration, a head with metadata, a body nested ``depth`` levels,
    text paragraphs, scripts and comments; closing tags dropped or the whole page cut at random."""
    depth = draw(st.integers(0, max_depth)) if draw(st.integers(0, 4)) == 0 else draw(st.integers(0, 12))
    tag = draw(st.sampled_from(TAGS))
    text = st.one_of(short_text, st.sampled_from(WORDS))
    head = draw(st.sampled_from(["", "<!doctype html>", "<?xml version='1.0' encoding='utf-8'?>", "\ufeff",
                                 "<!-- comment -->", "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">"]))
    meta = "".join(draw(st.lists(st.sampled_from([
        f"<title>{draw(text)}</title>", '<meta charset="koi8-r">', '<meta charset="bogus">',
        f'<meta property="og:title" content="{draw(text)}">',
        f'<meta name="date" content="{draw(st.sampled_from(["2024-03-05", "9999-99-99", "", "0"]))}">',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<base href='file:///etc/'>",
        f'<script type="application/ld+json">{draw(st.sampled_from(LD_JSON))}</script>',
    ]), max_size=5)))  # fmt: skip
    paras = "".join(f"<p>{p}</p>" for p in draw(st.lists(text, max_size=8)))
    extras = "".join(draw(st.lists(st.sampled_from([
        "<script>var a = '</p>';</script>", "<style>p{}</style>", "<!--", "<![CDATA[ x ]]>", "<br>" * 50,
        "&#x110000;", "&#xD800;", "&#0;", "&bogus;", "<p " + "a=b " * 200 + ">", "</html>", "<html>",
        "<img src=x onerror=alert(1)>", "<time datetime='2024-13-45'>then</time>",
    ]), max_size=4)))  # fmt: skip
    close = f"</{tag}>" * depth if draw(st.booleans()) else ""
    page = f"{head}<html><head>{meta}</head><body>{f'<{tag}>' * depth}{paras}{extras}{close}</body></html>"
    if draw(st.integers(0, 5)) == 0:
        page = page[: draw(st.integers(0, len(page)))]
    return page


# ---------------------------------------------------------------- feeds


ENTITIES = ('<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
            '<!ENTITY ext SYSTEM "file:///etc/passwd">]>')


@st.composite
def feed_text(draw: st.DrawFn) -> str:
    """An RSS 2.0, Atom, RSS 1.0 or JSON Feed document with hostile fields, maybe cut short."""
    kind = draw(st.sampled_from(["rss", "atom", "rdf", "json"]))
    n = draw(st.integers(0, 6))
    value = st.one_of(short_text, st.sampled_from(["&d;", "&ext;", "<![CDATA[<p>x</p>]]>", ""]))
    date = st.sampled_from(["Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00Z", "yesterday", "", "0",
                            "Mon, 31 Feb 2024 99:99:99 +9999", "9999-12-31T23:59:59Z", "0001-01-01",
                            "0000-01-01T00:00:00Z"])
    if kind == "json":
        body = st.sampled_from(["content_html", "content_text", "summary"])
        items = [{"id": draw(json_value), "title": draw(json_value), "url": draw(json_value),
                  "date_published": draw(st.one_of(date, json_value)), draw(body): draw(st.one_of(value, json_value))}
                 for _ in range(n)]  # fmt: skip
        doc: Any = {"version": "https://jsonfeed.org/version/1.1", "title": draw(json_value),
                    "items": draw(st.sampled_from([items, items, None, "x", 5, [items]]))}
        text = json.dumps(doc)
    else:
        def field(tag: str) -> str:
            return f"<{tag}>{draw(value)}</{tag}>"

        if kind == "rss":
            entries = "".join(f"<item>{field('title')}{field('description')}<pubDate>{draw(date)}</pubDate>"
                              f"{field('link')}{field('guid')}</item>" for _ in range(n))
            text = f'<?xml version="1.0"?>{draw(st.sampled_from(["", ENTITIES]))}<rss version="2.0"><channel>' \
                   f"{field('title')}{entries}</channel></rss>"
        elif kind == "atom":
            entries = "".join(f"<entry>{field('title')}<content type='html'>{draw(value)}</content>"
                              f"<updated>{draw(date)}</updated><link href='{draw(value)}'/></entry>" for _ in range(n))
            text = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{field("title")}{entries}</feed>'
        else:
            entries = "".join(f"<item>{field('title')}{field('description')}<dc:date>{draw(date)}</dc:date></item>"
                              for _ in range(n))
            text = ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                    f'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">{entries}</rdf:RDF>')
    if draw(st.integers(0, 5)) == 0:
        text = text[: draw(st.integers(0, len(text)))]
    return text


# ---------------------------------------------------------------- rows: JSON values, JSONL, CSV


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.sampled_from(WORDS),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FIELD_NAMES = sorted({a for names in FIELD_ALIASES.values() for a in names})


GOOD_DATES = ["2024-03-05", "March 5, 2024", "5 Mar 2024", "2024-03-05T10:00:00Z", "Tue, 05 Mar 2024 10:00:00 GMT"]


@st.composite
def row(draw: st.DrawFn, big: bool = True) -> dict[str, Any]:
    """A JSONL/CSV row: known field names (any spelling) and unknown ones, values of any JSON type,
    strings hostile (lone surrogates included). Half the rows start from a usable body (a text or
    html field, maybe a good date), so that the code past the field checks is reached too."""
    text_value = st.one_of(short_text, st.sampled_from(WORDS))
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["text", "html"]))
        body = draw(hostile_text(big=big) if kind == "text" else html_page(max_depth=300 if big else 20))
        out[draw(st.sampled_from(FIELD_ALIASES[kind]))] = with_surrogates(body, draw)
        if draw(st.booleans()):
            out[draw(st.sampled_from(FIELD_ALIASES["date"]))] = draw(st.sampled_from(GOOD_DATES))
    keys = draw(st.lists(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=10)), max_size=4, unique=True))
    for key in keys:
        value = draw(st.one_of(text_value, json_value, date_text()))
        out[key] = with_surrogates(value, draw) if isinstance(value, str) else value
    return out


@st.composite
def jsonl_text(draw: st.DrawFn) -> str:
    """JSONL: rows as JSON (ASCII-escaped or not), broken lines, deep nesting, blank lines."""
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["row"] * 6 + ["text", "deep", "array", "cut"]))
        if kind == "row":
            lines.append(json.dumps(draw(row()), ensure_ascii=draw(st.booleans())))
        elif kind == "text":
            lines.append(draw(short_text))
        elif kind == "deep":
            n = draw(st.integers(1, 100_000))
            lines.append('{"text": ' + "[" * n + "]" * n + "}")
        elif kind == "array":
            lines.append(json.dumps([draw(row())]))
        else:
            whole = json.dumps(draw(row()))
            lines.append(whole[: draw(st.integers(0, len(whole)))])
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@st.composite
def csv_text(draw: st.DrawFn) -> str:
    """CSV/TSV with a header of field names, hostile cells, ragged rows; or free text."""
    if draw(st.integers(0, 5)) == 0:
        return draw(hostile_text())
    rows = draw(st.lists(row(), max_size=4))
    header = list(dict.fromkeys(k for r in rows for k in r)) or draw(st.lists(st.text(max_size=8), min_size=1))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=draw(st.sampled_from([",", "\t", ";"])))
    writer.writerow([k.encode("utf-8", "replace").decode("utf-8") for k in header])
    for r in rows:
        cells = [str(r.get(k, "")).encode("utf-8", "replace").decode("utf-8") for k in header]
        writer.writerow(cells + draw(st.lists(st.sampled_from(WORDS), max_size=2)))  # ragged rows too
    text = buf.getvalue()
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(['"', "\x00", "\r", '""""', "\n"])) + text[at:]
    return text


@st.composite
def json_text(draw: st.DrawFn) -> str:
    """A .json file: one row, an array of rows and other values, or something that is not JSON."""
    kind = draw(st.sampled_from(["one", "many", "value", "broken", "deep"]))
    if kind == "one":
        return json.dumps(draw(row()))
    if kind == "many":
        return json.dumps(draw(st.lists(st.one_of(row(), json_value), max_size=4)))
    if kind == "value":
        return json.dumps(draw(json_value))
    if kind == "deep":
        n = draw(st.integers(1, 100_000))
        return "[" * n + "]" * n
    return draw(short_text)


# ---------------------------------------------------------------- WARC


def _chunked(body: bytes, pieces: int) -> bytes:
    step = max(1, len(body) // max(pieces, 1))
    out = b"".join(b"%x\r\n%s\r\n" % (len(body[i : i + step]), body[i : i + step]) for i in range(0, len(body), step))
    return out + b"0\r\n\r\n"


@st.composite
def warc_record(draw: st.DrawFn) -> bytes:
    """One WARC record: a response (or another type), HTTP headers with content and transfer encodings,
    an HTML payload; lengths right or wrong, headers hostile."""
    # Half the records are well formed but for their payload; the other half break anything.
    sane = draw(st.booleans())
    page = draw(st.one_of(html_page(max_depth=200), short_text)).encode("utf-8", errors="replace")
    encoding = draw(st.sampled_from(["", "gzip", "deflate", "br", "bogus", "gzip-bomb"]))
    if encoding == "gzip":
        page = gzip.compress(page)
    elif encoding == "deflate":
        page = zlib.compress(page)
    elif encoding == "gzip-bomb":
        page, encoding = gzip_bomb(draw(st.integers(1, 3_000_000)), b"<p>a"), "gzip"
    if sane and encoding in ("br", "bogus"):
        encoding = ""
    chunked = draw(st.integers(0, 4)) == 0
    if chunked:
        page = _chunked(page, draw(st.integers(1, 5)))
    ctype = draw(st.sampled_from(["text/html", "text/html; charset=koi8-r", "application/pdf", "", "text/plain",
                                  "TEXT/HTML", "text/html; charset=bogus"]))
    status = draw(st.sampled_from([b"HTTP/1.1 200 OK", b"HTTP/1.0 404 Not Found", b"HTTP/1.1 200", b"junk",
                                   b"HTTP/1.1 99999999999999999999 X"]))
    if sane:
        ctype, status = "text/html; charset=utf-8", b"HTTP/1.1 200 OK"
    http = status + b"\r\n"
    if ctype:
        http += b"Content-Type: " + ctype.encode() + b"\r\n"
    if encoding:
        http += b"Content-Encoding: " + encoding.encode() + b"\r\n"
    if chunked:
        http += b"Transfer-Encoding: chunked\r\n"
    http += b"\r\n" + page
    rec_type = draw(st.sampled_from(["response"] * 4 + ["request", "resource", "metadata", "warcinfo", "revisit",
                                                        "\x00"]))
    length = draw(st.sampled_from(["right"] * 4 + ["short", "long", "negative", "junk", "missing"]))
    if sane:
        rec_type, length = "response", "right"
    declared = {"right": str(len(http)), "short": str(max(0, len(http) - 7)), "long": str(len(http) + 999),
                "negative": "-5", "junk": "12abc", "missing": None}[length]
    uri = draw(st.sampled_from(["http://news.example/a", "", "javascript:alert(1)", "http://ex\x00ample/",
                                "http://例え.jp/ニュース", "x" * 5000]))
    when = draw(st.sampled_from(["2024-03-05T10:00:00Z", "", "not a date", "9999-99-99T99:99:99Z"]))
    version = draw(st.sampled_from([b"WARC/1.0", b"WARC/1.1"] if sane else [b"WARC/1.0", b"WARC/0.9", b"WARC/"]))
    head = [version, b"WARC-Type: " + rec_type.encode(), b"WARC-Record-ID: <urn:uuid:0000>",
            b"WARC-Target-URI: " + uri.encode(), b"WARC-Date: " + when.encode(),
            b"Content-Type: application/http; msgtype=response"]
    if declared is not None:
        head.append(b"Content-Length: " + declared.encode())
    record = b"\r\n".join(head) + b"\r\n\r\n" + http + b"\r\n\r\n"
    return gzip.compress(record) if draw(st.booleans()) else record


@st.composite
def warc_bytes(draw: st.DrawFn) -> bytes:
    """A WARC: records (each maybe gzipped), maybe cut short, maybe with junk between records."""
    parts = draw(st.lists(warc_record(), max_size=4))
    if draw(st.integers(0, 4)) == 0:  # junk between two records
        parts.insert(draw(st.integers(0, len(parts))), draw(st.binary(max_size=40)))
    data = b"".join(parts)
    if draw(st.integers(0, 4)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 9)) == 0:
        data = gzip_bomb(draw(st.integers(1, 3_000_000)), b"WARC/1.0\r\n")
    return data


# ---------------------------------------------------------------- dates


@st.composite
def date_text(draw: st.DrawFn) -> str:
    """Date-like strings: prefixes, weekdays, month names (some misspelt), numbers of any size,
    times and zones, relative forms, separators; or any text."""
    if draw(st.integers(0, 3)) == 0:
        return draw(st.text(max_size=80))
    num = st.one_of(st.integers(0, 40), st.integers(-10, 10**30), st.sampled_from([1900, 1970, 2024, 9999, 0]))
    parts = draw(st.lists(st.one_of(
        st.sampled_from(["Published", "Updated", "Last updated:", "Posted on", "on", "at", "|", ",", "-", "/", ".",
                         "T", "Z", "GMT", "+05:30", "am", "p.m.", "ago", "hours", "days", "yesterday", "today",
                         "Monday,", "Tue", "th", "st"]),
        st.sampled_from(MONTHS), num.map(str), st.sampled_from(RTL[:2] + ODD[:4]),
    ), max_size=10))  # fmt: skip
    return draw(st.sampled_from([" ", "", "-", "/"])).join(parts)


bases = st.one_of(st.none(), st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
                  st.sampled_from([dt.datetime(2024, 3, 5, 12, 0)]))
