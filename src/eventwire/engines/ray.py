"""Ingest on Ray (a local instance or a cluster) into a date-partitioned Parquet dataset.

``ingest(sources, settings, output, address)`` connects to Ray (``address`` None starts a local
instance, as ``ray.init()`` does; ``"auto"`` or ``"ray://host:10001"`` joins a cluster), then:

* The driver (this process) lists the inputs: local files, folders and globs as ``ingest.expand``
  does, URIs (``s3://...``) through fsspec (``ingest.objectstore``). Workers read them, so on a
  cluster local paths must exist on every node; object-store URIs do.
* A pool of :class:`Coder` actors, one CPU each, each loading the stages (spaCy model, KB, lexicon)
  once, reads inputs and codes chunks of ``CHUNK`` items.
* The driver decides, in input order, which articles are repeats or near-duplicates with the same
  :class:`~eventwire.ingest.dedup.RunIndex` as the local engine, seeded from what the dataset already
  holds (so re-running into the same folder skips what is written). That index is in memory (about
  5 KB per article the dataset holds, all read at the start): a dataset has no band table to look
  stored articles up in, as the local engine does in its store (``store.bands``).
* Each actor turns coded chunks into rows with the store writer's own ``article_rows`` and, every
  ``FLUSH`` articles (and at the end), writes them into the dataset (``store.parquet`` gives the
  layout): the rows are the ones the local engine would store, built by the same code. A run that
  stops loses what its workers had not written yet; running it again codes just that.
* Near-duplicates are written (uncoded, pointing at their first copy) once the chunks are done; one
  whose first copy was never written (it was rejected) is coded instead, as the local engine does.

Event clusters are not computed here; ``eventwire attach DIR`` imports the dataset into a store and
clusters there. Ray is imported only when this engine runs (``pip install 'eventwire[ray]'``).
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from eventwire import pipeline
from eventwire.errors import EngineError, InputError
from eventwire.ingest import dedup, expand, objectstore, read_source, textdump
from eventwire.records import Article, CodedArticle, Reject
from eventwire.settings import Settings
from eventwire.store import open_store, parquet
from eventwire.store.writer import Writer, article_rows, new_run_id, reject_row, utc_now

log = logging.getLogger(__name__)

# Items per coding call: large enough that a call's overhead is small next to its parsing, small
# enough to spread a few hundred articles over the actors.
CHUNK = 8
# Articles a worker holds before writing them out: each write makes a file per table and date, with
# a fixed cost, so fewer writes make fewer, larger files for less CPU. 256 articles' rows are a few MB.
FLUSH = 256
Item = tuple[Article | Reject, np.ndarray | None]
OnProgress = Callable[[int, dict[str, int], list[Reject]], None]


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise EngineError("--engine ray needs Ray: pip install 'eventwire[ray]'") from exc
    return ray


@dataclass
class Result:
    """What a run did: the counts the local engine reports (without clusters), its run id (the
    ``run_id`` of its articles and rejects), and CPU seconds.

    ``cpu`` holds the process time the workers spent in each kind of call (``read``, ``code``,
    ``store``, ``write`` Parquet; ``load``: loading the stages, once per worker), each measured inside
    the worker and including the other threads of its process; the same as ``<kind>_thread`` counting the calling thread
    only; ``workers_total``, the worker processes' whole CPU time (imports, Ray threads while idle);
    and ``driver``, this process's."""

    counts: dict[str, int]
    run_id: str
    cpu: dict[str, float] = field(default_factory=dict)
    workers: int = 0


class _Clock:
    """CPU seconds of this process (Ray's own threads in it included) and of the calling thread alone."""

    def __init__(self) -> None:
        self.spent: defaultdict[str, float] = defaultdict(float)

    @contextmanager
    def time(self, kind: str) -> Iterator[None]:
        process, thread = time.process_time(), time.thread_time()
        try:
            yield
        finally:
            self.spent[kind] += time.process_time() - process
            self.spent[f"{kind}_thread"] += time.thread_time() - thread


