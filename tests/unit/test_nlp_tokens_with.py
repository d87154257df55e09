"""``nlp.tokens_with``: the tokens of a few words, found from the Doc's columns, in text order."""

from __future__ import annotations

from handbuilt import VOCAB, doc
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

from eventwire.nlp import tokens_with


def _rows() -> Doc:
    return doc([
        ("Troops", 1, "nsubj", "NOUN", "troop", "O"),
        ("Entered", 1, "ROOT", "VERB", "Enter", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("town", 1, "dobj", "NOUN", "town", "O"),
        ("and", 1, "cc", "CCONJ", "and", "O"),
        ("MUST", 6, "aux", "AUX", "must", "O"),
        ("leave", 1, "conj", "VERB", "leave", "O"),
    ])  # fmt: skip


def test_lemmas_and_lower_case_words_are_found_in_text_order():
    d = _rows()
    assert [t.text for t in tokens_with(d, frozenset({"enter", "leave"}))] == ["Entered", "leave"]
    assert [t.text for t in tokens_with(d, lowers=frozenset({"must"}))] == ["MUST"]
    assert [t.i for t in tokens_with(d, frozenset({"troop"}), frozenset({"the"}))] == [0, 2]


def test_no_words_no_tokens():
    assert tokens_with(_rows()) == []
    assert tokens_with(Doc(VOCAB, words=[]), frozenset({"enter"})) == []


@given(st.lists(st.sampled_from(["Talks", "talk", "held", "Held", "x", "MUST", "must", ""]), max_size=30),
       st.frozensets(st.sampled_from(["talk", "held", "must", "x"])))
def test_same_tokens_as_a_pass_over_every_token(words, wanted):
    d = Doc(VOCAB, words=[w or "-" for w in words], lemmas=[w.lower() or "-" for w in words])
    assert [t.i for t in tokens_with(d, wanted)] == [t.i for t in d if t.lemma_.lower() in wanted]
    assert [t.i for t in tokens_with(d, lowers=wanted)] == [t.i for t in d if t.lower_ in wanted]


def test_the_memo_tables_stay_bounded_in_all_and_answers_do_not_change(monkeypatch):
    from eventwire import nlp

    monkeypatch.setattr(nlp, "_IN_SET", {})
    monkeypatch.setattr(nlp, "_IN_SET_MAX", 20)
    sets = [frozenset({f"w{i}"}) for i in range(6)]
    for n in range(30):
        words = [f"w{(n + j) % 9}" for j in range(5)]
        d = Doc(VOCAB, words=words, lemmas=words)
        for s in sets:
            assert [t.text for t in tokens_with(d, lowers=s)] == [w for w in words if w in s]
        # Emptied before a table is consulted once more than the bound is held: at most one Doc's
        # worth of entries (5 words, 6 sets) beyond it.
        assert sum(map(len, nlp._IN_SET.values())) <= 20 + 5 * len(sets)
