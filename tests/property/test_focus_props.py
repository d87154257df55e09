"""``eventwire.nlp.focus`` on any Doc and any mask: the recogniser reads exactly the sentences holding a
marked token, whole and in order, and every entity it finds lands on the same words of the full Doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span

from eventwire.nlp import focus

VOCAB = spacy.blank("en").vocab
WORDS = st.sampled_from(["Ann", "met", "Bob", ".", "in", "Paris", "it", "rained", "n't", "“", "”", ",", "Kyiv"])


class EveryCapital:
    """A stand-in recogniser: each capitalised word not starting a sentence is a PERSON."""

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1) -> Iterator[Doc]:
        for doc in docs:
            doc.set_ents([Span(doc, t.i, t.i + 1, label="PERSON") for t in doc
                          if t.text[:1].isupper() and not t.is_sent_start], default="outside")
            yield doc


@st.composite
def docs_and_masks(draw: st.DrawFn) -> tuple[Doc, np.ndarray]:
    words = draw(st.lists(WORDS, min_size=0, max_size=40))
    starts = [i == 0 or draw(st.booleans()) for i in range(len(words))]
    spaces = draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
    doc = Doc(VOCAB, words=words, spaces=spaces, sent_starts=starts)
    mask = np.array(draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words))), dtype=bool)
    return doc, mask


@settings(max_examples=300, deadline=None)
@given(docs_and_masks())
def test_kept_sentences_are_whole_and_entities_map_back(case: tuple[Doc, np.ndarray]) -> None:
    doc, mask = case
    expected = [i for s in doc.sents if mask[s.start:s.end].any() for i in range(s.start, s.end)]
    assert focus.kept_tokens(doc, mask).tolist() == expected
    (out,) = focus.recognise([doc], EveryCapital(), lambda _d: mask, batch_size=4)
    kept = set(expected)
    found = [(e.start, e.end, e.text) for e in out.ents]
    assert found == [(i, i + 1, doc[i].text) for i in expected
                     if doc[i].text[:1].isupper() and not doc[i].is_sent_start]
    assert all(t.ent_iob_ == "O" for t in out if t.i not in kept)
