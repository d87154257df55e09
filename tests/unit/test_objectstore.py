"""Inputs named by URI (ingest.objectstore), exercised through fsspec's file:// filesystem."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fsspec")

from eventwire.errors import InputError
from eventwire.ingest import objectstore, read_source
from eventwire.records import Article, Reject
from eventwire.settings import Settings


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "news" / "b").mkdir(parents=True)
    (tmp_path / "news" / ".git").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Headline A\n\nBody of the first story, long enough.\n")
    (tmp_path / "news" / "b" / "c.txt").write_text("Headline C\n\nBody of the second story.\n")
    (tmp_path / "news" / "b" / "d.html").write_text("<html><body><p>Third</p></body></html>")
    (tmp_path / "news" / ".git" / "config").write_text("[core]\n")
    return tmp_path / "news"


def test_uris_are_told_from_paths_and_web_urls() -> None:
    assert objectstore.is_uri("s3://bucket/news/")
    assert objectstore.is_uri("file:///data/news")
    assert not objectstore.is_uri("https://example.org/feed.xml")
    assert not objectstore.is_uri("news/2024/*.txt")
    assert not objectstore.is_uri("/abs/path")


def test_a_folder_uri_lists_every_object_below_it_sorted_without_hidden_ones(tree: Path) -> None:
    got = list(objectstore.expand(f"file://{tree}"))
    assert got == [f"file://{tree}/a.txt", f"file://{tree}/b/c.txt", f"file://{tree}/b/d.html"]


def test_a_glob_uri_lists_the_matching_objects(tree: Path) -> None:
    assert list(objectstore.expand(f"file://{tree}/b/*.txt")) == [f"file://{tree}/b/c.txt"]
    assert list(objectstore.expand(f"file://{tree}/**/*.html")) == [f"file://{tree}/b/d.html"]


def test_naming_nothing_is_a_reject_not_an_error(tree: Path) -> None:
    (missing,) = objectstore.expand(f"file://{tree}/nope")
    assert isinstance(missing, Reject) and "no such object" in missing.reason
    (none,) = objectstore.expand(f"file://{tree}/*.csv")
    assert isinstance(none, Reject) and "matches no object" in none.reason


def test_an_unknown_scheme_is_a_user_error() -> None:
    with pytest.raises(InputError, match="nosuchscheme://x"):
        list(objectstore.expand("nosuchscheme://x"))


def test_fetch_reads_at_most_the_limit(tree: Path) -> None:
    assert objectstore.fetch(f"file://{tree}/a.txt", 8) == b"Headline"
    with pytest.raises(InputError, match="cannot read"):
        objectstore.fetch(f"file://{tree}/missing.txt", 8)


def test_an_object_reads_like_the_same_local_file(tree: Path) -> None:
    settings = Settings()
    local = list(read_source(str(tree / "a.txt"), settings))
    remote = list(read_source(f"file://{tree}/a.txt", settings, objectstore.fetch))
    assert len(local) == len(remote) == 1
    assert isinstance(local[0], Article) and isinstance(remote[0], Article)
    assert (remote[0].text, remote[0].title, remote[0].content_hash) == (local[0].text, local[0].title,
                                                                           local[0].content_hash)
    assert remote[0].input == f"file://{tree}/a.txt"
