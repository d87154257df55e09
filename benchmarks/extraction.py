"""Page extraction: eventwire's HTML and text-dump readers against trafilatura's defaults.

    python benchmarks/extraction.py --extract ../shared/data/gold/extract_dev.jsonl.gz \
        --dump ../shared/data/gold/dump_dev.jsonl.gz --scorer ../shared/tools/score.py [--repeat 3] \
        [--readers dump]

Writes prediction files to a temporary folder, scores them with the shared scorer, and prints one
table: body F1 (the scorer's headline), title and date accuracy, and pages/s (median of --repeat
runs, single process). Bad pages count as empty predictions, as they would for a user.
``--readers`` runs only some of them (``html``, ``trafilatura``, ``dump``; default all): the text-dump
reader alone takes seconds, the HTML readers minutes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import trafilatura

from eventwire.errors import InputError
from eventwire.ingest.build import from_row


def load(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def ours(row: dict[str, Any]) -> dict[str, Any]:
    try:
        a = from_row({k: row.get(k) for k in ("id", "text", "html", "url")}, input=str(row["id"]))
    except InputError:
        return {}
    return {"text": a.text, "title": a.title, "published": a.published.isoformat() if a.published else None}


def trafilatura_default(row: dict[str, Any]) -> dict[str, Any]:
    doc = trafilatura.bare_extraction(row["html"], url=row.get("url"), with_metadata=True)
    if doc is None:
        return {}
    d = doc if isinstance(doc, dict) else doc.as_dict()
    return {"text": d.get("text") or "", "title": d.get("title"), "published": d.get("date")}


def run(rows: list[dict[str, Any]], fn: Callable[[dict[str, Any]], dict[str, Any]], out: Path,
        repeat: int) -> float:
    """Write predictions; return the median pages/s over ``repeat`` passes."""
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        preds = [{"id": r["id"], "article": fn(r)} for r in rows]
        rates.append(len(rows) / (time.perf_counter() - start))
    with out.open("w", encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    return statistics.median(rates)


def score(scorer: Path, kind: str, gold: Path, pred: Path) -> dict[str, str]:
    res = subprocess.run([sys.executable, str(scorer), kind, str(gold), str(pred)], capture_output=True,
                         text=True, check=True)
    lines = res.stdout.strip().splitlines()
    metrics = {}
    for line in lines:
        for label in ("snippet F1", "snippet precision", "snippet recall", "title exact", "date"):
            if line.startswith(label):
                metrics[label] = line.split()[-1]
    metrics["SCORE"] = lines[-1]
    return metrics


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--extract", type=Path, required=True)
    ap.add_argument("--dump", type=Path, required=True)
    ap.add_argument("--scorer", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--readers", nargs="+", choices=("html", "trafilatura", "dump"),
                    default=["html", "trafilatura", "dump"])
    args = ap.parse_args()
    html_rows, dump_rows = load(args.extract), load(args.dump)
    tmp = Path(tempfile.mkdtemp(prefix="eventwire-bench-"))
    table = []
    for reader, name, rows, fn, kind, gold in (
        ("html", "eventwire html", html_rows, ours, "extract", args.extract),
        ("trafilatura", "trafilatura defaults", html_rows, trafilatura_default, "extract", args.extract),
        ("dump", "eventwire text dump", dump_rows, ours, "dump", args.dump),
    ):
        if reader not in args.readers:
            continue
        out = tmp / (name.replace(" ", "_") + ".jsonl")
        rate = run(rows, fn, out, args.repeat)
        table.append((name, len(rows), rate, score(args.scorer, kind, gold, out)))
    print(f"{'reader':22} {'pages':>6} {'pages/s':>8}  metrics")
    for name, n, rate, m in table:
        shown = ", ".join(f"{k}={v}" for k, v in m.items() if k != "SCORE")
        print(f"{name:22} {n:6d} {rate:8.1f}  {shown}   [{m['SCORE']}]")


if __name__ == "__main__":
    main()
