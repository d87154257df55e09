"""Evaluation gate on the sample corpus: what ``samples/manifest.yaml`` says a reader should find.

Recall of expected events, actors and quotes is measured over the whole corpus and must stay at or
above the floors pinned in ``floors.yaml`` (raise a floor when a change lifts the figure; never lower
one to make a change pass without saying why in the commit).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from eventwire import pipeline
from eventwire.cli import samples_dir
from eventwire.records import CodedArticle

FLOORS = yaml.safe_load((Path(__file__).parent / "floors.yaml").read_text())
MANIFEST = yaml.safe_load((samples_dir().parent / "manifest.yaml").read_text())
pytestmark = pytest.mark.model


def _key(article: Any) -> tuple[str, str | None]:
    """(file name, item) of a manifest entry or a coded article, to pair them."""
    if isinstance(article, dict):
        return article["file"], str(article.get("id") or article.get("guid") or "") or None
    name = Path((article.input or "").split("#")[0]).name
    item = article.ref if article.kind in ("feed", "jsonl") else None
    return name, item


@pytest.fixture(scope="module")
def coded(settings, stages) -> dict[str, list[CodedArticle]]:  # type: ignore[no-untyped-def]
    by_file: dict[str, list[CodedArticle]] = {}
    for item in pipeline.run([str(samples_dir())], settings, stages):
        assert isinstance(item, CodedArticle)
        by_file.setdefault(_key(item.article)[0], []).append(item)
    return by_file


def _article_for(entry: dict[str, Any], coded: dict[str, list[CodedArticle]]) -> CodedArticle | None:
    cands = coded.get(entry["file"], [])
    if len(cands) == 1:
        return cands[0]
    title = (entry.get("title") or "").strip().lower()
    return next((c for c in cands if (c.article.title or "").strip().lower() == title), None)


def _countries(mentions: Any) -> set[str | None]:
    return {m.actor.country for m in mentions} or {None}


def _event_found(exp: dict[str, Any], c: CodedArticle) -> bool:
    for e in c.events:
        if e.event_type != exp["event_type"] or exp["sentence_contains"] not in e.sentence:
            continue
        if "actor_country" in exp and exp["actor_country"] not in _countries(e.actor):
            continue
        return True
    return False


def _quote_found(exp: dict[str, Any], c: CodedArticle) -> bool:
    for q in c.quotes:
        if exp["text_contains"] not in q.text or q.speaker is None:
            continue
        who = f"{q.speaker.text} {q.speaker.actor.name or ''}"
        if exp["speaker_contains"].lower() in who.lower():
            return True
    return False


def _actor_found(exp: dict[str, Any], c: CodedArticle) -> bool:
    want = exp["text"].lower().removeprefix("the ")
    return any(
        want in m.text.lower() and m.actor.country == exp.get("country")
        and (not exp.get("sector") or exp["sector"] == m.actor.sector)
        for m in c.actors
    )


def _recall(kind: str, check: Any, coded: dict[str, list[CodedArticle]]) -> tuple[float, list[str]]:
    hits, misses = 0, []
    for entry in MANIFEST["articles"]:
        art = _article_for(entry, coded)
        for exp in entry.get(kind) or ():
            if art is not None and check(exp, art):
                hits += 1
            else:
                misses.append(f"{entry['file']}: {exp}")
    total = hits + len(misses)
    return hits / total, misses


def test_every_manifest_article_is_found(coded: dict[str, list[CodedArticle]]) -> None:
    missing = [e["file"] + " " + str(e.get("title")) for e in MANIFEST["articles"] if _article_for(e, coded) is None]
    assert not missing


@pytest.mark.parametrize("kind,check", [("expected_events", _event_found), ("expected_quotes", _quote_found),
                                        ("expected_actors", _actor_found)])
def test_recall_floor(kind: str, check: Any, coded: dict[str, list[CodedArticle]]) -> None:
    recall, misses = _recall(kind, check, coded)
    print(f"{kind}: recall {recall:.3f}")
    assert recall >= FLOORS[kind], f"{kind} recall {recall:.3f} < floor {FLOORS[kind]}; misses:\n" + "\n".join(misses)


def test_statements_are_not_coded_as_events(coded: dict[str, list[CodedArticle]]) -> None:
    """``expected_statements``: sentences PLOVER 2.0 does not code as the listed type (CAMEO 02 appeals,
    CAMEO 016 denials of an accusation), so no event of that type may come from them."""
    wrong = []
    for entry in MANIFEST["articles"]:
        art = _article_for(entry, coded)
        for exp in entry.get("expected_statements") or ():
            if art is not None and any(e.event_type == exp["event_type"] and exp["sentence_contains"] in e.sentence
                                       for e in art.events):
                wrong.append(f"{entry['file']}: {exp}")
    assert not wrong, "\n".join(wrong)
