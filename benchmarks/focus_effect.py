"""What recognising entities only in the sentences the stages use (``eventwire.nlp.focus``) changes in
the output: the pipeline runs twice over the same articles, with ``focus_ner`` on and off, and the
events, quotations and actor mentions are compared.

    python benchmarks/focus_effect.py ../shared/data/corpus/wikinews_2019_2020.jsonl [--limit N]

An event is compared by (trigger offset, type, actor codes, recipient codes), a quotation by (span,
speaker text, speaker code), a mention by (span, code). Also prints how many tokens the recogniser
read. The dev gold sets give the accuracy side (``score.py events`` etc. with ``EVENTWIRE_FOCUS_NER``
set to 0 and to 1).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np
from spacy.tokens import Doc
from stage_loop import load_rows

from eventwire import nlp, pipeline
from eventwire.ingest.build import from_row
from eventwire.nlp import focus
from eventwire.records import CodedArticle, Event
from eventwire.settings import Settings


def _event_key(e: Event) -> tuple[object, ...]:
    return (e.start, e.event_type, tuple(sorted(m.actor.code or "" for m in e.actor)),
            tuple(sorted(m.actor.code or "" for m in e.recipient)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    rows = load_rows(args.corpus, args.limit)
    articles = [from_row(r, input=f"row{i}") for i, r in enumerate(rows)]
    on = Settings.from_env(focus_ner=True)
    stages = pipeline.Stages.load(on)
    runs: list[list[CodedArticle]] = []
    for settings in (on, replace(on, focus_ner=False)):
        runs.append([c for c in pipeline.code_articles(articles, settings, stages) if isinstance(c, CodedArticle)])
    counts = {"events": [0, 0, 0], "quotes": [0, 0, 0], "mentions": [0, 0, 0], "codes": [0, 0, 0]}
    for focused, full in zip(*runs, strict=True):
        sets = {
            "events": [{_event_key(e) for e in c.events} for c in (focused, full)],
            "quotes": [{(q.start, q.end, q.speaker.text if q.speaker else None,
                         q.speaker.actor.code if q.speaker else None) for q in c.quotes} for c in (focused, full)],
            "mentions": [{(m.start, m.end, m.actor.code) for m in c.actors} for c in (focused, full)],
            "codes": [{m.actor.code for m in c.actors if m.actor.code} for c in (focused, full)],
        }
        for name, (a, b) in sets.items():
            counts[name][0] += len(a)
            counts[name][1] += len(b)
            counts[name][2] += len(a & b)
    kept = total = 0

    def counting(doc: Doc) -> np.ndarray:
        nonlocal kept, total
        mask = stages.focus(doc)
        kept += len(focus.kept_tokens(doc, mask))
        total += len(doc)
        return mask

    for _ in nlp.parse(articles, on, counting):
        pass
    print(f"{len(runs[0])} articles; entity recogniser read {kept:,} of {total:,} tokens ({kept / max(total, 1):.0%})")
    for name, (a, b, same) in counts.items():
        label = "distinct actor codes per article, summed" if name == "codes" else name
        print(f"  {label:42s} focused {a:6d}  every sentence {b:6d}  in both {same:6d}")


if __name__ == "__main__":
    main()
