"""events.where: which place an event happened in, on hand-built parses (no spaCy model needed).

Each test builds a Doc as the parser would (words, heads, dependency labels, POS tags, lemmas,
entities) and asks :func:`eventwire.events.where.event_place` for the place of one predicate.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc

from eventwire.events import where
from eventwire.records import Place

_VOCAB = spacy.blank("en").vocab


class _NoKB:
    """A knowledge base that knows no names."""

    def lookup_name(self, text: str, on: Any = None) -> None:
        return None


def _doc(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """rows: (word, head index, dep, pos, lemma, entity IOB tag such as "B-GPE" or "O")."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][3] != "PUNCT" for i in range(len(rows))]
    return Doc(_VOCAB, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], lemmas=[r[4] for r in rows], ents=[r[5] for r in rows],
               sent_starts=[i == 0 for i in range(len(rows))])


def _place(doc: Doc, pred: int, exclude: set[int] | None = None, material: bool = True) -> Place | None:
    return where.event_place(doc[pred], _NoKB(), exclude or set(), None, material=material)  # type: ignore[arg-type]


def _text(doc: Doc, pred: int, exclude: set[int] | None = None, material: bool = True) -> str | None:
    place = _place(doc, pred, exclude, material)
    if place is not None:
        assert doc.text[place.start:place.end] == place.text
    return None if place is None else place.text


