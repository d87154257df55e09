"""sniff.load on arbitrary bytes returns a Blob or raises InputError, nothing else."""

from __future__ import annotations

import gzip

from hypothesis import example, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest import sniff

SETTINGS = settings(max_examples=200, deadline=None)
NAMES = st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.json", "a.csv", "a.tsv", "a.xml", "a.rss",
                         "a.warc", "noext", "a.txt.gz", "a.warc.gz", "<stdin>"])
PREFIXES = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<!doctype html>", b"<?xml ",
                            b"<rss>", b"{", b"WARC/1.0\r\n", b"%PDF", b"\x00"])


def check(data: bytes, name: str, max_bytes: int) -> None:
    try:
        blob = sniff.load(data, name, max_bytes)
    except InputError as exc:
        assert str(exc)
        return
    assert isinstance(blob, sniff.Blob)
    assert blob.kind in sniff.KINDS
    if blob.kind != "warc":
        assert isinstance(blob.text, str)


@SETTINGS
@given(PREFIXES, st.binary(max_size=2000), NAMES, st.integers(min_value=1, max_value=5000))
def test_load_arbitrary_bytes(prefix, data, name, max_bytes):
    check(prefix + data, name, max_bytes)


@SETTINGS
@given(st.text(max_size=500), NAMES)
def test_load_text_in_any_common_encoding(text, name):
    for enc in ("utf-8", "utf-16", "latin-1", "cp1252"):
        try:
            data = text.encode(enc)
        except UnicodeEncodeError:
            continue
        check(data, name, 100_000)


@SETTINGS
@given(st.binary(max_size=3000), NAMES)
def test_valid_gzip_of_arbitrary_bytes(data, name):
    check(gzip.compress(data), name, 1000)


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.binary(max_size=200))
@example(b"\xff\xff\xff\xffnot deflate")
def test_gzip_header_then_arbitrary_bytes(data):
    check(b"\x1f\x8b\x08\x00" + b"\x00" * 6 + data, "x.txt.gz", 10_000)
