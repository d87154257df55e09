"""CPU seconds, interleaved: raw spaCy against eventwire's parse (as it runs by default, with entities
recognised in every sentence, and with the memoised attributes off) and against eventwire's stages
after the parse, on the same articles, in one process.

    python benchmarks/parse_cpu.py ../shared/data/corpus/wikinews_2019_2020.jsonl [--limit 120] [--repeat 3]

Each round runs, one after the other: ``nlp.pipe`` of the stock pipeline (its own ``spacy.load``),
``eventwire.nlp.parse`` as the pipeline runs it (``fast_attrs`` on, entities only in the sentences the
stages use, ``eventwire.nlp.focus``), the same with entities in every sentence, the default with
``fast_attrs`` off, then ``from_row`` over the rows
(ingest) and the stages after the parse (``stage_loop.code_timed``) over the Docs of the fast parse.
``time.process_time`` (this process's CPU, so what other processes on a shared machine do counts far
less than in wall time). Prints every round and the medians; the store is not timed here
(``throughput.py`` does).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

import spacy
from spacy.tokens import Doc
from stage_loop import code_timed, load_rows

from eventwire import nlp
from eventwire.ingest.build import from_row
from eventwire.pipeline import Stages
from eventwire.records import Article, Reject
from eventwire.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    rows = load_rows(args.corpus, args.limit)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    fast = Settings.from_env(fast_attrs=True, batch_size=args.batch_size)
    every = Settings.from_env(fast_attrs=True, focus_ner=False, batch_size=args.batch_size)
    slow = Settings.from_env(fast_attrs=False, batch_size=args.batch_size)
    stages = Stages.load(fast)
    nlp.load(slow.spacy_model, False)
    raw = spacy.load(fast.spacy_model)

    def cpu_raw() -> float:
        t = time.process_time()
        for _ in raw.pipe(texts, batch_size=args.batch_size):
            pass
        return time.process_time() - t

    def cpu_ingest() -> tuple[float, list[Article]]:
        t = time.process_time()
        articles = [from_row(r, input=f"row{i}") for i, r in enumerate(rows)]
        return time.process_time() - t, articles

    def cpu_parse(settings: Settings, articles: list[Article]) -> tuple[float, list[tuple[Article, Doc]]]:
        t = time.process_time()
        out = [item for item in nlp.parse(articles, settings, stages.focus)
               if not isinstance(item, Reject) and item[1] is not None]
        return time.process_time() - t, out  # type: ignore[return-value]

    def cpu_stages(pairs: list[tuple[Article, Doc]]) -> float:
        timing: dict[str, float] = defaultdict(float)
        t = time.process_time()
        for article, doc in pairs:
            code_timed(article, doc, stages, timing)
        return time.process_time() - t

    # Warm-up: first batches, language identifier, gazetteer, lemmatizer caches.
    _, articles = cpu_ingest()
    cpu_raw()
    cpu_parse(slow, articles)
    cpu_stages(cpu_parse(fast, articles)[1])
    runs: dict[str, list[float]] = defaultdict(list)
    for i in range(args.repeat):
        runs["raw spaCy"].append(cpu_raw())
        t, pairs = cpu_parse(fast, articles)
        runs["eventwire parse, fast_attrs on"].append(t)
        runs["same, entities in every sentence"].append(cpu_parse(every, articles)[0])
        runs["eventwire parse, fast_attrs off"].append(cpu_parse(slow, articles)[0])
        runs["ingest (from_row)"].append(cpu_ingest()[0])
        runs["stages after the parse"].append(cpu_stages(pairs))
        print(f"round {i + 1}: " + ", ".join(f"{k} {v[-1]:.2f}" for k, v in runs.items()), flush=True)
    med = {k: statistics.median(v) for k, v in runs.items()}
    print(f"{len(rows)} articles, {words:,} words, medians of {args.repeat} (CPU s):")
    for k, v in med.items():
        print(f"  {k:32s} {v:6.2f}")
    ew = med["ingest (from_row)"] + med["eventwire parse, fast_attrs on"] + med["stages after the parse"]
    print(f"parse on/raw {med['eventwire parse, fast_attrs on'] / med['raw spaCy']:.3f}, "
          f"every sentence/raw {med['same, entities in every sentence'] / med['raw spaCy']:.3f}, "
          f"off/raw {med['eventwire parse, fast_attrs off'] / med['raw spaCy']:.3f}; "
          f"raw / (ingest + parse on + stages) = {med['raw spaCy'] / ew:.3f} (store not included)")


if __name__ == "__main__":
    main()