def test_a_site_gives_way_to_the_town_it_is_in_not_to_its_owner():
    # "Police arrested him in Smith's apartment in Porto Alegre."
    doc = _doc([
        ("Police", 1, "nsubj", "NOUN", "police", "O"),
        ("arrested", 1, "ROOT", "VERB", "arrest", "O"),
        ("him", 1, "dobj", "PRON", "he", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("Smith", 6, "poss", "PROPN", "Smith", "B-PERSON"),
        ("'s", 4, "case", "PART", "'s", "O"),
        ("apartment", 3, "pobj", "NOUN", "apartment", "O"),
        ("in", 6, "prep", "ADP", "in", "O"),
        ("Porto", 9, "compound", "PROPN", "Porto", "B-GPE"),
        ("Alegre", 7, "pobj", "PROPN", "Alegre", "I-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 1) == "Porto Alegre"


def test_a_town_keeps_its_own_name_over_the_province_it_is_in():
    # "He was killed in Mayadin in the province of Deir Ezzor."
    doc = _doc([
        ("He", 2, "nsubjpass", "PRON", "he", "O"),
        ("was", 2, "auxpass", "AUX", "be", "O"),
        ("killed", 2, "ROOT", "VERB", "kill", "O"),
        ("in", 2, "prep", "ADP", "in", "O"),
        ("Mayadin", 3, "pobj", "PROPN", "Mayadin", "B-GPE"),
        ("in", 4, "prep", "ADP", "in", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("province", 5, "pobj", "NOUN", "province", "O"),
        ("of", 7, "prep", "ADP", "of", "O"),
        ("Deir", 10, "compound", "PROPN", "Deir", "B-GPE"),
        ("Ezzor", 8, "pobj", "PROPN", "Ezzor", "I-GPE"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 2) == "Mayadin"


def test_a_named_site_is_kept_over_the_town_around_it():
    # "Rebels attacked the Kindi Hospital in Aleppo."
    doc = _doc([
        ("Rebels", 1, "nsubj", "NOUN", "rebel", "O"),
        ("attacked", 1, "ROOT", "VERB", "attack", "O"),
        ("the", 4, "det", "DET", "the", "B-FAC"),
        ("Kindi", 4, "compound", "PROPN", "Kindi", "I-FAC"),
        ("Hospital", 1, "dobj", "PROPN", "Hospital", "I-FAC"),
        ("in", 4, "prep", "ADP", "in", "O"),
        ("Aleppo", 5, "pobj", "PROPN", "Aleppo", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 1) == "Kindi Hospital"


def test_a_distance_reference_point_is_not_the_place():
    # "Troops patrolled the streets in Yendi, 50 kilometers north of Accra."
    doc = _doc([
        ("Troops", 1, "nsubj", "NOUN", "troop", "O"),
        ("patrolled", 1, "ROOT", "VERB", "patrol", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("streets", 1, "dobj", "NOUN", "street", "O"),
        ("in", 3, "prep", "ADP", "in", "O"),
        ("Yendi", 4, "pobj", "PROPN", "Yendi", "B-GPE"),
        (",", 5, "punct", "PUNCT", ",", "O"),
        ("50", 8, "nummod", "NUM", "50", "B-QUANTITY"),
        ("kilometers", 9, "npadvmod", "NOUN", "kilometer", "I-QUANTITY"),
        ("north", 1, "advmod", "ADV", "north", "O"),
        ("of", 9, "prep", "ADP", "of", "O"),
        ("Accra", 10, "pobj", "PROPN", "Accra", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 1) == "Yendi"


def test_a_direction_without_distance_still_names_the_place():
    # "Gunmen struck north of Tikrit."
    doc = _doc([
        ("Gunmen", 1, "nsubj", "NOUN", "gunman", "O"),
        ("struck", 1, "ROOT", "VERB", "strike", "O"),
        ("north", 1, "advmod", "ADV", "north", "O"),
        ("of", 2, "prep", "ADP", "of", "O"),
        ("Tikrit", 3, "pobj", "PROPN", "Tikrit", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 1) == "Tikrit"


def test_under_governs_conditions_not_places():
    # "He shot himself under threat of U.S. sanctions."
    doc = _doc([
        ("He", 1, "nsubj", "PRON", "he", "O"),
        ("shot", 1, "ROOT", "VERB", "shoot", "O"),
        ("himself", 1, "dobj", "PRON", "himself", "O"),
        ("under", 1, "prep", "ADP", "under", "O"),
        ("threat", 3, "pobj", "NOUN", "threat", "O"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("U.S.", 7, "compound", "PROPN", "U.S.", "B-GPE"),
        ("sanctions", 5, "pobj", "NOUN", "sanction", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _place(doc, 1) is None


def test_the_name_after_a_place_noun_even_when_unlabelled():
    # "Supporters demonstrated in the Togolese capital Lome."  (the parser hangs "Lome" on the verb)
    doc = _doc([
        ("Supporters", 1, "nsubj", "NOUN", "supporter", "O"),
        ("demonstrated", 1, "ROOT", "VERB", "demonstrate", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("Togolese", 5, "amod", "ADJ", "togolese", "B-NORP"),
        ("capital", 2, "pobj", "NOUN", "capital", "O"),
        ("Lome", 1, "advmod", "PROPN", "Lome", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    place = _text(doc, 1, material=False)
    assert place is not None and place.endswith("Lome")


def test_the_scene_set_before_the_clause_gives_way_to_the_place_it_names():
    # "In Latakia province, militants shelled the village of Jourin."
    doc = _doc([
        ("In", 6, "prep", "ADP", "in", "O"),
        ("Latakia", 2, "compound", "PROPN", "Latakia", "B-GPE"),
        ("province", 0, "pobj", "NOUN", "province", "O"),
        (",", 6, "punct", "PUNCT", ",", "O"),
        ("militants", 6, "nsubj", "NOUN", "militant", "O"),
        ("shelled", 6, "ROOT", "VERB", "shell", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("village", 5, "dobj", "NOUN", "village", "O"),
        ("of", 7, "prep", "ADP", "of", "O"),
        ("Jourin", 8, "pobj", "PROPN", "Jourin", "B-GPE"),
        (".", 5, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 5) == "Jourin"
    # Without a place of its own, the act keeps the scene.
    assert _text(doc, 5, exclude={9}) is not None and "Latakia" in (_text(doc, 5, exclude={9}) or "")


def test_the_place_of_the_battle_an_act_happened_in():
    # "Fifty militants were killed in the fight for Jaabar."
    doc = _doc([
        ("Fifty", 1, "nummod", "NUM", "fifty", "B-CARDINAL"),
        ("militants", 3, "nsubjpass", "NOUN", "militant", "O"),
        ("were", 3, "auxpass", "AUX", "be", "O"),
        ("killed", 3, "ROOT", "VERB", "kill", "O"),
        ("in", 3, "prep", "ADP", "in", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("fight", 4, "pobj", "NOUN", "fight", "O"),
        ("for", 6, "prep", "ADP", "for", "O"),
        ("Jaabar", 7, "pobj", "PROPN", "Jaabar", "B-PERSON"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 3) == "Jaabar"


def test_the_place_that_possesses_an_operation():
    # "Thirty fighters were killed during Kafr Saghir's liberation."
    doc = _doc([
        ("Thirty", 1, "nummod", "NUM", "thirty", "B-CARDINAL"),
        ("fighters", 3, "nsubjpass", "NOUN", "fighter", "O"),
        ("were", 3, "auxpass", "AUX", "be", "O"),
        ("killed", 3, "ROOT", "VERB", "kill", "O"),
        ("during", 3, "prep", "ADP", "during", "O"),
        ("Kafr", 6, "compound", "PROPN", "Kafr", "B-GPE"),
        ("Saghir", 8, "poss", "PROPN", "Saghir", "I-GPE"),
        ("'s", 6, "case", "PART", "'s", "O"),
        ("liberation", 4, "pobj", "NOUN", "liberation", "O"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 3) == "Kafr Saghir"


def test_an_operation_on_a_day_is_not_a_place():
    # "Farms were destroyed during Tuesday's operation."
    doc = _doc([
        ("Farms", 2, "nsubjpass", "NOUN", "farm", "O"),
        ("were", 2, "auxpass", "AUX", "be", "O"),
        ("destroyed", 2, "ROOT", "VERB", "destroy", "O"),
        ("during", 2, "prep", "ADP", "during", "O"),
        ("Tuesday", 6, "poss", "PROPN", "Tuesday", "B-DATE"),
        ("'s", 4, "case", "PART", "'s", "O"),
        ("operation", 3, "pobj", "NOUN", "operation", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _place(doc, 2) is None


def test_a_place_on_the_predicates_complement():
    # "He was shot dead in Kabul."  (the parser hangs "in Kabul" on "dead")
    doc = _doc([
        ("He", 2, "nsubjpass", "PRON", "he", "O"),
        ("was", 2, "auxpass", "AUX", "be", "O"),
        ("shot", 2, "ROOT", "VERB", "shoot", "O"),
        ("dead", 2, "oprd", "ADJ", "dead", "O"),
        ("in", 3, "prep", "ADP", "in", "O"),
        ("Kabul", 4, "pobj", "PROPN", "Kabul", "B-GPE"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 2) == "Kabul"


def test_a_town_the_model_takes_for_a_person_is_a_taken_place():
    # "Troops captured Grozny."  (the gazetteer knows the town)
    doc = _doc([
        ("Troops", 1, "nsubj", "NOUN", "troop", "O"),
        ("captured", 1, "ROOT", "VERB", "capture", "O"),
        ("Grozny", 1, "dobj", "PROPN", "Grozny", "B-PERSON"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 1) == "Grozny"
    doc = _doc([
        ("Troops", 1, "nsubj", "NOUN", "troop", "O"),
        ("captured", 1, "ROOT", "VERB", "capture", "O"),
        ("Zqxwort", 1, "dobj", "PROPN", "Zqxwort", "B-PERSON"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _place(doc, 1) is None


def test_a_place_qualifying_a_captured_person_is_not_the_place():
    # "Smith of Massachusetts was captured."
    doc = _doc([
        ("Smith", 4, "nsubjpass", "PROPN", "Smith", "B-PERSON"),
        ("of", 0, "prep", "ADP", "of", "O"),
        ("Massachusetts", 1, "pobj", "PROPN", "Massachusetts", "B-GPE"),
        ("was", 4, "auxpass", "AUX", "be", "O"),
        ("captured", 4, "ROOT", "VERB", "capture", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _place(doc, 4) is None


def test_a_misparsed_speaker_apposition_is_not_part_of_the_place():
    # "Suspects were caught in Dunya Pur, police chief Zqx Wort said."  (speaker hung as apposition)
    doc = _doc([
        ("Suspects", 2, "nsubjpass", "NOUN", "suspect", "O"),
        ("were", 2, "auxpass", "AUX", "be", "O"),
        ("caught", 2, "ROOT", "VERB", "catch", "O"),
        ("in", 2, "prep", "ADP", "in", "O"),
        ("Dunya", 5, "compound", "PROPN", "Dunya", "B-GPE"),
        ("Pur", 3, "pobj", "PROPN", "Pur", "I-GPE"),
        (",", 5, "punct", "PUNCT", ",", "O"),
        ("police", 8, "compound", "NOUN", "police", "O"),
        ("chief", 5, "appos", "NOUN", "chief", "O"),
        ("Zqx", 10, "compound", "PROPN", "Zqx", "B-PERSON"),
        ("Wort", 8, "appos", "PROPN", "Wort", "I-PERSON"),
        ("said", 2, "parataxis", "VERB", "say", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 2) == "Dunya Pur"


def test_a_two_word_city_modifying_an_event_noun_is_whole():
    # "the Tel Aviv bombing"
    doc = _doc([
        ("the", 3, "det", "DET", "the", "O"),
        ("Tel", 2, "compound", "PROPN", "Tel", "B-GPE"),
        ("Aviv", 3, "compound", "PROPN", "Aviv", "I-GPE"),
        ("bombing", 3, "ROOT", "NOUN", "bombing", "O"),
    ])  # fmt: skip
    assert _text(doc, 3) == "Tel Aviv"
