"""Event clustering across articles: reports of one event share a cluster; other events do not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventwire.ingest import ids
from eventwire.records import Actor, ActorMention, Article, CodedArticle, Event
from eventwire.store import clusters, open_store, query
from eventwire.store.writer import Writer

RUS = Actor("RUSMIL", "RUS", "MIL", None)
UKR = Actor("UKR", "UKR", None, "Ukraine")


def _report(text: str, source: str, date: dt.date, etype: str = "ASSAULT") -> CodedArticle:
    art = Article(id=ids.article_id(text), text=text, source=source, published=date,
                  content_hash=ids.content_hash(text), language="en")
    a = ActorMention("Russian forces", text.index("Russian"), text.index("Russian") + 14, RUS)
    r = ActorMention("Ukraine", text.index("Ukraine"), text.index("Ukraine") + 7, UKR)
    ev = Event(id=ids.child_id(art.id, 0, 0), event_type=etype, sentence=text, sentence_start=0,
               sentence_end=len(text), start=0, end=7, trigger="shelled", actor=(a,), recipient=(r,), date=date)
    return CodedArticle(article=art, events=(ev,))


def test_reports_of_one_event_share_a_cluster(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "c.duckdb")
    d = dt.date(2024, 5, 3)
    with Writer(conn) as w:
        w.write(_report("Russian forces shelled Kharkiv in eastern Ukraine overnight, killing three people.", "A", d))
        w.write(_report("Overnight Russian forces shelled the city of Kharkiv, Ukraine said; three people died.",
                        "B", d + dt.timedelta(days=1)))
        # Same dyad and type but a different story and a week later: a different event.
        w.write(_report("Russian forces fired rockets at a port near Odesa in southern Ukraine on Friday.", "C",
                        d + dt.timedelta(days=7)))
        # Same story, different type: not the same event record.
        w.write(_report("Russian forces shelled Kharkiv in Ukraine overnight, officials said in a report.", "D", d,
                        etype="COERCE"))
    events, multi = clusters.cluster(conn)
    assert events == 4 and multi == 1
    rows = dict(conn.execute("SELECT a.source, e.cluster_id FROM events e JOIN articles a ON a.id = e.article_id"
                             ).fetchall())
    assert rows["A"] == rows["B"] and len({rows["A"], rows["C"], rows["D"]}) == 3
    assert query.count_events(conn) == 4
    assert query.count_events(conn, clusters=True) == 3
    # Recomputing gives the same answer.
    assert clusters.cluster(conn) == (4, 1)
    conn.close()
