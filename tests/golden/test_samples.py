"""Golden test: the bundled sample corpus end to end, compared with the expected JSON kept beside it.

The comparison is on a condensed view (article metadata, mentions, events, quotes) so a diff reads as
a review of what changed. After an intentional change run ``pytest tests/golden --update-golden`` and
review the diff of ``tests/golden/expected/``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from eventwire import pipeline
from eventwire.cli import samples_dir
from eventwire.records import CodedArticle, Reject

EXPECTED = Path(__file__).parent / "expected"
pytestmark = pytest.mark.model


def condense(c: CodedArticle) -> dict[str, Any]:
    a = c.article
    text = a.text
    return {
        "article": {"title": a.title, "published": a.published.isoformat() if a.published else None,
                    "source": a.source, "credit": a.credit, "section": a.section, "author": a.author,
                    "language": a.language, "kind": a.kind, "chars": len(text),
                    "first_words": " ".join(text.split()[:12]), "tone": c.tone.to_dict() if c.tone else None},
        "actors": [f"{m.text} -> {m.actor.code} ({m.how})" for m in c.actors],
        "events": [{"type": e.event_type, "trigger": e.trigger, "mode": e.mode,
                    "actor": [f"{m.text}:{m.actor.code}" for m in e.actor],
                    "recipient": [f"{m.text}:{m.actor.code}" for m in e.recipient],
                    "modality": e.modality, "negated": e.negated,
                    "date": e.date.isoformat() if e.date else None,
                    "place": e.location.text if e.location else None} for e in c.events],
        "quotes": [{"text": q.text[:70], "direct": q.direct, "scare": q.scare, "cue": q.cue,
                    "speaker": f"{q.speaker.text}:{q.speaker.actor.code}" if q.speaker else None}
                   for q in c.quotes],
    }


def _slug(ref: str) -> str:
    name = ref.rsplit("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:80]


@pytest.fixture(scope="module")
def coded(settings, stages) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    out: dict[str, dict[str, Any]] = {}
    for item in pipeline.run([str(samples_dir())], settings, stages):
        assert not isinstance(item, Reject), f"sample rejected: {item}"
        key = _slug(item.article.input or item.article.id)
        assert key not in out, f"two articles map to {key}"
        out[key] = condense(item)
    return out


def test_every_sample_article_is_read(coded: dict[str, dict[str, Any]]) -> None:
    # 7 dumps + 6 pages + 4 feed items + 3 JSONL rows (manifest.yaml is data, not an article).
    assert len(coded) == 20, sorted(coded)


def test_samples_match_golden(coded: dict[str, dict[str, Any]], update_golden: bool) -> None:
    if update_golden:
        for old in EXPECTED.glob("*.json"):
            old.unlink()
        for key, value in coded.items():
            (EXPECTED / f"{key}.json").write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n")
        pytest.skip("golden files rewritten; review the diff")
    expected = {p.stem: json.loads(p.read_text()) for p in EXPECTED.glob("*.json")}
    assert sorted(expected) == sorted(coded), "articles differ from the golden set"
    for key in sorted(coded):
        assert coded[key] == expected[key], f"{key} differs from tests/golden/expected/{key}.json"
