"""Throughput: raw spaCy against eventwire end to end, on the same articles, in one process.

    python benchmarks/throughput.py ../shared/data/corpus/wikinews_2019_2020.jsonl [--limit N] [--repeat 3]
    python benchmarks/throughput.py ../shared/data/corpus/reuters21578.jsonl.gz --limit 2000

1. raw spaCy: ``nlp.pipe`` over the article texts with the full pipeline;
2. eventwire: read the JSONL -> clean -> parse -> actors -> quotes -> events -> tone -> store (a temporary
   DuckDB file), with the time of each stage.
Prints words/s for both and their ratio, and the process's peak RSS. ``--repeat`` runs both that many
times and reports the median (machine noise: other processes share the cores).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from eventwire import actors, events, nlp, quotes, tone
from eventwire.engines.local import BATCH
from eventwire.ingest.build import from_row
from eventwire.pipeline import Stages
from eventwire.records import Article, CodedArticle, Sentence
from eventwire.settings import Settings
from eventwire.store import open_store
from eventwire.store.writer import Writer


def load_rows(path: Path, limit: int | None) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    rows = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if (row.get("text") or "").strip():
                rows.append(row)
            if limit and len(rows) >= limit:
                break
    return rows


def raw_spacy(stages: Stages, texts: list[str], batch_size: int) -> float:
    start = time.perf_counter()
    for _ in stages.nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def eventwire_run(stages: Stages, rows: list[dict[str, Any]], settings: Settings) -> tuple[float, dict[str, float]]:
    timing: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    articles: list[Article] = []
    for i, row in enumerate(rows):
        articles.append(from_row(row, input=f"row{i}"))
    timing["ingest"] = time.perf_counter() - t0
    conn = open_store(settings.db_path)
    batch: list[tuple[CodedArticle, None]] = []
    with Writer(conn) as writer:
        t = time.perf_counter()
        for item in nlp.parse(articles, settings):
            timing["parse"] += time.perf_counter() - t
            assert not isinstance(item, Exception)
            article, doc = item  # type: ignore[misc]
            if doc is None:
                coded = CodedArticle(article=article)
            else:
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
                coded = CodedArticle(article=article, sentences=sentences, actors=mentions, events=found,
                                     quotes=said)
                t = time.perf_counter()
                coded = tone.score(doc, coded, stages.tone)
                timing["tone"] += time.perf_counter() - t
            batch.append((coded, None))
            if len(batch) >= BATCH:
                t = time.perf_counter()
                writer.write_many(batch)
                batch = []
                timing["store"] += time.perf_counter() - t
            t = time.perf_counter()
        t = time.perf_counter()
        writer.write_many(batch)
        timing["store"] += time.perf_counter() - t
    conn.close()
    return time.perf_counter() - t0, dict(timing)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    rows = load_rows(args.corpus, args.limit)
    words = sum(len(r["text"].split()) for r in rows)
    settings = Settings.from_env(batch_size=args.batch_size)
    stages = Stages.load(settings)
    raw_times, ew_times, stage_runs = [], [], []
    for _ in range(args.repeat):
        raw_times.append(raw_spacy(stages, [r["text"] for r in rows], args.batch_size))
        with tempfile.TemporaryDirectory() as tmp:
            total, timing = eventwire_run(stages, rows, Settings.from_env(db_path=Path(tmp) / "b.duckdb",
                                                                          batch_size=args.batch_size))
        ew_times.append(total)
        stage_runs.append(timing)
    raw, ew = statistics.median(raw_times), statistics.median(ew_times)
    print(f"{len(rows)} articles, {words:,} words, {args.repeat} run(s), medians:")
    print(f"raw spaCy   {words / raw:8.0f} words/s  ({raw:.1f} s)")
    print(f"eventwire   {words / ew:8.0f} words/s  ({ew:.1f} s)   ratio eventwire/raw = {raw / ew:.2f}")
    mid = stage_runs[ew_times.index(ew)]
    print("eventwire stages: " + ", ".join(f"{k} {v:.1f}s ({100 * v / ew:.0f}%)" for k, v in mid.items()))
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
