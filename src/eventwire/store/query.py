"""Read the store. Every query is parameterised; nothing user-given is pasted into SQL."""

from __future__ import annotations

from typing import Any

import duckdb


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    return conn.execute(sql, params or []).fetchall()


def _one(conn: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = conn.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def summary(conn: duckdb.DuckDBPyConnection, top: int = 10) -> dict[str, Any]:
    """What the store holds: counts, events by PLOVER type, top dyads, top speakers, last runs."""
    return {
        "articles": _one(conn, "SELECT count(*) FROM articles"),
        "non_english": _one(conn, "SELECT count(*) FROM articles WHERE language <> 'en'"),
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
