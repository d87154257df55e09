"""Tone stays on its scale for any text and any span of it, and spans add up."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import tone

NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")
LEXICON = tone.load()

# Lexicon words of both signs, negators and plain words, mixed with arbitrary text.
VOCAB = ["good", "great", "peace", "war", "killed", "bad", "not", "no", "n't", "never", "the", "talks", "Minister",
         "party", "said", ".", ",", "!", "?", "\n\n", "“", "”", "123", "über", "😀"]
texts = st.lists(st.sampled_from(VOCAB) | st.text(max_size=12), max_size=60).map(" ".join)
SETTINGS = settings(max_examples=150, deadline=None)


def on_scale(t: tone.Tone) -> bool:
    return (t.words >= 1 and 0 <= t.positive <= 100 and 0 <= t.negative <= 100
            and -100 <= t.score <= 100 and 0 <= t.polarity <= 100)


@SETTINGS
@given(texts, st.data())
def test_any_text_and_any_span_is_on_the_scale(text: str, data: st.DataObject) -> None:
    counts = tone.Counts(NLP(text), LEXICON)
    whole = counts.tone(0, len(text))
    assert whole is None or on_scale(whole)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    part = counts.tone(a, b)
    assert part is None or on_scale(part)
    if part is not None:
        assert whole is not None and part.words <= whole.words


@SETTINGS
@given(texts, st.data())
def test_two_halves_add_up_to_the_whole(text: str, data: st.DataObject) -> None:
    doc = NLP(text)
    counts = tone.Counts(doc, LEXICON)
    cut = doc[data.draw(st.integers(0, len(doc) - 1))].idx if len(doc) else 0
    parts = [t for t in (counts.tone(0, cut), counts.tone(cut, len(text))) if t is not None]
    whole = counts.tone(0, len(text))
    assert sum(t.words for t in parts) == (whole.words if whole else 0)
    if whole is not None:
        positive = sum(t.positive * t.words for t in parts) / whole.words
        assert abs(positive - whole.positive) < 0.01  # percentages are rounded to 4 decimals
