"""Actor resolution never raises, whatever the phrase or date, and never half-resolves."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import actors
from eventwire.records import Actor

KB = actors.load(())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_resolve_phrase_never_raises(text: str, on: dt.date | None) -> None:
    actor = actors.resolve_phrase(text, KB, on)
    assert isinstance(actor, Actor)
    # A country is only ever given with a code that carries it.
    if actor.country is not None:
        assert actor.code is not None and actor.code.startswith(actor.country)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Belarusian", "defense", "minister", "the", "Kremlin", "NATO", "former",
                                 "police", "in", "Syria", "of", "Kenyan", "'s", "rebels", "Minsk"]), max_size=8))
def test_resolve_phrase_on_plausible_word_salad(words: list[str]) -> None:
    assert isinstance(actors.resolve_phrase(" ".join(words), KB), Actor)