class Coder:
    """A Ray actor: the stages loaded once, and the rows of the articles coded but not yet written.

    Rows are made by the store writer's ``article_rows``/``reject_row``; every ``FLUSH`` articles (and
    on :meth:`flush`) they are written to the dataset, so files hold many articles whatever the chunk
    size. Each call's CPU time is measured inside the worker, by kind (``load``, ``read``, ``code``,
    ``store``, ``write``); :meth:`cpu` reports the sums."""

    def __init__(self, settings: Settings, output: str, run_id: str, index: int):
        self.clock = _Clock()
        with self.clock.time("load"):
            self.settings = settings
            self.run_id = run_id
            self.tag = f"{run_id}-w{index:03d}"
            self.flushes = 0
            textdump.default_rules()
            self.stages = pipeline.Stages.load(settings)
            self.dataset = parquet.Dataset(output)
            parquet.schemas()
            self.rows: dict[str, list[list[Any]]] = defaultdict(list)
            self.pending = 0

    def read(self, source: str) -> list[Item]:
        """Articles and Rejects of one input, each with its MinHash signature when one is wanted."""
        with self.clock.time("read"):
            fetch = objectstore.fetch if objectstore.is_uri(source) else None
            items: list[Item] = []
            for item in read_source(source, self.settings, fetch):
                sig = None
                if (isinstance(item, Article) and self.settings.near_duplicate_threshold is not None
                        and item.language == "en"):
                    sig = dedup.signature(item.text)
                items.append((item, sig))
            return items

    def code(self, items: list[Item]) -> tuple[list[str], dict[str, int], list[Reject]]:
        """Code a chunk and keep its rows: (ids of the articles kept, counts, rejects)."""
        with self.clock.time("code"):
            sigs = {a.id: s for a, s in items if isinstance(a, Article) and s is not None}
            rejects: list[Reject] = []
            batch: list[tuple[CodedArticle, np.ndarray | None]] = []
            for coded in pipeline.code_articles([a for a, _ in items], self.settings, self.stages):
                if isinstance(coded, Reject):
                    self.rows["rejects"].append(reject_row(coded, self.run_id, utc_now()))
                    rejects.append(coded)
                else:
                    batch.append((coded, sigs.get(coded.article.id)))
            ids, counts = self._keep(batch)
            counts["rejects"] = len(rejects)
        self._flush_when_full()
        return ids, counts, rejects

    def store(self, articles: list[Article]) -> tuple[list[str], dict[str, int], list[Reject]]:
        """Keep near-duplicates as they are, not coded (the local engine does the same)."""
        with self.clock.time("store"):
            ids, counts = self._keep([(CodedArticle(article=a), None) for a in articles])
        self._flush_when_full()
        return ids, counts, []

    def _keep(self, batch: list[tuple[CodedArticle, np.ndarray | None]]) -> tuple[list[str], dict[str, int]]:
        for table, rows in article_rows(batch, self.run_id, utc_now()).items():
            if table in parquet.WRITTEN:
                self.rows[table].extend(rows)
        self.pending += len(batch)
        counts = {"articles": len(batch), "events": sum(len(c.events) for c, _ in batch),
                  "quotes": sum(len(c.statements) for c, _ in batch)}
        return [c.article.id for c, _ in batch], counts

    def _flush_when_full(self) -> None:
        if self.pending >= FLUSH:
            self.flush()

    def flush(self) -> None:
        """Write the rows kept so far to the dataset (articles last) and forget them."""
        with self.clock.time("write"):
            if self.rows:
                self.flushes += 1
                self.dataset.write(self.rows, f"{self.tag}-{self.flushes:05d}")
            self.rows = defaultdict(list)
            self.pending = 0

    def cpu(self) -> dict[str, float]:
        """CPU seconds by kind of call, and ``workers_total``: this process's whole CPU time so far."""
        return {**self.clock.spent, "workers_total": time.process_time()}


class _Pool:
    """Sends each call to the actor with the fewest calls in flight."""

    def __init__(self, ray: Any, actors: list[Any]):
        self.ray = ray
        self.actors = actors
        self.busy = [0] * len(actors)
        self.owner: dict[Any, int] = {}

    def submit(self, method: str, *args: Any) -> Any:
        i = min(range(len(self.actors)), key=self.busy.__getitem__)
        ref = getattr(self.actors[i], method).remote(*args)
        self.busy[i] += 1
        self.owner[ref] = i
        return ref

    def get(self, ref: Any) -> Any:
        value = self.ray.get(ref)
        self.busy[self.owner.pop(ref)] -= 1
        return value


def _inputs(sources: Iterable[str]) -> Iterator[str | Reject]:
    for source in sources:
        if objectstore.is_uri(source):
            yield from objectstore.expand(source)
        else:
            yield from expand([source])


