"""``quotes.speakers.speaker_token`` on hand-built parses (no model): parses the pipeline produces for
some sentences and not for others, pinned here so that the rule does not hang on a tagger's mood."""

from __future__ import annotations

import pytest
from handbuilt import VOCAB, doc
from spacy.tokens import Doc

from eventwire.quotes import speakers


def test_cue_set_beside_a_subjectless_clause_takes_that_clause_subject() -> None:
    # "Durbin, noting the size, said": the parser made "noting" the root and "said" its parataxis.
    d = doc([("Durbin", 2, "nsubj", "PROPN", "Durbin", "B-PERSON"), (",", 0, "punct", "PUNCT", ",", "O"),
             ("noting", 2, "ROOT", "VERB", "note", "O"), ("the", 4, "det", "DET", "the", "O"),
             ("size", 2, "dobj", "NOUN", "size", "O"), (",", 2, "punct", "PUNCT", ",", "O"),
             ("said", 2, "parataxis", "VERB", "say", "O"), (",", 6, "punct", "PUNCT", ",", "O")])
    tok = speakers.speaker_token(d[6])
    assert tok is not None and tok.text == "Durbin"


def test_cue_set_beside_a_clause_keeps_its_own_subject() -> None:
    # "The economy is strong, Vale said": "said" is a parataxis with a subject of its own.
    d = doc([("The", 1, "det", "DET", "the", "O"), ("economy", 2, "nsubj", "NOUN", "economy", "O"),
             ("is", 2, "ROOT", "AUX", "be", "O"), ("strong", 2, "acomp", "ADJ", "strong", "O"),
             (",", 2, "punct", "PUNCT", ",", "O"), ("Vale", 6, "nsubj", "PROPN", "Vale", "B-PERSON"),
             ("said", 2, "parataxis", "VERB", "say", "O"), (".", 2, "punct", "PUNCT", ".", "O")])
    tok = speakers.speaker_token(d[6])
    assert tok is not None and tok.text == "Vale"


def _rows(spec: list[tuple[str, int, str, str]]) -> list[tuple[str, int, str, str, str, str]]:
    return [(w, h, dep, pos, w.lower(), "O") for w, h, dep, pos in spec]


def test_name_an_apposition_belongs_to_speaks_not_the_addressee() -> None:
    # "Ramos, 58, told Radio Vela": the parser gave "told" no subject and hung "58" on "Ramos".
    d = doc(_rows([("Ramos", 4, "npadvmod", "PROPN"), (",", 0, "punct", "PUNCT"), ("58", 0, "appos", "NUM"),
                   (",", 0, "punct", "PUNCT"), ("told", 4, "ROOT", "VERB"), ("Radio", 6, "compound", "PROPN"),
                   ("Vela", 4, "dobj", "PROPN"), (".", 4, "punct", "PUNCT")]))
    tok = speakers.speaker_token(d[4])
    assert tok is not None and tok.text == "Ramos"


def test_inverted_cue_with_no_apposition_before_it_takes_the_name_after_it() -> None:
    # "“Fine,” said Vale Ortiz.": nothing apposed before the cue; the name after it speaks.
    d = doc(_rows([("“", 1, "punct", "PUNCT"), ("Fine", 4, "ccomp", "ADJ"), (",", 4, "punct", "PUNCT"),
                   ("”", 4, "punct", "PUNCT"), ("said", 4, "ROOT", "VERB"), ("Vale", 6, "compound", "PROPN"),
                   ("Ortiz", 4, "dobj", "PROPN"), (".", 4, "punct", "PUNCT")]))
    tok = speakers.speaker_token(d[4])
    assert tok is not None and tok.text == "Ortiz"


def test_of_two_subjects_the_nearer_one_before_the_cue_speaks() -> None:
    # "In Berea, OH, Gov. Vale said.": the parser made both "OH" and "Vale" subjects of "said".
    d = doc(_rows([("In", 7, "prep", "ADP"), ("Berea", 0, "pobj", "PROPN"), (",", 7, "punct", "PUNCT"),
                   ("OH", 7, "nsubj", "PROPN"), (",", 7, "punct", "PUNCT"), ("Gov.", 6, "compound", "PROPN"),
                   ("Vale", 7, "nsubj", "PROPN"), ("said", 7, "ROOT", "VERB"), (".", 7, "punct", "PUNCT")]))
    tok = speakers.speaker_token(d[7])
    assert tok is not None and tok.text == "Vale"


def _tagged(spec: list[tuple[str, int, str, str, str]]) -> Doc:
    """One sentence from rows of (word, head index, dep, pos, fine tag)."""
    return Doc(VOCAB, words=[r[0] for r in spec], spaces=[True] * len(spec), heads=[r[1] for r in spec],
               deps=[r[2] for r in spec], pos=[r[3] for r in spec], tags=[r[4] for r in spec],
               lemmas=[r[0].lower() for r in spec], sent_starts=[i == 0 for i in range(len(spec))])


@pytest.mark.parametrize(("tag", "who"), [("VBZ", "voice"), ("VBG", None)])
def test_noun_right_before_a_finite_cue_speaks(tag: str, who: str | None) -> None:
    # "”, a voice over says/saying": no subject in the parse; before a finite verb the noun is its subject,
    # before a participle it need not be ("a photo of a man saying ...").
    d = _tagged([("”", 4, "punct", "PUNCT", "''"), ("a", 2, "det", "DET", "DT"), ("voice", 4, "dobj", "NOUN", "NN"),
                 ("over", 4, "advmod", "ADP", "IN"), ("says", 4, "ROOT", "VERB", tag)])
    tok = speakers.speaker_token(d[4])
    assert (tok.text if tok is not None else None) == who
