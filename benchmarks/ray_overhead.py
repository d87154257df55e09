"""CPU cost of the Ray engine next to the local engine, on the same articles, and whether they agree.

    python benchmarks/ray_overhead.py ARTICLES.jsonl --limit 200 --cpus 1 2 --repeat 3 -o results/ray_overhead.txt

The first ``--limit`` lines of the JSONL file are split into files of ``--per-file`` articles in a
temporary folder (so both engines read a folder, and Ray spreads the reading too). Then:

* local: a fresh process (as cold as a Ray worker: a process that has coded before runs faster, its
  caches warm) loads the stages (timed apart), then ``engines.local.ingest`` is timed with
  ``time.process_time`` (reading, coding, storing, clustering);
* ray: a local Ray instance with ``--cpus`` CPUs and as many workers; each worker call measures its
  own ``time.process_time`` delta (reading, coding, writing Parquet); stage loading is measured once
  per worker, and the worker processes' whole CPU time (imports, Ray's threads) is reported too.

The ratio is Ray's CPU seconds in calls over the local run's (the same articles, so per article too),
without the one-off model loads; ``thread_time`` of the coding threads is compared as well, which
leaves out other threads of the processes. ``--repeat`` pairs are run and the median is reported.
With more than one CPU, ``--cpus`` local runs are also made side by side, as a control: on a small
shared machine processes running at once each spend more CPU time on the same work, Ray or not.
The Ray dataset is attached to a store and compared row by row with the local store (every table,
cluster ids included). Ray's own daemons (raylet, GCS) are not counted.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
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


def _local_child(folder: str, db: str) -> tuple[dict[str, int], float, float, float]:
    """In a fresh process: load the stages, then time the local engine: (counts, load CPU s, CPU s,
    CPU s of this thread alone)."""
    clock = time.process_time()
    settings = Settings.from_env(db_path=Path(db))
    stages = pipeline.Stages.load(settings)
    load = time.process_time() - clock
    clock, thread = time.process_time(), time.thread_time()
    counts = local.ingest([folder], settings, stages=stages)
    return counts, load, time.process_time() - clock, time.thread_time() - thread


def local_run(folder: Path, db: Path) -> tuple[dict[str, int], float, float, float, float]:
    """The local engine in a fresh process, as cold as a Ray worker: (counts, load CPU s, CPU s, thread
    CPU s, wall s). A process that has coded before is faster (its caches are warm), so each run
    gets a new one."""
    wall = time.perf_counter()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        counts, load, cpu, thread = pool.submit(_local_child, str(folder), str(db)).result()
    return counts, load, cpu, thread, time.perf_counter() - wall


def local_side_by_side(folder: Path, tmp: Path, n: int) -> float:
    """Control for contention: ``n`` local runs at once, each in its own process; their mean CPU s.
    On a machine with few, shared cores, processes running side by side each take more CPU time for
    the same work (caches, memory bandwidth, the hypervisor), Ray or not."""
    with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn")) as pool:
        runs = [pool.submit(_local_child, str(folder), str(tmp / f"side{i}.duckdb")) for i in range(n)]
        cpus = [r.result()[2] for r in runs]
    for i in range(n):
        (tmp / f"side{i}.duckdb").unlink()
    return statistics.mean(cpus)


def ray_run(folder: Path, out: Path) -> tuple[ray_engine.Result, float]:
    wall = time.perf_counter()
    result = ray_engine.ingest([str(folder)], Settings.from_env(), str(out))
    return result, time.perf_counter() - wall


def same_output(db: Path, dataset: Path) -> list[str]:
    """Tables that differ between the local store and the Ray dataset attached to a fresh store."""
    attached = open_store(":memory:")
    parquet.attach(attached, str(dataset))
    store = duckdb.connect(str(db), read_only=True)
    try:
        return differences(store, attached)
    finally:
        store.close()
        attached.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", type=Path, help="JSONL articles (one per line)")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--per-file", type=int, default=10)
    ap.add_argument("--cpus", type=int, nargs="+", default=[2], help="Ray instance sizes to try (workers = CPUs)")
    ap.add_argument("--repeat", type=int, default=1, help="local/Ray pairs per size; the median ratio is reported")
    ap.add_argument("-o", "--output", type=Path, help="also write the report here")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    import ray

    cpus_arg = " ".join(str(c) for c in args.cpus)
    lines = [f"command: python benchmarks/ray_overhead.py {args.input.name} --limit {args.limit} "
             f"--per-file {args.per_file} --cpus {cpus_arg} --repeat {args.repeat}",
             f"machine: {os.cpu_count()} CPUs, shared; load average at start {os.getloadavg()[0]:.1f}"]

    def say(line: str) -> None:
        lines.append(line)
        print(line, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        n = split(args.input, args.limit, args.per_file, folder)
        say(f"input: first {n} lines of {args.input.name} in files of {args.per_file}")
        runs = 0
        for cpus in args.cpus:
            ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
            ratios, thread_ratios, side_ratios = [], [], []
            try:
                for _ in range(args.repeat):
                    runs += 1
                    db, out = Path(tmp) / f"local{runs}.duckdb", Path(tmp) / f"dataset{runs}"
                    counts, local_load, local_cpu, local_thread, local_wall = local_run(folder, db)
                    result, ray_wall = ray_run(folder, out)
                    articles = counts["articles"]
                    cpu = result.cpu
                    kinds = ("read", "code", "store", "write")
                    work = sum(cpu[kind] for kind in kinds)
                    thread = sum(cpu.get(f"{kind}_thread", 0.0) for kind in kinds)
                    ratios.append(work / local_cpu)
                    thread_ratios.append(thread / local_thread)
                    differ = same_output(db, out)
                    say(f"[{cpus} CPUs, run {len(ratios)}] {articles} articles, {counts.get('events', 0)} events")
                    say(f"  local, fresh process: {local_cpu:.1f} CPU s = {local_cpu / articles * 1000:.0f} ms/article "
                        f"(coding thread {local_thread:.1f}; + {local_load:.1f} loading the stages); wall "
                        f"{local_wall:.1f} s")
                    say(f"  ray, {result.workers} workers: {work:.1f} CPU s in calls = {work / articles * 1000:.0f} "
                        f"ms/article (read {cpu['read']:.1f}, code {cpu['code']:.1f}, store {cpu['store']:.1f}, "
                        f"write {cpu['write']:.1f}; calling threads {thread:.1f}; + {cpu['load']:.1f} loading the "
                        f"stages; whole worker processes {cpu['workers_total']:.1f}, driver {cpu['driver']:.1f}); "
                        f"wall {ray_wall:.1f} s")
                    say(f"  ratio {ratios[-1]:.2f}x (threads only {thread_ratios[-1]:.2f}x); identical output: "
                        f"{'yes' if not differ else 'NO: ' + ', '.join(differ)}")
                    if cpus > 1:
                        side = local_side_by_side(folder, Path(tmp), cpus)
                        side_ratios.append(work / side)
                        say(f"  control: {cpus} local runs side by side take {side:.1f} CPU s each "
                            f"({side / local_cpu:.2f}x a lone one); ray over them: {side_ratios[-1]:.2f}x")
            finally:
                ray.shutdown()
            say(f"[{cpus} CPUs] median ratio ray/local, CPU s per article: {statistics.median(ratios):.2f}x "
                f"(coding threads only, both sides: {statistics.median(thread_ratios):.2f}x)")
            if side_ratios:
                say(f"[{cpus} CPUs] median ratio ray/local when local runs as many processes side by side: "
                    f"{statistics.median(side_ratios):.2f}x")
    say(f"load average at end {os.getloadavg()[0]:.1f}")
    if args.output:
        args.output.write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    main()
