"""Quotes: for any text built from quotation marks, attributions and prose, every quote's offsets lie
inside the text, its text is that slice, and no two quotes overlap."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire import actors, quotes
from eventwire.records import Article

pytestmark = pytest.mark.model

PIECES = ["“", "”", "\"", "'", "‘", "’", "«", "»", "We will not back down", "he said", ", she said.",
          "Minister Ana Ruiz", "told reporters", "according to the ministry", "The talks failed.",
          "so-called", "hot phase", "\n\n", ".", ",", ":", " ", "It is over", "Ruiz added that"]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), min_size=1, max_size=40).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_quote_offsets_lie_inside_the_text_and_never_overlap(stages, text: str) -> None:  # type: ignore[no-untyped-def]
    article = Article(id="p", text=text)
    doc = stages.nlp(text)
    found = quotes.find(doc, article, actors.find(doc, article, stages.kb, stages.nlp))
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        if q.speaker is not None:
            assert 0 <= q.speaker.start < q.speaker.end <= len(text)
    for a, b in itertools.pairwise(sorted(found, key=lambda q: q.start)):
        assert a.end <= b.start
