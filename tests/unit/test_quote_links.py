"""The same quotation carried by different stored articles is linked by its quote_key."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eventwire.api import create_app
from eventwire.cli import app
from eventwire.ingest import ids
from eventwire.records import ActorMention, Article, CodedArticle, Quote
from eventwire.settings import Settings
from eventwire.store import open_store, query
from eventwire.store.writer import Writer

# Two outlets carry the same words, with their own quote marks, case and punctuation; the second
# article also has a quote nobody else carries.
FIRST = "The minister spoke on Monday. “We will never give up the port,” Ana Ruiz said."
SECOND = ('Ruiz was defiant. "We will never give up the port." She added: "Talks are over." '
          "Observers were unsure.")


def article(text: str, quoted: list[str], speaker: str) -> CodedArticle:
    art = Article(id=ids.article_id(text), text=text, content_hash=ids.content_hash(text), language="en")
    quotes = []
    for n, words in enumerate(quoted):
        start = text.index(words)
        s = text.index(speaker)
        quotes.append(Quote(id=ids.child_id(art.id, "q", n), text=words, start=start, end=start + len(words),
                            speaker=ActorMention(speaker, s, s + len(speaker))))
    return CodedArticle(article=art, quotes=tuple(quotes))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "links.duckdb"
    conn = open_store(path)
    with Writer(conn) as w:
        w.write(article(FIRST, ["We will never give up the port,"], "Ana Ruiz"))
        w.write(article(SECOND, ["We will never give up the port.", "Talks are over."], "Ruiz"))
    conn.close()
    return path


@pytest.fixture
def conn(db: Path):  # type: ignore[no-untyped-def]
    c = open_store(db, read_only=True)
    yield c
    c.close()


def test_same_quote_in_two_articles_shares_a_key_and_a_count(conn: duckdb.DuckDBPyConnection) -> None:
    rel = query.quotes(conn)
    rows = [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
    assert len(rows) == 3
    port = [r for r in rows if "port" in r["text"]]
    assert len({r["quote_key"] for r in port}) == 1 and len({r["article_id"] for r in port}) == 2
    assert all(r["quote_articles"] == 2 for r in port)
    (talks,) = [r for r in rows if "Talks" in r["text"]]
    assert talks["quote_articles"] == 1 and talks["quote_key"] != port[0]["quote_key"]


def test_linked_keeps_only_quotes_other_articles_carry(conn: duckdb.DuckDBPyConnection) -> None:
    texts = sorted(r[0] for r in query.quotes(conn, linked=True).select("text").fetchall())
    assert texts == ["We will never give up the port,", "We will never give up the port."]
    assert query.quotes(conn, linked=True, text="talks").fetchall() == []


def test_a_quote_repeated_in_one_article_is_not_linked(tmp_path: Path) -> None:
    text = "“Not one step back,” he said. Later he repeated it: “Not one step back!”"
    coded = article(text, ["Not one step back,"], "he")
    second = text.rindex("Not one step back!")
    extra = Quote(id=ids.child_id(coded.article.id, "q", 9), text="Not one step back!", start=second,
                  end=second + len("Not one step back!"))
    conn = open_store(tmp_path / "one.duckdb")
    with Writer(conn) as w:
        w.write(CodedArticle(article=coded.article, quotes=(*coded.quotes, extra)))
    assert query.quotes(conn, linked=True).fetchall() == []
    assert {r[0] for r in query.quotes(conn).select("quote_articles").fetchall()} == {1}
    conn.close()


def test_quotes_without_words_are_never_linked(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "empty.duckdb")
    with Writer(conn) as w:
        for text in ("First report.\nMore.", "Second report.\nMore."):
            coded = article(text, [], "")
            cut = text.index("\n")
            w.write(CodedArticle(article=coded.article, quotes=(
                Quote(id=ids.child_id(coded.article.id, "q", 0), text="\n", start=cut, end=cut + 1, direct=False),)))
    rows = query.quotes(conn).select("quote_key, quote_articles").fetchall()
    assert rows == [(None, None), (None, None)]
    assert query.quotes(conn, linked=True).fetchall() == []
    conn.close()


def test_article_view_lists_the_count(conn: duckdb.DuckDBPyConnection) -> None:
    found = query.article(conn, ids.article_id(FIRST))
    assert found is not None
    (q,) = found["quotes"]
    assert q["quote_articles"] == 2 and q["quote_key"] == ids.quote_key("we will never give up the port")


def test_cli_and_api_expose_links(db: Path) -> None:
    r = CliRunner().invoke(app, ["quotes", "--db", str(db), "--linked", "--format", "csv"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert "quote_key" in lines[0] and "quote_articles" in lines[0] and len(lines) == 3
    client = TestClient(create_app(Settings(db_path=db)))
    items = client.get("/api/quotes", params={"linked": "true"}).json()["items"]
    assert len(items) == 2 and {i["quote_articles"] for i in items} == {2}
    assert len(client.get("/api/quotes").json()["items"]) == 3
