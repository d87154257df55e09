"""ingest.feeds: RSS, Atom and JSON Feed; one Article per entry, empty entries become Rejects."""

from __future__ import annotations

import datetime as dt

from eventwire.ingest import feeds
from eventwire.records import Article, Reject


def test_rss(fixtures):
    items = list(feeds.read((fixtures / "feed.rss").read_text("utf-8"), "feed.rss"))
    assert [type(x) for x in items] == [Article, Reject, Article]
    a1, empty, a3 = items
    assert a1.ref == "bugle-a1"
    assert a1.title == "Freedonia recalls ambassador"
    assert a1.published == dt.date(2024, 3, 5)
    assert a1.url == "https://bugle.example/a1"
    assert a1.source == "Bugle World"
    assert a1.kind == "feed"
    assert a1.input == "feed.rss#item1"
    assert "recalled its ambassador" in a1.text
    assert "<p>" not in a1.text
    assert empty.input == "feed.rss#item2"
    assert "no article text" in empty.reason
    # no guid: the link is the ref
    assert a3.ref == "https://bugle.example/a3"
    assert a3.published == dt.date(2024, 3, 6)


def test_atom(fixtures):
    (art,) = feeds.read((fixtures / "atom.xml").read_text("utf-8"), "atom.xml")
    assert art.ref == "urn:atom:1"
    assert art.url == "https://atom.example/1"
    assert art.published == dt.date(2024, 4, 1)
    assert art.author == "Ann Lee"
    assert art.source == "Atom News"
    assert "marched through the streets" in art.text
    assert "&lt;" not in art.text and "<p>" not in art.text


def test_json_feed(fixtures):
    items = list(feeds.read((fixtures / "jsonfeed.json").read_text("utf-8"), "jf.json"))
    assert [type(x) for x in items] == [Article, Article, Reject]
    j1, j2, j3 = items
    assert (j1.ref, j1.url, j1.title, j1.published) == ("j1", "https://jf.example/1", "Aid arrives",
                                                        dt.date(2024, 5, 2))
    assert "humanitarian aid" in j1.text
    assert "ceasefire" in j2.text and "<p>" not in j2.text
    assert j3.input == "jf.json#item3"


def test_feed_without_entries():
    (rej,) = feeds.read('<rss version="2.0"><channel><title>x</title></channel></rss>', "e.rss")
    assert isinstance(rej, Reject)
    assert rej.input == "e.rss"
    assert "no entries" in rej.reason


def test_broken_json_feed():
    (rej,) = feeds.read('{"version": "https://jsonfeed.org/version/1", "items": [', "b.json")
    assert isinstance(rej, Reject)
    assert "JSON Feed" in rej.reason


def test_json_feed_with_non_object_items_does_not_raise():
    items = list(feeds.read('{"version": "https://jsonfeed.org/version/1", "items": ["x"]}', "b.json"))
    assert len(items) == 1 and isinstance(items[0], Reject)


def test_json_feed_items_are_feed_kind_with_source(fixtures):
    j1 = next(iter(feeds.read((fixtures / "jsonfeed.json").read_text("utf-8"), "jf.json")))
    assert j1.kind == "feed"
    assert j1.source == "JF Wire"


def test_feed_entry_text_has_no_leading_whitespace(fixtures):
    a1 = next(iter(feeds.read((fixtures / "feed.rss").read_text("utf-8"), "feed.rss")))
    assert a1.text == a1.text.strip()
