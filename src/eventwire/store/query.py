"""Read the store. Every query is built from fixed SQL fragments with ``?`` parameters: nothing a user
types is ever pasted into SQL text.

``EventFilter`` holds the filters the CLI, the API and the Python API share; ``events(conn, f)``,
``quotes(...)``, ``actors(...)`` and ``articles(...)`` return DuckDB relations (``.df()`` gives a
pandas DataFrame, ``.fetchall()`` tuples).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from typing import Any

import duckdb

from eventwire.errors import InputError
from eventwire.records import MODALITIES, PLOVER_TYPES
from eventwire.settings import MAX_QUERY_LIMIT
from eventwire.store.db import first

MAX_LIMIT = MAX_QUERY_LIMIT
_CODE = re.compile(r"^[A-Z0-9]{2,16}$")

_PAGE_COLUMNS = (
    "e.id, e.article_id, e.date, e.event_type, e.mode, e.quad_class, e.cameo, e.goldstein, e.modality, "
    "e.negated, e.confidence, e.place, e.place_country, e.lat, e.lon, e.trigger, e.sentence, e.start, e.\"end\", "
    "e.sentence_start, e.sentence_end, a.source, a.url, a.title, e.cluster_id, e.tone, a.tone AS article_tone"
)
# Actor and recipient codes/texts of the events in ``page``, joined by ';' in argument order. Computed
# for the page only (not for every matching event): this keeps a query on a million events fast.
_WITH_ROLES = (
    "SELECT p.id, p.article_id, p.date, p.event_type, p.mode, p.quad_class, p.cameo, p.goldstein, p.modality, "
    "p.negated, p.confidence, r.actor_codes, r.actor_text, r.recipient_codes, r.recipient_text, p.place, "
    "p.place_country, p.lat, p.lon, p.trigger, p.sentence, p.start, p.\"end\", p.sentence_start, p.sentence_end, "
    "p.source, p.url, p.title, p.cluster_id, p.tone, p.article_tone FROM page p LEFT JOIN ("
    "SELECT event_id, "
    "string_agg(code, ';' ORDER BY position) FILTER (WHERE role = 'actor') AS actor_codes, "
    "string_agg(text, ';' ORDER BY position) FILTER (WHERE role = 'actor') AS actor_text, "
    "string_agg(code, ';' ORDER BY position) FILTER (WHERE role = 'recipient') AS recipient_codes, "
    "string_agg(text, ';' ORDER BY position) FILTER (WHERE role = 'recipient') AS recipient_text "
    "FROM event_actors WHERE event_id IN (SELECT id FROM page) GROUP BY event_id) r ON r.event_id = p.id"
)


def events_sql(where: str, order_limit: str) -> str:
    """The full event query: the filtered, ordered page of events, with their argument codes."""
    return (f"WITH page AS (SELECT {_PAGE_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id{where} "
            f"{order_limit}) {_WITH_ROLES} ORDER BY p.date DESC NULLS LAST, p.id")


def check_page(limit: int, offset: int = 0) -> None:
    """Raise InputError unless 1 <= limit <= MAX_LIMIT and offset >= 0."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit: must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InputError("offset: must not be negative")


