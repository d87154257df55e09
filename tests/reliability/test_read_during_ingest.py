"""The API keeps answering reads while an ingest (another process) writes to the same store: every
response is a 200 or a clear 503 with Retry-After, never a 500, and 200s arrive while the ingest runs
(it lets go of the store between batches). Also the pieces that make it so: the bounded wait for the
file lock, the busy answer, and the ingest lock that keeps a second ingest out."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.app import BUSY
from eventwire.errors import StoreBusy
from eventwire.records import CodedArticle
from eventwire.settings import Settings
from eventwire.store import open_store
from eventwire.store.db import ingest_lock
from eventwire.store.writer import Writer

N_ARTICLES = 300
COUNTRIES = ["Kenya", "Uganda", "Tanzania", "Ghana", "Togo", "Chile", "Peru", "Poland", "Latvia", "Japan"]
VERBS = ["held talks with", "accused", "signed a trade agreement with", "criticised", "sent aid to", "praised"]


def _corpus(path: Path, n: int) -> None:
    rnd = random.Random(11)
    with path.open("w") as f:
        for i in range(n):
            a, b = rnd.sample(COUNTRIES, 2)
            text = f"{a} {rnd.choice(VERBS)} {b} on Monday, officials said in bulletin {i}."
            f.write(json.dumps({"id": f"r{i}", "text": text, "date": "2024-03-04"}) + "\n")


def _seeded(tmp_path: Path, coded: CodedArticle) -> Path:
    db = tmp_path / "live.duckdb"
    conn = open_store(db)
    with Writer(conn) as w:
        w.write(coded)
    conn.close()
    return db


def _holder(db: Path, read_only: bool, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the store open (for writing, or reading) for ``seconds``."""
    code = (f"import time, duckdb; c = duckdb.connect(r'{db}', read_only={read_only}); print('ready', flush=True); "
            f"time.sleep({seconds}); c.close()")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


@pytest.fixture
def serve(free_port: Callable[[], int]) -> Iterator[Callable[[Path], int]]:
    """Start the API over a store in a thread of this process; returns its port."""
    servers: list[uvicorn.Server] = []

    def start(db: Path) -> int:
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(Settings(db_path=db)), host="127.0.0.1", port=port,
                                               log_level="error"))
        threading.Thread(target=server.run, daemon=True).start()
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        servers.append(server)
        return port

    yield start
    for server in servers:
        server.should_exit = True


def _get(url: str) -> tuple[int, dict[str, str], dict[str, object]]:
    """Status, headers (names lower-cased: HTTP header names are case-insensitive, and the server may
    send either case) and JSON body."""
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, json.loads(exc.read())


@pytest.mark.model
def test_api_answers_reads_while_an_ingest_writes(tmp_path: Path, coded_factory, serve) -> None:  # type: ignore[no-untyped-def]
    db = _seeded(tmp_path, coded_factory())
    corpus = tmp_path / "news.jsonl"
    _corpus(corpus, N_ARTICLES)
    port = serve(db)
    ingest = subprocess.Popen([sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", str(db), "-q"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[tuple[int, dict[str, str], dict[str, object]]] = []
    during: list[dict[str, object]] = []  # 200 answers showing the ingest's run still going
    deadline = time.monotonic() + 600
    paths = ["/api/stats", "/api/events?limit=5", "/api/articles?limit=5"]
    try:
        while ingest.poll() is None and time.monotonic() < deadline:
            status, headers, body = _get(f"http://127.0.0.1:{port}{paths[len(seen) % len(paths)]}")
            seen.append((status, headers, body))
            runs = body.get("runs") if status == 200 else None  # newest first: [id, started, status, counts]
            if isinstance(runs, list) and runs and runs[0][2] == "running":
                during.append(body)
            time.sleep(0.02)
        _, err = ingest.communicate(timeout=600)
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
    assert ingest.returncode == 0, err
    statuses = [s for s, _, _ in seen]
    for status, headers, body in seen:
        assert status in (200, 503), (status, body)
        if status == 503:
            assert body == {"detail": BUSY} and headers.get("retry-after") == "1"
    # The design goal: reads get in while the ingest runs, and see its batches arrive one by one.
    assert during, f"no read succeeded during the ingest ({statuses.count(503)} busy of {len(statuses)})"
    partial = {int(b["articles"]) for b in during}  # type: ignore[call-overload]
    assert any(1 < n < 1 + N_ARTICLES for n in partial), partial
    final = _get(f"http://127.0.0.1:{port}/api/stats")
    assert final[0] == 200 and final[2]["articles"] == 1 + N_ARTICLES
    print(f"\n{len(statuses)} requests during the ingest: {statuses.count(200)} ok, {statuses.count(503)} busy; "
          f"{len(during)} ok while the run was marked running; article counts seen {sorted(partial)[:8]}...")


def test_read_waits_briefly_for_a_writer_then_gets_in(tmp_path: Path, coded_factory) -> None:  # type: ignore[no-untyped-def]
    db = _seeded(tmp_path, coded_factory())
    holder = _holder(db, read_only=False, seconds=1.0)
    try:
        conn = open_store(db, read_only=True, wait=30)
        conn.close()
    finally:
        holder.wait(timeout=30)


def test_read_gives_up_with_store_busy_and_the_api_says_503(tmp_path: Path, coded_factory) -> None:  # type: ignore[no-untyped-def]
    db = _seeded(tmp_path, coded_factory())
    holder = _holder(db, read_only=False, seconds=60)
    try:
        start = time.monotonic()
        with pytest.raises(StoreBusy, match="in use by another eventwire process"):
            open_store(db, read_only=True, wait=0.5)
        assert time.monotonic() - start < 30  # it gave up; it did not wait for the holder
        r = TestClient(create_app(Settings(db_path=db))).get("/api/events")
        assert r.status_code == 503 and r.json() == {"detail": BUSY} and r.headers["retry-after"] == "1"
    finally:
        holder.kill()
        holder.wait()


def test_ingest_waits_for_a_reader_to_let_go(tmp_path: Path, coded_factory) -> None:  # type: ignore[no-untyped-def]
    db = _seeded(tmp_path, coded_factory())
    holder = _holder(db, read_only=True, seconds=1.0)
    try:
        with pytest.raises(StoreBusy):
            open_store(db, wait=0)
        conn = open_store(db, wait=30)
        conn.close()
    finally:
        holder.wait(timeout=30)


def test_a_second_ingest_is_refused_at_once(tmp_path: Path) -> None:
    db = tmp_path / "one.duckdb"
    with ingest_lock(db) as held:
        assert held
        with pytest.raises(StoreBusy, match="another eventwire ingest"), ingest_lock(db):
            pass
    with ingest_lock(db) as held:  # released on exit
        assert held
