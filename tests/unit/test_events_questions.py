"""events.modality.polar_question: a yes/no question asserts nothing, a wh-question presupposes its event
(hand-built parses, no spaCy model)."""

from __future__ import annotations

from handbuilt import doc

from eventwire.events import modality

Row = tuple[str, int, str, str, str, str]

# "Did the ministry approve the deal?"
ASKED: list[Row] = [
    ("Did", 3, "aux", "AUX", "do", "O"),
    ("the", 2, "det", "DET", "the", "O"),
    ("ministry", 3, "nsubj", "NOUN", "ministry", "O"),
    ("approve", 3, "ROOT", "VERB", "approve", "O"),
    ("the", 5, "det", "DET", "the", "O"),
    ("deal", 3, "dobj", "NOUN", "deal", "O"),
    ("?", 3, "punct", "PUNCT", "?", "O"),
]


def test_a_yes_no_question_is_hypothetical():
    d = doc(ASKED)
    assert modality.polar_question(d[3])
    assert modality.modality(d[3])[0] == "hypothetical"


def test_the_same_clause_stated_is_asserted():
    # "The ministry did approve the deal."
    rows: list[Row] = [("The", 1, "det", "DET", "the", "O"), ("ministry", 3, "nsubj", "NOUN", "ministry", "O"),
                       ("did", 3, "aux", "AUX", "do", "O"), ("approve", 3, "ROOT", "VERB", "approve", "O"),
                       ("the", 5, "det", "DET", "the", "O"), ("deal", 3, "dobj", "NOUN", "deal", "O"),
                       (".", 3, "punct", "PUNCT", ".", "O")]
    d = doc(rows)
    assert not modality.polar_question(d[3])
    assert modality.modality(d[3])[0] == "asserted"


def test_a_wh_question_presupposes_its_event():
    # "Why did the ministry approve the deal?": the approval happened; the question is about its reason.
    d = doc([("Why", 4, "advmod", "SCONJ", "why", "O"), *((w, h + 1, dep, pos, lem, ent)
                                                          for w, h, dep, pos, lem, ent in ASKED)])
    assert not modality.polar_question(d[4])
    assert modality.modality(d[4])[0] == "asserted"


def test_an_inverted_copula_asks_too_and_a_closing_quote_is_looked_past():
    # "Is the border closed?" — the question mark inside a closing quotation mark.
    rows: list[Row] = [("Is", 0, "ROOT", "AUX", "be", "O"), ("the", 2, "det", "DET", "the", "O"),
                       ("border", 0, "nsubj", "NOUN", "border", "O"), ("closed", 0, "acomp", "ADJ", "closed", "O"),
                       ("?", 0, "punct", "PUNCT", "?", "O"), ("”", 0, "punct", "PUNCT", "”", "O")]
    d = doc(rows)
    assert modality.polar_question(d[0])
    assert modality.modality(d[3])[0] == "hypothetical"
