"""ingest.warc: every HTML response record becomes an Article; a broken archive ends in a Reject."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire import ingest
from eventwire.ingest import sniff, warc
from eventwire.records import Article, Reject
from eventwire.settings import Settings

PAGE = (
    "<html><head><title>Sylvania holds drills {n}</title></head><body><article>"
    "<h1>Sylvania holds drills {n}</h1>"
    "<p>The army of Sylvania began large military exercises near the northern border on day {n}, the defence "
    "ministry said in a statement.</p>"
    "<p>Neighbouring Freedonia said it was watching the drills closely and called for calm on both sides.</p>"
    "</article></body></html>"
)


def _response(w: WARCWriter, uri: str, payload: bytes, ctype: str = "text/html; charset=utf-8",
              date: str | None = None):
    headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
    extra = {"WARC-Date": date} if date else None
    return w.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers,
                                warc_headers_dict=extra)


def build_warc(gz: bool, n_pages: int = 2) -> tuple[bytes, list[int]]:
    """A WARC with a request, ``n_pages`` HTML responses and an image response; and record end offsets."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    ends = []
    w.write_record(w.create_warc_record("https://news.example/", "request",
                                        payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    ends.append(buf.tell())
    for i in range(n_pages):
        w.write_record(_response(w, f"https://news.example/drills/{i}", PAGE.format(n=i).encode(),
                                 date="2024-02-01T10:00:00Z"))
        ends.append(buf.tell())
    w.write_record(_response(w, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\nxx", ctype="image/png"))
    ends.append(buf.tell())
    return buf.getvalue(), ends


@pytest.mark.parametrize("gz", [False, True])
def test_html_responses_become_articles(gz):
    raw, _ = build_warc(gz)
    items = list(warc.read(raw, "crawl.warc", 1_000_000))
    assert [type(x) for x in items] == [Article, Article]
    for i, art in enumerate(items):
        assert art.url == art.ref == f"https://news.example/drills/{i}"
        assert art.input == f"crawl.warc#https://news.example/drills/{i}"
        assert art.kind == "warc"
        assert art.retrieved == dt.datetime(2024, 2, 1, 10, 0, tzinfo=dt.UTC)
        assert f"on day {i}" in art.text
        assert art.title == f"Sylvania holds drills {i}"


@pytest.mark.parametrize(("gz", "name"), [(False, "crawl.warc"), (True, "crawl.warc.gz")])
def test_ingest_read_of_a_warc_file(tmp_path, gz, name):
    raw, _ = build_warc(gz, n_pages=3)
    (tmp_path / name).write_bytes(raw)
    blob = sniff.load(raw, name, 10_000_000)
    assert blob.kind == "warc"
    items = list(ingest.read([str(tmp_path / name)], Settings()))
    assert [type(x) for x in items] == [Article] * 3


def test_record_over_limit_is_rejected_alone():
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    w.write_record(_response(w, "https://news.example/big", PAGE.format(n="x" * 3000).encode()))
    w.write_record(_response(w, "https://news.example/small", PAGE.format(n=1).encode()))
    items = list(warc.read(buf.getvalue(), "c.warc", 2000))
    assert [type(x) for x in items] == [Reject, Article]
    assert items[0].input == "c.warc#https://news.example/big"
    assert "over the 2,000-byte limit" in items[0].reason


def test_garbage_after_records_gives_reject_after_articles():
    raw, ends = build_warc(False)
    broken = raw[: ends[1]] + b"this is not a WARC record\r\n\r\n" * 3
    items = list(warc.read(broken, "b.warc", 1_000_000))
    assert [type(x) for x in items] == [Article, Reject]
    assert items[-1].input == "b.warc"
    assert "broken after 1 records" in items[-1].reason


def test_warc_date_parsing():
    assert warc._warc_date("2024-02-01T10:00:00Z") == dt.datetime(2024, 2, 1, 10, tzinfo=dt.UTC)
    assert warc._warc_date("not a date") is None
    assert warc._warc_date(None) is None


def test_warc_cut_inside_record_headers_does_not_raise(tmp_path):
    raw, ends = build_warc(False)
    path = tmp_path / "cut.warc"
    # cut after "WARC-Type: response" but before the record's WARC-Target-URI header
    path.write_bytes(raw[: raw.index(b"WARC-Record-ID", ends[1])])
    items = list(ingest.read([str(path)], Settings()))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], Reject)


def test_truncated_last_record_is_reported():
    raw, ends = build_warc(False, n_pages=2)
    cut = raw[: ends[2] - 40]  # inside the second page's payload
    items = list(warc.read(cut, "t.warc", 1_000_000))
    assert any(isinstance(x, Reject) for x in items)
