"""A sha256 per table of an eventwire store, over its rows sorted, without the columns that differ from
run to run (run ids, timestamps): two ingests of the same input with the same output print the same
lines. For checking that a change (e.g. to memory use) leaves a store's contents as they were.

    PYTHONPATH=src python benchmarks/store_digest.py STORE.duckdb [OTHER.duckdb]

With two stores, prints both and says whether every table is equal (exit status 1 if not).
"""

from __future__ import annotations

import hashlib
import sys

import duckdb

# Columns that hold a run's id or a wall-clock time; everything else must be equal.
VOLATILE = {"run_id", "stored", "rejected_at", "id@runs", "started@runs", "finished@runs", "args@runs",
            "applied@schema_version"}


def digests(path: str) -> dict[str, str]:
    """{table: "rows sha256"} for every table of the store at ``path``."""
    conn = duckdb.connect(path, read_only=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        out = {}
        for table in tables:
            cols = [r[0] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table]).fetchall()]
            kept = [c for c in cols if c not in VOLATILE and f"{c}@{table}" not in VOLATILE]
            select = ", ".join(f'"{c}"' for c in kept)
            rows = conn.execute(f'SELECT {select} FROM "{table}"').fetchall()
            h = hashlib.sha256()
            for line in sorted(repr(r) for r in rows):
                h.update(line.encode())
                h.update(b"\n")
            out[table] = f"{len(rows)} {h.hexdigest()}"
        return out
    finally:
        conn.close()


def main() -> None:
    stores = sys.argv[1:]
    if not 1 <= len(stores) <= 2:
        sys.exit(__doc__)
    found = [digests(s) for s in stores]
    for table in sorted(set().union(*found)):
        print(table, *(d.get(table, "-") for d in found))
    if len(found) == 2:
        same = found[0] == found[1]
        print("same" if same else "DIFFERENT")
        sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
