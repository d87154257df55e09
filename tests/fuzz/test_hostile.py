"""Full-size hostile inputs, each through every reader it can reach: gzip and zip bombs (about 1 MB
packed, 1 GB unpacked), HTML nested 100,000 levels, 10 MB single lines, NUL bytes, a file mixing
Latin-1 and UTF-8 lines, right-to-left text and 1,000 quotations in one paragraph.

Each input must give Articles/Rejects or an InputError with a reason, within the time limit; bombs
must be refused by size without being expanded (the time limit would catch a 1 GB expansion)."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest
from fuzzgen import gzip_bomb
from fuzzkit import feed
from typer.testing import CliRunner

from eventwire import pipeline
from eventwire.actors import phoenix
from eventwire.cli import app
from eventwire.errors import InputError
from eventwire.events import geocode
from eventwire.ingest import _load, dates, feeds, headline, read_blob, tabular, textdump, warc
from eventwire.ingest.build import from_row
from eventwire.ingest.html import from_html
from eventwire.quotes import direct
from eventwire.records import Article, CodedArticle, Reject
from eventwire.settings import Settings

GIB = 1_000_000_000
GOOD = ("Kenya and Tanzania agreed on Monday to reopen the Namanga border crossing after a two-week closure, "
        "the interior ministries of both countries said.")
SETTINGS = Settings()


def _warc_record(payload: bytes, headers: bytes = b"Content-Type: text/html\r\n") -> bytes:
    http = b"HTTP/1.1 200 OK\r\n" + headers + b"\r\n" + payload
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            b"WARC-Target-URI: http://news.example/a\r\nWARC-Date: 2024-03-05T10:00:00Z\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http)
            + http + b"\r\n\r\n")  # fmt: skip


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A ZIP archive holding one 1 GB file of zeros: about 1 MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z, z.open("news.txt", "w", force_zip64=True) as f:
        chunk = b"\0" * 1_048_576
        for _ in range(GIB // len(chunk)):
            f.write(chunk)
    return buf.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """1 GB of zeros, gzipped: about 1 MB."""
    return gzip_bomb(GIB)


def _file(tmp_path: Path, name: str, data: bytes) -> list[Article | Reject]:
    """The input as `eventwire ingest` reads a file, without its catch-all for unexpected exceptions."""
    path = tmp_path / name
    path.write_bytes(data)
    out = feed("sniff.load + read_blob", lambda: read_blob(_load(str(path), SETTINGS), SETTINGS))
    if out.error is not None:
        return [Reject(input=name, stage="ingest", reason=str(out.error))]
    return list(out.items)


def _refused(items: list[Article | Reject], *words: str) -> None:
    assert items and all(isinstance(i, Reject) for i in items), items
    reasons = " ".join(i.reason for i in items if isinstance(i, Reject))
    assert any(w in reasons for w in words), reasons


# ---------------------------------------------------------------- bombs


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.html.gz", "bomb.jsonl.gz", "bomb.csv.gz", "bomb.gz"])
def test_gzip_bomb_is_refused_by_size(tmp_path: Path, bomb: bytes, name: str) -> None:
    assert len(bomb) < 2_000_000
    _refused(_file(tmp_path, name, bomb), "decompresses to more than")


def test_gzip_bomb_inside_a_gzip_is_refused(tmp_path: Path, bomb: bytes) -> None:
    packed = gzip.compress(bomb)
    assert len(packed) < 100_000
    _refused(_file(tmp_path, "twice.txt.gz", packed), "binary content", "decompresses to more than")


def test_gzipped_warc_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    # A valid record first, then a record whose block unpacks to 1 GB: the first is kept.
    good = gzip.compress(_warc_record(f"<html><body><p>{GOOD}</p></body></html>".encode()))
    head = b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:2>\r\nContent-Length: %d\r\n\r\n" % GIB
    huge = gzip.compress(head) + gzip_bomb(GIB)
    items = _file(tmp_path, "crawl.warc.gz", good + huge)
    assert isinstance(items[0], Article) and "Namanga" in items[0].text
    _refused(items[1:], "decompresses to more than")


def test_warc_record_with_gzip_bomb_content_encoding_is_refused(tmp_path: Path, bomb: bytes) -> None:
    rec = _warc_record(bomb, b"Content-Type: text/html\r\nContent-Encoding: gzip\r\n")
    for name, data in (("r.warc", rec), ("r.warc.gz", gzip.compress(rec))):
        _refused(_file(tmp_path, name, data), "over the", "binary content")


@pytest.mark.parametrize("name", ["bomb.zip", "bomb.txt", "bomb.html", "bomb.jsonl", "bomb.warc"])
def test_zip_bomb_is_refused_unopened(tmp_path: Path, zip_bomb: bytes, name: str) -> None:
    assert len(zip_bomb) < 2_000_000
    _refused(_file(tmp_path, name, zip_bomb), "ZIP archive")


# ---------------------------------------------------------------- deep nesting


DEEP = 100_000
DEEP_HTML = "<html><body>" + "<div>" * DEEP + f"<p>{GOOD}</p>" + "</div>" * DEEP + "</body></html>"


def test_html_nested_100k_levels() -> None:
    feed("html.from_html", lambda: from_html(DEEP_HTML, input="deep.html"))
    feed("build.from_row", lambda: from_row({"html": DEEP_HTML}, input="deep#1"))


def test_html_nested_100k_levels_in_a_file_a_feed_and_a_warc(tmp_path: Path) -> None:
    _file(tmp_path, "deep.html", DEEP_HTML.encode())
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>x</title>'
           f"<description><![CDATA[{DEEP_HTML}]]></description></item></channel></rss>")
    feed("feeds.read", lambda: feeds.read(rss, "deep.rss"))
    feed("warc.read", lambda: warc.read(_warc_record(DEEP_HTML.encode()), "deep.warc", SETTINGS.max_bytes))


def test_json_and_xml_nested_100k_levels() -> None:
    deep_json = '{"text": ' + "[" * DEEP + "]" * DEEP + "}"
    feed("tabular.read_jsonl", lambda: tabular.read_jsonl(deep_json, "deep.jsonl"))
    feed("tabular.read_json", lambda: tabular.read_json("[" * DEEP + "]" * DEEP, "deep.json"))
    jf = '{"version": "https://jsonfeed.org/version/1", "items": ' + "[" * DEEP + "]" * DEEP + "}"
    feed("feeds.read", lambda: feeds.read(jf, "deep.json"))
    xml = ('<?xml version="1.0"?><rss version="2.0"><channel><item>' + "<x>" * DEEP + "</x>" * DEEP
           + "</item></channel></rss>")
    feed("feeds.read", lambda: feeds.read(xml, "deep.rss"))


MANY_TAGS = "<html><body>" + "<p>a" * 750_000 + "</body></html>"  # 3 MB


def test_page_of_750k_paragraphs_is_refused_unextracted(tmp_path: Path) -> None:
    # trafilatura needs over a minute for it (found by fuzzing: a gzip-encoded WARC payload).
    for run in (lambda: from_html(MANY_TAGS, input="many.html"), lambda: from_row({"html": MANY_TAGS}, input="m#1")):
        out = feed("html.from_html", run)
        assert out.error is not None and "HTML tags" in str(out.error)
    _refused(_file(tmp_path, "many.html", MANY_TAGS.encode()), "HTML tags")
    rec = _warc_record(gzip.compress(MANY_TAGS.encode()), b"Content-Type: text/html\r\nContent-Encoding: gzip\r\n")
    out = feed("warc.read", lambda: warc.read(rec, "many.warc", SETTINGS.max_bytes))
    assert [type(i) for i in out.items] == [Reject] and "HTML tags" in out.items[0].reason
    rss = f"<rss><channel><item><description><![CDATA[{MANY_TAGS}]]></description></item></channel></rss>"
    out = feed("feeds.read", lambda: feeds.read(rss, "many.rss"))
    assert [type(i) for i in out.items] == [Reject] and "HTML tags" in out.items[0].reason


def test_textdump_many_short_lines() -> None:
    dump = "\n".join(f"Line {i} of a very long dump says something." for i in range(100_000))
    # A hang guard, not a speed test: the near-linear reader needs ~6 s of CPU here, the quadratic one it
    # replaced ~90 s; 40 s leaves room for a loaded machine and still catches the quadratic one.
    feed("textdump.clean", lambda: textdump.clean(dump), seconds=40)


# ---------------------------------------------------------------- 10 MB single lines


LINE = "word " * 2_000_000  # 10 MB, no newline


def test_ten_megabyte_line_in_every_text_reader(tmp_path: Path) -> None:
    assert len(LINE) == 10_000_000
    feed("textdump.clean", lambda: textdump.clean(f"Title\n{LINE}\nShare this article"))
    _file(tmp_path, "line.txt", LINE.encode())
    feed("html.from_html", lambda: from_html(f"<html><body><p>{LINE}</p></body></html>", input="line.html"))
    feed("tabular.read_jsonl", lambda: tabular.read_jsonl(json.dumps({"text": LINE, "title": LINE}), "l.jsonl"))
    feed("tabular.read_csv", lambda: tabular.read_csv(f'text,title\n"{LINE}",x\n', "l.csv"))
    rss = f"<rss><channel><item><description>{LINE}</description></item></channel></rss>"
    feed("feeds.read", lambda: feeds.read(rss, "l.rss"))
    feed("warc.read", lambda: warc.read(_warc_record(f"<p>{LINE}</p>".encode()), "l.warc", SETTINGS.max_bytes))


def test_ten_megabyte_date_is_no_date() -> None:
    out = feed("dates.parse_date/find_date", lambda: iter([dates.parse_date(LINE), dates.find_date(LINE)]))
    assert out.items == (None, None)
    out = feed("build.from_row", lambda: from_row({"text": GOOD, "date": "2024 " * 2_000_000}, input="d#1"))
    assert out.error is not None and "cannot read date" in str(out.error)


# ---------------------------------------------------------------- NULs, encodings, RTL, quotes


def test_nul_bytes(tmp_path: Path) -> None:
    _refused(_file(tmp_path, "nul.txt", b"\x00" + GOOD.encode()), "NUL bytes")
    late = _file(tmp_path, "late.txt", GOOD.encode() * 100 + b"\x00\x00" + GOOD.encode())
    assert isinstance(late[0], Article)
    for reader, run in {
        "textdump.clean": lambda: textdump.clean(f"Title\n\x00\n{GOOD}\x00\n\x00"),
        "html.from_html": lambda: from_html(f"<p>\x00{GOOD}\x00</p>", input="n.html"),
        "tabular.read_jsonl": lambda: tabular.read_jsonl(json.dumps({"text": f"\x00{GOOD}", "title": "\x00"}), "n"),
        "feeds.read": lambda: feeds.read(f"<rss><channel><item><description>\x00{GOOD}&#0;</description>"
                                         "</item></channel></rss>", "n.rss"),
        "warc.read": lambda: warc.read(_warc_record(f"<p>\x00{GOOD}</p>".encode()), "n.warc", SETTINGS.max_bytes),
    }.items():
        feed(reader, run)


def test_mixed_latin1_and_utf8_lines_are_both_read(tmp_path: Path) -> None:
    data = ("Café Müller reopened in Zürich on Monday.\n".encode("latin-1")
            + f"Ministers met at the Café in Niš — “{GOOD}”\n".encode())  # fmt: skip
    for name in ("mixed.txt", "mixed.html"):
        (item,) = _file(tmp_path, name, data if name.endswith("txt") else b"<p>" + data + b"</p>")
        assert isinstance(item, Article)
        assert "Café Müller" in item.text and "Zürich" in item.text and "Niš — “" in item.text


RTL = ("\u202eمرحبا بالعالم\u202c قال الوزير إن المحادثات ستستمر.\n"
       f"\u200fשלום עולם\u200f {GOOD} \u2067ناصر\u2069 said.\n")
QUOTES_1000 = " ".join(f"“Point number {i} stands,” he said." for i in range(1000))


def test_rtl_text_and_a_thousand_quotes(tmp_path: Path) -> None:
    for text in (RTL, QUOTES_1000, '"' * 1000 + GOOD + "”" * 1000):
        feed("textdump.clean", lambda text=text: textdump.clean(text))
        items = _file(tmp_path, "q.txt", text.encode())
        assert items and isinstance(items[0], Article)
        feed("build.from_row", lambda text=text: from_row({"text": text, "title": text[:50]}, input="q#1"))


# ---------------------------------------------------------------- the whole pipeline, `eventwire code`


@pytest.mark.model
@pytest.mark.parametrize("text", [RTL, QUOTES_1000, f"\x00{GOOD}\x00", "word " * 20_000 + GOOD,
                                  "Café Müller — “" + GOOD + "”", "\u202e" * 1000 + GOOD],
                         ids=["rtl", "1000-quotes", "nul", "100kb-line", "mixed-script", "1000-bidi"])
def test_pipeline_on_hostile_text(text: str, stages: pipeline.Stages, settings: Settings) -> None:
    def run():  # type: ignore[no-untyped-def]
        return pipeline.code_articles([from_row({"text": text, "date": "2024-03-05"}, input="h#1")], settings, stages)

    out = feed("eventwire code (whole pipeline)", run)
    (coded,) = out.items
    assert isinstance(coded, CodedArticle)
    json.dumps(coded.to_dict(), ensure_ascii=False).encode("utf-8")
    if text is QUOTES_1000:
        assert len(coded.quotes) >= 900  # every quotation is found, none lost to the storm


@pytest.mark.model
def test_eventwire_code_cli_on_hostile_lines(tmp_path: Path) -> None:
    """The real command: one output line per input line, each an article or an error with a reason."""
    lines = [
        '{"id": "surrogate", "text": "Peru met Chile on Monday. \\ud800 \\udfff", "title": "\\ud83d"}',
        '{"id": "html-surrogate", "html": "<p>Peru met Chile on Monday. \\udc80</p>"}',
        json.dumps({"id": "nul", "text": f"\x00{GOOD}"}),
        json.dumps({"id": "rtl", "text": RTL}),
        json.dumps({"id": "bad-date", "text": GOOD, "date": "2024 " * 10_000}),
        json.dumps({"id": "text-is-a-list", "text": [GOOD]}),
        "[" * DEEP + "]" * DEEP,
        "not json \x00 \u202e",
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["code", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(r) for r in out.read_text("utf-8").splitlines()]
    assert len(rows) == len(lines)
    by_id = {r["id"]: r for r in rows}
    assert {"surrogate", "html-surrogate", "nul", "rtl"} <= {k for k, r in by_id.items() if "article" in r}
    assert "\ufffd" in by_id["surrogate"]["article"]["text"]
    for key in ("bad-date", "text-is-a-list", "line7", "line8"):
        assert by_id[key]["error"].strip()


# ---------------------------------------------------------------- inputs that make a pattern backtrack
# Each shape below made one regular expression backtrack for a time exponential or polynomial in its
# length: minutes to days at these sizes before the patterns were mended, milliseconds now. They were
# found by probing every pattern a document reaches with long runs of its first token.


def test_html_comments_before_plain_text(tmp_path: Path) -> None:
    # sniff's "is this an HTML page?" test allowed any number of leading comments, one by one.
    items = _file(tmp_path, "comments.txt", b"<!---->" * 580 + f"\n{GOOD}\n".encode())
    assert [a.kind for a in items if isinstance(a, Article)] == ["textdump"]


def test_a_menu_line_that_does_not_end_like_one() -> None:
    # "Home | a | a ... !" nearly matches the breadcrumb pattern; each item doubled the ways to fail.
    for line in ("Home" + " |a  " * 400 + "!", "Home" + " | a a" * 300 + "!"):
        out = feed("textdump.clean", lambda line=line: textdump.clean(f"Menu\n\n{line}\n\n{GOOD}\n\nShare"))
        assert line in out.items[0].text


def test_long_runs_in_a_path_a_byline_a_headline_and_a_date_line() -> None:
    slashes = "a/" * 80_000
    byline = "By John" + " " * 160_000 + "Smith"
    spaced = "Talks resume" + " " * 160_000 + "in Kabul today"
    date_lines = "\n".join("Published" + " " * 110 + "x" for _ in range(3_000))
    for dump in (f"Menu\n\n{slashes}\n\n{GOOD}", f"Menu\n\n{byline}\n\n{GOOD}", f"Menu\n\n{spaced}\n\n{GOOD}",
                 f"Menu\n\n{date_lines}\n\n{GOOD}"):
        out = feed("textdump.clean", lambda dump=dump: textdump.clean(dump))
        assert GOOD in out.items[0].text
    out = feed("textdump.headline.trim", lambda: headline.trim(spaced, []))
    assert out.items == (spaced,)


def test_place_names_joined_by_hyphens_and_long_references() -> None:
    # The geocoder's "run of capitalised words" let a hyphen belong to a name or to the gap between two.
    for text in ("Kabul-" * 40 + "Kabul/Herat", "Kabul " + "1" * 40_000, "A " * 20_000 + "!"):
        out = feed("geocode.locate", lambda text=text: geocode.locate(text) and None)
        assert out.error is None
    assert geocode.locate("Kabul")


def test_quotations_among_thousands_of_markup_tags() -> None:
    # Each quotation mark was checked against every tag of its paragraph (and every paragraph's tags
    # picked from all the text's tags): quadratic in the number of tags, hours for a page of links.
    links = '<a href="x">\u201cy\u201d</a> ' * 40_000
    paragraphs = "<a>\n\n" * 80_000 + 'She said \u201cit is over\u201d. <b id="q">'
    found: dict[str, list[str]] = {}
    for name, text in (("links", links), ("paragraphs", paragraphs)):
        out = feed("quotes.direct.parts", lambda text=text, name=name: found.update(
            {name: [text[p.start : p.end] for p in direct.parts(text)]}))
        assert out.error is None
    assert found["links"] == ["y"] * 40_000  # the marks of href="x" are markup, each \u201cy\u201d a quotation
    assert found["paragraphs"] == ["it is over"]


def test_dictionary_lines_of_brackets() -> None:
    # A code was "[" then anything but "]": tried from every "[" of a line of them, to its end.
    parsed: list[tuple[list[dict[str, object]], list[str]]] = []
    for line in ("X_ " + "[" * 100_000 + "]", "X_ [" + "[A" * 50_000):
        out = feed("phoenix.parse_actors", lambda line=line: parsed.append(phoenix.parse_actors(line)))
        assert out.error is None
    assert [(actors, [p[:30] for p in problems]) for actors, problems in parsed] == [
        ([], ["line 1: not an actor line: 'X_"])] * 2
    actors, _ = phoenix.parse_actors("BORIS_VELL_ [FREMILGOV]")
    assert [(a["name"], a["country"], a["sector"], a["also"]) for a in actors] == [
        ("Boris Vell", "FRE", "MIL", ["GOV"])]


def test_an_input_error_is_what_a_reader_raises() -> None:
    """The contract the checks above rely on: feed() reports an InputError, it does not swallow others."""
    out = feed("build.from_row", lambda: from_row({"title": "no body"}, input="x#1"))
    assert isinstance(out.error, InputError) and "neither a text nor an html field" in str(out.error)
    with pytest.raises(ZeroDivisionError):
        feed("build.from_row", lambda: 1 / 0)
