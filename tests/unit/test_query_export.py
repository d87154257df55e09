"""Query filters and exports over a hand-built store (no model needed)."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.errors import InputError
from eventwire.records import Tone
from eventwire.store import export, open_store, query
from eventwire.store.writer import Writer


@pytest.fixture
def conn(tmp_path: Path, coded_factory):  # type: ignore[no-untyped-def]
    path = tmp_path / "q.duckdb"
    c = open_store(path)
    with Writer(c) as w:
        w.write(coded_factory())
    c.close()
    c = open_store(path, read_only=True)
    yield c
    c.close()


def test_filters_match_codes_as_prefixes_and_countries(conn: duckdb.DuckDBPyConnection) -> None:
    assert query.count_events(conn, query.EventFilter(actor="SYL")) == 1
    assert query.count_events(conn, query.EventFilter(actor="SYLGOV", recipient="FRE")) == 1
    assert query.count_events(conn, query.EventFilter(actor="FRE")) == 0
    assert query.count_events(conn, query.EventFilter(country="FRE")) == 1
    assert query.count_events(conn, query.EventFilter(event_type="consult", quad_class=1)) == 1
    assert query.count_events(conn, query.EventFilter(text="PORT VELA")) == 1
    assert query.count_events(conn, query.EventFilter(text="%")) == 0  # literal, not a LIKE pattern


@pytest.mark.parametrize("kw", [{"actor": "x'--"}, {"event_type": "FIGHT"}, {"quad_class": 5}, {"limit": 0},
                                {"modality": "perhaps"}, {"min_confidence": -1}, {"offset": -3}])
def test_bad_filters_raise_input_error(kw: dict[str, object]) -> None:
    with pytest.raises(InputError):
        query.EventFilter(**kw)  # type: ignore[arg-type]


def test_gdelt_export_has_61_columns_and_the_mapping(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    out = tmp_path / "e.tsv"
    assert export.export(conn, "gdelt", out) == 1
    (row,) = list(csv.reader(out.open(), delimiter="\t"))
    assert len(row) == len(export.GDELT_COLUMNS) == 61
    rec = dict(zip(export.GDELT_COLUMNS, row, strict=True))
    assert rec["SQLDATE"] == "20240305" and rec["Actor1Code"] == "SYLGOV" and rec["Actor2CountryCode"] == "FRE"
    assert rec["EventCode"] == "040" and rec["EventRootCode"] == "04" and rec["QuadClass"] == "1"
    assert rec["ActionGeo_FullName"] == "Port Vela" and rec["ActionGeo_Lat"] == "1.5"
    assert int(rec["GLOBALEVENTID"]) > 0 and rec["SOURCEURL"] == "https://bugle.example/1"
    assert rec["AvgTone"] == "-4.5454"  # the article's tone (fixture: 4.5455% positive, 9.0909% negative)


def test_gdelt_quad_class_is_the_cameo_roots_while_the_event_keeps_plovers(tmp_path: Path, coded_factory) -> None:  # type: ignore[no-untyped-def]
    # A lifted ban: PLOVER CONCEDE (verbal cooperation, 1), CAMEO 081 (YIELD, material cooperation, 2).
    coded = coded_factory()
    event = dataclasses.replace(coded.events[0], event_type="CONCEDE", cameo="081", quad_class=1, goldstein=5.0)
    c = open_store(tmp_path / "quad.duckdb")
    with Writer(c) as w:
        w.write(dataclasses.replace(coded, events=(event,)))
    export.export(c, "gdelt", tmp_path / "e.tsv")
    export.export(c, "jsonl", tmp_path / "e.jsonl")
    c.close()
    (row,) = list(csv.reader((tmp_path / "e.tsv").open(), delimiter="\t"))
    rec = dict(zip(export.GDELT_COLUMNS, row, strict=True))
    assert rec["EventRootCode"] == "08" and rec["QuadClass"] == "2"
    (line,) = (tmp_path / "e.jsonl").read_text().splitlines()
    assert json.loads(line)["quad_class"] == 1


@pytest.mark.parametrize(("code", "quad"), [("010", 1), ("0312", 1), ("057", 1), ("061", 2), ("0871", 2),
                                            ("090", 3), ("116", 3), ("138", 3), ("140", 4), ("160", 4),
                                            ("204", 4), ("", None), (None, None), ("21", None), ("x1", None)])
def test_cameo_quad_class_follows_the_root(code: str | None, quad: int | None) -> None:
    from eventwire.events.ontology import cameo_quad_class

    assert cameo_quad_class(code) == quad


def test_gdelt_avg_tone_is_the_mean_over_the_cluster_reports(tmp_path: Path, coded_factory) -> None:  # type: ignore[no-untyped-def]
    first = coded_factory()
    art = dataclasses.replace(first.article, id="b" * 16, content_hash="other")
    second = dataclasses.replace(first, article=art, tone=Tone(positive=10.0, negative=0.0, words=20),
                                 events=(dataclasses.replace(first.events[0], id="b-e-0"),), quotes=())
    c = open_store(tmp_path / "cl.duckdb")
    with Writer(c) as w:
        w.write_many([(first, None), (second, None)])
    c.execute("UPDATE events SET cluster_id = 'c1'")
    export.export(c, "gdelt", tmp_path / "e.tsv")
    rows = [dict(zip(export.GDELT_COLUMNS, r, strict=True))
            for r in csv.reader((tmp_path / "e.tsv").open(), delimiter="\t")]
    assert [r["AvgTone"] for r in rows] == ["2.7273", "2.7273"]  # (-4.5454 + 10) / 2
    assert [r["NumArticles"] for r in rows] == ["2", "2"]
    c.close()


def test_other_exports(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    export.export(conn, "jsonl", tmp_path / "e.jsonl")
    (line,) = (tmp_path / "e.jsonl").read_text().splitlines()
    rec = json.loads(line)
    assert rec["actor"][0]["code"] == "SYLGOV" and rec["sentence"].startswith("Sylvanian")
    assert rec["tone"] == 0.0 and rec["article_tone"] == -4.5454
    export.export(conn, "plover", tmp_path / "e.json")
    (p,) = json.loads((tmp_path / "e.json").read_text())
    assert p["event_type"] == "CONSULT" and p["evidence"]["start"] < p["evidence"]["end"]
    export.export(conn, "parquet", tmp_path / "pq")
    assert (tmp_path / "pq" / "date=2024-03-05").is_dir()
    back = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/**/*.parquet')").fetchall()[0][0]
    assert back == 1
    export.export(conn, "csv", tmp_path / "e.csv")
    assert "event_type" in (tmp_path / "e.csv").read_text().splitlines()[0]
    with pytest.raises(InputError):
        export.export(conn, "xml", tmp_path / "e.xml")


def test_cli_queries_and_formats(tmp_path: Path, coded_factory) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "cli.duckdb"
    c = open_store(db)
    with Writer(c) as w:
        w.write(coded_factory())
    c.close()
    runner = CliRunner()
    r = runner.invoke(app, ["events", "--db", str(db), "--dyad", "SYL:FRE", "--format", "jsonl"])
    assert r.exit_code == 0 and json.loads(r.stdout.splitlines()[0])["event_type"] == "CONSULT"
    assert json.loads(r.stdout.splitlines()[0])["tone"] == 0.0
    r = runner.invoke(app, ["events", "--db", str(db), "--type", "NOPE"])
    assert r.exit_code == 2 and "not one of" in " ".join(r.output.split())
    r = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "Ruiz", "--format", "csv"])
    assert r.exit_code == 0 and "SYLGOV" in r.stdout
    r = runner.invoke(app, ["export", "gdelt", "-o", str(tmp_path / "g.tsv"), "--db", str(db)])
    assert r.exit_code == 0 and (tmp_path / "g.tsv").read_text().count("\t") == 60
    r = runner.invoke(app, ["events", "--db", str(tmp_path / "missing.duckdb")])
    assert r.exit_code == 2 and "no such store" in " ".join(r.output.split())
