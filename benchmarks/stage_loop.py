"""What the speed benchmarks share: reading a JSONL corpus, and the per-stage loop over parsed articles.

``code_timed(article, doc, stages, timing)`` runs the stages ``pipeline.code_articles`` runs after
the parse, in the same order (actors -> quotes -> first-person actors -> events -> tone), and adds
each stage's seconds to ``timing`` (keys ``actors``, ``quotes``, ``events``, ``tone``); it returns the
CodedArticle ``code_articles`` would give. Kept next to the benchmarks, not in the package: timing
every stage is for measuring, and ``code_articles`` stays the one place the stages are wired.
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventwire import actors, events, quotes, tone
from eventwire.pipeline import Stages
from eventwire.records import Article, CodedArticle, Sentence


def load_rows(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The first ``limit`` rows with a non-blank ``text`` of a JSONL file (gzipped when it ends .gz)."""
    opener = gzip.open if path.suffix == ".gz" else open
    rows: list[dict[str, Any]] = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if (row.get("text") or "").strip():
                rows.append(row)
            if limit and len(rows) >= limit:
                break
    return rows


def code_timed(article: Article, doc: Doc, stages: Stages, timing: dict[str, float]) -> CodedArticle:
    """The coded article for ``doc`` (the parse of ``article.text``), each stage timed into ``timing``."""
    t = time.perf_counter()
    mentions = actors.find(doc, article, stages.kb, stages.nlp)
    timing["actors"] += time.perf_counter() - t
    t = time.perf_counter()
    said = quotes.find(doc, article, mentions)
    mentions = actors.first_person(doc, mentions, said)
    timing["quotes"] += time.perf_counter() - t
    t = time.perf_counter()
    found = events.code(doc, article, mentions, stages.coder, said)
    timing["events"] += time.perf_counter() - t
    sentences = tuple(Sentence(i, s.start_char, s.end_char) for i, s in enumerate(doc.sents))
    coded = CodedArticle(article=article, sentences=sentences, actors=mentions, events=found, quotes=said)
    t = time.perf_counter()
    coded = tone.score(doc, coded, stages.tone)
    timing["tone"] += time.perf_counter() - t
    return coded
