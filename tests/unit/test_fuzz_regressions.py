"""Inputs that crashed a reader when fuzzed (tests/fuzz), cut down to the smallest form: each now
gives an Article or a Reject with a reason."""

from __future__ import annotations

import json

from eventwire.ingest import feeds, sniff
from eventwire.ingest.build import from_row
from eventwire.ingest.dates import parse_date
from eventwire.ingest.html import from_html
from eventwire.records import Article, Reject

GOOD = "Kenya and Uganda agreed on Monday to reopen the border crossing, officials said."


def _one(items: list[Article | Reject]) -> Article | Reject:
    assert len(items) == 1
    return items[0]


def test_lone_surrogates_in_a_row_become_replacement_characters() -> None:
    row = json.loads('{"text": "Peru met Chile. \\ud800", "title": "\\udfff", "author": ["\\ud83d"], '
                     '"date": "2024-03-05"}')
    art = from_row(row, input="r#1")
    assert art.text.endswith("\ufffd") and art.title == "\ufffd" and art.author == "\ufffd"
    json.dumps(art.to_dict(), ensure_ascii=False).encode("utf-8")
    page = from_row(json.loads('{"html": "<p>' + GOOD + ' \\udc80</p>"}'), input="r#2")
    assert "border crossing" in page.text


def test_character_reference_to_a_surrogate_in_a_feed() -> None:
    rss = f"<rss><channel><item><title>x</title><description>{GOOD} &#xD800; &#55296; &#0; &#99999999999;" \
          "</description></item></channel></rss>"
    art = _one(list(feeds.read(rss, "f.rss")))
    assert isinstance(art, Article) and "border crossing" in art.text


def test_control_characters_in_a_feed_entry() -> None:
    rss = f"<rss><channel><item><description>\x0b{GOOD}\x1b[31m</description></item></channel></rss>"
    art = _one(list(feeds.read(rss, "f.rss")))
    assert isinstance(art, Article) and "border crossing" in art.text


def test_json_feed_of_the_wrong_shape_is_a_reject() -> None:
    start = '{"version": "https://jsonfeed.org/version/1", "items": '
    for items, what in (("[" * 50_000 + "]" * 50_000, "not a valid JSON Feed"), ('"x"', "no list of items"),
                        ("[5]", "not an object")):
        item = _one(list(feeds.read(start + items + "}", "f.json")))
        assert isinstance(item, Reject) and what in item.reason
    dated = json.dumps({"version": "https://jsonfeed.org/version/1", "title": 7,
                        "items": [{"content_text": GOOD, "date_published": 20240305}]})
    art = _one(list(feeds.read(dated, "f.json")))
    assert isinstance(art, Article) and art.published is None and art.source is None


def test_feed_entry_dated_year_zero_has_no_date() -> None:
    rss = f"<rss><channel><item><description>{GOOD}</description><pubDate>0000-01-01T00:00:00Z</pubDate>" \
          "</item></channel></rss>"
    art = _one(list(feeds.read(rss, "f.rss")))
    assert isinstance(art, Article)


def test_a_megabyte_date_is_no_date_and_is_quick() -> None:
    # It took dateparser about a minute; the length cap answers at once.
    assert parse_date("2024 " * 200_000) is None
    assert parse_date("  2024-03-05  ") is not None


def test_file_mixing_latin1_and_utf8_lines() -> None:
    data = "Café Müller, Zürich.\n".encode("latin-1") + "Niš — “quoted”.\n".encode()
    text, encoding = sniff.decode(data, "m.txt")
    assert text == "Café Müller, Zürich.\nNiš — “quoted”.\n" and encoding == "utf-8+cp1252"
    cyrillic = ("Яё\n" + "Министр иностранных дел заявил.\n" * 3).encode("cp1251")
    assert sniff.decode(cyrillic, "c.txt")[1] == "cp1251"  # one UTF-8-looking pair is no proof


def test_character_reference_to_a_control_character_in_html() -> None:
    # lxml takes "&#x1" into the tree and then refuses to set that text back (in flatten, drop_tree).
    for page in ("<html><body><p>AP</p><style>p{}</style>&#x1", f"<p>{GOOD} &#x1; &#1; &#x1F;</p><script>x</script>"):
        art = from_html(page, input="x.html")
        assert isinstance(art, Article)
    assert "border crossing" in art.text and "\x01" not in art.text
