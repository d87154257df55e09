"""The command line: `code` keeps the INTERFACE.md contract; user errors are one clear line, no traceback."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.records import MODALITIES, PLOVER_TYPES

EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))
runner = CliRunner()

SENTENCE = "The foreign ministers of Freedonia and Sylvania met in Port Vela on Tuesday to discuss the border."


def flat(s: str) -> str:
    """Rich wraps long messages at the console width: compare without line breaks."""
    return " ".join(s.split())


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def check_coded(obj: dict) -> None:
    """Structural checks of one successful `code` output object (INTERFACE.md)."""
    assert {"id", "article", "actors", "events", "quotes"} <= set(obj)
    text = obj["article"]["text"]
    assert isinstance(text, str) and text
    for m in obj["actors"]:
        assert 0 <= m["start"] < m["end"] <= len(text)
        assert text[m["start"]:m["end"]] == m["text"]
        assert {"code", "country", "sector", "name"} <= set(m)
        if m["country"] is not None:
            assert len(m["country"]) == 3 and m["country"].isupper()
    ids = [e["id"] for e in obj["events"]]
    assert len(ids) == len(set(ids))
    for e in obj["events"]:
        assert e["event_type"] in PLOVER_TYPES
        assert e["modality"] in MODALITIES
        assert isinstance(e["negated"], bool)
        assert e["quad_class"] in (None, 1, 2, 3, 4)
        assert 0.0 <= e["confidence"] <= 1.0
        assert e["sentence_start"] <= e["start"] < e["end"] <= e["sentence_end"] <= len(text)
        assert text[e["start"]:e["end"]] == e["trigger"]
        assert text[e["sentence_start"]:e["sentence_end"]] == e["sentence"]
        for m in e["actor"] + e["recipient"]:
            assert text[m["start"]:m["end"]] == m["text"]
        if e["location"]:
            loc = e["location"]
            assert text[loc["start"]:loc["end"]] == loc["text"]
    for q in obj["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(text)
        assert text[q["start"]:q["end"]] == q["text"]
        assert isinstance(q["direct"], bool)
        if q["speaker"]:
            sp = q["speaker"]
            assert text[sp["start"]:sp["end"]] == sp["text"]


# --- code -----------------------------------------------------------------------------------------------


@pytest.mark.model
def test_code_one_output_per_input_line_same_ids_in_order(tmp_path, fixtures):
    out = tmp_path / "coded.jsonl"
    res = invoke("code", str(fixtures / "code_input.jsonl"), "-o", str(out))
    assert res.exit_code == 0, res.stderr
    rows = jsonl(out.read_text("utf-8"))
    assert [r["id"] for r in rows] == ["s1", "s2", "line3", "s4", "s5", "s6"]
    errors = {r["id"]: r["error"] for r in rows if "error" in r}
    assert set(errors) == {"line3", "s5"}
    assert "#3" in errors["line3"] and "not valid JSON" in errors["line3"]
    for r in rows:
        if "error" not in r:
            check_coded(r)
    by_id = {r["id"]: r for r in rows}
    assert by_id["s2"]["article"]["title"] == "Leaders meet"
    assert by_id["s2"]["article"]["source"] == "Bugle"
    assert by_id["s1"]["article"]["published"] == "2024-03-05"
    # html input: the body is extracted, no markup left
    assert "<p>" not in by_id["s6"]["article"]["text"]
    assert by_id["s6"]["article"]["text"].startswith("Sylvania's prime minister")
    # a bad line is reported on stderr and the run goes on
    assert "not valid JSON" in flat(res.stderr)


@pytest.mark.model
def test_code_single_sentence_gets_events_of_that_sentence_only():
    res = invoke("code", "-", input=json.dumps({"id": "one", "text": SENTENCE}) + "\n")
    assert res.exit_code == 0, res.stderr
    (row,) = jsonl(res.stdout)
    check_coded(row)
    assert row["id"] == "one"
    assert row["article"]["text"] == SENTENCE
    for e in row["events"]:
        assert e["sentence"] == SENTENCE


@pytest.mark.model
def test_code_all_bad_input_exits_non_zero(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('not json\n{"id": "x"}\n[1]\n', "utf-8")
    res = invoke("code", str(bad), "-o", str(tmp_path / "out.jsonl"))
    assert res.exit_code != 0
    rows = jsonl((tmp_path / "out.jsonl").read_text("utf-8"))
    assert [r["id"] for r in rows] == ["line1", "x", "line3"]
    assert all("error" in r for r in rows)
    assert "Traceback" not in res.stderr


@pytest.mark.model
def test_code_stdin_to_stdout_subprocess():
    lines = [{"id": "a", "text": SENTENCE}, {"id": "b", "text": "Sylvania recalled its ambassador on Monday."}]
    proc = subprocess.run([EVENTWIRE, "code", "-", "-o", "-"], input="\n".join(json.dumps(x) for x in lines),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = jsonl(proc.stdout)
    assert [r["id"] for r in rows] == ["a", "b"]
    for r in rows:
        check_coded(r)
    assert "Traceback" not in proc.stderr


@pytest.mark.model
def test_code_stdin_to_file(tmp_path):
    out = tmp_path / "o.jsonl"
    res = invoke("code", "-", "-o", str(out), input=json.dumps({"id": "z", "text": SENTENCE}) + "\n")
    assert res.exit_code == 0
    assert [r["id"] for r in jsonl(out.read_text("utf-8"))] == ["z"]
    assert res.stdout.strip() == ""


@pytest.mark.model
def test_code_numeric_id_is_echoed_as_string():
    res = invoke("code", "-", input=json.dumps({"id": 17, "text": SENTENCE}) + "\n")
    (row,) = jsonl(res.stdout)
    assert row["id"] == "17"


@pytest.mark.model
def test_code_null_id_is_not_the_string_none():
    res = invoke("code", "-", input=json.dumps({"id": None, "text": SENTENCE}) + "\n")
    (row,) = jsonl(res.stdout)
    assert row["id"] != "None"


def test_code_article_only_needs_no_nlp(fixtures):
    res = invoke("code", str(fixtures / "code_input.jsonl"), "--article-only", "--model", "no_such_pipeline_xyz")
    assert res.exit_code == 0, res.stderr
    rows = jsonl(res.stdout)
    assert [r["id"] for r in rows] == ["s1", "s2", "line3", "s4", "s5", "s6"]
    assert rows[0]["article"]["text"] == SENTENCE
    assert "events" not in rows[0]
    assert "error" in rows[2] and "error" in rows[4]


def test_code_gzipped_input(tmp_path):
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(gzip.compress((json.dumps({"id": "g", "text": SENTENCE}) + "\n").encode()))
    res = invoke("code", str(src), "--article-only")
    assert res.exit_code == 0, res.stderr
    assert [r["id"] for r in jsonl(res.stdout)] == ["g"]


def test_code_unwritable_output(tmp_path, fixtures):
    res = invoke("code", str(fixtures / "code_input.jsonl"), "-o", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert res.exit_code == 2
    assert "cannot write" in flat(res.stderr)
    assert "Traceback" not in res.stderr


def test_code_missing_input_file(tmp_path):
    res = invoke("code", str(tmp_path / "nope.jsonl"))
    assert res.exit_code == 2
    assert "cannot read" in flat(res.stderr)
    assert "Traceback" not in res.stderr
    assert isinstance(res.exception, SystemExit)


def test_code_unknown_model_is_a_clear_error(fixtures):
    res = invoke("code", str(fixtures / "code_input.jsonl"), "--model", "no_such_spacy_pipeline_xyz")
    assert res.exit_code == 2
    assert "no_such_spacy_pipeline_xyz" in flat(res.stderr)
    assert "Traceback" not in res.stderr


# --- actors resolve -------------------------------------------------------------------------------------


def test_actors_resolve_nonsense_gives_nulls():
    res = invoke("actors", "resolve", "-", input='{"id": "n1", "text": "xqzzy plorbington"}\n')
    assert res.exit_code == 0, res.stderr
    (row,) = jsonl(res.stdout)
    assert row == {"id": "n1", "code": None, "country": None, "sector": None, "name": None}


def test_actors_resolve_bad_lines_get_errors_in_order():
    res = invoke("actors", "resolve", "-", input='garbage\n{"id": "x"}\n{"id": "y", "text": "xqzzy"}\n')
    rows = jsonl(res.stdout)
    assert [r["id"] for r in rows] == ["line1", "x", "y"]
    assert "error" in rows[0] and "error" in rows[1] and "error" not in rows[2]
    assert set(rows[2]) == {"id", "code", "country", "sector", "name"}


def test_actors_resolve_output_shape_for_a_real_phrase(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "k", "text": "the Kremlin", "date": "2024-01-01"}) + "\n", "utf-8")
    out = tmp_path / "o.jsonl"
    res = invoke("actors", "resolve", str(src), "-o", str(out))
    assert res.exit_code == 0
    (row,) = jsonl(out.read_text("utf-8"))
    assert set(row) == {"id", "code", "country", "sector", "name"}
    assert row["id"] == "k"
    if row["code"] is not None:
        assert row["country"] is None or (len(row["country"]) == 3 and row["country"].isupper())


def test_actors_resolve_all_bad_input_exits_non_zero():
    res = invoke("actors", "resolve", "-", input="garbage\n{\"id\": \"x\"}\n")
    assert res.exit_code != 0


# --- ingest / stats -------------------------------------------------------------------------------------


def stats_json(db: Path) -> dict:
    res = invoke("stats", "--db", str(db), "--json")
    assert res.exit_code == 0, res.stderr
    return json.loads(res.stdout)


@pytest.mark.model
def test_ingest_twice_stores_nothing_new(tmp_path, fixtures):
    db = tmp_path / "s.duckdb"
    sources = [str(fixtures / "news"), str(fixtures / "feed.rss")]
    first = invoke("ingest", *sources, "--db", str(db))
    assert first.exit_code == 0, first.stderr
    s1 = stats_json(db)
    assert s1["articles"] == 4
    assert s1["rejects"] == 1  # the empty feed entry
    assert {t for t, _, _ in s1["events_by_type"]} <= set(PLOVER_TYPES)
    assert sum(n for _, _, n in s1["events_by_type"]) == s1["events"]

    second = invoke("ingest", *sources, "--db", str(db), "--quiet")
    assert second.exit_code == 0, second.stderr
    s2 = stats_json(db)
    for key in ("articles", "sentences", "mentions", "events", "quotes", "actors"):
        assert s2[key] == s1[key], key
    last_run = s2["runs"][0]
    assert last_run[2] == "done"
    counts = json.loads(last_run[3])
    assert counts.get("skipped") == 4 and not counts.get("articles")


@pytest.mark.model
def test_ingest_same_text_twice_in_one_run_is_stored_once(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCE + "\n", "utf-8")
    (folder / "b.txt").write_text("  " + SENTENCE.replace(" ", "   ") + "\n", "utf-8")
    db = tmp_path / "s.duckdb"
    res = invoke("ingest", str(folder), "--db", str(db))
    assert res.exit_code == 0, res.stderr
    assert stats_json(db)["articles"] == 1
    counts = json.loads(stats_json(db)["runs"][0][3])
    assert counts["articles"] == 1 and counts["skipped"] == 1


@pytest.mark.model
def test_ingest_missing_path_is_clear_and_non_zero(tmp_path):
    missing = tmp_path / "no-such-folder"
    res = invoke("ingest", str(missing), "--db", str(tmp_path / "s.duckdb"), "--quiet")
    assert res.exit_code != 0
    assert f"{missing}: no such file or folder" in flat(res.stderr)
    assert "Traceback" not in res.stderr


@pytest.mark.model
def test_ingest_missing_path_subprocess_no_traceback(tmp_path):
    missing = tmp_path / "nothing-here.txt"
    proc = subprocess.run([EVENTWIRE, "ingest", str(missing), "--db", str(tmp_path / "s.duckdb")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "no such file or folder" in flat(proc.stderr)
    assert "Traceback" not in proc.stderr


def test_ingest_without_paths():
    res = invoke("ingest")
    assert res.exit_code == 2
    assert "nothing to ingest" in flat(res.stderr)


def test_stats_on_missing_db(tmp_path):
    db = tmp_path / "missing.duckdb"
    res = invoke("stats", "--db", str(db))
    assert res.exit_code == 2
    assert "no such store" in flat(res.stderr)
    assert "Traceback" not in res.stderr
    assert not db.exists()


def test_stats_on_missing_db_subprocess(tmp_path):
    db = tmp_path / "missing.duckdb"
    proc = subprocess.run([EVENTWIRE, "stats", "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "no such store" in flat(proc.stderr)
    assert "Traceback" not in proc.stderr


def test_stats_db_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_DB", str(tmp_path / "env.duckdb"))
    res = invoke("stats")
    assert res.exit_code == 2
    assert "env.duckdb" in flat(res.stderr)


def test_stats_table_output(tmp_path):
    from eventwire.store import open_store

    open_store(tmp_path / "e.duckdb").close()
    res = invoke("stats", "--db", str(tmp_path / "e.duckdb"))
    assert res.exit_code == 0
    assert "0 articles" in flat(res.stdout)
    assert "Events by PLOVER type" in res.stdout


# --- small commands -------------------------------------------------------------------------------------


def test_samples_prints_an_existing_folder():
    res = invoke("samples")
    assert res.exit_code == 0
    folder = Path(res.stdout.strip())
    assert folder.is_dir()
    assert any(p.suffix == ".txt" for p in folder.iterdir())


def test_version():
    from eventwire import __version__

    res = invoke("version")
    assert res.exit_code == 0
    assert f"eventwire {__version__}" in res.stdout


def test_version_names_model_from_environment(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_SPACY_MODEL", "my_custom_pipeline")
    res = invoke("version")
    assert "my_custom_pipeline" in res.stdout


def test_no_args_shows_help():
    res = invoke()
    assert "code" in res.output and "ingest" in res.output


def test_eventwire_script_is_installed():
    assert os.access(EVENTWIRE, os.X_OK)


def test_table_cells_mark_what_they_cut():
    from eventwire.cli import CELL_CHARS, _cell

    long = "We Need Geoengineering to Stop Out of Control Warming, Warns Climate Scientist James Hansen!"
    assert len(long) > CELL_CHARS
    assert _cell(long) == long[: CELL_CHARS - 1] + "…" and len(_cell(long)) == CELL_CHARS
    assert _cell(long[:CELL_CHARS]) == long[:CELL_CHARS]
    assert _cell(7) == 7 and _cell(None) is None
