"""The REST API. ``create_app(settings, ingest_token=None)`` builds a FastAPI app over one store.

Contract:
- reads open the store read-only per request, through ``store.query`` (parameterised SQL only); while
  an ingest is writing a batch, a read waits up to ``READ_WAIT`` seconds for it, then answers 503 with
  ``Retry-After`` and ``{"detail": "store busy: an ingest is writing; retry"}`` (never a 500);
- every parameter is validated (types, ranges, code syntax); a bad one is a 4xx with a message, never
  a 500; page size is capped at ``MAX_PAGE``;
- ``POST /api/ingest`` is off unless an ingest token is configured, and then needs
  ``Authorization: Bearer <token>``; request bodies over ``MAX_BODY`` bytes are refused;
- no CORS headers are sent (browsers from other origins cannot read the API); the server binds
  127.0.0.1 unless told otherwise (``eventwire serve``);
- no request value is ever used as a file path.
OpenAPI docs are at ``/docs``. (No ``from __future__ import annotations`` here: FastAPI reads the
parameter annotations at run time.)
"""

import datetime as dt
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from eventwire import __version__, pipeline
from eventwire.errors import EventwireError, InputError, StoreBusy, StoreError
from eventwire.ingest.build import from_row
from eventwire.records import CodedArticle, Reject
from eventwire.settings import Settings
from eventwire.store import open_store, query
from eventwire.store.db import READ_WAIT, ingest_lock
from eventwire.store.writer import Writer

MAX_PAGE = 1000
MAX_BODY = 5_000_000
CODE = r"^[A-Za-z0-9]{2,16}$"
# POST /api/ingest waits this long for this server's own reads to let go of the store.
WRITE_WAIT = 10.0
BUSY = "store busy: an ingest is writing; retry"
RETRY_AFTER = "1"


def _rows(rel: duckdb.DuckDBPyRelation) -> list[dict[str, Any]]:
    cols = rel.columns
    return [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]


class IngestArticle(BaseModel):
    id: str | None = Field(None, max_length=200)
    text: str | None = Field(None, max_length=2_000_000)
    html: str | None = Field(None, max_length=4_000_000)
    title: str | None = Field(None, max_length=1000)
    date: str | None = Field(None, max_length=40)
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)


class IngestRequest(BaseModel):
    articles: list[IngestArticle] = Field(..., min_length=1, max_length=100)


