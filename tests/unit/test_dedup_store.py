"""The near-duplicate index on disk (store.bands) decides as the in-memory one (dedup.NearDuplicates):
same first copies for rewritten wire copies, no merging of different stories, earliest copy wins,
across runs, after a threshold change and for stores written before the band table existed.

The local engine runs here with a stand-in coder (every article stored as it is), so only the
skipping and near-duplicate logic is exercised; small LOOKUP and BATCH make articles get stored
between lookups."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import numpy as np
import pytest
from datasketch import MinHashLSH
from handbuilt import FISHING_STORY

from eventwire.engines import local
from eventwire.ingest import dedup
from eventwire.records import Article, CodedArticle, Reject
from eventwire.settings import Settings
from eventwire.store import bands, open_store
from eventwire.store.writer import Writer

FISH = FISHING_STORY
POWER = (
    "Ghana and Togo signed a new electricity trade deal on Friday under which Ghana will export more "
    "power to its neighbour during the dry season, energy ministers said in Accra. The agreement runs "
    "for five years and sets a fixed price per megawatt hour, replacing a contract that expired in "
    "March. Togo has faced repeated blackouts this year as water levels at its main dam fell, and the "
    "ministers said the deal would also fund a second transmission line along the coast road by 2028."
)
RAIL = (
    "A freight train carrying grain derailed near the northern border town of Kasama late on Sunday, "
    "blocking the only line to the port for at least three days, the national railway company said. "
    "Nobody was hurt, but twelve wagons left the track on a bend where engineers had warned of worn "
    "sleepers since last year. Traders said maize prices in the capital rose on Monday morning as "
    "lorries queued at the depot, and the transport minister promised an inquiry into the maintenance "
    "budget that parliament cut in the spring."
)


def _copy(text: str, headline: str, footer: str, cut: str = "") -> str:
    """Another outlet's run of a wire story: own headline and footer, maybe a clause trimmed."""
    body = text.replace(cut, "") if cut else text
    return f"{headline}\n\nWIRE - {body}\n\n{footer}"


# (file name, text) in input order: stories, their copies, different stories on the same topics.
ARTICLES = [
    ("a01.txt", FISH),
    ("a02.txt", POWER),
    ("a03.txt", _copy(FISH, "Ghana, Togo agree on joint fishing patrols", "Follow us for more news.",
                      " to settle the remaining questions about licences and inspections")),
    ("a04.txt", RAIL),
    ("a05.txt", _copy(RAIL, "Grain train derails near Kasama", "Reporting by the rail desk.")),
    ("a06.txt", _copy(POWER, "Ghana to sell Togo more power", "All rights reserved.", " by 2028")),
    ("a07.txt", FISH.replace("six hours", "seven hours") + " Talks resume next month."),
    ("a08.txt", "Short note about fishing in Lome."),
    ("a09.txt", _copy(RAIL, "Derailment blocks port line", "Subscribe for updates.",
                      " that parliament cut in the spring")),
]


def _old_decisions(texts: list[tuple[str, str]], threshold: float = 0.7,
                   stored: Iterable[tuple[str, np.ndarray]] = ()) -> dict[str, str | None]:
    """What the in-memory index decides: name -> name of the first copy (None: a first copy)."""
    index = dedup.NearDuplicates(threshold)
    for name, sig in stored:
        index.add(name, sig)
    return {name: index.first_copy(name, dedup.signature(text)) for name, text in texts}


def _fake_coder(settings, stages, workers):
    def code(items: Iterable[Article | Reject]) -> Iterator[CodedArticle | Reject]:
        for item in items:
            yield item if isinstance(item, Reject) else CodedArticle(article=item)
    return code


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(local, "_coder", _fake_coder)
    monkeypatch.setattr(local, "LOOKUP", 3)
    monkeypatch.setattr(local, "BATCH", 2)


