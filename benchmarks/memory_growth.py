"""What grows with a long ingest: RSS and its candidate causes, sampled every N stored articles of an
in-process ``engines.local.ingest`` (the same run as ``eventwire ingest FILE --db STORE -q``).

    PYTHONPATH=src python benchmarks/memory_growth.py ARTICLES.jsonl[.gz] --db /tmp/x.duckdb \
        [--every 500] [--limit 6000] [--trim] [--objects] [--trace] [--out growth.jsonl]

Each sample (one JSON line) holds:

* ``rss_kb`` / ``hwm_kb``: the process's resident set now and its peak since the previous sample;
* ``heap_*``: glibc's ``mallinfo2`` (``in_use``: allocated bytes; ``free``: freed bytes the arenas
  keep; ``mmap``: large blocks mapped on their own), i.e. how much of RSS is fragmentation;
* ``trimmed_kb`` (``--trim``): RSS after ``malloc_trim(0)``, which hands free arena pages back;
  it changes the run's memory, so compare peaks only between runs made the same way;
* spaCy: ``strings`` and ``lexemes`` of the pipeline's vocabulary (lexemes counted in its index:
  ``len(vocab)`` counts every lexeme ever added, also those a memory zone freed);
* eventwire's memos: the fastattrs memos and the lemmatizer's cache, ``nlp._IN_SET``, the
  ``actors.kb.key`` LRU, the run's in-memory dedup index;
* DuckDB, read on the writer's connection just before it is released after a batch (its peak in the
  batch cycle): ``duckdb_mb`` (``duckdb_memory()``, summed; by tag in ``duckdb_tags``);
* ``phase_peak_kb``: the highest RSS within each phase since the previous sample: ``lookup`` (the
  store asked which articles are new), ``write`` (a batch stored), ``cluster``, and ``code`` (all the
  rest: reading, parsing, the stages), from the kernel's peak counter reset at each phase change
  (``/proc/self/clear_refs``), so a short spike is seen wherever it falls; ``phase_rise_kb``: the
  largest rise of RSS within one run of each phase over its RSS when the phase began;
* ``--objects``: the Python object types whose counts grew most since the previous sample;
* ``--trace``: tracemalloc's largest growth by file:line since the previous sample (slow: ~2x).

The last sample is taken after clustering. ``hwm_kb`` is the peak since the previous sample (the
phases reset the kernel's counter): the run's peak is the largest of them.
"""

from __future__ import annotations

import argparse
import collections
import ctypes
import gc
import json
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any


def _status() -> dict[str, int]:
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("VmRSS", "VmHWM")):
                name, value = line.split(":")
                out[name] = int(value.split()[0])
    return {"rss_kb": out["VmRSS"], "hwm_kb": out["VmHWM"]}


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


_LIBC = ctypes.CDLL("libc.so.6")
_LIBC.mallinfo2.restype = _Mallinfo2


def _heap() -> dict[str, float]:
    m = _LIBC.mallinfo2()
    return {"heap_in_use_mb": round((m.uordblks + m.hblkhd) / 1e6, 1), "heap_free_mb": round(m.fordblks / 1e6, 1),
            "heap_mmap_mb": round(m.hblkhd / 1e6, 1)}


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


