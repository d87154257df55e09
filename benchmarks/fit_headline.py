"""Fit the text-dump headline cue weights (``headline_cues`` in ``ingest/data/boilerplate.yaml``).

    python benchmarks/fit_headline.py ../shared/data/gold/dump_dev.jsonl.gz [--folds 5] [--l2 0.3] [--write]

Each page's candidate lines and their cues are what the dump reader itself computes (the reader is
run unchanged; its calls to ``headline.pick`` are recorded). The fit is a listwise logistic model: per
page, a softmax over the candidates' weighted cue sums, the gold title's line(s) the target, with an L2
penalty so that rare cues do not get large weights. Printed: how many pages have the gold title among
the candidates, the k-fold cross-validated exact-match accuracy of the fitted weights (the figure to
expect on unseen pages), the accuracy of the weights now in the YAML, and the fitted weights rounded
to one decimal. ``--write`` replaces the ``headline_cues`` block of the YAML with them (review the
diff, then put back the comments that explain the cues).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from eventwire.ingest import headline, textdump

YAML = Path(textdump.__file__).parent / "data" / "boilerplate.yaml"
_QUOTES = re.compile(r"[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201f\u2039\u203a`\u00b4]")


def fold(title: str) -> str:
    """Titles compared as the scorer roughly does: quotes dropped, spaces squeezed, case folded."""
    title = unicodedata.normalize("NFC", _QUOTES.sub("", title or ""))
    return re.sub(r"\s+", " ", title).strip().casefold()


def collect(path: Path) -> tuple[list[str], list[np.ndarray], list[np.ndarray]]:
    """Cue names, and per page with a gold title: the candidates' cue matrix and which are the gold."""
    recorded: list[list[tuple[str, dict[str, float]]]] = []
    real_pick = headline.pick

    def recording_pick(lines: Sequence[Any], first: int, weights: Any) -> int | None:
        recorded.append([(lines[i].text, cues) for i, cues in headline.candidates(lines, first)])
        return real_pick(lines, first, weights)

    pages: list[tuple[str, list[tuple[str, dict[str, float]]]]] = []
    headline.pick = recording_pick  # type: ignore[assignment]
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                gold = (row.get("gold") or {}).get("title")
                if not gold:
                    continue
                recorded.clear()
                textdump.clean(row["text"])
                pages.append((fold(gold), recorded[-1] if recorded else []))
    finally:
        headline.pick = real_pick  # type: ignore[assignment]
    names = sorted({name for _, cands in pages for _, cues in cands for name in cues})
    xs = [np.array([[cues[n] for n in names] for _, cues in cands], dtype=float).reshape(len(cands), len(names))
          for _, cands in pages]
    ys = [np.array([fold(text) == gold for text, _ in cands], dtype=float) for gold, cands in pages]
    return names, xs, ys


def fit(xs: list[np.ndarray], ys: list[np.ndarray], pages: Sequence[int], l2: float, width: int) -> np.ndarray:
    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = l2 * float(w @ w), 2 * l2 * w
        for i in pages:
            x, y = xs[i], ys[i]
            if not y.any():
                continue  # nothing to learn from a page whose title is no candidate
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            gold = p * y
            total -= float(np.log(gold.sum()))
            grad = grad - (gold / gold.sum() - p) @ x
        return total, grad

    return np.asarray(minimize(loss, np.zeros(width), jac=True, method="L-BFGS-B").x)


def accuracy(xs: list[np.ndarray], ys: list[np.ndarray], pages: Sequence[int], w: np.ndarray) -> float:
    """Share of ``pages`` whose best-scoring candidate (above the reader's floor) is the gold title."""
    right = 0
    for i in pages:
        if len(ys[i]):
            s = xs[i] @ w
            right += bool(s.max() > headline.MIN_SCORE and ys[i][int(np.argmax(s))])
    return right / len(pages) if pages else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path, help="dump gold pages (JSONL.gz with text and gold.title)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=0, help="shuffles the pages into folds")
    ap.add_argument("--write", action="store_true", help="write the fitted weights into the YAML")
    ap.add_argument("--drop", nargs="*", default=[], help="cues left out (an ablation: is a cue worth keeping?)")
    args = ap.parse_args()

    names, xs, ys = collect(args.gold)
    if args.drop:
        keep = [j for j, name in enumerate(names) if name not in args.drop]
        names, xs = [names[j] for j in keep], [x[:, keep] for x in xs]
    n = len(xs)
    print(f"{n} pages with a gold title; gold among the candidates on {sum(bool(y.any()) for y in ys)}")
    order = list(range(n))
    random.Random(args.seed).shuffle(order)
    folds = [order[k :: args.folds] for k in range(args.folds)]
    scores: list[float] = []
    for k, held in enumerate(folds):
        train = [i for j, f in enumerate(folds) if j != k for i in f]
        scores.append(accuracy(xs, ys, held, fit(xs, ys, train, args.l2, len(names))))
    print(f"{args.folds}-fold cross-validated accuracy {np.mean(scores):.3f} "
          f"(folds: {', '.join(f'{s:.3f}' for s in scores)})")
    current = textdump.default_rules().headline_cues
    now = np.array([current.get(name, 0.0) for name in names])
    print(f"weights in the YAML now: accuracy {accuracy(xs, ys, range(n), now):.3f} on all pages")
    w = np.round(fit(xs, ys, range(n), args.l2, len(names)), 1)
    print(f"fitted on all pages, rounded: accuracy {accuracy(xs, ys, range(n), w):.3f}")
    fitted = sorted(((name, float(v)) for name, v in zip(names, w, strict=True) if v), key=lambda t: -abs(t[1]))
    for name, v in fitted:
        print(f"  {name}: {v}")
    if args.write:
        text = YAML.read_text(encoding="utf-8")
        at = text.index("\nheadline_cues:") + 1
        end = re.search(r"^\S", text[at + len("headline_cues:\n"):], re.M)
        rest = text[at + len("headline_cues:\n") + end.start():] if end else ""
        block = "headline_cues:\n" + "".join(f"  {name}: {v}\n" for name, v in fitted)
        YAML.write_text(text[:at] + block + rest, encoding="utf-8")
        print(f"wrote {len(fitted)} weights to {YAML}")


if __name__ == "__main__":
    main()
