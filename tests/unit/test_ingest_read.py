"""ingest.read / ingest.expand: any mix of inputs in, Articles and Rejects out, never an exception."""

from __future__ import annotations

import gzip
import io
import shutil
import sys

import pytest

from eventwire import ingest
from eventwire.records import Article, Reject
from eventwire.settings import Settings

NEWS = "The foreign ministers of Freedonia and Sylvania met in Port Vela on Tuesday to discuss the border.\n"


def read(*sources: str, **settings) -> list[Article | Reject]:
    items = list(ingest.read(list(sources), Settings(**settings)))
    assert all(isinstance(x, (Article, Reject)) for x in items)
    return items


@pytest.fixture
def corpus(tmp_path, fixtures):
    root = tmp_path / "corpus"
    shutil.copytree(fixtures / "news", root)
    (root / ".hidden.txt").write_text(NEWS)
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    return root


def test_folder_is_walked_recursively_in_sorted_order(corpus):
    items = read(str(corpus))
    assert [type(x) for x in items] == [Article, Article]
    assert [x.input for x in items] == [str(corpus / "freedonia_talks.txt"),
                                        str(corpus / "sub" / "sylvania_drills.html")]
    assert items[0].kind == "textdump" and items[1].kind == "html"


def test_expand_skips_hidden_and_system_files(corpus):
    names = [x for x in ingest.expand([str(corpus)])]
    assert all(isinstance(x, str) for x in names)
    assert not any(n.endswith((".hidden.txt", ".DS_Store", "Thumbs.db")) for n in names)


def test_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    (rej,) = read(str(tmp_path / "empty"))
    assert isinstance(rej, Reject)
    assert "folder holds no files" in rej.reason