def _connect(ray: Any, address: str | None) -> bool:
    """Connect to Ray unless already connected; True when this call did (and so must disconnect)."""
    if ray.is_initialized():
        if address is not None:
            log.warning("already connected to Ray in this process: address %s is not used", address)
        return False
    try:
        ray.init(address=address, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise EngineError(f"cannot start or reach Ray at {address or 'a new local instance'}: {exc}") from exc
    return True


def ingest(sources: Iterable[str], settings: Settings, output: str, address: str | None = None,
           workers: int | None = None, on_progress: OnProgress | None = None) -> Result:
    """Code every new article of ``sources`` on Ray into the Parquet dataset ``output`` (a folder or a
    URI; created if missing, added to if it holds a dataset). ``workers`` actors (default: one per CPU
    of the cluster). ``on_progress(inputs read, counts so far, new rejects)`` after every call."""
    ray = _ray()
    if not objectstore.is_uri(output):
        output = os.path.abspath(output)
    sources = list(sources)
    if "-" in sources:
        raise InputError("--engine ray cannot read stdin: its workers read the inputs; give files or URIs")
    started_here = _connect(ray, address)
    try:
        return _Driver(ray, settings, output, workers, on_progress).run(sources)
    finally:
        if started_here:
            ray.shutdown()


class _Driver:
    def __init__(self, ray: Any, settings: Settings, output: str, workers: int | None,
                 on_progress: OnProgress | None):
        self.ray = ray
        self.settings = settings
        self.output = output
        self.on_progress = on_progress
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        if workers is not None and workers > cpus:
            log.warning("%d workers asked for, the cluster has %d CPUs: using %d", workers, cpus, cpus)
        self.n = min(workers or cpus, cpus)
        self.counts: Counter[str] = Counter()
        self.cpu: defaultdict[str, float] = defaultdict(float)
        self.stored: set[str] = set()
        self.coding: list[Any] = []
        self.inputs_read = 0
        self.run_id = new_run_id()

    def run(self, sources: list[str]) -> Result:
        clock = time.process_time()
        dataset = parquet.Dataset(self.output)
        hashes, ids, sigs = dataset.stored()
        self.stored = set(ids)
        index = dedup.RunIndex(self.settings.near_duplicate_threshold, hashes.__contains__, sigs)
        actor = self.ray.remote(num_cpus=1)(Coder)
        self.pool = _Pool(self.ray, [actor.remote(self.settings, self.output, self.run_id, i) for i in range(self.n)])
        runs = open_store(":memory:")
        run = Writer(runs, args=" ".join(sources), run_id=self.run_id)
        status = "failed"
        try:
            held = self._code_new(_inputs(sources), index)
            self._flush()
            dups = [d for first, ds in held.items() if first in self.stored for d in ds]
            orphans = [(replace(d, duplicate_of=None), None) for first, ds in held.items()
                       if first not in self.stored for d in ds]
            for i in range(0, len(dups), CHUNK):
                self._submit("store", dups[i : i + CHUNK])
            for i in range(0, len(orphans), CHUNK):
                self._submit("code", orphans[i : i + CHUNK])
            self._drain(0)
            self._flush()
            self.counts["near_duplicates"] += len(dups)
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            # Keep what was coded: the workers finish the calls they have, then write it all out
            # (so the calls are all done when the flush is, and their counts can be taken).
            self._flush()
            self._drain(0)
            raise
        finally:
            # The runs row says how the run ended, even when it failed.
            run.counts.update(self.counts)
            run.finish(status)
            dataset.write({"runs": [list(r) for r in runs.execute("SELECT * FROM runs").fetchall()]},
                          f"{self.run_id}-run")
            runs.close()
        for spent in self.ray.get([a.cpu.remote() for a in self.pool.actors]):
            for kind, seconds in spent.items():
                self.cpu[kind] += seconds
        cpu = {k: self.cpu.get(k, 0.0) for k in ("read", "code", "store", "write", "load")} | dict(self.cpu)
        cpu["driver"] = time.process_time() - clock
        return Result(counts=dict(self.counts), run_id=self.run_id, cpu=cpu, workers=self.n)

    def _code_new(self, inputs: Iterator[str | Reject], index: dedup.RunIndex) -> dict[str, list[Article]]:
        """Read every input (results taken in input order), send new articles to be coded; return the
        near-duplicates held back, by their first copy."""
        reads: deque[Any] = deque()
        held: dict[str, list[Article]] = {}
        chunk: list[Item] = []

        def fill() -> None:
            while len(reads) < 2 * self.n:
                source = next(inputs, None)
                if source is None:
                    return
                reads.append([(source, None)] if isinstance(source, Reject) else self.pool.submit("read", source))

        fill()
        while reads:
            head = reads.popleft()
            if isinstance(head, list):
                items = head
            else:
                items = self.pool.get(head)
                self.inputs_read += 1
            fill()
            for item, sig in items:
                if isinstance(item, Article):
                    if index.repeat(item):
                        self.counts["skipped"] += 1
                        continue
                    first = index.first_copy(item, sig) if index.wants_signature(item) else None
                    if first is not None:
                        held.setdefault(first, []).append(replace(item, duplicate_of=first))
                        continue
                chunk.append((item, sig))
                if len(chunk) >= CHUNK:
                    self._submit("code", chunk)
                    chunk = []
            self._drain(2 * self.n)
        if chunk:
            self._submit("code", chunk)
        self._drain(0)
        return held

    def _submit(self, method: str, items: list[Any]) -> None:
        self.coding.append(self.pool.submit(method, items))

    def _flush(self) -> None:
        """Have every worker write out what it holds (nothing else is in flight then)."""
        self.ray.get([a.flush.remote() for a in self.pool.actors])

    def _drain(self, keep: int) -> None:
        """Take finished coding calls; wait until at most ``keep`` are in flight."""
        while self.coding:
            wait = None if len(self.coding) > keep else 0
            ready, _ = self.ray.wait(self.coding, num_returns=1, timeout=wait)
            if not ready:
                return
            self.coding.remove(ready[0])
            ids, counts, rejects = self.pool.get(ready[0])
            self.stored.update(ids)
            self.counts.update(counts)
            if self.on_progress:
                self.on_progress(self.inputs_read, dict(self.counts), rejects)
