"""REST API latency for the main event queries, on a synthetic store or an existing one.

    python benchmarks/api_latency.py --synthetic 1000000           # builds a store of N synthetic events
    python benchmarks/api_latency.py --db wikinews.duckdb          # or measures an existing store

Starts the API on 127.0.0.1 (a random free port) in this process, sends ``--requests`` requests per
query one after another over HTTP, and prints p50/p95 per query plus the dashboard's first load (its
HTML, then the events request it makes). Synthetic events have random dyads among 60 country codes
with sectors, 16 types, dates over 5 years.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import uvicorn

from eventwire.api import create_app
from eventwire.settings import Settings
from eventwire.store import open_store

COUNTRIES = ["USA", "RUS", "UKR", "CHN", "BLR", "POL", "DEU", "FRA", "GBR", "IRN", "ISR", "TUR", "SYR", "IRQ",
             "SAU", "EGY", "IND", "PAK", "AFG", "JPN", "KOR", "PRK", "TWN", "PHL", "VNM", "IDN", "MYS", "THA",
             "MMR", "BGD", "NGA", "ETH", "KEN", "SOM", "SDN", "SSD", "COD", "ZAF", "MLI", "NER", "LBY", "TUN",
             "DZA", "MAR", "BRA", "ARG", "COL", "VEN", "MEX", "CUB", "CAN", "AUS", "ITA", "ESP", "GRC", "SRB",
             "ARM", "AZE", "GEO", "KAZ"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
QUERIES = [
    ("actor", "/api/events?actor=RUS&limit=100"),
    ("dyad + type + dates", "/api/events?actor=RUS&recipient=UKR&event_type=ASSAULT&date_from=2022-01-01"
                            "&date_to=2023-12-31&limit=100"),
    ("text search", "/api/events?text=border&limit=100"),
    ("timeline", "/api/timeline?actor=RUS&recipient=UKR"),
]


def build_synthetic(path: Path, n: int) -> None:
    conn = open_store(path)
    countries = "[" + ",".join(f"'{c}'" for c in COUNTRIES) + "]"
    types = "[" + ",".join(f"'{t}'" for t in TYPES) + "]"
    sectors = "['', 'GOV', 'MIL', 'COP', 'OPP']"
    n_articles = max(1, n // 5)
    conn.execute(f"""INSERT INTO articles (id, source, title, published, language, kind, text, content_hash,
        stored) SELECT printf('%016x', i), 'Source ' || (i % 50), 'Synthetic article ' || i,
        DATE '2020-01-01' + CAST(i % 1826 AS INTEGER), 'en', 'synthetic', 'Synthetic text ' || i,
        'h' || i, now() FROM range({n_articles}) t(i)""")
    conn.execute(f"""INSERT INTO events (id, article_id, start, "end", trigger, sentence, sentence_start,
        sentence_end, event_type, quad_class, goldstein, modality, negated, date, confidence)
        SELECT 'e' || i, printf('%016x', i % {n_articles}), 0, 5, 'verb',
          'Synthetic sentence ' || i || CASE WHEN i % 97 = 0 THEN ' near the border' ELSE '' END, 0, 40,
          {types}[1 + i % 16], 1 + (i % 16) // 4 - CASE WHEN i % 16 >= 16 THEN 1 ELSE 0 END,
          (i % 21) - 10, 'asserted', false, DATE '2020-01-01' + CAST((i * 7) % 1826 AS INTEGER), 0.7
        FROM range({n}) t(i)""")
    for role, mult in (("actor", 31), ("recipient", 17)):
        conn.execute(f"""INSERT INTO event_actors (event_id, role, position, start, "end", text, code, country,
            sector) SELECT 'e' || i, '{role}', 0, 0, 3, 'x',
              {countries}[1 + (i * {mult}) % 60] || {sectors}[1 + i % 5], {countries}[1 + (i * {mult}) % 60],
              NULLIF({sectors}[1 + i % 5], '') FROM range({n}) t(i)""")
    conn.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _time(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:  # only our own loopback server
        r.read()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=int, help="build a store of this many synthetic events")
    ap.add_argument("--db", type=Path, help="measure this existing store instead")
    ap.add_argument("--requests", type=int, default=50)
    args = ap.parse_args()
    if args.db is None:
        args.db = Path(tempfile.mkdtemp(prefix="eventwire-api-")) / "synthetic.duckdb"
        t = time.perf_counter()
        build_synthetic(args.db, args.synthetic or 1_000_000)
        print(f"built {args.synthetic or 1_000_000:,} synthetic events in {time.perf_counter() - t:.1f}s")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db_path=args.db)), host="127.0.0.1", port=port,
                                           log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    first_html = _time(base + "/")
    first_events = _time(base + "/api/events?limit=200")
    print(f"dashboard first load: page {first_html:.1f} ms, then its events request {first_events:.1f} ms")
    for name, path in QUERIES:
        _time(base + path)  # warm
        times = [_time(base + path) for _ in range(args.requests)]
        q = statistics.quantiles(times, n=20)
        print(f"{name:22} p50 {statistics.median(times):7.1f} ms   p95 {q[18]:7.1f} ms   ({args.requests} requests)")
    server.should_exit = True


if __name__ == "__main__":
    main()
