"""Shared fixtures. The spaCy pipeline and the stages are loaded once per test session."""

from __future__ import annotations

import datetime as dt
import itertools
import socket
from collections.abc import Callable

import pytest

from eventwire.ingest import ids
from eventwire.records import (
    Actor,
    ActorMention,
    Article,
    CodedArticle,
    Event,
    Place,
    Quote,
    Sentence,
    Tone,
)
from eventwire.settings import Settings


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/expected/*.json from the current output (review the diff).")
    parser.addoption("--screenshots", default=None, metavar="DIR",
                     help="Browser tests save a screenshot of each dashboard view into DIR (e.g. docs).")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def free_port() -> Callable[[], int]:
    """A function returning a free TCP port on 127.0.0.1 (servers in tests bind loopback only)."""

    def pick() -> int:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return int(sock.getsockname()[1])

    return pick


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def stages(settings: Settings):  # type: ignore[no-untyped-def]
    from eventwire.pipeline import Stages

    return Stages.load(settings)


@pytest.fixture(scope="session")
def direct_quotes(stages):  # type: ignore[no-untyped-def]
    """``run(text)``: the direct quotations ``quotes.find`` gives for ``text`` (real pipeline and actor
    stage), after checking every quote, direct or reported, is the text at its offsets and that they
    come in text order without overlapping."""
    from eventwire import actors, quotes

    def run(text: str) -> list[Quote]:
        article = Article(id="t", text=text)
        doc = stages.nlp(article.text)
        found = quotes.find(doc, article, actors.find(doc, article, stages.kb, stages.nlp))
        for q in found:
            assert 0 <= q.start < q.end <= len(text) and article.text[q.start : q.end] == q.text
        for a, b in itertools.pairwise(found):
            assert a.end <= b.start
        return [q for q in found if q.direct]

    return run


TEXT = (
    "Sylvanian Foreign Minister Ana Ruiz met Freedonian officials in Port Vela on Tuesday. "
    "\"We will not accept any new checkpoints,\" Ruiz said."
)


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def make_coded(text: str = TEXT, ref: str | None = "doc-1") -> CodedArticle:
    """A fully populated CodedArticle whose offsets all point into ``text``."""
    digest = ids.content_hash(text)
    art = Article(
        id=digest[:16], text=text, ref=ref, title="Ministers meet", published=dt.date(2024, 3, 5),
        source="Bugle", credit="Agencies and Bugle", section="WORLD", author="Jane Doe",
        url="https://bugle.example/1", language="en", language_reason="test", kind="jsonl", input="t.jsonl#1",
        retrieved=dt.datetime(2024, 3, 5, 12, 0), content_hash=digest, notes=("nav:1",),
    )  # fmt: skip
    ruiz_a = Actor(code="SYLGOV", country="SYL", sector="GOV", name="Ana Ruiz")
    fre = Actor(code="FREGOV", country="FRE", sector="GOV", name="Freedonia")
    s1, e1 = span(text, "Sylvanian Foreign Minister Ana Ruiz")
    s2, e2 = span(text, "Freedonian officials")
    s3, _ = span(text, "Ruiz said")
    m1 = ActorMention(text[s1:e1], s1, e1, ruiz_a, "kb")
    m2 = ActorMention(text[s2:e2], s2, e2, fre, "kb")
    m3 = ActorMention("Ruiz", s3, s3 + 4, ruiz_a, "coref")
    unresolved = ActorMention("Port Vela", *span(text, "Port Vela"), how="ner")
    first_end = text.index(". ") + 1
    ts, te = span(text, "met")
    ps, pe = span(text, "Port Vela")
    event = Event(
        id=ids.child_id(art.id, "e", 0), event_type="CONSULT", sentence=text[:first_end], sentence_start=0,
        sentence_end=first_end, start=ts, end=te, trigger="met", mode=None, context=("diplomatic",),
        actor=(m1,), recipient=(m2,), cameo="040", quad_class=1, goldstein=1.0, date=dt.date(2024, 3, 5),
        date_reason="on Tuesday", location=Place("Port Vela", ps, pe, "SYL", 1.5, 2.5), negated=False,
        modality="asserted", confidence=0.8, explain=("lexicon: meet", "nsubj"), tone=Tone(0.0, 0.0, 13),
    )  # fmt: skip
    qs, qe = span(text, "We will not accept any new checkpoints,")
    quote = Quote(id=ids.child_id(art.id, "q", 0), text=text[qs:qe], start=qs, end=qe, direct=True, cue="said",
                  speaker=m3, scare=False, tone=Tone(0.0, 14.2857, 7))
    sentences = (Sentence(0, 0, first_end), Sentence(1, first_end + 1, len(text)))
    return CodedArticle(article=art, sentences=sentences, actors=(m1, m2, unresolved, m3), events=(event,),
                        quotes=(quote,), tone=Tone(4.5455, 9.0909, 22))


@pytest.fixture
def coded() -> CodedArticle:
    return make_coded()


@pytest.fixture
def coded_factory():
    return make_coded
