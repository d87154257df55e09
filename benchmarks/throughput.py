"""Throughput: raw spaCy against eventwire end to end, on the same articles, in one process.

    python benchmarks/throughput.py ../shared/data/corpus/wikinews_2019_2020.jsonl [--limit N] [--repeat 3]
    python benchmarks/throughput.py ../shared/data/corpus/reuters21578.jsonl.gz --limit 2000
    python benchmarks/throughput.py ../shared/data/corpus/wikinews_2019_2020.jsonl --n-process 2

1. raw spaCy: ``nlp.pipe`` over the article texts with the full pipeline as shipped (its own
   ``spacy.load``, not eventwire's copy with the paragraph component and the memoised
   ``attribute_ruler`` + ``lemmatizer``), in this process;
2. eventwire: read the JSONL -> clean -> parse -> actors -> quotes -> events -> tone -> store (a temporary
   DuckDB file), with the time of each stage (``stage_loop.code_timed``). ``--n-process N`` parses in N
   processes (``Settings.n_process``); raw spaCy is then also run with N processes, so that the ratio
   against it can be given next to the ratio against the single-process run.
Prints words/s for both and their ratio, the CPU seconds of this process for each (steadier than wall
time on a shared machine; with ``--n-process`` > 1 the children's CPU is not in it), and the peak RSS.
``--repeat`` runs both that many times, interleaved, and reports the median (machine noise: other
processes share the cores). With more than one process, "parse" is the time spent waiting for Docs
and the other stages overlap the parse.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from stage_loop import code_timed, load_rows

from eventwire import nlp
from eventwire.engines.local import BATCH
from eventwire.ingest.build import from_row
from eventwire.pipeline import Stages
from eventwire.records import Article, CodedArticle
from eventwire.settings import Settings
from eventwire.store import open_store
from eventwire.store.writer import Writer


def raw_spacy(raw: Language, texts: list[str], batch_size: int, n_process: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds of ``raw.pipe`` over ``texts``."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in raw.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def eventwire_run(stages: Stages, rows: list[dict[str, Any]], settings: Settings
                  ) -> tuple[float, float, dict[str, float]]:
    """Wall and CPU seconds of the whole run, and the wall seconds of each stage."""
    timing: dict[str, float] = defaultdict(float)
    t0, cpu0 = time.perf_counter(), time.process_time()
    articles: list[Article] = []
    for i, row in enumerate(rows):
        articles.append(from_row(row, input=f"row{i}"))
    timing["ingest"] = time.perf_counter() - t0
    conn = open_store(settings.db_path)
    batch: list[tuple[CodedArticle, None]] = []
    with Writer(conn) as writer:
        t = time.perf_counter()
        # Transient Docs, as pipeline.code_articles parses: each is coded before the next is asked for.
        for item in nlp.parse(articles, settings, stages.focus, transient=True):
            timing["parse"] += time.perf_counter() - t
            assert not isinstance(item, Exception)
            article, doc = item  # type: ignore[misc]
            coded = CodedArticle(article=article) if doc is None else code_timed(article, doc, stages, timing)
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
    return time.perf_counter() - t0, time.process_time() - cpu0, dict(timing)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--n-process", type=int, default=1, help="Parse processes for eventwire (and a second raw run).")
    args = ap.parse_args()
    rows = load_rows(args.corpus, args.limit)
    words = sum(len(r["text"].split()) for r in rows)
    settings = Settings.from_env(batch_size=args.batch_size, n_process=args.n_process)
    stages = Stages.load(settings)
    stock = spacy.load(settings.spacy_model)
    texts = [r["text"] for r in rows]
    # Warm-up of both sides: spaCy's first batch is slow, and eventwire loads the language identifier
    # and the gazetteer on first use.
    raw_spacy(stock, texts[:8], args.batch_size)
    with tempfile.TemporaryDirectory() as tmp:
        eventwire_run(stages, rows[:8], Settings.from_env(db_path=Path(tmp) / "w.duckdb"))
    raw_times, raw_n_times, ew_times, raw_cpu, ew_cpu, stage_runs = [], [], [], [], [], []
    for _ in range(args.repeat):
        wall, cpu = raw_spacy(stock, texts, args.batch_size)
        raw_times.append(wall)
        raw_cpu.append(cpu)
        if args.n_process > 1:
            raw_n_times.append(raw_spacy(stock, texts, args.batch_size, args.n_process)[0])
        with tempfile.TemporaryDirectory() as tmp:
            total, cpu, timing = eventwire_run(stages, rows, Settings.from_env(
                db_path=Path(tmp) / "b.duckdb", batch_size=args.batch_size, n_process=args.n_process))
        ew_times.append(total)
        ew_cpu.append(cpu)
        stage_runs.append(timing)
    raw, ew = statistics.median(raw_times), statistics.median(ew_times)
    print(f"{len(rows)} articles, {words:,} words, {args.repeat} run(s), medians "
          f"(runs: raw {', '.join(f'{t:.1f}' for t in raw_times)} s; "
          f"eventwire {', '.join(f'{t:.1f}' for t in ew_times)} s); load average {os.getloadavg()[0]:.1f}:")
    print(f"raw spaCy   {words / raw:8.0f} words/s  ({raw:.1f} s, 1 process)")
    if raw_n_times:
        raw_n = statistics.median(raw_n_times)
        print(f"raw spaCy   {words / raw_n:8.0f} words/s  ({raw_n:.1f} s, {args.n_process} processes)")
    print(f"eventwire   {words / ew:8.0f} words/s  ({ew:.1f} s, {args.n_process} parse process(es))   "
          f"ratio eventwire/raw = {raw / ew:.2f}"
          + (f", against raw with {args.n_process} processes {raw_n / ew:.2f}" if raw_n_times else ""))
    # The load of a shared machine drifts between runs; a raw run and the eventwire run right after it
    # see much the same load, so the median of the per-run ratios is the steadier figure.
    pairs = [r / e for r, e in zip(raw_times, ew_times, strict=True)]
    print(f"per-run ratios eventwire/raw: {', '.join(f'{x:.2f}' for x in pairs)}; "
          f"median {statistics.median(pairs):.2f}")
    cpu_pairs = [r / e for r, e in zip(raw_cpu, ew_cpu, strict=True)]
    print(f"CPU seconds: raw {', '.join(f'{t:.1f}' for t in raw_cpu)}; "
          f"eventwire {', '.join(f'{t:.1f}' for t in ew_cpu)}"
          f"; ratios {', '.join(f'{x:.2f}' for x in cpu_pairs)}; median {statistics.median(cpu_pairs):.2f}"
          f"  (eventwire fast_attrs={settings.fast_attrs}, pipes {stages.nlp.pipe_names})")
    mid = stage_runs[ew_times.index(ew)]
    print("eventwire stages: " + ", ".join(f"{k} {v:.1f}s ({100 * v / ew:.0f}%)" for k, v in mid.items()))
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