class _Phases:
    """Peak RSS by phase: ``enter(name)`` closes the current phase (its peak is the kernel's counter,
    which is then reset) and opens ``name``."""

    def __init__(self) -> None:
        self.current = "code"
        self.peaks: dict[str, int] = {}
        self.rises: dict[str, int] = {}
        self.entered_at = _status()["rss_kb"]
        _reset_peak()

    def enter(self, name: str) -> None:
        hwm = _status()["hwm_kb"]
        self.peaks[self.current] = max(self.peaks.get(self.current, 0), hwm)
        self.rises[self.current] = max(self.rises.get(self.current, 0), hwm - self.entered_at)
        self.current = name
        _reset_peak()
        self.entered_at = _status()["rss_kb"]

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        inner = getattr(owner, attr)

        def wrapped(*a: Any, **k: Any) -> Any:
            outer = self.current
            self.enter(name)
            try:
                return inner(*a, **k)
            finally:
                self.enter(outer)

        setattr(owner, attr, wrapped)

    def take(self) -> tuple[dict[str, int], dict[str, int]]:
        """(peak RSS, largest rise of RSS over its value at the phase's start) by phase, since the
        last call."""
        self.enter(self.current)
        peaks, rises, self.peaks, self.rises = self.peaks, self.rises, {}, {}
        return peaks, rises


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--db", required=True, help="a fresh store (removed first)")
    parser.add_argument("--every", type=int, default=500, help="sample every N stored articles")
    parser.add_argument("--limit", type=int, default=0, help="stop after reading N input lines (0: all)")
    parser.add_argument("--trim", action="store_true", help="also sample RSS after malloc_trim(0)")
    parser.add_argument("--objects", action="store_true", help="Python object counts by type")
    parser.add_argument("--trace", action="store_true", help="tracemalloc growth by line")
    parser.add_argument("--out", help="also write the samples here (JSON lines)")
    args = parser.parse_args()

    from eventwire import nlp, pipeline
    from eventwire.actors import kb as kbmod
    from eventwire.engines import local
    from eventwire.settings import Settings
    from eventwire.store import writer as writer_mod

    for p in Path(args.db).parent.glob(Path(args.db).name + "*"):
        p.unlink()
    source = args.path
    if args.limit:
        import gzip
        import tempfile

        opener: Any = gzip.open if source.endswith(".gz") else open
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp, opener(source, "rt") as f:
            for i, line in enumerate(f):
                if i >= args.limit:
                    break
                tmp.write(line)
        source = tmp.name
    settings = Settings.from_env(db_path=Path(args.db))
    stages = pipeline.Stages.load(settings)
    out = open(args.out, "w") if args.out else None  # noqa: SIM115

    duck: dict[str, Any] = {}
    release = writer_mod.Writer.release

    def sampling_release(self: writer_mod.Writer) -> None:
        # The writer's connection at the end of a batch, before it is closed.
        if self._conn is not None:
            rows = self._conn.execute("SELECT tag, memory_usage_bytes FROM duckdb_memory()").fetchall()
            tags = {t: round(b / 1e6, 1) for t, b in rows if b}
            total = round(sum(tags.values()), 1)
            if total >= duck.get("duckdb_mb", 0):
                duck["duckdb_mb"], duck["duckdb_tags"] = total, tags
        release(self)

    writer_mod.Writer.release = sampling_release  # type: ignore[method-assign]
    phases = _Phases()
    phases.wrap(local._Run, "_look_up", "lookup")
    phases.wrap(writer_mod.Writer, "write_many", "write")
    phases.wrap(local.clusters, "cluster", "cluster")
    if args.trace:
        tracemalloc.start(1)
    state: dict[str, Any] = {"next": args.every, "types": None, "snap": None, "t0": time.monotonic()}

    def memos() -> dict[str, int]:
        found: dict[str, int] = {"strings": len(stages.nlp.vocab.strings), "lexemes": sum(1 for _ in stages.nlp.vocab)}
        for name, comp in stages.nlp.pipeline:
            for memo in ("lex_memo", "token_memo", "result_memo", "lemma_memo"):
                if hasattr(comp, memo):
                    found[f"{name}.{memo}"] = len(getattr(comp, memo))
            cache = getattr(getattr(comp, "lemmatizer", comp), "cache", None)
            if isinstance(cache, dict):
                found[f"{name}.lemmatizer_cache"] = len(cache)
        found["in_set"] = sum(map(len, nlp._IN_SET.values()))
        found["kb_key_lru"] = kbmod.key.cache_info().currsize
        return found

    def sample(counts: dict[str, int], final: bool = False) -> None:
        peaks, rises = phases.take()
        row: dict[str, Any] = {"articles": counts.get("articles", 0), "events": counts.get("events", 0),
                               "s": round(time.monotonic() - state["t0"], 1), "rss_kb": _status()["rss_kb"],
                               "hwm_kb": max(peaks.values()), "phase_peak_kb": peaks,
                               "phase_rise_kb": rises, **_heap()}
        if args.trim:
            _LIBC.malloc_trim(0)
            row["trimmed_kb"] = _status()["rss_kb"]
        row.update(memos())
        row.update(duck)
        duck.clear()
        if args.objects:
            gc.collect()
            types = collections.Counter(type(o).__name__ for o in gc.get_objects())
            if state["types"] is not None:
                row["objects_grown"] = dict((types - state["types"]).most_common(8))
            row["objects"] = sum(types.values())
            state["types"] = types
        if args.trace:
            snap = tracemalloc.take_snapshot()
            row["traced_mb"] = round(tracemalloc.get_traced_memory()[0] / 1e6, 1)
            if state["snap"] is not None:
                row["trace_grown"] = [f"{s.traceback[0].filename.rsplit('/', 2)[-1]}:{s.traceback[0].lineno} "
                                      f"{s.size_diff / 1e6:+.2f}MB"
                                      for s in snap.compare_to(state["snap"], "lineno")[:8]]
            state["snap"] = snap
        if final:
            row["final"] = True
        line = json.dumps(row)
        print(line, flush=True)
        if out:
            out.write(line + "\n")
            out.flush()

    def on_item(item: Any, counts: dict[str, int]) -> None:
        if counts.get("articles", 0) >= state["next"]:
            state["next"] += args.every
            sample(counts)

    counts = local.ingest([source], settings, on_item, stages=stages)
    sample(counts, final=True)
    print(json.dumps({"counts": counts}), file=sys.stderr)


if __name__ == "__main__":
    main()