def _code(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    value = value.strip().upper()
    if not _CODE.match(value):
        raise InputError(f"{what}: {value!r} is not an actor or country code (letters/digits, 2-16)")
    return value


@dataclass(frozen=True)
class EventFilter:
    """Filters for events. Codes match as prefixes ("BLR" matches BLR, BLRGOV, BLRMIL); a country
    matches the ISO3 country of an actor. ``text`` searches the evidence sentence (case-insensitive,
    literal). Dates are inclusive."""

    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    event_type: str | None = None
    quad_class: int | None = None
    mode: str | None = None
    modality: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    source: str | None = None
    min_confidence: float | None = None
    text: str | None = None
    limit: int = 100
    offset: int = 0

    def __post_init__(self) -> None:
        # Validate and normalise once; frozen, so through object.__setattr__.
        for name in ("actor", "recipient", "country"):
            object.__setattr__(self, name, _code(getattr(self, name), name))
        if self.event_type is not None:
            etype = self.event_type.strip().upper()
            if etype not in PLOVER_TYPES:
                raise InputError(f"event_type: {self.event_type!r} is not one of {', '.join(PLOVER_TYPES)}")
            object.__setattr__(self, "event_type", etype)
        if self.quad_class is not None and self.quad_class not in (1, 2, 3, 4):
            raise InputError("quad_class: must be 1, 2, 3 or 4")
        if self.modality is not None and self.modality not in MODALITIES:
            raise InputError(f"modality: must be one of {', '.join(MODALITIES)}")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise InputError("min_confidence: must be between 0 and 1")
        check_page(self.limit, self.offset)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InputError("date_from is after date_to")

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (fixed fragments) and its parameters."""
        parts: list[str] = []
        params: list[Any] = []
        for role, code in (("actor", self.actor), ("recipient", self.recipient)):
            if code is not None:
                parts.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.role = ? "
                             "AND (starts_with(x.code, ?) OR x.country = ?))")
                params += [role, code, code]
        if self.country is not None:
            parts.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.country = ?)")
            params.append(self.country)
        simple = (("e.event_type = ?", self.event_type), ("e.quad_class = ?", self.quad_class),
                  ("e.mode = ?", self.mode), ("e.modality = ?", self.modality),
                  ("e.date >= ?", self.date_from), ("e.date <= ?", self.date_to),
                  ("a.source = ?", self.source), ("e.confidence >= ?", self.min_confidence))
        for sql, value in simple:
            if value is not None:
                parts.append(sql)
                params.append(value)
        if self.text:
            parts.append("contains(lower(e.sentence), lower(?))")
            params.append(self.text)
        return (" WHERE " + " AND ".join(parts)) if parts else "", params


def events(conn: duckdb.DuckDBPyConnection, f: EventFilter | None = None) -> duckdb.DuckDBPyRelation:
    """Events matching ``f``, newest first, one row each with actor/recipient codes joined by ';'."""
    f = f or EventFilter()
    where, params = f.where()
    sql = events_sql(where, "ORDER BY e.date DESC NULLS LAST, e.id LIMIT ? OFFSET ?")
    return conn.sql(sql, params=[*params, f.limit, f.offset])


def count_events(conn: duckdb.DuckDBPyConnection, f: EventFilter | None = None, clusters: bool = False) -> int:
    """How many events match ``f`` (or how many distinct clusters, each report counted once)."""
    f = f or EventFilter()
    where, params = f.where()
    what = "count(DISTINCT coalesce(e.cluster_id, e.id))" if clusters else "count(*)"
    row = first(conn, f"SELECT {what} FROM events e JOIN articles a ON a.id = e.article_id{where}", params)
    return int(row[0]) if row else 0


# Statements (not scare quotes) sharing a quote's key: the same words quoted in other articles.
_SAME_QUOTE = "FROM quotes x WHERE x.quote_key = q.quote_key AND NOT x.scare"
# How many articles carry the quote; NULL for a quote without words (it has no key to share).
_QUOTE_ARTICLES = f"CASE WHEN q.quote_key IS NOT NULL THEN (SELECT count(DISTINCT x.article_id) {_SAME_QUOTE}) END"


def quotes(conn: duckdb.DuckDBPyConnection, speaker: str | None = None, text: str | None = None,
           limit: int = 100, offset: int = 0, include_scare: bool = False,
           linked: bool = False) -> duckdb.DuckDBPyRelation:
    """Quotes, optionally by speaker (name, text or code prefix) and containing ``text``. Each row has
    its ``tone`` score, its ``quote_key`` and ``quote_articles``, the number of stored articles carrying
    a quote with that key (its own included); ``linked`` keeps only quotes carried by another article."""
    check_page(limit, offset)
    parts, params = ([] if include_scare else ["NOT q.scare"]), []
    if linked:
        parts.append(f"EXISTS (SELECT 1 {_SAME_QUOTE} AND x.article_id <> q.article_id)")
    if speaker:
        parts.append("(contains(lower(q.speaker_name), lower(?)) OR contains(lower(q.speaker_text), lower(?)) "
                     "OR starts_with(q.speaker_code, upper(?)))")
        params += [speaker, speaker, speaker]
    if text:
        parts.append("contains(lower(q.text), lower(?))")
        params.append(text)
    where = (" WHERE " + " AND ".join(parts)) if parts else ""
    sql = ("SELECT q.id, q.article_id, a.published, q.speaker_name, q.speaker_text, q.speaker_code, q.cue, "
           "q.direct, q.text, q.start, q.\"end\", a.source, a.title, q.tone, q.quote_key, "
           f"{_QUOTE_ARTICLES} AS quote_articles "
           f"FROM quotes q JOIN articles a ON a.id = q.article_id{where} "
           "ORDER BY a.published DESC NULLS LAST, q.id LIMIT ? OFFSET ?")
    return conn.sql(sql, params=[*params, limit, offset])


def actors(conn: duckdb.DuckDBPyConnection, search: str | None = None, limit: int = 100) -> duckdb.DuckDBPyRelation:
    """Resolved actors with how often they are mentioned and how often they act or are acted on."""
    check_page(limit)
    where, params = "", []
    if search:
        where = " WHERE starts_with(ac.code, upper(?)) OR contains(lower(ac.name), lower(?))"
        params = [search, search]
    sql = ("SELECT ac.code, ac.country, ac.sector, ac.name, "
           "(SELECT count(*) FROM mentions m WHERE m.code = ac.code) AS mentions, "
           "(SELECT count(*) FROM event_actors x WHERE x.code = ac.code AND x.role = 'actor') AS as_actor, "
           "(SELECT count(*) FROM event_actors x WHERE x.code = ac.code AND x.role = 'recipient') AS as_recipient "
           f"FROM actors ac{where} ORDER BY mentions DESC, ac.code LIMIT ?")
    return conn.sql(sql, params=[*params, limit])


def articles(conn: duckdb.DuckDBPyConnection, text: str | None = None, source: str | None = None,
             limit: int = 100, offset: int = 0) -> duckdb.DuckDBPyRelation:
    """Articles (without their text), optionally by title/text search and source."""
    check_page(limit, offset)
    parts, params = [], []
    if text:
        parts.append("(contains(lower(title), lower(?)) OR contains(lower(text), lower(?)))")
        params += [text, text]
    if source:
        parts.append("source = ?")
        params.append(source)
    where = (" WHERE " + " AND ".join(parts)) if parts else ""
    sql = ("SELECT id, published, source, title, url, language, kind, duplicate_of, length(text) AS chars, tone, "
           "(SELECT count(*) FROM events e WHERE e.article_id = articles.id) AS events "
           f"FROM articles{where} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?")
    return conn.sql(sql, params=[*params, limit, offset])


def article(conn: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """One article with its text and tone, its mentions, events and quotes (offsets for highlighting; tone
    score of each event's sentence and each quote; quotes with their cross-article key and count)."""
    row = first(conn, "SELECT id, published, source, credit, section, title, author, url, language, tone, "
                      "tone_positive, tone_negative, tone_words, text FROM articles WHERE id = ?", [article_id])
    if row is None:
        return None
    keys = ("id", "published", "source", "credit", "section", "title", "author", "url", "language", "tone",
            "tone_positive", "tone_negative", "tone_words", "text")
    out: dict[str, Any] = dict(zip(keys, row, strict=True))
    out["events"] = [dict(zip(("id", "event_type", "start", "end", "sentence_start", "sentence_end", "modality",
                               "tone"), r, strict=True))
                     for r in conn.execute("SELECT id, event_type, start, \"end\", sentence_start, sentence_end, "
                                           "modality, tone FROM events WHERE article_id = ? ORDER BY start",
                                           [article_id]).fetchall()]
    out["mentions"] = [dict(zip(("start", "end", "text", "code"), r, strict=True))
                       for r in conn.execute("SELECT start, \"end\", text, code FROM mentions WHERE article_id = ? "
                                             "ORDER BY start", [article_id]).fetchall()]
    out["quotes"] = [dict(zip(("start", "end", "speaker", "code", "tone", "quote_key", "quote_articles"), r,
                              strict=True))
                     for r in conn.execute("SELECT start, \"end\", coalesce(speaker_name, speaker_text), "
                                           f"speaker_code, tone, quote_key, {_QUOTE_ARTICLES} "
                                           "FROM quotes q WHERE article_id = ? AND NOT scare "
                                           "ORDER BY start", [article_id]).fetchall()]
    return out


def timeline(conn: duckdb.DuckDBPyConnection, f: EventFilter) -> duckdb.DuckDBPyRelation:
    """Events per day and quad class with the mean Goldstein score, for the filtered events."""
    where, params = f.where()
    sql = ("SELECT e.date, e.quad_class, count(*) AS events, round(avg(e.goldstein), 2) AS goldstein "
           f"FROM events e JOIN articles a ON a.id = e.article_id{where}"
           f"{' AND' if where else ' WHERE'} e.date IS NOT NULL GROUP BY ALL ORDER BY e.date, e.quad_class")
    return conn.sql(sql, params=params)


def network(conn: duckdb.DuckDBPyConnection, f: EventFilter, top: int = 60) -> duckdb.DuckDBPyRelation:
    """Who acts on whom: (actor code, recipient code, events, mean Goldstein), heaviest first."""
    where, params = f.where()
    sql = ("SELECT x.code AS source, y.code AS target, count(DISTINCT e.id) AS events, "
           "round(avg(e.goldstein), 2) AS goldstein FROM events e JOIN articles a ON a.id = e.article_id "
           "JOIN event_actors x ON x.event_id = e.id AND x.role = 'actor' "
           f"JOIN event_actors y ON y.event_id = e.id AND y.role = 'recipient'{where}"
           f"{' AND' if where else ' WHERE'} x.code IS NOT NULL AND y.code IS NOT NULL AND x.code <> y.code "
           "GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?")
    return conn.sql(sql, params=[*params, top])


def places(conn: duckdb.DuckDBPyConnection, f: EventFilter) -> duckdb.DuckDBPyRelation:
    """Event locations with coordinates: (place, country, lat, lon, events, quad class seen most)."""
    where, params = f.where()
    sql = ("SELECT e.place, e.place_country AS country, e.lat, e.lon, count(*) AS events, "
           "mode(e.quad_class) AS quad_class FROM events e JOIN articles a ON a.id = e.article_id"
           f"{where}{' AND' if where else ' WHERE'} e.lat IS NOT NULL AND e.lon IS NOT NULL "
           "GROUP BY ALL ORDER BY events DESC LIMIT 500")
    return conn.sql(sql, params=params)


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    return conn.execute(sql, params or []).fetchall()


def _one(conn: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = first(conn, sql)
    return int(row[0]) if row and row[0] is not None else 0


def summary(conn: duckdb.DuckDBPyConnection, top: int = 10) -> dict[str, Any]:
    """What the store holds: counts, events by PLOVER type, top dyads, top speakers, last runs."""
    return {
        "articles": _one(conn, "SELECT count(*) FROM articles"),
        "non_english": _one(conn, "SELECT count(*) FROM articles WHERE language <> 'en'"),
        "near_duplicates": _one(conn, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "sentences": _one(conn, "SELECT count(*) FROM sentences"),
        "mentions": _one(conn, "SELECT count(*) FROM mentions"),
        "resolved_mentions": _one(conn, "SELECT count(*) FROM mentions WHERE code IS NOT NULL"),
        "actors": _one(conn, "SELECT count(*) FROM actors"),
        "events": _one(conn, "SELECT count(*) FROM events"),
        "quotes": _one(conn, "SELECT count(*) FROM quotes WHERE NOT scare"),
        "rejects": _one(conn, "SELECT count(*) FROM rejects"),
        "events_by_type": _rows(conn, "SELECT event_type, quad_class, count(*) AS n FROM events "
                                      "GROUP BY ALL ORDER BY n DESC, event_type"),
        "top_dyads": _rows(conn, """
            SELECT a.code AS actor, r.code AS recipient, count(DISTINCT a.event_id) AS n
            FROM event_actors a JOIN event_actors r ON a.event_id = r.event_id
            WHERE a.role = 'actor' AND r.role = 'recipient' AND a.code IS NOT NULL AND r.code IS NOT NULL
            GROUP BY ALL ORDER BY n DESC, actor, recipient LIMIT ?""", [top]),
        "top_speakers": _rows(conn, """
            SELECT coalesce(speaker_name, speaker_text) AS speaker, speaker_code, count(*) AS n FROM quotes
            WHERE NOT scare AND speaker_text IS NOT NULL GROUP BY ALL ORDER BY n DESC, speaker LIMIT ?""", [top]),
        "runs": _rows(conn, "SELECT id, started, status, counts FROM runs ORDER BY started DESC LIMIT 3"),
    }


def article_ids(conn: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in _rows(conn, "SELECT id FROM articles ORDER BY id")]
