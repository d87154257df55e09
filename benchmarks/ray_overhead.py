"""CPU cost of the Ray engine next to the local engine, on the same articles, and whether they agree.

    python benchmarks/ray_overhead.py /path/to/articles.jsonl --limit 200 [--cpus 2] [-o results/ray_overhead.txt]

The first ``--limit`` lines of the JSONL file are split into files of ``--per-file`` articles in a
temporary folder (so both engines read a folder, and Ray spreads the reading too). Then:

* local: one process; the stages are loaded first (timed apart), then ``engines.local.ingest`` is
  timed with ``time.process_time`` (reading, coding, storing, clustering);
* ray: a local Ray instance with ``--cpus`` CPUs; each worker call measures its own
  ``time.process_time`` delta (reading, coding, writing Parquet), stage loading is measured once per
  worker, and the worker processes' whole CPU time (Ray's own threads included) is reported too.

CPU seconds per article are compared (Ray over local), with and without the one-off model loads.
The Ray dataset is then attached to a store and compared row by row with the local store (every
table, cluster ids included). Ray's own daemons (raylet, GCS) are not counted.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from eventwire import pipeline
from eventwire.engines import local
from eventwire.engines import ray as ray_engine
from eventwire.settings import Settings
from eventwire.store import open_store, parquet

COMPARE = {
    "articles": "SELECT * EXCLUDE (run_id, stored) FROM articles ORDER BY id",
    "sentences": "SELECT * FROM sentences ORDER BY article_id, idx",
    "mentions": "SELECT * FROM mentions ORDER BY article_id, start",
    "events": "SELECT * FROM events ORDER BY id",
    "event_actors": "SELECT * FROM event_actors ORDER BY event_id, role, position",
    "quotes": "SELECT * FROM quotes ORDER BY id",
    "minhashes": "SELECT * FROM minhashes ORDER BY article_id",
    "rejects": "SELECT input, ref, stage, reason FROM rejects ORDER BY input",
}


def split(source: Path, limit: int, per_file: int, folder: Path) -> int:
    lines = []
    with source.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                lines.append(line)
            if len(lines) >= limit:
                break
    for i in range(0, len(lines), per_file):
        (folder / f"part-{i // per_file:04d}.jsonl").write_text("".join(lines[i : i + per_file]), "utf-8")
    return len(lines)


def differences(a: duckdb.DuckDBPyConnection, b: duckdb.DuckDBPyConnection) -> list[str]:
    return [table for table, sql in COMPARE.items() if a.execute(sql).fetchall() != b.execute(sql).fetchall()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", type=Path, help="JSONL articles (one per line)")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--per-file", type=int, default=10)
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("-o", "--output", type=Path, help="also write the report here")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    import ray

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        n = split(args.input, args.limit, args.per_file, folder)
        settings = Settings.from_env(db_path=Path(tmp) / "local.duckdb")

        clock, wall = time.process_time(), time.perf_counter()
        stages = pipeline.Stages.load(settings)
        local_load = time.process_time() - clock
        clock = time.process_time()
        counts = local.ingest([str(folder)], settings, stages=stages)
        local_cpu, local_wall = time.process_time() - clock, time.perf_counter() - wall

        ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
        try:
            wall = time.perf_counter()
            result = ray_engine.ingest([str(folder)], settings, str(Path(tmp) / "dataset"))
            ray_wall = time.perf_counter() - wall
        finally:
            ray.shutdown()

        attached = open_store(":memory:")
        parquet.attach(attached, str(Path(tmp) / "dataset"))
        store = duckdb.connect(str(settings.db_path), read_only=True)
        differ = differences(store, attached)
        store.close()

    articles = counts["articles"]
    cpu = result.cpu
    kinds = ("read", "code", "store", "write")
    work = sum(cpu[kind] for kind in kinds)
    thread = sum(cpu.get(f"{kind}_thread", 0.0) for kind in kinds)
    lines = [
        f"command: python benchmarks/ray_overhead.py {args.input.name} --limit {args.limit} "
        f"--per-file {args.per_file} --cpus {args.cpus}",
        f"input: first {n} lines of {args.input.name}, {articles} articles stored "
        f"({counts.get('near_duplicates', 0)} near-duplicates, {counts.get('skipped', 0)} skipped), "
        f"{counts.get('events', 0)} events",
        f"local, 1 process: {local_cpu:.1f} CPU s = {local_cpu / articles * 1000:.0f} ms/article "
        f"(+ {local_load:.1f} s loading the stages once); wall {local_wall:.1f} s",
        f"ray, {result.workers} workers: {work:.1f} CPU s in worker calls = {work / articles * 1000:.0f} ms/article "
        f"(read {cpu['read']:.1f}, code {cpu['code']:.1f}, store {cpu['store']:.1f}, write {cpu['write']:.1f}; "
        f"+ {cpu['load']:.1f} s loading "
        f"the stages, once per worker); driver {cpu['driver']:.1f} s; wall {ray_wall:.1f} s",
        f"ratio ray/local, CPU per article, calls only: {work / local_cpu:.2f}x",
        f"  (the calling thread alone, without Ray's threads in the worker: {thread / local_cpu:.2f}x)",
        f"ratio ray/local, with model loads: {(work + cpu['load']) / (local_cpu + local_load):.2f}x",
        f"ratio ray/local, whole worker processes (imports, Ray threads, idle) + driver vs whole local: "
        f"{(cpu['workers_total'] + cpu['driver']) / (local_cpu + local_load):.2f}x",
        f"identical output (every table, after attach): {'yes' if not differ else 'NO: ' + ', '.join(differ)}",
    ]
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if args.output:
        args.output.write_text(report, "utf-8")


if __name__ == "__main__":
    main()
