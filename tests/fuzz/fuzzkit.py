"""Shared machinery of the fuzz tests. Fuzzing the readers: every generated input ends as an Article,
a Reject or an InputError with a reason, within a time limit per input. Nothing else (no other
exception, no hang) is allowed.

Knobs (environment):

- ``EVENTWIRE_FUZZ_EXAMPLES``: generated inputs per reader (default 200, so ``make test`` stays quick;
  ``make fuzz`` runs 10,000);
- ``EVENTWIRE_FUZZ_SECONDS``: the time limit for one input (default 60; generous, because the machine
  may be shared: the limit catches hangs, it does not measure speed);
- ``EVENTWIRE_FUZZ_REPORT``: a file to write the per-reader counts and times to (``make fuzz`` writes
  benchmarks/results/fuzz.txt).

An input stuck in C code for three times the limit ends the whole run, its stack dumped into
``HANG_LOG`` (eventwire-fuzz-hang-<pid>.txt in the temporary folder).

Every input goes through :func:`feed`, which enforces the time limit and counts the input under its
reader's name; the counts are printed at the end of the session.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import functools
import os
import platform
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from hypothesis import HealthCheck, settings

from eventwire.errors import InputError
from eventwire.records import Article, CodedArticle, Reject

EXAMPLES = int(os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "200"))
SECONDS = float(os.environ.get("EVENTWIRE_FUZZ_SECONDS", "60"))
REPORT = os.environ.get("EVENTWIRE_FUZZ_REPORT")

# Our own alarm replaces hypothesis' deadline: the deadline fails on one slow example on a loaded
# machine, the alarm only on a real hang.
settings.register_profile(
    "fuzz", max_examples=EXAMPLES, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                           HealthCheck.filter_too_much],
)  # fmt: skip
FUZZ = settings.get_profile("fuzz")


class Hang(Exception):
    """One input took longer than its time limit. (An Exception, not a BaseException: hypothesis only
    reports the input for Exceptions. A library that swallows the alarm's Hang with ``except Exception``
    is caught when the reader returns, by the time check after it.)"""


@dataclass
class Tally:
    inputs: int = 0
    records: int = 0
    rejects: int = 0
    input_errors: int = 0
    seconds: float = 0.0
    slowest: float = 0.0


TALLIES: dict[str, Tally] = {}
_STARTED = time.monotonic()


HANG_LOG = Path(tempfile.gettempdir()) / f"eventwire-fuzz-hang-{os.getpid()}.txt"


@functools.cache
def _hang_log() -> TextIO:
    return HANG_LOG.open("w", encoding="utf-8")


def _alarm(signum: int, frame: Any) -> None:
    raise Hang("one input took over its time limit")


@dataclass(frozen=True)
class Outcome:
    """What one input gave: the items it yielded, or the InputError it raised."""

    items: tuple[Any, ...]
    error: InputError | None


def feed(reader: str, run: Callable[[], Any], seconds: float | None = None) -> Outcome:
    """Run one input through ``run`` (a reader call; a generator is consumed whole) within ``seconds``
    (default ``EVENTWIRE_FUZZ_SECONDS``), count it under ``reader``, and check the contract: only
    Articles, CodedArticles and Rejects with a reason come out, or an InputError with a message. Any
    other exception propagates, which fails the test with the input that caused it."""
    limit = SECONDS if seconds is None else seconds
    tally = TALLIES.setdefault(reader, Tally())
    old = signal.signal(signal.SIGALRM, _alarm)
    # A hang inside C code never returns to Python, where the alarm is raised: faulthandler then dumps
    # every thread's stack into HANG_LOG (pytest captures stderr, and the dump would be lost with it)
    # and ends the run, so even that shows up as a failure with a location.
    faulthandler.dump_traceback_later(limit * 3, exit=True, file=_hang_log())
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        result = run()
        items = tuple(result) if isinstance(result, Iterator) else (result,)
        error = None
    except InputError as exc:
        items, error = (), exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        faulthandler.cancel_dump_traceback_later()
        signal.signal(signal.SIGALRM, old)
        took = time.perf_counter() - start
        tally.inputs += 1
        tally.seconds += took
        tally.slowest = max(tally.slowest, took)
    if took > limit:  # the alarm's Hang was swallowed by an ``except Exception`` somewhere
        raise Hang(f"one input took {took:.1f} s, over its {limit:g} s limit")
    if error is not None:
        tally.input_errors += 1
        assert str(error).strip(), "an InputError must say what is wrong"
        return Outcome((), error)
    for item in items:
        if isinstance(item, Reject):
            tally.rejects += 1
            assert item.reason.strip(), f"a Reject without a reason: {item!r:.200}"
        elif item is not None:
            assert isinstance(item, Article | CodedArticle) or reader.startswith(("textdump", "dates")), item
            tally.records += 1
    return Outcome(items, None)


def report_lines(outcomes: dict[str, int]) -> list[str]:
    wall = time.monotonic() - _STARTED
    head = (f"{'reader':<34}{'inputs':>8}{'records':>10}{'rejects':>9}{'errors':>8}{'total s':>10}"
            f"{'mean ms':>9}{'max s':>8}")
    lines = [
        f"eventwire fuzz run, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; Python {platform.python_version()} "
        f"on {platform.machine()}, {os.cpu_count()} CPUs",
        f"EVENTWIRE_FUZZ_EXAMPLES={EXAMPLES} (generated inputs per reader), time limit {SECONDS:g} s per input",
        "records = Articles/CodedArticles out (textdump: cleaned dumps; dates: dates found); "
        "rejects = Rejects out; errors = InputErrors raised",
        "",
        head,
        "-" * len(head),
    ]
    for name in sorted(TALLIES):
        t = TALLIES[name]
        mean = 1000 * t.seconds / t.inputs if t.inputs else 0.0
        lines.append(f"{name:<34}{t.inputs:>8}{t.records:>10}{t.rejects:>9}{t.input_errors:>8}{t.seconds:>10.1f}"
                     f"{mean:>9.1f}{t.slowest:>8.2f}")
    total = sum(t.inputs for t in TALLIES.values())
    lines += [
        "-" * len(head),
        f"{'all readers':<34}{total:>8}",
        "",
        "tests: " + ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items()) if n) + f"; wall time {wall:.0f} s",
    ]
    return lines
