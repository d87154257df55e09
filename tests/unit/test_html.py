"""ingest.html: trafilatura extracts body and metadata; tiny pages fall back to flatten + textdump."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.errors import InputError
from eventwire.ingest.html import flatten, from_html


def test_full_page(fixtures):
    page = (fixtures / "news" / "sub" / "sylvania_drills.html").read_text("utf-8")
    art = from_html(page, input="drills.html", ref="drills.html")
    assert art.title == "Sylvania begins military drills near border"
    assert art.published == dt.date(2024, 2, 12)
    assert art.author == "John Roe"
    assert art.source == "The Daily Bugle"
    assert art.kind == "html"
    assert art.ref == "drills.html"
    assert art.language == "en"
    assert art.text.startswith("The army of Sylvania began")
    assert "thousand troops" in art.text
    for furniture in ("script text must not leak", "Copyright", "Home", "<p>"):
        assert furniture not in art.text
    assert not art.text.startswith(art.title)
    assert "extractor:trafilatura" in art.notes


def test_caller_metadata_wins(fixtures):
    page = (fixtures / "news" / "sub" / "sylvania_drills.html").read_text("utf-8")
    art = from_html(page, input="x", title="Caller title", published=dt.date(2020, 1, 1), source="Caller",
                    author="Caller Author", url="https://caller.example/x")
    assert (art.title, art.published, art.source, art.author) == ("Caller title", dt.date(2020, 1, 1),
                                                                  "Caller", "Caller Author")
    assert art.url == "https://caller.example/x"


def test_tiny_page_is_not_rejected():
    art = from_html("<html><body><p>Sylvania recalled its envoy.</p></body></html>", input="t.html")
    assert art.text.strip() == "Sylvania recalled its envoy."


def test_page_without_text_is_rejected():
    with pytest.raises(InputError, match=r"e\.html: no article text found"):
        from_html("<html><head><script>var a = 1;</script></head><body></body></html>", input="e.html")


def test_flatten_one_block_per_line_no_scripts():
    text = flatten("<div><p>Hello</p><p>World<br>again</p><script>bad()</script><style>.x{}</style></div>")
    lines = [ln for ln in text.split("\n") if ln]
    assert lines == ["Hello", "World", "again"]


def test_flatten_keeps_inline_text_together():
    text = flatten("<p>The <b>army</b> of <a href='#'>Sylvania</a> moved.</p>")
    assert "The army of Sylvania moved." in text.split("\n")


def test_flatten_unparseable_raises_input_error():
    with pytest.raises(InputError, match="not parseable as HTML"):
        flatten("")
