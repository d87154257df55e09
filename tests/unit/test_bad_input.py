"""Hostile and broken input: each bad input becomes a Reject with a reason, the run goes on, and what
the store already holds is neither lost nor duplicated."""

from __future__ import annotations

import gzip
import http.server
import threading
from pathlib import Path

import duckdb
import pytest

from eventwire import ingest
from eventwire.engines import local
from eventwire.records import Article, Reject
from eventwire.settings import Settings

GOOD = (
    "Kenya and Tanzania agreed on Monday to reopen the Namanga border crossing after a two-week "
    "closure, the interior ministries of both countries said. Traders had protested against the "
    "closure for days."
)


def _read(path: Path, **kw: object) -> list[Article | Reject]:
    return list(ingest.read([str(path)], Settings(**kw)))  # type: ignore[arg-type]


def test_truncated_html_still_gives_an_article(tmp_path):
    page = "<html><head><title>Border talks</title></head><body><article><h1>Border talks</h1><p>" + GOOD
    path = tmp_path / "cut.html"
    path.write_text(page[: len(page) - 20])  # cut inside the paragraph, no closing tags
    (item,) = _read(path)
    assert isinstance(item, Article)
    assert "Namanga border crossing" in item.text


def test_fifty_megabyte_page_is_rejected_by_size(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as f:
        f.write(b"<html><body><p>")
        f.write(b"a" * 50_000_000)
    (item,) = _read(path)
    assert isinstance(item, Reject) and "limit" in item.reason and "huge.html" in item.reason


def test_pdf_named_html_is_rejected_as_binary(tmp_path):
    path = tmp_path / "report.html"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (item,) = _read(path)
    assert isinstance(item, Reject) and "PDF" in item.reason


def test_empty_feed_is_a_reject(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>')
    (item,) = _read(path)
    assert isinstance(item, Reject) and "no entries" in item.reason


def test_deeply_nested_html_does_not_crash(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<div>" * 5000 + GOOD + "</div>" * 5000 + "</body></html>")
    items = _read(path)
    assert len(items) == 1 and isinstance(items[0], Article | Reject)


@pytest.mark.model
def test_bad_inputs_leave_stored_articles_alone(tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(GOOD)
    db = tmp_path / "s.duckdb"
    first = local.ingest([str(good)], Settings(db_path=db))
    assert first["articles"] == 1

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (bad / "y.jsonl").write_text('{"id": 1, "text": "' + GOOD + '"}\n{not json\n')
    (bad / "z.json.gz").write_bytes(gzip.compress(b"[1, 2")[:-4])
    second = local.ingest([str(good), str(bad)], Settings(db_path=db))
    assert second["skipped"] == 2  # a.txt again, and the JSONL row with the same text
    assert second["rejects"] == 3
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    reasons = [r[0] for r in con.execute("SELECT reason FROM rejects ORDER BY input").fetchall()]
    assert any("PNG" in r for r in reasons) and any("y.jsonl#2" in r for r in reasons)
    assert con.execute("SELECT count(*) FROM runs WHERE status = 'done'").fetchone()[0] == 2
    con.close()


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = ("<html><head><title>Full story</title></head><body><article><h1>Full story</h1><p>"
                + GOOD + " The full page has more detail than the feed.</p></article></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _feed(tmp_path: Path, link: str) -> Path:
    path = tmp_path / "f.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title><item>'
        f"<title>Full story</title><link>{link}</link><description>Short teaser only.</description>"
        "<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    return path


def test_feed_links_are_followed_only_when_asked(tmp_path, local_site):
    path = _feed(tmp_path, local_site + "/story")
    (plain,) = _read(path)
    assert isinstance(plain, Article) and plain.text == "Short teaser only."
    (followed,) = _read(path, follow_links=True)
    assert isinstance(followed, Article)
    assert "more detail than the feed" in followed.text and "followed-link" in followed.notes
    assert followed.url == local_site + "/story" and followed.source == "Test feed"


def test_unreachable_link_falls_back_to_the_entry_text(tmp_path):
    # Port 9 on loopback (discard) is closed here: the fetch fails at once.
    path = _feed(tmp_path, "http://127.0.0.1:9/story")
    (item,) = _read(path, follow_links=True)
    assert isinstance(item, Article) and item.text == "Short teaser only."
    assert "link-not-followed" in item.notes
