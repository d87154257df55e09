"""Load and concurrency: 50 clients x 100 requests against a local API server, and two ingests on one
store. Traffic goes only to 127.0.0.1; every loop is bounded in count and time."""

from __future__ import annotations

import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import uvicorn

from eventwire.api import create_app
from eventwire.ingest import ids
from eventwire.records import Article, CodedArticle
from eventwire.settings import Settings
from eventwire.store import open_store
from eventwire.store.writer import Writer

CLIENTS, REQUESTS = 50, 100


def test_fifty_clients_hundred_requests_each_no_errors(tmp_path: Path, coded_factory, free_port) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "load.duckdb"
    conn = open_store(db)
    with Writer(conn) as w:
        w.write(coded_factory())
    conn.close()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db_path=db)), host="127.0.0.1", port=port,
                                           log_level="error", backlog=256))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    paths = ["/api/events?actor=SYL", "/api/quotes?speaker=ruiz", "/api/stats", "/api/events?text=vela&limit=5"]
    errors: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()

    def client(k: int) -> None:
        for i in range(REQUESTS):
            url = f"http://127.0.0.1:{port}{paths[(k + i) % len(paths)]}"
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as r:
                    r.read()
                    ok = r.status == 200
            except (urllib.error.URLError, OSError) as exc:
                ok = False
                with lock:
                    errors.append(repr(exc))
            with lock:
                latencies.append(time.perf_counter() - start)
                if not ok and len(errors) < 5:
                    errors.append(url)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    server.should_exit = True
    assert len(latencies) == CLIENTS * REQUESTS
    assert errors == []
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    print(f"\n{CLIENTS}x{REQUESTS} requests, 0 errors, p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p99 {p99:.1f} ms")


def test_second_writer_fails_fast_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    text = "Kenya and Uganda signed a trade agreement in Kampala on Friday."
    holder = open_store(db)
    with Writer(holder) as w:
        w.write(CodedArticle(article=Article(id=ids.article_id(text), text=text,
                                             content_hash=ids.content_hash(text))))
    # Another process holds the store open for writing; this process's ingest must fail fast, clearly.
    code = f"import time, duckdb; c = duckdb.connect(r'{db}'); print('ready', flush=True); time.sleep(30)"
    holder.close()
    other = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "ready"
        start = time.monotonic()
        res = subprocess.run([sys.executable, "-m", "eventwire", "stats", "--db", str(db)], capture_output=True,
                             text=True, timeout=60)
        assert res.returncode == 2 and "in use by another eventwire process" in " ".join(res.stderr.split())
        assert time.monotonic() - start < 30  # it did not wait for the lock holder
    finally:
        other.kill()
        other.wait()

