"""The start-up cache (``eventwire.cache``) and its users, the knowledge base, the name matchers'
patterns and the event coder's lexicon and ontology: a stale or corrupt entry is rebuilt,
``EVENTWIRE_CACHE=0`` turns it off, and the output is the same with and without it."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire import actors, cache, pipeline
from eventwire.actors import kb as kb_module
from eventwire.actors import match
from eventwire.ingest.build import from_row
from eventwire.records import CodedArticle
from eventwire.settings import Settings


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder for this test; the per-process KB cache is emptied before and after."""
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EVENTWIRE_CACHE", raising=False)
    kb_module.load.cache_clear()
    yield tmp_path / "cache"
    kb_module.load.cache_clear()


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts calls of ``kb.build`` (one element per KB built from the data files)."""
    calls: list[int] = []
    real = kb_module.build

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(kb_module, "build", counting)
    return calls


def test_put_get_round_trip(folder: Path) -> None:
    cache.put("thing", "abc", {"x": [1, 2]})
    assert cache.get("thing", "abc") == {"x": [1, 2]}
    assert cache.get("thing", "abd") is None
    assert not list(folder.glob(".*.tmp")), "the temporary file is renamed into place"


def test_digest_separates_parts() -> None:
    assert cache.digest("ab", "c") != cache.digest("a", "bc")
    assert cache.digest(b"x") == cache.digest("x")


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps((cache.FORMAT, "thing", "other", 1)),
                                     pickle.dumps((cache.FORMAT - 1, "thing", "abc", 1))])
def test_corrupt_or_foreign_entry_is_ignored(folder: Path, content: bytes) -> None:
    cache.put("thing", "abc", 1)
    (entry,) = folder.glob("thing-*.pickle")
    entry.write_bytes(content)
    assert cache.get("thing", "abc") is None


@pytest.mark.parametrize("value", ["0", "off", "no", "FALSE"])
def test_disabled(folder: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE", value)
    assert cache.directory() is None
    cache.put("thing", "abc", 1)
    assert cache.get("thing", "abc") is None
    assert not folder.exists()


def test_unwritable_folder_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(blocker / "cache"))
    cache.put("thing", "abc", 1)
    assert cache.get("thing", "abc") is None


def test_only_the_newest_entries_are_kept(folder: Path) -> None:
    for i in range(cache.KEEP + 2):
        cache.put("thing", f"key{i}", i)
        os.utime(next(folder.glob(f"thing-key{i}*.pickle")), (1_000_000 + i, 1_000_000 + i))
    assert len(list(folder.glob("thing-*.pickle"))) <= cache.KEEP
    assert cache.get("thing", f"key{cache.KEEP + 1}") == cache.KEEP + 1


def test_kb_is_read_back_equal(folder: Path, builds: list[int]) -> None:
    built = kb_module.load()
    assert len(builds) == 1 and len(list(folder.glob("kb-*.pickle"))) == 1
    kb_module.load.cache_clear()
    read = kb_module.load()
    assert len(builds) == 1, "the second load comes from the cache"
    assert read is not built and read == built
    assert read.digest == built.digest is not None
    assert read.derived == {}


def test_corrupt_kb_entry_is_rebuilt(folder: Path, builds: list[int]) -> None:
    kb_module.load()
    (entry,) = folder.glob("kb-*.pickle")
    entry.write_bytes(entry.read_bytes()[:1000])  # a truncated write
    kb_module.load.cache_clear()
    kb = kb_module.load()
    assert len(builds) == 2
    assert kb.lookup("the Kremlin") is not None
    kb_module.load.cache_clear()
    kb_module.load()
    assert len(builds) == 2, "the rebuilt entry replaced the corrupt one"


def test_changed_extra_file_is_a_stale_entry(folder: Path, builds: list[int], tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("officials:\n- {name: Ana Testova, country: BLR, sector: MIL}\n", "utf-8")
    assert kb_module.load((mine,)).lookup("Ana Testova").code == "BLRMIL"  # type: ignore[union-attr]
    mine.write_text("officials:\n- {name: Ana Testova, country: ARM, sector: MIL}\n", "utf-8")
    kb_module.load.cache_clear()
    assert kb_module.load((mine,)).lookup("Ana Testova").code == "ARMMIL"  # type: ignore[union-attr]
    assert len(builds) == 2


def test_disabled_cache_builds_every_time(folder: Path, builds: list[int],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE", "0")
    kb_module.load()
    kb_module.load.cache_clear()
    kb_module.load()
    assert len(builds) == 2
    assert not folder.exists()


@pytest.mark.model
def test_cached_patterns_are_the_tokenizer_s(folder: Path, stages: pipeline.Stages) -> None:
    kb = kb_module.load()
    fresh = match._tokenize(stages.nlp, kb)
    assert match._patterns(stages.nlp, kb) == fresh  # built, then written
    assert list(folder.glob("patterns-*.pickle"))
    assert match._patterns(stages.nlp, kb) == fresh  # read back


TEXTS = [
    "Russia and Belarus held talks in Minsk on Friday. The Kremlin said Belarusian defence minister Viktor "
    "Khrenin met NATO officials.",
    '"We will not accept this," said Armenian Prime Minister Nikol Pashinyan, after Hezbollah fired rockets.',
]


@pytest.mark.model
def test_output_identical_with_and_without_cache(folder: Path, settings: Settings,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def code_all() -> list[dict[str, object]]:
        kb_module.load.cache_clear()
        stages = pipeline.Stages.load(settings)
        articles = [from_row({"id": str(i), "text": t, "date": "2024-01-19"}, input="t") for i, t in enumerate(TEXTS)]
        coded = [c for c in pipeline.code_articles(articles, settings, stages) if isinstance(c, CodedArticle)]
        return [c.to_dict() for c in coded]

    monkeypatch.setenv("EVENTWIRE_CACHE", "0")
    without = code_all()
    monkeypatch.delenv("EVENTWIRE_CACHE")
    first = code_all()  # builds and writes the entries
    for kind in ("kb", "patterns", "coder"):
        assert list(folder.glob(f"{kind}-*.pickle")), kind
    second = code_all()  # reads them
    assert without == first == second
    codes = {m["code"] for d in second for m in d["actors"]}  # type: ignore[attr-defined]
    assert {"RUS", "BLR"} <= codes and any(d["events"] for d in second)
    assert actors.load() is kb_module.load()


def test_coder_is_read_back_equal(folder: Path) -> None:
    kb = kb_module.load()
    built = pipeline._coder(kb, ())
    read = pipeline._coder(kb, ())
    assert list(folder.glob("coder-*.pickle"))
    assert read is not built and read.kb is kb
    assert read.ontology == built.ontology
    assert vars(read.lexicon) == vars(built.lexicon)  # Lexicon has no __eq__: compare its indexes
