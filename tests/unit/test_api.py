"""REST API: filters, validation (4xx, never 500), injection attempts, limits, ingest guard."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.app import MAX_BODY
from eventwire.ingest import ids
from eventwire.records import Article, CodedArticle
from eventwire.settings import Settings
from eventwire.store import open_store
from eventwire.store.writer import Writer


@pytest.fixture
def store_path(tmp_path: Path, coded_factory) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "api.duckdb"
    conn = open_store(path)
    with Writer(conn) as w:
        w.write(coded_factory())
        second = "Officials in Port Vela said the market reopened on Monday."
        w.write(CodedArticle(article=Article(id=ids.article_id(second), text=second, title="Market reopens",
                                             content_hash=ids.content_hash(second), language="en")))
    conn.close()
    return path


@pytest.fixture
def client(store_path: Path) -> TestClient:
    return TestClient(create_app(Settings(db_path=store_path)))


def test_events_with_filters(client: TestClient) -> None:
    body = client.get("/api/events", params={"actor": "SYL", "event_type": "consult"}).json()
    assert body["total"] == 1 and body["items"][0]["actor_codes"] == "SYLGOV"
    assert body["items"][0]["sentence"].startswith("Sylvanian Foreign Minister")
    assert body["items"][0]["tone"] == 0.0 and body["items"][0]["article_tone"] == -4.5454  # fixture tones
    assert client.get("/api/events", params={"actor": "FRE"}).json()["total"] == 0
    assert client.get("/api/events", params={"recipient": "FREGOV"}).json()["total"] == 1


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 100000}, {"offset": -1}, {"quad_class": 7}, {"event_type": "FIGHT"},
    {"min_confidence": 2}, {"date_from": "yesterday"}, {"actor": "'; DROP TABLE events; --"},
    {"country": "SYLV"}, {"modality": "maybe"}, {"date_from": "2024-05-01", "date_to": "2024-01-01"},
])
def test_bad_parameters_are_4xx_with_a_message(client: TestClient, params: dict[str, object]) -> None:
    r = client.get("/api/events", params=params)
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["detail"]


@pytest.mark.parametrize("attack", ["' OR '1'='1", "%'; DELETE FROM events; --", "\\x00", "ruiz' UNION SELECT 1--"])
def test_injection_in_text_filters_is_literal(client: TestClient, store_path: Path, attack: str) -> None:
    for path, key in (("/api/events", "text"), ("/api/quotes", "speaker"), ("/api/quotes", "text"),
                      ("/api/actors", "search"), ("/api/articles", "text"), ("/api/articles", "source")):
        r = client.get(path, params={key: attack})
        assert r.status_code == 200 and r.json()["items"] == []
    conn = open_store(store_path, read_only=True)
    assert conn.execute("SELECT count(*) FROM events").fetchall()[0][0] == 1
    conn.close()


def test_article_view_has_offsets_and_path_ids_are_validated(client: TestClient) -> None:
    items = client.get("/api/articles").json()["items"]
    assert sorted(i["tone"] for i in items if i["tone"] is not None) == [-4.5454]  # the other has no tone
    aid = next(i["id"] for i in items if i["events"])
    art = client.get(f"/api/articles/{aid}").json()
    assert art["tone"] == -4.5454 and art["tone_words"] == 22 and art["events"][0]["tone"] == 0.0
    assert art["quotes"][0]["tone"] == round(0 - 14.2857, 4) and art["quotes"][0]["quote_articles"] == 1
    for span in art["events"] + art["mentions"] + art["quotes"]:
        assert 0 <= span["start"] < span["end"] <= len(art["text"])
    assert client.get("/api/articles/../../etc/passwd").status_code == 404
    assert client.get("/api/articles/not-an-id").status_code == 422
    assert client.get("/api/articles/0000000000000000").status_code == 404


def test_quotes_by_speaker_and_stats(client: TestClient) -> None:
    items = client.get("/api/quotes", params={"speaker": "ruiz"}).json()["items"]
    assert len(items) == 1 and items[0]["speaker_code"] == "SYLGOV"
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 2 and stats["events"] == 1


def test_ingest_is_off_by_default_and_needs_the_token(store_path: Path) -> None:
    off = TestClient(create_app(Settings(db_path=store_path)))
    assert off.post("/api/ingest", json={"articles": [{"text": "x"}]}).status_code == 403
    on = TestClient(create_app(Settings(db_path=store_path), ingest_token="s3cret"))
    assert on.post("/api/ingest", json={"articles": [{"text": "x"}]}).status_code == 401
    wrong = on.post("/api/ingest", json={"articles": [{"text": "x"}]}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_oversized_body_is_refused(client: TestClient) -> None:
    r = client.post("/api/ingest", content=b"x" * (MAX_BODY + 1), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_no_cors_headers_and_docs_served(client: TestClient) -> None:
    r = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in {k.lower() for k in r.headers}
    assert client.get("/openapi.json").json()["info"]["title"] == "eventwire"


def test_missing_store_is_503_not_500(tmp_path: Path) -> None:
    c = TestClient(create_app(Settings(db_path=tmp_path / "none.duckdb")))
    assert c.get("/api/events").status_code == 503


@pytest.mark.model
def test_ingest_with_token_stores_articles(store_path: Path) -> None:
    on = TestClient(create_app(Settings(db_path=store_path), ingest_token="s3cret"))
    r = on.post("/api/ingest", headers={"Authorization": "Bearer s3cret"},
                json={"articles": [{"id": "n1", "text": "Kenya and Uganda signed a trade agreement in Kampala.",
                                    "date": "2024-02-02"}]})
    assert r.status_code == 200 and r.json()["articles"] == 1
