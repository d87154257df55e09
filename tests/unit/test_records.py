"""records: frozen dataclasses, their JSON shape (INTERFACE.md) and the round trip back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from eventwire.records import (
    MODALITIES,
    PLOVER_TYPES,
    UNRESOLVED,
    Actor,
    ActorMention,
    Article,
    CodedArticle,
    Event,
    Place,
    Quote,
    Reject,
    Sentence,
)

INTERFACE_EVENT_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip


def test_plover_types_are_the_sixteen_of_the_interface():
    assert len(PLOVER_TYPES) == 16
    assert set(PLOVER_TYPES) == set(INTERFACE_EVENT_TYPES)


def test_modalities_match_the_interface():
    assert set(MODALITIES) == {"asserted", "intended", "hypothetical", "conditional", "demanded", "denied"}


def test_records_are_frozen(coded):
    with pytest.raises(dataclasses.FrozenInstanceError):
        coded.article.text = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        coded.events[0].event_type = "ASSAULT"  # type: ignore[misc]
    assert isinstance(coded.events, tuple)
    assert isinstance(coded.article.notes, tuple)


def test_unresolved_actor_has_every_field_none():
    assert UNRESOLVED.to_dict() == {"code": None, "country": None, "sector": None, "name": None}
    assert not UNRESOLVED.resolved
    assert Actor(code="FREGOV").resolved


def test_actor_mention_flattens_actor_fields():
    m = ActorMention("the Kremlin", 4, 15, Actor("RUSGOV", "RUS", "GOV", "Russia"), "kb")
    assert m.to_dict() == {"text": "the Kremlin", "start": 4, "end": 15, "code": "RUSGOV", "country": "RUS",
                           "sector": "GOV", "name": "Russia", "how": "kb"}
    assert ActorMention.from_dict(m.to_dict()) == m


def test_actor_mention_defaults_from_minimal_dict():
    m = ActorMention.from_dict({"text": "Minsk", "start": "3", "end": "8"})
    assert m == ActorMention("Minsk", 3, 8, UNRESOLVED, "kb")


def test_coded_article_output_id_is_the_ref_else_the_article_id(coded):
    assert coded.to_dict()["id"] == "doc-1"
    no_ref = dataclasses.replace(coded, article=dataclasses.replace(coded.article, ref=None))
    assert no_ref.to_dict()["id"] == coded.article.id


def test_coded_article_has_interface_keys(coded):
    d = coded.to_dict()
    assert set(d) >= {"id", "article", "actors", "events", "quotes"}
    assert set(d["article"]) >= {"title", "published", "source", "credit", "section", "language", "text"}
    ev = d["events"][0]
    for key in ("event_type", "mode", "context", "actor", "recipient", "cameo", "quad_class", "goldstein",
                "date", "location", "negated", "modality", "sentence", "start", "end", "confidence"):
        assert key in ev, key
    assert ev["actor"][0]["code"] == "SYLGOV"
    q = d["quotes"][0]
    assert set(q) >= {"text", "start", "end", "direct", "cue", "speaker"}
    assert q["speaker"]["name"] == "Ana Ruiz"


def test_dates_serialise_as_iso_strings(coded):
    d = coded.to_dict()
    assert d["article"]["published"] == "2024-03-05"
    assert d["article"]["retrieved"] == "2024-03-05T12:00:00"
    assert d["events"][0]["date"] == "2024-03-05"


def test_coded_article_round_trips_through_json(coded):
    d = json.loads(json.dumps(coded.to_dict()))
    assert CodedArticle.from_dict(d) == coded


@pytest.mark.parametrize(
    "record",
    [
        Actor("IGOWSTNAT", None, "IGO", "NATO"),
        Sentence(2, 10, 40),
        Place("Port Vela", 1, 10, "SYL", 1.25, -3.5),
        Place("somewhere", 0, 9),
        Reject(input="a.jsonl#3", stage="ingest", reason="not valid JSON", ref="x"),
        Reject(input="a.txt", stage="ingest", reason="empty input"),
        Quote(id="a-q-0", text="hot phase", start=3, end=12, scare=True),
        Event(id="a-e-0", event_type="ASSAULT", sentence="s", sentence_start=0, sentence_end=1, start=0, end=1,
              trigger="s"),
        Article(id="abc", text="Body."),
    ],
)
def test_record_round_trips(record):
    assert type(record).from_dict(json.loads(json.dumps(record.to_dict()))) == record


def test_article_from_dict_accepts_datetime_strings_for_published():
    a = Article.from_dict({"id": "x", "text": "t", "published": "2024-01-19T10:30:00Z", "retrieved": ""})
    assert a.published == dt.date(2024, 1, 19)
    assert a.retrieved is None


def test_article_from_dict_accepts_date_objects():
    a = Article.from_dict({"id": "x", "text": "t", "published": dt.date(2023, 12, 31), "notes": None})
    assert a.published == dt.date(2023, 12, 31)
    assert a.notes == ()


def test_event_defaults_from_minimal_dict():
    e = Event.from_dict({"id": "e", "event_type": "AID", "sentence": "s", "sentence_start": 0,
                         "sentence_end": 1, "start": 0, "end": 1, "trigger": "s"})
    assert e.modality == "asserted"
    assert e.negated is False
    assert e.confidence == 0.5
    assert e.location is None
    assert e.actor == () and e.recipient == ()


def test_quote_without_speaker_serialises_null():
    q = Quote(id="q", text="t", start=0, end=1)
    assert q.to_dict()["speaker"] is None
    assert Quote.from_dict(q.to_dict()).speaker is None
