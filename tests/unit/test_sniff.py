"""ingest.sniff: size, binary content, compression, encoding and kind, decided before parsing."""

from __future__ import annotations

import gzip

import pytest

from eventwire.errors import InputError
from eventwire.ingest import sniff

NEWS = "The foreign ministers of Freedonia and Sylvania met on Tuesday to discuss the border."


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.txt", b"Plain news text", "textdump"),
        ("a.md", b"Plain news text", "textdump"),
        ("noext", b"Plain news text", "textdump"),
        ("a.html", b"Plain text in a file named html", "html"),
        ("a.txt", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("a.txt", b"<!-- saved page -->\n<html lang=en>", "html"),
        ("a.txt", b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        ("a.xml", b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("a.xml", b'<?xml version="1.0"?>\n<note>not a feed</note>', "feed"),
        ("noext", b'<?xml version="1.0"?>\n<note>not a feed</note>', "html"),
        ("a.jsonl", b'{"id": 1}', "jsonl"),
        ("a.txt", b'{"id": 1}', "jsonl"),
        ("a.json", b'{"id": 1}', "json"),
        ("a.ndjson", b'{"id": 1}', "jsonl"),
        ("a.csv", b"id,text\n", "csv"),
        ("a.tsv", b"id\ttext\n", "csv"),
        ("a.txt", b"WARC/1.0\r\n", "warc"),
        ("a.warc", b"anything", "warc"),
        ("a.TXT.gz", b"Plain", "textdump"),
        ("dir.v2/file", b"Plain", "textdump"),
        ("a.txt", b"\xef\xbb\xbf<rss version='2.0'>", "feed"),
    ],
)
def test_guess_kind(name, head, kind):
    assert sniff.guess_kind(name, head) == kind


def test_strip_suffixes():
    assert sniff.strip_suffixes("a/b.jsonl.gz") == ("a/b.jsonl", True)
    assert sniff.strip_suffixes("a/b.jsonl.GZ") == ("a/b.jsonl", True)
    assert sniff.strip_suffixes("a/b.jsonl") == ("a/b.jsonl", False)


def test_load_plain_utf8():
    blob = sniff.load(NEWS.encode("utf-8"), "n.txt", 1000)
    assert blob == sniff.Blob(name="n.txt", kind="textdump", text=NEWS, raw=NEWS.encode(), encoding="utf-8")


def test_load_strips_utf8_bom():
    blob = sniff.load(b"\xef\xbb\xbf" + NEWS.encode(), "n.txt", 1000)
    assert blob.text == NEWS
    assert blob.encoding == "utf-8"


def test_load_utf16_with_bom():
    blob = sniff.load(NEWS.encode("utf-16"), "n.txt", 1000)
    assert blob.text == NEWS


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x7fELF\x02\x01", "executable"),
        (b"text then a NUL \x00 byte", "NUL"),
    ],
)
def test_binary_is_rejected_with_reason(data, what):
    with pytest.raises(InputError) as info:
        sniff.load(data, "page.html", 10_000)
    assert "page.html" in str(info.value)
    assert what in str(info.value)


def test_binary_reason_none_for_text():
    assert sniff.binary_reason(NEWS.encode()) is None
    assert sniff.binary_reason(NEWS.encode("utf-16-le").join([b"\xff\xfe", b""])) is None


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n"])
def test_empty_input(data):
    with pytest.raises(InputError, match=r"e\.txt: empty input"):
        sniff.load(data, "e.txt", 100)


def test_over_size_limit():
    with pytest.raises(InputError, match="over the 10-byte limit"):
        sniff.load(b"x" * 11, "big.txt", 10)
    assert sniff.load(b"x" * 10, "ok.txt", 10).text == "x" * 10


def test_gzip_is_decompressed_and_renamed():
    blob = sniff.load(gzip.compress(b'{"id": "a", "text": "x"}\n'), "rows.jsonl.gz", 1000)
    assert blob.name == "rows.jsonl"
    assert blob.kind == "jsonl"
    assert blob.text.startswith('{"id"')


def test_gzip_bomb_rejected_by_decompressed_size():
    bomb = gzip.compress(b"a" * 100_000)
    assert len(bomb) < 1_000
    with pytest.raises(InputError, match="decompresses to more than 1,000 bytes"):
        sniff.load(bomb, "bomb.txt.gz", 1_000)


def test_truncated_gzip():
    data = gzip.compress(NEWS.encode())[:-6]
    with pytest.raises(InputError, match="truncated or corrupt gzip"):
        sniff.load(data, "t.txt.gz", 1000)


def test_gzip_of_whitespace_is_empty():
    with pytest.raises(InputError, match="empty input"):
        sniff.load(gzip.compress(b"   \n"), "w.txt.gz", 1000)


def test_gzipped_warc_stays_compressed():
    data = gzip.compress(b"WARC/1.0\r\n\r\n")
    blob = sniff.load(data, "crawl.warc.gz", 1000)
    assert blob.kind == "warc"
    assert blob.raw == data


def test_corrupt_deflate_stream_is_input_error():
    data = b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"\xff\xff\xff\xffnot deflate data"
    with pytest.raises(InputError):
        sniff.load(data, "c.txt.gz", 1000)


def test_latin1_text_is_decoded():
    text = "Le ministre a déclaré que la réunion était « très utile » pour la coopération régionale."
    blob = sniff.load(text.encode("latin-1"), "fr.txt", 10_000)
    assert blob.encoding != "utf-8"
    assert "ministre a d" in blob.text
    assert "\ufffd" not in blob.text


def test_cp1252_english_text_decodes_exactly():
    text = ("Foreign minister José Martínez arrived in Bogotá on Tuesday for talks with officials from Zürich "
            "and Besançon about the regional trade agreement, his office said. He described the crisis à la "
            "frontière as grave and said the talks would go on next week in Genève.")
    assert sniff.load(text.encode("cp1252"), "w.txt", 10_000).text == text
