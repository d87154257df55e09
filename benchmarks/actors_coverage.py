"""Actor mentions per second, and how many of spaCy's GPE/NORP/ORG/PERSON entities resolve.

    python benchmarks/actors_coverage.py ../shared/data/corpus/wikinews_2019_2020.jsonl [--sample 50]

Parses every article once, times the actors stage alone, and prints mentions/s, the share of named
entities covered by a resolved mention, and ``--sample`` unresolved entities (seeded) to read.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

from eventwire import actors
from eventwire.ingest.build import from_row
from eventwire.pipeline import Stages
from eventwire.settings import Settings

LABELS = ("GPE", "NORP", "ORG", "PERSON")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--sample", type=int, default=50)
    args = ap.parse_args()
    settings = Settings.from_env()
    stages = Stages.load(settings)
    rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    arts = [from_row(r, input=str(i)) for i, r in enumerate(rows) if (r.get("text") or "").strip()]
    docs = list(stages.nlp.pipe([a.text for a in arts], batch_size=32))
    n_mentions, spent = 0, 0.0
    by_label: Counter[str] = Counter()
    resolved_by_label: Counter[str] = Counter()
    unresolved: list[tuple[str, str, str]] = []
    for art, doc in zip(arts, docs, strict=True):
        start = time.perf_counter()
        mentions = actors.find(doc, art, stages.kb, stages.nlp)
        spent += time.perf_counter() - start
        n_mentions += len(mentions)
        spans = [(m.start, m.end) for m in mentions if m.actor.resolved]
        for ent in doc.ents:
            if ent.label_ not in LABELS:
                continue
            by_label[ent.label_] += 1
            if any(s < ent.end_char and ent.start_char < e for s, e in spans):
                resolved_by_label[ent.label_] += 1
            else:
                unresolved.append((ent.label_, ent.text, ent.sent.text[:100].replace("\n", " ")))
    total, ok = sum(by_label.values()), sum(resolved_by_label.values())
    print(f"{len(arts)} articles: {n_mentions} mentions in {spent:.1f} s of the actors stage "
          f"= {n_mentions / spent:.0f} mentions/s")
    print(f"named entities {', '.join(LABELS)}: {ok}/{total} = {ok / total:.3f} resolved")
    for label in LABELS:
        print(f"  {label:7} {resolved_by_label[label]}/{by_label[label]} = "
              f"{resolved_by_label[label] / max(1, by_label[label]):.3f}")
    print(f"\n{args.sample} unresolved entities (seeded sample):")
    for label, text, sent in random.Random(1).sample(unresolved, min(args.sample, len(unresolved))):
        print(f"  {label:7} {text!r:40} | {sent}")


if __name__ == "__main__":
    main()
