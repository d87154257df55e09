"""Memory and lookup time of the near-duplicate index: in memory (``dedup.NearDuplicates``, what the
local engine loaded at every start before schema 4) against the store's band table (``store.bands``,
what it looks up now), over N stored synthetic signatures.

    PYTHONPATH=src python benchmarks/dedup_memory.py [--sizes 2000 20000 100000] [--queries 640]

For each N, in fresh processes (so that one measurement's memory does not stay in the next's):

* ``memory``: a ``NearDuplicates`` holding N random signatures; RSS growth per stored article, CPU
  time per ``first_copy`` lookup;
* ``build``: a DuckDB store with N articles (id and content hash only) and their signatures, its
  band table filled by ``bands.prepare`` (the back-fill an older store gets; its CPU time is printed);
* ``store``: the engine's lookups over that store, ``LOOKUP`` articles per opening of the store, as
  ``engines.local`` does them (content hashes, band join, candidate signatures, ``dedup.matches``);
  RSS growth while the store is open (sampled after each lookup; DuckDB's memory included), after it
  is closed, and while one article is written (for comparison), and CPU time per article.

Queries are half near-copies of stored signatures (a quarter of their values changed), half new
ones; both indexes must find the same first copies (checked). Random signatures are fine for the
scaling: what is measured is the cost per stored article, not the quality of the hashing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

NUM_PERM = 128


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _stored(n: int) -> np.ndarray:
    return np.random.default_rng(0).integers(0, 2**32, size=(n, NUM_PERM), dtype=np.uint64).astype(np.uint32)


def _queries(stored: np.ndarray, q: int) -> np.ndarray:
    rng = np.random.default_rng(1)
    out = rng.integers(0, 2**32, size=(q, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    for i in range(0, q, 2):
        out[i] = stored[rng.integers(0, len(stored))]
        changed = rng.choice(NUM_PERM, size=NUM_PERM // 4, replace=False)
        out[i, changed] = rng.integers(0, 2**32, size=len(changed), dtype=np.uint64).astype(np.uint32)
    return out


def run_memory(n: int, q: int) -> dict[str, float]:
    from eventwire.ingest import dedup

    stored, queries = _stored(n), _queries(_stored(n), q)
    dedup.NearDuplicates(0.7)  # imports (datasketch, SciPy) before the baseline
    base = _rss_mb()
    index = dedup.NearDuplicates(0.7)
    for i, sig in enumerate(stored):
        index.add(f"s{i:09d}", sig)
    grown = _rss_mb() - base
    cpu = time.process_time()
    found = [index.first_copy(f"q{i:09d}", sig) for i, sig in enumerate(queries)]
    per = (time.process_time() - cpu) / q
    return {"rss_mb": grown, "kb_per_article": grown * 1e3 / n, "ms_per_lookup": per * 1e3,
            "found": [f for f in found if f]}  # type: ignore[dict-item]


def run_build(n: int, db: str) -> dict[str, float]:
    import pandas as pd

    from eventwire.store import bands, open_store

    conn = open_store(db)
    conn.execute("INSERT INTO articles (id, text, content_hash, stored) SELECT printf('s%09d', i), '', "
                 "sha256(i::VARCHAR), now() FROM range(?) t(i)", [n])
    stored = _stored(n)
    step = 20_000
    for lo in range(0, n, step):
        frame = pd.DataFrame({"article_id": [f"s{i:09d}" for i in range(lo, min(n, lo + step))],
                              "sig": [row.tolist() for row in stored[lo : lo + step]]})
        conn.register("_frame", frame)
        conn.execute("INSERT INTO minhashes SELECT * FROM _frame")
        conn.unregister("_frame")
    cpu = time.process_time()
    bands.prepare(conn, 14, 9)
    backfill = time.process_time() - cpu
    conn.close()
    return {"backfill_cpu_s": backfill, "store_mb": os.path.getsize(db) / 1e6}


def run_store(n: int, q: int, db: str, lookup: int) -> dict[str, float]:
    from eventwire.engines.local import LOOKUP
    from eventwire.ingest import dedup
    from eventwire.store import bands, open_store

    lookup = lookup or LOOKUP
    queries = _queries(_stored(n), q)  # (the stored matrix is freed again; RSS is sampled, not ru_maxrss)
    # A first lookup before the baseline: imports (pandas), DuckDB's first allocations.
    conn = open_store(db)
    bands.candidates(conn, dedup.band_keys(queries[:1], *dedup.banding(0.7)))
    conn.close()
    base = _rss_mb()
    peak = 0.0
    found: list[str] = []
    cpu = time.process_time()
    for lo in range(0, q, lookup):
        conn = open_store(db)
        chunk = queries[lo : lo + lookup]
        bands.stored_hashes(conn, [f"h{lo + i}" for i in range(len(chunk))])
        cands = bands.candidates(conn, dedup.band_keys(chunk, 14, 9))
        peak = max(peak, _rss_mb() - base)  # while the store is open: DuckDB's memory included
        conn.close()
        for sig, cs in zip(chunk, cands, strict=True):
            first = next((a for a, other in cs if dedup.matches(sig, other, 0.7)), None)
            if first:
                found.append(first)
    per = (time.process_time() - cpu) / q
    after = _rss_mb() - base
    # For comparison: what writing one article costs; DuckDB loads the articles and minhashes tables'
    # key indexes (ART, kept whole in memory) to check them, lookups or not.
    conn = open_store(db)
    new = f"new{time.time_ns()}"
    conn.execute("INSERT INTO articles (id, text, content_hash, stored) VALUES (?, '', ?, now())", [new, new])
    conn.execute("INSERT INTO minhashes VALUES (?, ?)", [new, queries[1].tolist()])
    write_peak = _rss_mb() - base
    conn.close()
    return {"peak_rss_growth_mb": peak, "rss_after_mb": after, "ms_per_lookup": per * 1e3,
            "write_peak_mb": write_peak, "found": found}  # type: ignore[dict-item]


def _child(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 100000])
    ap.add_argument("--queries", type=int, default=640)
    ap.add_argument("--lookup", type=int, default=0, help="articles per store lookup (default: engines.local.LOOKUP)")
    ap.add_argument("--store-only", action="store_true", help="skip the in-memory index (for N in millions)")
    ap.add_argument("--child", nargs="+")
    args = ap.parse_args()
    if args.child:
        kind, n = args.child[0], int(args.child[1])
        if kind == "memory":
            res = run_memory(n, args.queries)
        elif kind == "build":
            res = run_build(n, args.child[2])
        else:
            res = run_store(n, args.queries, args.child[2], args.lookup)
        print(json.dumps(res))
        return
    print(f"# {' '.join(sys.argv)}; load average {os.getloadavg()[0]:.2f}; {args.queries} lookups, "
          "half near-copies")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            db = str(Path(tmp) / f"s{n}.duckdb")
            mem = ({"rss_mb": float("nan"), "kb_per_article": float("nan"), "ms_per_lookup": float("nan"),
                    "found": None} if args.store_only else _child("memory", str(n), f"--queries={args.queries}"))
            built = _child("build", str(n), db)
            st = _child("store", str(n), db, f"--queries={args.queries}", f"--lookup={args.lookup}")
            old_found, new_found = mem.pop("found"), st.pop("found")
            same = "n/a" if old_found is None else old_found == new_found
            print(f"N={n:>7}  in memory: +{mem['rss_mb']:7.1f} MB ({mem['kb_per_article']:.2f} KB/article), "
                  f"{mem['ms_per_lookup']:.3f} ms/lookup | store: peak +{st['peak_rss_growth_mb']:6.1f} MB, "
                  f"after +{st['rss_after_mb']:5.1f} MB, {st['ms_per_lookup']:.3f} ms/lookup, one write: peak "
                  f"+{st['write_peak_mb']:5.1f} MB | "
                  f"back-fill {built['backfill_cpu_s']:.1f} s CPU, store {built['store_mb']:.0f} MB | "
                  f"same first copies: {same}")


if __name__ == "__main__":
    main()
