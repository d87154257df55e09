"""store: migrations, one transaction per article, idempotent writes, run bookkeeping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys

import duckdb
import numpy as np
import pytest

from eventwire.errors import StoreError
from eventwire.ingest import ids
from eventwire.records import Reject
from eventwire.store import SCHEMA_VERSION, db, open_store, query
from eventwire.store import writer as writer_module
from eventwire.store.writer import Writer

CONTENT_TABLES = ("articles", "sentences", "mentions", "actors", "events", "event_actors", "quotes")
ALL_TABLES = {"schema_version", "runs", "rejects", *CONTENT_TABLES}


def counts(conn) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CONTENT_TABLES}


@pytest.fixture
def store(tmp_path):
    conn = open_store(tmp_path / "s.duckdb")
    yield conn
    conn.close()


def test_migrations_create_all_tables(tmp_path):
    path = tmp_path / "new.duckdb"
    conn = open_store(path)
    tables = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert tables >= ALL_TABLES
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
    assert versions == [v for v, _ in db.migrations()]
    assert versions[-1] == SCHEMA_VERSION
    assert db.current_version(conn) == SCHEMA_VERSION
    conn.close()
    assert path.exists()


def test_reopening_does_not_reapply_migrations(tmp_path):
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    conn = open_store(path)
    assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(db.migrations())
    conn.close()


def test_migrations_are_numbered_and_ordered():
    found = db.migrations()
    numbers = [v for v, _ in found]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert numbers[0] == 1
    assert all(sql.strip() for _, sql in found)


def test_write_stores_every_row(store, coded):
    with Writer(store, args="test") as w:
        assert w.write(coded) is True
    c = counts(store)
    assert c == {"articles": 1, "sentences": 2, "mentions": 4, "actors": 2, "events": 1, "event_actors": 2,
                 "quotes": 1}
    art = coded.article
    row = store.execute("SELECT id, ref, title, published, retrieved, text, content_hash, notes, language, tone, "
                        "tone_positive, tone_negative, tone_words FROM articles").fetchone()
    t = coded.tone
    assert row == (art.id, art.ref, art.title, art.published, art.retrieved, art.text, art.content_hash,
                   list(art.notes), art.language, t.score, t.positive, t.negative, t.words)
    ev = coded.events[0]
    erow = store.execute('SELECT id, article_id, start, "end", event_type, place, place_start, quad_class, '
                         "context, explain, tone, tone_positive, tone_negative, tone_words FROM events").fetchone()
    assert erow == (ev.id, art.id, ev.start, ev.end, "CONSULT", "Port Vela", ev.location.start, 1,
                    list(ev.context), list(ev.explain), ev.tone.score, ev.tone.positive, ev.tone.negative,
                    ev.tone.words)
    roles = store.execute("SELECT role, position, code, text FROM event_actors ORDER BY role").fetchall()
    assert roles == [("actor", 0, "SYLGOV", ev.actor[0].text), ("recipient", 0, "FREGOV", ev.recipient[0].text)]
    q = coded.quotes[0]
    qrow = store.execute("SELECT id, text, speaker_text, speaker_code, speaker_name, tone, tone_positive, "
                         "tone_negative, tone_words, quote_key FROM quotes").fetchone()
    assert qrow == (q.id, q.text, "Ruiz", "SYLGOV", "Ana Ruiz", q.tone.score, q.tone.positive, q.tone.negative,
                    q.tone.words, ids.quote_key(q.text))
    unresolved = store.execute("SELECT code, how FROM mentions WHERE text = 'Port Vela'").fetchone()
    assert unresolved == (None, "ner")


def test_offsets_in_store_point_into_text(store, coded):
    with Writer(store) as w:
        w.write(coded)
    text = store.execute("SELECT text FROM articles").fetchone()[0]
    for start, end, mtext in store.execute('SELECT start, "end", text FROM mentions').fetchall():
        assert text[start:end] == mtext
    for start, end, trigger in store.execute('SELECT start, "end", trigger FROM events').fetchall():
        assert text[start:end] == trigger


def test_same_article_again_is_skipped(store, coded):
    with Writer(store) as w:
        assert w.write(coded)
    before = counts(store)
    with Writer(store) as w2:
        assert w2.write(coded) is False
        # same text with different whitespace/case: same content hash, also skipped
        assert w2.has(coded.article.content_hash)
    assert counts(store) == before
    assert w2.counts["skipped"] == 1 and w2.counts["articles"] == 0


def test_two_different_articles(store, coded_factory):
    a = coded_factory()
    b = coded_factory(text=a.article.text.replace("Tuesday", "Friday"), ref="doc-2")
    with Writer(store) as w:
        assert w.write(a) and w.write(b)
    c = counts(store)
    assert c["articles"] == 2 and c["events"] == 2 and c["quotes"] == 2
    assert c["actors"] == 2  # distinct actor codes are stored once
    assert query.article_ids(store) == sorted([a.article.id, b.article.id])


def _failing_insert(table: str, exc: BaseException):  # type: ignore[no-untyped-def]
    """The writer's insert helper, failing when it reaches ``table`` (inside the transaction)."""
    real = writer_module._insert

    def insert(conn, name, rows, suffix=""):  # type: ignore[no-untyped-def]
        if name == table:
            raise exc
        real(conn, name, rows, suffix)

    return insert


