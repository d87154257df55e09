"""Export events from the store: CSV, JSONL, Parquet (partitioned by date), PLOVER-style JSON, and the
GDELT 2.0 event table layout.

GDELT mapping (61 tab-separated columns, no header, as GDELT publishes them; ``GDELT_COLUMNS`` names
them): GLOBALEVENTID is a 63-bit hash of our event id; SQLDATE/MonthYear/Year/FractionDate from the
event date; Actor1/Actor2 Code, Name, CountryCode and Type1Code from the first actor and recipient
(their code, name or text, ISO3 country, sector); EventCode/BaseCode/RootCode from the CAMEO code;
QuadClass, as GDELT defines it, from the CAMEO root code (``ontology.cameo_quad_class``: a
CONCEDE coded 081 is 2 there, though the event's PLOVER ``quad_class`` is 1), GoldsteinScale as
coded; NumMentions/NumSources/NumArticles from the event's cluster
(1 when unclustered); AvgTone, as in GDELT, the mean tone score of the articles reporting the event (its
cluster's reports, or its own article; blank when none has a tone), not the tone of the evidence
sentence, which the other formats carry as ``tone``; ActionGeo from the event place (FullName, Lat,
Long; CountryCode left blank because GDELT uses FIPS codes and we hold ISO3, which goes in
ActionGeo_FullName's country instead);
DATEADDED is the export time; SOURCEURL the article URL. Columns we have no value for (known group,
ethnic and religion codes, ADM codes, feature ids) are blank.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import InputError
from eventwire.events.ontology import cameo_quad_class
from eventwire.store.query import events_sql

FORMATS = ("csv", "jsonl", "parquet", "plover", "gdelt")
_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS), *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS), "DATEADDED", "SOURCEURL",
)  # fmt: skip

_ALL = events_sql("", "")


def _roles(conn: duckdb.DuckDBPyConnection) -> dict[str, dict[str, list[dict[str, Any]]]]:
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for event_id, role, text, code, country, sector, name in conn.execute(
        "SELECT event_id, role, text, code, country, sector, name FROM event_actors ORDER BY event_id, role, position"
    ).fetchall():
        out.setdefault(event_id, {}).setdefault(role, []).append(
            {"text": text, "code": code, "country": country, "sector": sector, "name": name})
    return out


def _clusters(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int, float | None]]:
    """cluster id -> (reports, distinct sources, mean tone of the reporting articles)."""
    rows = conn.execute("SELECT e.cluster_id, count(*), count(DISTINCT coalesce(a.source, a.url, a.id)), "
                        "avg(a.tone) FROM events e JOIN articles a ON a.id = e.article_id "
                        "WHERE e.cluster_id IS NOT NULL GROUP BY 1").fetchall()
    return {r[0]: (int(r[1]), int(r[2]), r[3]) for r in rows}


def _gdelt_id(event_id: str) -> int:
    return int.from_bytes(hashlib.sha256(event_id.encode()).digest()[:8], "big") >> 1


def _gdelt_row(row: dict[str, Any], roles: dict[str, list[dict[str, Any]]],
               cluster: tuple[int, int, float | None] | None, added: str) -> list[Any]:
    date: dt.date | None = row["date"]
    cameo = row["cameo"] or ""

    def actor(side: str) -> list[Any]:
        first = (roles.get(side) or [{}])[0]
        return [first.get("code") or "", (first.get("name") or first.get("text") or "").upper(),
                first.get("country") or "", "", "", "", "", first.get("sector") or "", "", ""]

    geo_blank: list[Any] = [""] * 8
    action_geo: list[Any] = geo_blank
    if row["place"]:
        action_geo = [4 if row["lat"] is not None else "", row["place"], "", "", "", row["lat"] or "",
                      row["lon"] or "", ""]
    reports, sources, tone = cluster or (1, 1, row["article_tone"])
    return [
        _gdelt_id(row["id"]), date.strftime("%Y%m%d") if date else "", date.strftime("%Y%m") if date else "",
        date.year if date else "", f"{date.year + (date.timetuple().tm_yday - 1) / 365:.4f}" if date else "",
        *actor("actor"), *actor("recipient"),
        1, cameo, cameo[:3], cameo[:2], cameo_quad_class(cameo) or row["quad_class"] or "",
        row["goldstein"] if row["goldstein"] is not None else "", reports, sources, reports,
        round(tone, 4) if tone is not None else "",
        *geo_blank, *geo_blank, *action_geo, added, row["url"] or "",
    ]  # fmt: skip


def export(conn: duckdb.DuckDBPyConnection, fmt: str, path: Path) -> int:
    """Write every event to ``path`` in ``fmt`` (see ``FORMATS``); return the number of events.
    For ``parquet`` ``path`` is a folder: one ``date=YYYY-MM-DD`` partition per event date."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    rel = conn.sql(_ALL)
    n = len(rel.fetchall())
    if fmt == "csv":
        rel.to_csv(str(path), header=True)
    elif fmt == "parquet":
        path.mkdir(parents=True, exist_ok=True)
        conn.sql(f"SELECT * FROM ({_ALL}) WHERE date IS NOT NULL").to_parquet(
            str(path), partition_by=["date"], overwrite=True)
    else:
        columns = rel.columns
        rows = [dict(zip(columns, r, strict=True)) for r in rel.fetchall()]
        roles = _roles(conn)
        with path.open("w", encoding="utf-8", newline="") as f:
            if fmt == "jsonl":
                for r in rows:
                    f.write(json.dumps({**r, **roles.get(r["id"], {})}, default=str, ensure_ascii=False) + "\n")
            elif fmt == "plover":
                json.dump([_plover(r, roles.get(r["id"], {})) for r in rows], f, default=str, ensure_ascii=False,
                          indent=1)
            else:
                clusters = _clusters(conn)
                added = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
                writer = csv.writer(f, delimiter="\t", lineterminator="\n")
                for r in rows:
                    writer.writerow(_gdelt_row(r, roles.get(r["id"], {}), clusters.get(r["cluster_id"]), added))
    return n


def _plover(row: dict[str, Any], roles: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One event as a PLOVER-style record (field names from the PLOVER data interchange format)."""
    return {
        "id": row["id"], "date": row["date"], "event_type": row["event_type"], "mode": row["mode"],
        "actor": roles.get("actor", []), "recipient": roles.get("recipient", []),
        "cameo": row["cameo"], "quad_class": row["quad_class"], "goldstein": row["goldstein"],
        "modality": row["modality"], "negated": row["negated"], "tone": row["tone"],
        "location": {"place": row["place"], "country": row["place_country"], "lat": row["lat"], "lon": row["lon"]},
        "source": row["source"], "url": row["url"], "text": row["sentence"],
        "evidence": {"article_id": row["article_id"], "start": row["start"], "end": row["end"]},
    }  # fmt: skip
