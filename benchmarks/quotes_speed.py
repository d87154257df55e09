"""Quotes per second, and the share of the tone stage, on a JSONL corpus.

    python benchmarks/quotes_speed.py ../shared/data/corpus/wikinews_2019_2020.jsonl [--limit 200] [--repeat 3]

1. end to end: ``pipeline.code_articles`` over the articles (parse, actors, quotes, events, tone; no
   store), quotes found per second of that run;
2. the stages alone, over documents parsed beforehand: the time in ``quotes.find`` (quotes per
   second of quotes-stage time) and in ``tone.score``, next to the other stages. The stage loop is run
   ``--repeat`` times over the same parsed documents and the median of each stage is reported
   (other processes share the cores).
Statements are quotes that are not scare quotes ("hot phase"); both counts are printed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from spacy.tokens import Doc
from stage_loop import code_timed, load_rows

from eventwire import nlp, pipeline
from eventwire.ingest.build import from_row
from eventwire.pipeline import Stages
from eventwire.records import Article, CodedArticle, Reject
from eventwire.settings import Settings


def load_articles(path: Path, limit: int) -> list[Article]:
    return [from_row(row, input=f"{path.name}#{i + 1}") for i, row in enumerate(load_rows(path, limit))]


def end_to_end(articles: list[Article], settings: Settings, stages: Stages) -> tuple[float, int, int]:
    """Seconds, statements and all quotes for the whole pipeline."""
    t0 = time.perf_counter()
    coded = [c for c in pipeline.code_articles(articles, settings, stages) if isinstance(c, CodedArticle)]
    seconds = time.perf_counter() - t0
    return seconds, sum(1 for c in coded for q in c.quotes if not q.scare), sum(len(c.quotes) for c in coded)


def stages_alone(parsed: list[tuple[Article, Doc]], stages: Stages) -> tuple[dict[str, float], int, int]:
    """Seconds per stage over parsed documents, and the statements and quotes found."""
    timing: dict[str, float] = defaultdict(float)
    statements = found = 0
    for article, doc in parsed:
        coded = code_timed(article, doc, stages, timing)
        statements += sum(1 for q in coded.quotes if not q.scare)
        found += len(coded.quotes)
    return dict(timing), statements, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    settings = Settings.from_env()
    t = time.perf_counter()
    stages = Stages.load(settings)
    load_s = time.perf_counter() - t
    articles = load_articles(args.corpus, args.limit)
    words = sum(len(a.text.split()) for a in articles)

    end_to_end(articles[:1], settings, stages)  # warm-up: spaCy's first batch is slow
    e2e_s, e2e_statements, e2e_quotes = end_to_end(articles, settings, stages)

    t = time.perf_counter()
    parsed = [(item[0], item[1]) for item in nlp.parse(articles, settings)
              if not isinstance(item, Reject) and item[1] is not None]
    parse_s = time.perf_counter() - t
    runs = [stages_alone(parsed, stages) for _ in range(args.repeat)]
    statements, found = runs[0][1], runs[0][2]
    median = {k: statistics.median(r[0][k] for r in runs) for k in runs[0][0]}
    staged_total = parse_s + sum(median.values())

    print(f"{len(articles)} articles ({len(parsed)} parsed as English), {words:,} words; "
          f"stages loaded in {load_s:.1f} s")
    print(f"end to end (pipeline.code_articles, no store): {e2e_s:.1f} s, {e2e_statements} statements "
          f"({e2e_quotes} with scare quotes): {e2e_statements / e2e_s:.1f} statements/s, "
          f"{len(articles) / e2e_s:.2f} articles/s")
    q = median["quotes"]
    print(f"quotes stage alone (quotes.find over parsed docs, median of {args.repeat}): {q:.2f} s, "
          f"{statements} statements ({found} with scare quotes): {statements / q:.0f} statements/s, "
          f"{found / q:.0f} quotes/s, {len(parsed) / q:.0f} articles/s, {words / q:,.0f} words/s")
    print(f"stages (parse once, others median of {args.repeat}): parse {parse_s:.1f}s "
          f"({100 * parse_s / staged_total:.1f}%), "
          + ", ".join(f"{k} {v:.2f}s ({100 * v / staged_total:.1f}%)" for k, v in median.items()))
    print(f"tone stage: {median['tone']:.3f} s = {100 * median['tone'] / staged_total:.2f}% of the staged run, "
          f"{words / median['tone']:,.0f} words/s")


if __name__ == "__main__":
    main()