def test_folder_with_only_system_files_is_reported(tmp_path):
    (tmp_path / "f").mkdir()
    (tmp_path / "f" / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    items = read(str(tmp_path / "f"))
    assert len(items) == 1 and isinstance(items[0], Reject)


def test_files_in_hidden_folders_are_skipped(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(NEWS)
    (tmp_path / "news" / ".git").mkdir()
    (tmp_path / "news" / ".git" / "description").write_text("Unnamed repository; edit this file to name it.\n")
    assert [x.input for x in read(str(tmp_path / "news"))] == [str(tmp_path / "news" / "a.txt")]


def test_glob(corpus):
    items = read(str(corpus / "**" / "*.html"))
    assert [x.input for x in items] == [str(corpus / "sub" / "sylvania_drills.html")]
    (rej,) = read(str(corpus / "*.nothing"))
    assert isinstance(rej, Reject) and "pattern matches no file" in rej.reason


def test_missing_path_is_a_reject_and_the_run_goes_on(tmp_path, fixtures):
    missing = str(tmp_path / "nope.txt")
    items = read(missing, str(fixtures / "news" / "freedonia_talks.txt"))
    assert isinstance(items[0], Reject)
    assert items[0].reason == f"{missing}: no such file or folder"
    assert isinstance(items[1], Article)


def test_empty_file(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    (rej,) = read(str(tmp_path / "e.txt"))
    assert isinstance(rej, Reject) and rej.reason.endswith("empty input")


def test_binary_file_named_html(tmp_path):
    (tmp_path / "page.html").write_bytes(b"\x00\x01\x02\x03binary\x00garbage" * 20)
    (rej,) = read(str(tmp_path / "page.html"))
    assert isinstance(rej, Reject)
    assert str(tmp_path / "page.html") in rej.reason and "binary" in rej.reason


def test_png_bytes(tmp_path):
    (tmp_path / "story.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 50)
    (rej,) = read(str(tmp_path / "story.txt"))
    assert isinstance(rej, Reject) and "PNG image" in rej.reason


def test_latin1_text_file(tmp_path):
    text = ("Le président de la Sylvanie a déclaré mardi que les négociations avec la Freedonie "
            "reprendraient la semaine prochaine à Port Vela, selon un communiqué officiel.")
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    (art,) = read(str(tmp_path / "fr.txt"))
    assert isinstance(art, Article)
    assert art.language == "fr"
    assert "communiqu" in art.text and "\ufffd" not in art.text


def test_invalid_utf8_text_file(tmp_path):
    data = NEWS.encode() + b"Bad bytes \xff\xfe\xfd in the middle, then more ordinary English text follows.\n"
    (tmp_path / "bad.txt").write_bytes(data)
    (art,) = read(str(tmp_path / "bad.txt"))
    assert isinstance(art, Article)
    assert "Freedonia and Sylvania" in art.text


def test_gzip_bomb_rejected(tmp_path):
    bomb = gzip.compress(("A" * 99 + "\n").encode() * 10_000)  # 1 MB of text, tiny compressed
    (tmp_path / "bomb.txt.gz").write_bytes(bomb)
    assert len(bomb) < 10_000
    (rej,) = read(str(tmp_path / "bomb.txt.gz"), max_bytes=10_000)
    assert isinstance(rej, Reject)
    assert "decompresses to more than 10,000 bytes" in rej.reason


def test_gzip_within_limit(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(NEWS.encode()))
    (art,) = read(str(tmp_path / "a.txt.gz"), max_bytes=10_000)
    assert isinstance(art, Article) and art.text.strip() == NEWS.strip()


def test_oversized_file_rejected_without_reading(tmp_path):
    (tmp_path / "big.txt").write_text(NEWS * 100)
    (rej,) = read(str(tmp_path / "big.txt"), max_bytes=1_000)
    assert isinstance(rej, Reject) and "over the 1,000-byte limit" in rej.reason


def test_jsonl_bad_line_is_reject_naming_file_and_line_and_run_goes_on(fixtures):
    path = str(fixtures / "rows.jsonl")
    items = read(path, str(fixtures / "news" / "freedonia_talks.txt"))
    bad = [x for x in items if isinstance(x, Reject)]
    assert bad[0].input == f"{path}#2"
    assert bad[0].reason.startswith(f"{path}#2: not valid JSON")
    assert [x.ref for x in items if isinstance(x, Article)] == ["r1", "r7", str(fixtures / "news" /
                                                                                "freedonia_talks.txt")]


def test_json_feed_file(fixtures):
    items = read(str(fixtures / "jsonfeed.json"))
    assert [x.ref for x in items if isinstance(x, Article)] == ["j1", "j2"]


def test_csv_and_feed_files(fixtures):
    items = read(str(fixtures / "rows.csv"), str(fixtures / "feed.rss"), str(fixtures / "atom.xml"))
    assert [x.ref if isinstance(x, Article) else None for x in items] == [
        "c1", None, "c3", "bugle-a1", None, "https://bugle.example/a3", "urn:atom:1"]


def test_stdin(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(NEWS.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    (art,) = read("-")
    assert isinstance(art, Article)
    assert art.input == "<stdin>"
    assert art.text.strip() == NEWS.strip()


def test_duplicate_texts_share_an_id(tmp_path):
    (tmp_path / "a.txt").write_text(NEWS)
    (tmp_path / "b.txt").write_text("  " + NEWS.upper())
    a, b = read(str(tmp_path))
    assert a.id == b.id and a.content_hash == b.content_hash


def test_folder_named_like_a_file_is_walked(tmp_path):
    d = tmp_path / "dir.txt"
    d.mkdir()
    (d / "inner.txt").write_text(NEWS)
    # a folder named like a file is walked, not read as a file
    (art,) = read(str(d))
    assert isinstance(art, Article)


def test_url_without_network_is_a_reject():
    (rej,) = read("http://127.0.0.1:9/nothing-listens-here")
    assert isinstance(rej, Reject)
    assert rej.reason.startswith("http://127.0.0.1:9/nothing-listens-here: ")
