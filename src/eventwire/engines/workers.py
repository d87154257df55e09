"""Code articles in N worker processes; results come back in input order, so the output is the same as
one process's.

Each worker loads the stages once (spawned, not forked: the parent holds an open store). The parent
sends chunks of ``CHUNK`` items and keeps at most ``2 * workers`` chunks in flight, so memory stays
bounded however long the input is.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from eventwire import pipeline
from eventwire.records import Article, CodedArticle, Reject
from eventwire.settings import Settings

log = logging.getLogger(__name__)

CHUNK = 8
_STAGES: pipeline.Stages | None = None
_SETTINGS: Settings | None = None


def worker_settings(settings: Settings, workers: int) -> Settings:
    """The settings each worker runs with: one parse process apiece. ``workers`` processes each
    starting ``settings.n_process`` parse processes would oversubscribe the cores without warning."""
    if settings.n_process == 1:
        return settings
    log.warning("%d workers each parse in one process: EVENTWIRE_N_PROCESS=%d is ignored with --workers",
                workers, settings.n_process)
    return dataclasses.replace(settings, n_process=1)


def _init(settings: Settings) -> None:
    global _STAGES, _SETTINGS
    _SETTINGS = settings
    _STAGES = pipeline.Stages.load(settings)


def _code(chunk: list[Article | Reject]) -> list[CodedArticle | Reject]:
    assert _SETTINGS is not None and _STAGES is not None
    return list(pipeline.code_articles(chunk, _SETTINGS, _STAGES))


def code_parallel(items: Iterable[Article | Reject], settings: Settings, workers: int
                  ) -> Iterator[CodedArticle | Reject]:
    """Like ``pipeline.code_articles``, over ``workers`` processes, in input order."""
    ctx = multiprocessing.get_context("spawn")
    it = iter(items)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init,
                             initargs=(worker_settings(settings, workers),)) as pool:
        pending: deque[Future[list[CodedArticle | Reject]]] = deque()
        while True:
            while len(pending) < 2 * workers:
                chunk = list(islice(it, CHUNK))
                if not chunk:
                    break
                pending.append(pool.submit(_code, chunk))
            if not pending:
                return
            yield from pending.popleft().result()