def event_filter(
    actor: Annotated[str | None, Query(pattern=CODE)] = None,
    recipient: Annotated[str | None, Query(pattern=CODE)] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
    event_type: Annotated[str | None, Query(max_length=20)] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    mode: Annotated[str | None, Query(max_length=40)] = None,
    modality: Annotated[str | None, Query(max_length=20)] = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    text: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> query.EventFilter:
    return query.EventFilter(actor=actor, recipient=recipient, country=country, event_type=event_type,
                             quad_class=quad_class, mode=mode, modality=modality, date_from=date_from,
                             date_to=date_to, source=source, min_confidence=min_confidence, text=text,
                             limit=limit, offset=offset)


def create_app(settings: Settings, ingest_token: str | None = None) -> FastAPI:
    """The API over ``settings.db_path``. ``ingest_token`` switches the ingest endpoint on."""
    app = FastAPI(title="eventwire", version=__version__,
                  description="Political event data with evidence: events, actors, quotes, articles.")

    @contextmanager
    def store() -> Iterator[duckdb.DuckDBPyConnection]:
        try:
            conn = open_store(settings.db_path, read_only=True, wait=READ_WAIT)
        except StoreBusy as exc:
            raise HTTPException(503, BUSY, headers={"Retry-After": RETRY_AFTER}) from exc
        except StoreError as exc:
            raise HTTPException(503, str(exc)) from exc
        try:
            yield conn
        finally:
            conn.close()

    @app.middleware("http")
    async def limit_body(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return JSONResponse({"detail": f"request body over {MAX_BODY} bytes"}, status_code=413)
        return await call_next(request)

    @app.exception_handler(EventwireError)
    async def user_error(_: Request, exc: EventwireError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.get("/api/events")
    def get_events(f: Annotated[query.EventFilter, Depends(event_filter)],
                   clusters: bool = False) -> dict[str, Any]:
        """Events matching the filters, newest first, with evidence sentence and offsets."""
        with store() as conn:
            return {"total": query.count_events(conn, f, clusters=clusters), "limit": f.limit, "offset": f.offset,
                    "items": _rows(query.events(conn, f))}

    @app.get("/api/timeline")
    def get_timeline(f: Annotated[query.EventFilter, Depends(event_filter)]) -> dict[str, Any]:
        """Events per day by quad class, with mean Goldstein score (the same filters as /api/events)."""
        with store() as conn:
            return {"items": _rows(query.timeline(conn, f))}

    @app.get("/api/network")
    def get_network(f: Annotated[query.EventFilter, Depends(event_filter)],
                    top: Annotated[int, Query(ge=1, le=500)] = 60) -> dict[str, Any]:
        """Actor -> recipient edges weighted by events."""
        with store() as conn:
            return {"items": _rows(query.network(conn, f, top))}

    @app.get("/api/places")
    def get_places(f: Annotated[query.EventFilter, Depends(event_filter)]) -> dict[str, Any]:
        """Geocoded event locations."""
        with store() as conn:
            return {"items": _rows(query.places(conn, f))}

    @app.get("/api/quotes")
    def get_quotes(speaker: Annotated[str | None, Query(max_length=200)] = None,
                   text: Annotated[str | None, Query(max_length=200)] = None,
                   linked: bool = False,
                   limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
                   offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        """Quotes by speaker (name, text or code prefix) and content, with tone, ``quote_key`` and
        ``quote_articles`` (articles carrying the same quote); ``linked`` keeps quotes other articles carry."""
        with store() as conn:
            return {"items": _rows(query.quotes(conn, speaker=speaker, text=text, limit=limit, offset=offset,
                                                linked=linked))}

    @app.get("/api/actors")
    def get_actors(search: Annotated[str | None, Query(max_length=100)] = None,
                   limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> dict[str, Any]:
        """Stored actors with mention and event counts."""
        with store() as conn:
            return {"items": _rows(query.actors(conn, search=search, limit=limit))}

    @app.get("/api/articles")
    def get_articles(text: Annotated[str | None, Query(max_length=200)] = None,
                     source: Annotated[str | None, Query(max_length=200)] = None,
                     limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
                     offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        """Articles (metadata and event counts)."""
        with store() as conn:
            return {"items": _rows(query.articles(conn, text=text, source=source, limit=limit, offset=offset))}

    @app.get("/api/articles/{article_id}")
    def get_article(article_id: Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")]) -> dict[str, Any]:
        """One article with its text and the offsets of its mentions, events and quotes (for highlighting)."""
        with store() as conn:
            found = query.article(conn, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        return found

    @app.get("/api/stats")
    def get_stats() -> dict[str, Any]:
        """Counts, events by type, top dyads and speakers."""
        with store() as conn:
            return json.loads(json.dumps(query.summary(conn), default=str))

    @app.post("/api/ingest")
    def post_ingest(body: IngestRequest,
                    authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Code and store articles (JSON rows as for `eventwire code`). Off unless the server was started
        with an ingest token; then send `Authorization: Bearer <token>`."""
        if ingest_token is None:
            raise HTTPException(403, "ingest is disabled on this server")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), ingest_token.encode()):
            raise HTTPException(401, "missing or wrong ingest token")
        items: list[Any] = []
        for i, row in enumerate(body.articles):
            try:
                items.append(from_row(row.model_dump(), input=f"api#{i + 1}"))
            except InputError as exc:
                items.append(Reject(input=f"api#{i + 1}", stage="ingest", reason=str(exc)))
        # Code first, then open the store only to write: reads in this process cannot open it meanwhile.
        coded = list(pipeline.code_articles(items, settings))
        try:
            with ingest_lock(settings.db_path):
                conn = open_store(settings.db_path, wait=WRITE_WAIT)
                try:
                    with Writer(conn, args="api") as writer:
                        for item in coded:
                            if isinstance(item, CodedArticle):
                                writer.write(item)
                            else:
                                writer.reject(item)
                        return dict(writer.counts)
                finally:
                    conn.close()
        except StoreBusy as exc:
            raise HTTPException(409, str(exc), headers={"Retry-After": "10"}) from exc
        except StoreError as exc:
            raise HTTPException(409, str(exc)) from exc

    app.mount("/", StaticFiles(directory=str(resources.files("eventwire.web").joinpath("static")), html=True),
              name="dashboard")
    return app
