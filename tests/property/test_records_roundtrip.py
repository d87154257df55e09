"""Every record survives to_dict -> from_dict, and to_dict -> JSON -> from_dict, unchanged."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.records import (
    MODALITIES,
    PLOVER_TYPES,
    Actor,
    ActorMention,
    Article,
    CodedArticle,
    Event,
    Place,
    Quote,
    Reject,
    Sentence,
    Tone,
)

SETTINGS = settings(max_examples=200, deadline=None)

text = st.text()
opt_text = st.none() | st.text()
offset = st.integers(min_value=0, max_value=10_000_000)
finite = st.floats(allow_nan=False, allow_infinity=False)
opt_float = st.none() | finite
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
opt_date = st.none() | dates
opt_datetime = st.none() | st.datetimes() | st.datetimes(timezones=st.timezones())
text_tuple = st.lists(text, max_size=4).map(tuple)
percent = st.floats(min_value=0, max_value=100)
tones = st.none() | st.builds(Tone, positive=percent, negative=percent, words=offset)

actors = st.builds(Actor, code=opt_text, country=opt_text, sector=opt_text, name=opt_text)
mentions = st.builds(ActorMention, text=text, start=offset, end=offset, actor=actors, how=text)
sentences = st.builds(Sentence, index=offset, start=offset, end=offset)
places = st.builds(Place, text=text, start=offset, end=offset, country=opt_text, lat=opt_float, lon=opt_float)
articles = st.builds(
    Article, id=text, text=text, ref=opt_text, title=opt_text, published=opt_date, source=opt_text,
    credit=opt_text, section=opt_text, author=opt_text, url=opt_text, language=opt_text,
    language_reason=opt_text, kind=opt_text, input=opt_text, retrieved=opt_datetime, content_hash=opt_text,
    duplicate_of=opt_text, notes=text_tuple,
)  # fmt: skip
events = st.builds(
    Event, id=text, event_type=st.sampled_from(PLOVER_TYPES) | text, sentence=text, sentence_start=offset,
    sentence_end=offset, start=offset, end=offset, trigger=text, mode=opt_text, context=text_tuple,
    actor=st.lists(mentions, max_size=3).map(tuple), recipient=st.lists(mentions, max_size=3).map(tuple),
    cameo=opt_text, quad_class=st.none() | st.integers(1, 4), goldstein=opt_float, date=opt_date,
    date_reason=opt_text, location=st.none() | places, negated=st.booleans(),
    modality=st.sampled_from(MODALITIES) | text, confidence=finite, explain=text_tuple, tone=tones,
)  # fmt: skip
quotes = st.builds(Quote, id=text, text=text, start=offset, end=offset, direct=st.booleans(), cue=opt_text,
                   speaker=st.none() | mentions, scare=st.booleans(), tone=tones)
rejects = st.builds(Reject, input=text, stage=text, reason=text, ref=opt_text)
coded_articles = st.builds(
    CodedArticle, article=articles, sentences=st.lists(sentences, max_size=3).map(tuple),
    actors=st.lists(mentions, max_size=3).map(tuple), events=st.lists(events, max_size=2).map(tuple),
    quotes=st.lists(quotes, max_size=2).map(tuple), tone=tones,
)  # fmt: skip

any_record = st.one_of(actors, mentions, sentences, places, articles, events, quotes, rejects, coded_articles,
                       tones.filter(lambda t: t is not None))


@SETTINGS
@given(any_record)
def test_from_dict_of_to_dict_is_identity(record):
    assert type(record).from_dict(record.to_dict()) == record


@SETTINGS
@given(any_record)
def test_json_round_trip_is_identity(record):
    d = json.loads(json.dumps(record.to_dict()))
    assert type(record).from_dict(d) == record


@SETTINGS
@given(coded_articles)
def test_coded_article_output_id(coded):
    d = coded.to_dict()
    expected = coded.article.ref if coded.article.ref is not None else coded.article.id
    assert d["id"] == expected
    assert len(d["events"]) == len(coded.events)


@SETTINGS
@given(articles)
def test_article_dict_is_json_serialisable_without_default(article):
    # no dates/datetimes/tuples left in the JSON shape
    json.dumps(article.to_dict(), allow_nan=False)
