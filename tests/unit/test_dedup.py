"""Near-duplicate detection: rewritten wire copies collapse, different stories on one topic do not."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest
from handbuilt import FISHING_STORY

from eventwire.engines import local
from eventwire.ingest.dedup import NearDuplicates, signature
from eventwire.settings import Settings

STORY = FISHING_STORY
# The same wire story as another outlet runs it: new headline line, dateline, trimmed last clause,
# a boilerplate footer.
REWRITE = (
    "Ghana, Togo agree on joint fishing patrols\n\nLOME (Coastal Wire) - "
    + STORY.replace(" to settle the remaining questions about licences and inspections", "")
    + "\n\nFollow us for more West Africa news."
)
OTHER = (
    "Ghana and Togo signed a new electricity trade deal on Friday under which Ghana will export more "
    "power to its neighbour during the dry season, energy ministers said in Accra. The agreement runs "
    "for five years and sets a fixed price per megawatt hour, replacing a contract that expired in "
    "March. Togo has faced repeated blackouts this year as water levels at its main dam fell, and the "
    "ministers said the deal would also fund a second transmission line along the coast road by 2028."
)


def test_rewritten_wire_copy_is_a_near_duplicate():
    index = NearDuplicates()
    assert index.first_copy("a", signature(STORY)) is None
    assert index.first_copy("b", signature(REWRITE)) == "a"


def test_different_story_on_the_same_topic_is_not_merged():
    index = NearDuplicates()
    assert index.first_copy("a", signature(STORY)) is None
    assert index.first_copy("c", signature(OTHER)) is None


def test_the_earliest_registered_copy_is_the_first_copy():
    """Two indexed copies of one story: a third copy points at the one registered first, even when
    the later one is the closer match."""
    index = NearDuplicates()
    index.add("b", signature(REWRITE))
    index.add("a", signature(STORY))
    index.add("a", signature(OTHER))  # re-adding an id changes nothing
    assert index.first_copy("c", signature(STORY)) == "b"


def test_similarity_is_the_share_of_equal_hash_values():
    sig = signature(STORY)
    assert sig is not None
    other = sig.copy()
    other[:32] += 1
    assert NearDuplicates().similarity(sig, sig) == 1.0
    assert NearDuplicates().similarity(sig, other) == 0.75


def test_short_texts_are_never_near_duplicates():
    assert signature("Ghana and Togo met.") is None
    assert NearDuplicates().first_copy("x", None) is None


@pytest.mark.model
def test_ingest_stores_near_duplicate_pointing_at_first_copy_without_coding_it(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a_first.txt").write_text(STORY)
    (folder / "b_rewrite.txt").write_text(REWRITE)
    (folder / "c_other.txt").write_text(OTHER)
    db = tmp_path / "s.duckdb"
    counts = local.ingest([str(folder)], Settings(db_path=db))
    assert counts["articles"] == 3 and counts["near_duplicates"] == 1
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute("SELECT input, duplicate_of FROM articles").fetchall())
    first_id = con.execute("SELECT id FROM articles WHERE input LIKE '%a_first.txt'").fetchone()[0]
    assert rows[str(folder / "b_rewrite.txt")] == first_id
    assert rows[str(folder / "c_other.txt")] is None
    dup_id = con.execute("SELECT id FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
    assert con.execute("SELECT count(*) FROM events WHERE article_id = ?", [dup_id]).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM events WHERE article_id = ?", [first_id]).fetchone()[0] > 0
    sources = con.execute("SELECT count(*) FROM story_sources WHERE story_id = ?", [first_id]).fetchone()[0]
    assert sources == 2
    con.close()
    # A second run over the same folder stores nothing new.
    again = local.ingest([str(folder)], Settings(db_path=db))
    assert again.get("articles", 0) == 0 and again["skipped"] == 3


def test_a_signature_that_does_not_fit_is_refused():
    index = NearDuplicates()
    with pytest.raises(ValueError):
        index.add("x", np.full(128, 2**33, dtype=np.int64))
    with pytest.raises(ValueError):
        index.add("y", np.zeros(64, dtype=np.uint32))
    index.add("z", np.arange(128, dtype=np.int64))  # in range: taken as it is
    assert index.first_copy("w", np.arange(128, dtype=np.uint32)) == "z"