@pytest.mark.parametrize("exc", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_failure_mid_write_rolls_back(store, coded, monkeypatch, exc):
    monkeypatch.setattr(writer_module, "_insert", _failing_insert("events", exc))
    with pytest.raises(type(exc)), Writer(store) as w:
        w.write(coded)
    assert counts(store) == dict.fromkeys(CONTENT_TABLES, 0)
    monkeypatch.undo()
    # the store is still usable and the article can be written afterwards
    with Writer(store) as w:
        assert w.write(coded)
    assert counts(store)["events"] == 1


def test_constraint_failure_rolls_back(store, coded):
    dup = dataclasses.replace(coded, actors=(*coded.actors, coded.actors[0]))  # duplicate mention PK
    with Writer(store) as w:
        assert w.write(dup) is False
    assert counts(store)["articles"] == 0 and counts(store)["sentences"] == 0


def test_run_status_done(store, coded):
    with Writer(store, args="a b") as w:
        w.write(coded)
        assert store.execute("SELECT status FROM runs WHERE id = ?", [w.run_id]).fetchone()[0] == "running"
    status, args, finished, cnt = store.execute(
        "SELECT status, args, finished, counts FROM runs WHERE id = ?", [w.run_id]).fetchone()
    assert (status, args) == ("done", "a b")
    assert finished is not None
    assert json.loads(cnt) == {"articles": 1, "events": 1, "quotes": 1}


def test_run_status_interrupted(store):
    with pytest.raises(KeyboardInterrupt), Writer(store) as w:
        raise KeyboardInterrupt
    assert store.execute("SELECT status FROM runs WHERE id = ?", [w.run_id]).fetchone()[0] == "interrupted"


def test_run_status_failed(store):
    with pytest.raises(ValueError), Writer(store) as w:
        raise ValueError("x")
    assert store.execute("SELECT status FROM runs WHERE id = ?", [w.run_id]).fetchone()[0] == "failed"


def test_rejects_are_stored(store):
    with Writer(store) as w:
        w.reject(Reject(input="a.jsonl#2", stage="ingest", reason="a.jsonl#2: not valid JSON", ref="x"))
    rows = store.execute("SELECT run_id, input, ref, stage, reason FROM rejects").fetchall()
    assert rows == [(w.run_id, "a.jsonl#2", "x", "ingest", "a.jsonl#2: not valid JSON")]
    assert w.counts["rejects"] == 1


def _bump_version(path, version):
    conn = duckdb.connect(str(path))
    conn.execute("INSERT INTO schema_version VALUES (?, ?)", [version, dt.datetime(2030, 1, 1)])
    conn.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.duckdb"
    open_store(path).close()
    _bump_version(path, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="newer"):
        open_store(path)
    with pytest.raises(StoreError, match="newer"):
        open_store(path, read_only=True)


def test_read_only_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_not_a_database_file(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        open_store(path)


def test_memory_store(coded):
    conn = open_store(":memory:")
    with Writer(conn) as w:
        w.write(coded)
    assert counts(conn)["articles"] == 1
    conn.close()


def test_summary(store, coded):
    with Writer(store) as w:
        w.write(coded)
        w.reject(Reject(input="x", stage="ingest", reason="r"))
    s = query.summary(store)
    assert (s["articles"], s["sentences"], s["mentions"], s["resolved_mentions"], s["actors"]) == (1, 2, 4, 3, 2)
    assert (s["events"], s["quotes"], s["rejects"], s["non_english"]) == (1, 1, 1, 0)
    assert s["events_by_type"] == [("CONSULT", 1, 1)]
    assert s["top_dyads"] == [("SYLGOV", "FREGOV", 1)]
    assert s["top_speakers"] == [("Ana Ruiz", "SYLGOV", 1)]
    assert s["runs"][0][0] == w.run_id and s["runs"][0][2] == "done"


def test_summary_of_empty_store(store):
    s = query.summary(store)
    assert s["articles"] == 0 and s["events_by_type"] == [] and s["runs"] == []


def test_signature_is_stored_with_the_article(store, coded):
    sig = np.arange(128, dtype=np.uint32)
    with Writer(store) as w:
        assert w.write(coded, signature=sig)
        got = list(w.signatures())
    assert len(got) == 1
    assert got[0][0] == coded.article.id
    assert np.array_equal(got[0][1], sig)


def test_signature_rolled_back_with_the_article(store, coded, monkeypatch):
    # minhashes are inserted last: fail there, after every other table got its rows.
    monkeypatch.setattr(writer_module, "_insert", _failing_insert("minhashes", RuntimeError("x")))
    with pytest.raises(RuntimeError), Writer(store) as w:
        w.write(coded, signature=np.zeros(128, dtype=np.uint32))
    assert store.execute("SELECT count(*) FROM minhashes").fetchone()[0] == 0


def test_read_only_store_without_schema_is_refused(tmp_path):
    path = tmp_path / "plain.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="not an eventwire store"):
        open_store(path, read_only=True)


def test_read_only_store_with_older_schema_is_refused_then_migrated(tmp_path):
    path = tmp_path / "old.duckdb"
    conn = duckdb.connect(str(path))
    (v1, sql1) = db.migrations()[0]
    conn.execute(sql1)
    conn.execute("INSERT INTO schema_version VALUES (?, ?)", [v1, dt.datetime(2024, 1, 1)])
    conn.close()
    if v1 < SCHEMA_VERSION:
        with pytest.raises(StoreError, match="older"):
            open_store(path, read_only=True)
    open_store(path).close()  # opening for writing migrates
    conn = open_store(path, read_only=True)
    assert db.current_version(conn) == SCHEMA_VERSION
    conn.close()


def test_store_busy_in_another_process(tmp_path):
    path = tmp_path / "busy.duckdb"
    open_store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(30)",
         str(path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use by another"):
            open_store(path)
    finally:
        holder.kill()
        holder.wait()


def test_migration_3_keeps_older_rows_and_new_writes_fill_tone(tmp_path, coded):
    path = tmp_path / "v2.duckdb"
    conn = duckdb.connect(str(path))
    for version, sql in db.migrations()[:2]:
        conn.execute(sql)
        conn.execute("INSERT INTO schema_version VALUES (?, ?)", [version, dt.datetime(2024, 1, 1)])
    conn.execute("INSERT INTO articles (id, text, content_hash, stored) VALUES ('old', 'Old text.', 'h', now())")
    conn.close()
    conn = open_store(path)
    assert conn.execute("SELECT id, tone, tone_words FROM articles").fetchall() == [("old", None, None)]
    with Writer(conn) as w:
        w.write(coded)
    row = conn.execute("SELECT tone, tone_positive, tone_negative, tone_words, run_id IS NOT NULL FROM articles "
                       "WHERE id = ?", [coded.article.id]).fetchone()
    assert row == (coded.tone.score, coded.tone.positive, coded.tone.negative, coded.tone.words, True)
    conn.close()


def test_untoned_article_stores_null_tone(store, coded):
    bare = dataclasses.replace(coded, tone=None, events=(), quotes=(dataclasses.replace(coded.quotes[0], tone=None),))
    with Writer(store) as w:
        w.write(bare)
    assert store.execute("SELECT tone, tone_words FROM articles").fetchone() == (None, None)
    assert store.execute("SELECT tone, tone_words, quote_key FROM quotes").fetchone() == (
        None, None, ids.quote_key(coded.quotes[0].text))


def test_an_article_breaking_the_stores_keys_is_a_reject_and_the_batch_goes_on(store, coded_factory):
    good = coded_factory()
    bad = coded_factory(good.article.text + " Later, more talks.")
    # Two mentions of the same span: the writer's key check (writer.check_keys) refuses the article.
    bad = dataclasses.replace(bad, actors=(bad.actors[0], bad.actors[0]))
    with Writer(store, args="test") as w:
        stored = w.write_many([(bad, None), (good, None)])
    assert [c.article.id for c in stored] == [good.article.id]
    assert store.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    stage, reason = store.execute("SELECT stage, reason FROM rejects").fetchone()
    assert stage == "store" and "not stored" in reason


@pytest.mark.parametrize("table", sorted(writer_module.CHILD_KEYS))
def test_rows_sharing_a_child_tables_key_clash(table: str) -> None:
    width = writer_module.CHILD_KEYS[table]
    row = ["a1", "actor", 0, 5, 9, "x"][: width + 1]
    with pytest.raises(writer_module.KeyClash, match=table):
        writer_module.check_keys({table: [row, [*row[:width], "other"]]})
    # Rows differing in any key column do not clash.
    writer_module.check_keys({table: [row, [*row[: width - 1], "else", *row[width:]]]})


def test_a_schema_4_store_keeps_its_rows_and_loses_the_child_keys(tmp_path, coded, store_at_version):
    """Migration 0005 rebuilds sentences, mentions and event_actors without their primary keys (DuckDB
    holds a key's index in memory once a table is written): same rows, no key left on them."""
    path = tmp_path / "v4.duckdb"
    conn = store_at_version(path, 4)
    with Writer(conn) as w:
        w.write(coded)
    before = counts(conn)
    keys = {r[0] for r in conn.execute("SELECT table_name FROM duckdb_constraints() "
                                       "WHERE constraint_type = 'PRIMARY KEY'").fetchall()}
    assert set(writer_module.CHILD_KEYS) <= keys
    conn.close()
    conn = open_store(path)
    assert db.current_version(conn) == SCHEMA_VERSION and counts(conn) == before
    assert before["mentions"] > 0 and before["sentences"] > 0 and before["event_actors"] > 0
    keys = {r[0] for r in conn.execute("SELECT table_name FROM duckdb_constraints() "
                                       "WHERE constraint_type = 'PRIMARY KEY'").fetchall()}
    assert not keys & set(writer_module.CHILD_KEYS) and "articles" in keys
    conn.close()


def test_run_counts_quotes_as_stats_does(store, coded):
    """A scare quote is stored but is not a statement: the run's count of quotes and `stats` agree."""
    text = coded.article.text
    qs, qe = text.index("checkpoints"), text.index("checkpoints") + len("checkpoints")
    scare = dataclasses.replace(coded.quotes[0], id=coded.quotes[0].id + "s", text=text[qs:qe], start=qs, end=qe,
                                direct=True, speaker=None, scare=True, cue=None)
    with_scare = dataclasses.replace(coded, quotes=(*coded.quotes, scare))
    with Writer(store) as w:
        assert w.write(with_scare)
    assert store.execute("SELECT count(*) FROM quotes").fetchone()[0] == 2
    assert w.counts["quotes"] == 1 == query.summary(store)["quotes"]
