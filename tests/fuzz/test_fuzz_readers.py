"""Generated hostile inputs through every reader: each gives Articles/Rejects or an InputError with a
reason, within the time limit (see conftest.py). ``EVENTWIRE_FUZZ_EXAMPLES`` inputs per reader."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from fuzzgen import (
    bases,
    csv_text,
    date_text,
    encoded,
    feed_text,
    hostile_text,
    html_page,
    json_text,
    jsonl_text,
    row,
    short_text,
    warc_bytes,
    wrapped,
)
from fuzzkit import FUZZ, feed
from hypothesis import given
from hypothesis import strategies as st

from eventwire.ingest import dates, feeds, read_blob, sniff, tabular, textdump, warc
from eventwire.ingest.build import from_row
from eventwire.ingest.html import from_html
from eventwire.records import Article, Reject
from eventwire.settings import Settings

FIELDS = st.dictionaries(st.sampled_from(["id", "text", "html", "title", "date", "source", "url", "author"]),
                         st.text(max_size=8), max_size=3)


def _articles_are_whole(items: tuple[object, ...]) -> None:
    """What a reader yields is records only, and an Article has text and the id derived from it."""
    for item in items:
        assert isinstance(item, Article | Reject), f"reader yielded {type(item).__name__}"
        if isinstance(item, Article):
            assert item.text.strip() and item.id and item.content_hash and item.content_hash.startswith(item.id)
            # What `eventwire code` and the store do with it: JSON, then UTF-8.
            json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")


@FUZZ
@given(hostile_text(), st.one_of(st.none(), short_text), bases)
def test_textdump_clean(text: str, title: str | None, base: dt.datetime | None) -> None:
    out = feed("textdump.clean", lambda: textdump.clean(text, retrieved=base, known_title=title))
    assert out.error is None  # clean never raises
    (parts,) = out.items
    assert isinstance(parts, textdump.DumpParts) and isinstance(parts.text, str)


@FUZZ
@given(date_text(), bases)
def test_dates(text: str, base: dt.datetime | None) -> None:
    lines: list[bool] = []

    def run() -> Iterator[dt.date | None]:
        yield dates.parse_date(text, base)
        yield dates.find_date(text, base)
        lines.append(dates.is_date_line(text))

    out = feed("dates.parse_date/find_date", run)
    assert out.error is None
    assert all(d is None or isinstance(d, dt.date) for d in out.items)
    assert lines == [True] or lines == [False]


@FUZZ
@given(html_page(), st.sampled_from([None, "https://news.example/a", "javascript:alert(1)", "file:///etc/passwd"]))
def test_html_reader(page: str, url: str | None) -> None:
    out = feed("html.from_html", lambda: from_html(page, input="fuzz.html", url=url))
    _articles_are_whole(out.items)


@FUZZ
@given(feed_text())
def test_feeds_reader(text: str) -> None:
    out = feed("feeds.read", lambda: feeds.read(text, "fuzz.rss"))
    _articles_are_whole(out.items)


@FUZZ
@given(warc_bytes(), st.sampled_from([1_000, 100_000, 20_000_000]))
def test_warc_reader(raw: bytes, max_bytes: int) -> None:
    out = feed("warc.read", lambda: warc.read(raw, "fuzz.warc", max_bytes))
    _articles_are_whole(out.items)


@FUZZ
@given(jsonl_text(), FIELDS)
def test_jsonl_reader(text: str, mapping: dict[str, str]) -> None:
    out = feed("tabular.read_jsonl", lambda: tabular.read_jsonl(text, "fuzz.jsonl", mapping))
    _articles_are_whole(out.items)


@FUZZ
@given(csv_text(), st.sampled_from(["fuzz.csv", "fuzz.tsv"]), FIELDS)
def test_csv_reader(text: str, name: str, mapping: dict[str, str]) -> None:
    out = feed("tabular.read_csv", lambda: tabular.read_csv(text, name, mapping))
    _articles_are_whole(out.items)


@FUZZ
@given(json_text(), FIELDS)
def test_json_reader(text: str, mapping: dict[str, str]) -> None:
    out = feed("tabular.read_json", lambda: tabular.read_json(text, "fuzz.json", mapping))
    _articles_are_whole(out.items)


@FUZZ
@given(row(), FIELDS, st.sampled_from(["jsonl", "csv", "json", "feed"]))
def test_from_row(r: dict[str, object], mapping: dict[str, str], kind: str) -> None:
    out = feed("build.from_row", lambda: from_row(r, input="fuzz#1", mapping=mapping, kind=kind))
    _articles_are_whole(out.items)


NAMES = st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.json", "a.csv", "a.tsv", "a.rss", "a.xml", "a.warc",
                         "a.txt.gz", "a.warc.gz", "a.jsonl.gz", "noext", "<stdin>"])


@st.composite
def any_file(draw: st.DrawFn) -> bytes:
    text = draw(st.one_of(hostile_text(), html_page(), feed_text(), jsonl_text(), csv_text(), json_text()))
    data = draw(st.one_of(encoded(text), warc_bytes()))
    return draw(wrapped(data))


@FUZZ
@given(any_file(), NAMES, st.sampled_from([1_000, 100_000, 20_000_000]))
def test_any_file(data: bytes, name: str, max_bytes: int) -> None:
    """What ``ingest.read`` does with one file, minus its catch-all: sniff, decode, pick the reader."""
    settings = Settings(max_bytes=max_bytes)
    out = feed("sniff.load + read_blob", lambda: read_blob(sniff.load(data, name, max_bytes), settings))
    _articles_are_whole(out.items)