def _write(folder: Path, texts: list[tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts:
        (folder / name).write_text(text)
    return folder


def _decisions(db: Path) -> dict[str, str | None]:
    """name -> name of the stored first copy, from the store."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT a.input, f.input FROM articles a LEFT JOIN articles f ON f.id = a.duplicate_of"
                           ).fetchall()
    finally:
        con.close()
    return {Path(a).name: (Path(f).name if f else None) for a, f in rows}


def _stored_sigs(db: Path) -> list[tuple[str, np.ndarray]]:
    """(name, signature) of stored signatures, in the order the old engine loaded them."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT a.input, m.sig FROM minhashes m JOIN articles a ON a.id = m.article_id "
                           "ORDER BY m.rowid").fetchall()
    finally:
        con.close()
    return [(Path(i).name, np.asarray(s, dtype=np.uint32)) for i, s in rows]


def test_banding_is_the_one_minhashlsh_chooses():
    for threshold in (0.5, 0.7, 0.9):
        lsh = MinHashLSH(threshold=threshold, num_perm=dedup.NUM_PERM)
        assert dedup.banding(threshold) == (lsh.b, lsh.r)


def test_band_keys_differ_only_where_a_band_differs():
    sig = dedup.signature(FISH)
    assert sig is not None
    other = sig.copy()
    other[3 * 9 + 4] += 1  # a value in band 3 of the 14x9 banding
    keys = dedup.band_keys(np.stack([sig, other]), 14, 9)
    assert keys.shape == (2, 14) and keys.dtype == np.uint64
    assert [i for i in range(14) if keys[0, i] != keys[1, i]] == [3]
    assert len(set(keys[0].tolist())) == 14  # equal values in two bands would still give two keys
    assert dedup.matches(sig, other, 0.7) and not dedup.matches(sig, dedup.signature(POWER), 0.7)


def test_one_run_decides_as_the_in_memory_index(tmp_path, small_batches):
    expected = _old_decisions(ARTICLES)
    assert expected["a03.txt"] == "a01.txt" and expected["a05.txt"] == "a04.txt"  # the fixture is meaningful
    assert expected["a02.txt"] is None and expected["a04.txt"] is None
    db = tmp_path / "s.duckdb"
    counts = local.ingest([str(_write(tmp_path / "in", ARTICLES))], Settings(db_path=db))
    assert _decisions(db) == expected
    assert counts["near_duplicates"] == sum(v is not None for v in expected.values())


def test_a_second_run_finds_copies_of_what_the_first_stored(tmp_path, small_batches):
    db = tmp_path / "s.duckdb"
    first, second = ARTICLES[:5], ARTICLES[5:]
    local.ingest([str(_write(tmp_path / "one", first))], Settings(db_path=db))
    stored = _stored_sigs(db)
    expected = _old_decisions(second, stored=stored)
    assert expected["a07.txt"] == "a01.txt" and expected["a09.txt"] == "a04.txt"
    counts = local.ingest([str(_write(tmp_path / "two", second))], Settings(db_path=db))
    assert {k: v for k, v in _decisions(db).items() if k in dict(second)} == expected
    again = local.ingest([str(tmp_path / "one"), str(tmp_path / "two")], Settings(db_path=db))
    assert again.get("articles", 0) == 0 and again["skipped"] == len(ARTICLES)
    assert counts["near_duplicates"] == 3


def test_the_earliest_stored_copy_wins(tmp_path, small_batches):
    """Two stored copies of one story (stored before the band table knew them): a third copy points at
    the one stored first, even when the later one is the closer match."""
    db = tmp_path / "s.duckdb"
    rewrite, story = ARTICLES[2][1], FISH
    conn = open_store(db)
    with Writer(conn) as w:  # no banding: the band table does not cover these, as in a schema-3 store
        for name, text in (("b.txt", rewrite), ("a.txt", story)):
            art = Article(id=name, text=text, content_hash=name, input=name, language="en")
            w.write(CodedArticle(article=art), dedup.signature(text))
    conn.close()
    local.ingest([str(_write(tmp_path / "in", [("c.txt", FISH + " More later.")]))], Settings(db_path=db))
    assert _decisions(db)["c.txt"] == "b.txt"


def test_a_store_read_with_another_threshold_is_reindexed(tmp_path, small_batches):
    db = tmp_path / "s.duckdb"
    local.ingest([str(_write(tmp_path / "one", ARTICLES[:4]))], Settings(db_path=db, near_duplicate_threshold=0.7))
    stored = _stored_sigs(db)
    # A copy close enough for 0.5 and 0.7, not for 0.95: read with 0.95 it is a first copy.
    later = [("b01.txt", _copy(FISH, "Fishing talks", "More soon.")), ("b02.txt", _copy(RAIL, "Train", "End."))]
    expected = _old_decisions(later, threshold=0.95, stored=stored)
    assert expected == {"b01.txt": None, "b02.txt": None}
    local.ingest([str(_write(tmp_path / "two", later))], Settings(db_path=db, near_duplicate_threshold=0.95))
    con = duckdb.connect(str(db), read_only=True)
    state = con.execute('SELECT bands, "rows", indexed FROM minhash_banding').fetchall()
    n_sigs = con.execute("SELECT count(*) FROM minhashes").fetchone()[0]
    n_bands = con.execute("SELECT count(*) FROM minhash_bands").fetchone()[0]
    con.close()
    assert state == [(*dedup.banding(0.95), n_sigs)] and n_bands == n_sigs * dedup.banding(0.95)[0]
    got = _decisions(db)
    assert {k: got[k] for k in dict(later)} == expected
    # Back to 0.7: the table is rebuilt again and a new copy finds its first copy from the first run.
    third = [("c01.txt", _copy(FISH, "Patrols agreed", "Ends."))]
    expected = _old_decisions(third, threshold=0.7, stored=_stored_sigs(db))
    assert expected == {"c01.txt": "a01.txt"}
    local.ingest([str(_write(tmp_path / "three", third))], Settings(db_path=db, near_duplicate_threshold=0.7))
    assert _decisions(db)["c01.txt"] == "a01.txt"


def test_signatures_without_band_rows_are_indexed_before_lookups(tmp_path):
    """Rows of ``minhashes`` the band table does not cover (a schema-3 store, ``eventwire attach``)
    are indexed by ``prepare``, a chunk per transaction, in rowid order."""
    conn = open_store(tmp_path / "s.duckdb")
    sigs = {f"x{i}": np.arange(i, i + 128, dtype=np.uint32) for i in range(5)}
    for article_id, sig in sigs.items():
        conn.execute("INSERT INTO minhashes VALUES (?, ?)", [article_id, sig.tolist()])
    assert bands.prepare(conn, 14, 9) == 5
    assert bands.prepare(conn, 14, 9) == 0
    found = bands.candidates(conn, dedup.band_keys(np.stack([sigs["x3"], np.full(128, 7, np.uint32)]), 14, 9))
    assert [a for a, _ in found[0]] == ["x3"] and found[1] == []
    conn.close()


def test_the_run_keeps_only_unstored_articles_in_memory(tmp_path, small_batches, monkeypatch):
    runs: list[local._Run] = []

    class Spy(local._Run):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            runs.append(self)

    monkeypatch.setattr(local, "_Run", Spy)
    sizes: list[int] = []
    local.ingest([str(_write(tmp_path / "in", ARTICLES))], Settings(db_path=tmp_path / "s.duckdb"),
                 on_item=lambda item, counts: sizes.append(len(runs[0].index.seen)))
    assert runs and max(sizes) <= 2 * local.LOOKUP + local.BATCH
    assert runs[0].index.near is not None and len(runs[0].index.near) <= local.BATCH


def test_a_batch_written_while_the_band_table_is_behind_gets_its_bands_from_prepare(tmp_path):
    conn = open_store(tmp_path / "s.duckdb")
    bands.prepare(conn, 14, 9)
    conn.execute("INSERT INTO minhashes VALUES ('imported', ?)", [np.arange(128, dtype=np.uint32).tolist()])
    sig = dedup.signature(FISH)
    assert sig is not None
    writer = Writer(conn)
    writer.banding = (14, 9)
    writer.write(CodedArticle(article=Article(id="fish", text=FISH, content_hash="h", language="en")), sig)
    assert writer.bands_behind
    assert conn.execute("SELECT count(*) FROM minhash_bands").fetchone()[0] == 0
    assert bands.prepare(conn, 14, 9) == 2
    found = bands.candidates(conn, dedup.band_keys(np.stack([sig, np.arange(128, dtype=np.uint32)]), 14, 9))
    assert [[a for a, _ in f] for f in found] == [["fish"], ["imported"]]
    writer.write(CodedArticle(article=Article(id="fish2", text=RAIL, content_hash="h2", language="en")),
                 dedup.signature(RAIL))
    assert conn.execute("SELECT count(*) FROM minhash_bands WHERE article_id = 'fish2'").fetchone()[0] == 14
    conn.close()


def test_a_schema_3_store_is_migrated_and_its_signatures_found(tmp_path, small_batches, store_at_version):
    """A store written before the band table existed: opening it migrates it, and the first ingest
    indexes its signatures before looking anything up."""
    path = tmp_path / "old.duckdb"
    conn = store_at_version(path, 3)
    conn.execute("INSERT INTO articles (id, text, content_hash, input, language, stored) "
                 "VALUES ('old', ?, 'old-hash', 'old.txt', 'en', now())", [FISH])
    sig = dedup.signature(FISH)
    assert sig is not None
    conn.execute("INSERT INTO minhashes VALUES ('old', ?)", [sig.tolist()])
    conn.close()
    local.ingest([str(_write(tmp_path / "in", [ARTICLES[2]]))], Settings(db_path=path))
    assert _decisions(path)["a03.txt"] == "old.txt"
