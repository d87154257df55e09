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


# --- the title from the page's headline markup (ingest.htmltitle) -----------------------------------

_BODY = "<p>" + "The army of Sylvania moved two brigades to the northern border on Monday. " * 4 + "</p>"


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_title_h1_beats_site_suffix_in_og_title():
    page = _page('<meta property="og:title" content="Sylvania moves troops north - The Daily Bugle">'
                 '<meta property="og:site_name" content="The Daily Bugle"><title>Sylvania moves troops north'
                 ' - The Daily Bugle</title>', f"<article><h1>Sylvania moves troops north</h1>{_BODY}</article>")
    assert from_html(page, input="p.html").title == "Sylvania moves troops north"


def test_title_logo_h1_is_not_the_headline():
    page = _page("<title>Freedonia answers Sylvania | Bugle Blog</title>",
                 '<header><h1><a href="/">Bugle Blog</a></h1></header>'
                 f"<article><h2>Freedonia answers Sylvania</h2>{_BODY}</article>")
    assert from_html(page, input="p.html").title == "Freedonia answers Sylvania"


def test_title_several_h1s_the_one_agreeing_with_metadata_wins():
    page = _page('<meta property="og:title" content="Envoys meet in Geneva - Bugle">'
                 '<meta property="og:site_name" content="Bugle">', "<div><h1>Latest news</h1></div>"
                 f"<article><h1>Envoys meet in Geneva</h1>{_BODY}</article><aside><h1>Most read</h1></aside>")
    assert from_html(page, input="p.html").title == "Envoys meet in Geneva"


def test_title_kicker_inside_h1_is_dropped():
    page = _page('<meta property="og:title" content="Envoys meet in Geneva | Bugle">'
                 '<meta property="og:site_name" content="Bugle">',
                 '<h1><span class="kicker">Diplomacy</span> <span>Envoys meet in Geneva</span></h1>' + _BODY)
    assert from_html(page, input="p.html").title == "Envoys meet in Geneva"


def test_title_site_suffix_trimmed_only_with_evidence():
    head = '<meta property="og:title" content="Envoys meet in Geneva | Bugle">'
    named = _page(head + '<meta property="og:site_name" content="Bugle">', _BODY)
    assert from_html(named, input="p.html").title == "Envoys meet in Geneva"
    host = _page(head, _BODY)
    assert from_html(host, input="p.html", url="https://www.bugle.example/a/1").title == "Envoys meet in Geneva"


def test_title_xhtml_page_with_encoding_declaration():
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            '<meta property="og:title" content="Envoys meet in Geneva - Bugle"/><meta property="og:site_name"'
            ' content="Bugle"/></head><body><h1>Latest news</h1><h1>Envoys meet in Geneva</h1>'
            f"{_BODY}</body></html>")
    assert from_html(page, input="p.html").title == "Envoys meet in Geneva"


def test_title_ruby_annotation_is_not_read():
    page = _page("<title>子ども | NEWS</title>", f"<h1><ruby>子<rt>こ</rt></ruby>ども</h1>{_BODY}")
    assert from_html(page, input="p.html").title == "子ども"


@pytest.mark.parametrize("page", ["", "<h1>", "<html><head><title></title></head></html>", "\x00<h1><a href=''>",
                                  "<meta property='og:title'><h1><!-- c --><b></b></h1>", "<h1>A<h1>B</h1></h1>"])
def test_page_title_never_raises_on_malformed_markup(page):
    from eventwire.ingest.htmltitle import page_title

    title = page_title(page)
    assert title is None or isinstance(title, str)


def test_flatten_reads_a_page_that_declares_its_encoding() -> None:
    # lxml refuses a str with an encoding declaration; XHTML pages start with one.
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><h1>Dam opens</h1><p>Water flows.</p></body></html>'
    assert [line for line in flatten(page).split("\n") if line] == ["Dam opens", "Water flows."]
