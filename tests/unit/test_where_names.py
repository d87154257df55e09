"""events.where, continued: how names are judged (labels, owners, a site's owner, the gazetteer and the
knowledge base), on hand-built parses (no spaCy model needed). Helpers as in test_where.py.
"""

from __future__ import annotations

from typing import Any

from handbuilt import NoKB as _NoKB
from handbuilt import doc as _doc
from spacy.tokens import Doc

from eventwire.events import where
from eventwire.records import Place


def _place(doc: Doc, pred: int, exclude: set[int] | None = None, material: bool = True) -> Place | None:
    return where.event_place(doc[pred], _NoKB(), exclude or set(), None, material=material)  # type: ignore[arg-type]


def _text(doc: Doc, pred: int, exclude: set[int] | None = None, material: bool = True) -> str | None:
    place = _place(doc, pred, exclude, material)
    if place is not None:
        assert doc.text[place.start:place.end] == place.text
    return None if place is None else place.text


class _KindKB(_NoKB):
    """A knowledge base that knows some names, each as one kind."""

    def __init__(self, kinds: dict[str, str]) -> None:
        self.kinds = kinds

    def lookup_name(self, text: str, on: Any = None) -> Any:
        kind = self.kinds.get(text)
        if kind is None:
            return None

        class _Actor:
            country = None

        class _Name:
            pass

        name = _Name()
        name.kind = kind  # type: ignore[attr-defined]
        name.actor = _Actor()  # type: ignore[attr-defined]
        return name


def _patrols(name: str, label: str) -> Doc:
    # "Police patrol <name>."
    return _doc([
        ("Police", 1, "nsubj", "NOUN", "police", "O"),
        ("patrol", 1, "ROOT", "VERB", "patrol", "O"),
        (name, 1, "dobj", "PROPN", name, f"B-{label}"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip


def test_a_gazetteer_town_the_model_labels_otherwise_is_a_patrolled_place():
    assert _text(_patrols("Karachi", "ORG"), 1) == "Karachi"
    assert _text(_patrols("Manbij", "PRODUCT"), 1) == "Manbij"
    # A name the knowledge base knows as an armed group is not a town, whatever the gazetteer says.
    doc = _patrols("Hamas", "ORG")
    assert where.event_place(doc[1], _KindKB({"Hamas": "group"}), set(), None, material=True) is None  # type: ignore[arg-type]


def test_a_shot_man_whose_name_is_also_a_town_is_not_the_place():
    # "Marino was shot."
    doc = _doc([
        ("Marino", 2, "nsubjpass", "PROPN", "Marino", "B-PERSON"),
        ("was", 2, "auxpass", "AUX", "be", "O"),
        ("shot", 2, "ROOT", "VERB", "shoot", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _place(doc, 2) is None


def test_a_name_in_apposition_with_a_city_noun_is_a_captured_place():
    # "Mbuji Mayi, the main city, was captured."  (labelled PERSON)
    doc = _doc([
        ("Mbuji", 1, "compound", "PROPN", "Mbuji", "B-PERSON"),
        ("Mayi", 8, "nsubjpass", "PROPN", "Mayi", "I-PERSON"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("main", 5, "amod", "ADJ", "main", "O"),
        ("city", 1, "appos", "NOUN", "city", "O"),
        (",", 1, "punct", "PUNCT", ",", "O"),
        ("was", 8, "auxpass", "AUX", "be", "O"),
        ("captured", 8, "ROOT", "VERB", "capture", "O"),
        (".", 8, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 8) == "Mbuji Mayi"


def test_a_sites_owner_is_not_its_place():
    # "In Canberra, Serbians protested outside the United States embassy."
    doc = _doc([
        ("In", 4, "prep", "ADP", "in", "O"),
        ("Canberra", 0, "pobj", "PROPN", "Canberra", "B-GPE"),
        (",", 4, "punct", "PUNCT", ",", "O"),
        ("Serbians", 4, "nsubj", "NOUN", "serbian", "B-NORP"),
        ("protested", 4, "ROOT", "VERB", "protest", "O"),
        ("outside", 4, "prep", "ADP", "outside", "O"),
        ("the", 9, "det", "DET", "the", "B-GPE"),
        ("United", 8, "compound", "PROPN", "United", "I-GPE"),
        ("States", 9, "compound", "PROPN", "States", "I-GPE"),
        ("embassy", 5, "pobj", "NOUN", "embassy", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 4, material=False) == "Canberra"
    # "He was seized near a U.S. base at Balad."
    doc = _doc([
        ("He", 2, "nsubjpass", "PRON", "he", "O"),
        ("was", 2, "auxpass", "AUX", "be", "O"),
        ("seized", 2, "ROOT", "VERB", "seize", "O"),
        ("near", 2, "prep", "ADP", "near", "O"),
        ("a", 6, "det", "DET", "a", "O"),
        ("U.S.", 6, "compound", "PROPN", "U.S.", "B-GPE"),
        ("base", 3, "pobj", "NOUN", "base", "O"),
        ("at", 6, "prep", "ADP", "at", "O"),
        ("Balad", 7, "pobj", "PROPN", "Balad", "B-GPE"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 2) == "Balad"


def test_a_name_compounded_with_a_site_is_its_name():
    # "Soldiers detonated a device near the Sufa checkpoint."  ("Sufa" labelled ORG)
    doc = _doc([
        ("Soldiers", 1, "nsubj", "NOUN", "soldier", "O"),
        ("detonated", 1, "ROOT", "VERB", "detonate", "O"),
        ("a", 3, "det", "DET", "a", "O"),
        ("device", 1, "dobj", "NOUN", "device", "O"),
        ("near", 1, "prep", "ADP", "near", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("Sufa", 7, "compound", "PROPN", "Sufa", "B-ORG"),
        ("checkpoint", 4, "pobj", "NOUN", "checkpoint", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 1) == "Sufa"


def test_a_one_word_passive_name_labelled_gpe_is_a_person_unless_known():
    # "Zqxwort was shot by gunmen inside his Kabul home."  (unknown names get GPE from the small model)
    doc = _doc([
        ("Zqxwort", 2, "nsubjpass", "PROPN", "Zqxwort", "B-GPE"),
        ("was", 2, "auxpass", "AUX", "be", "O"),
        ("shot", 2, "ROOT", "VERB", "shoot", "O"),
        ("by", 2, "agent", "ADP", "by", "O"),
        ("gunmen", 3, "pobj", "NOUN", "gunman", "O"),
        ("inside", 4, "prep", "ADP", "inside", "O"),
        ("his", 8, "poss", "PRON", "his", "O"),
        ("Kabul", 8, "compound", "PROPN", "Kabul", "B-GPE"),
        ("home", 5, "pobj", "NOUN", "home", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 2) == "Kabul"
    # A place the knowledge base knows is taken ("Kabul was shelled by gunmen").
    doc = _doc([
        ("Kabul", 2, "nsubjpass", "PROPN", "Kabul", "B-GPE"),
        ("was", 2, "auxpass", "AUX", "be", "O"),
        ("shelled", 2, "ROOT", "VERB", "shell", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    place = where.event_place(doc[2], _KindKB({"Kabul": "capital"}), set(), None, material=True)  # type: ignore[arg-type]
    assert place is not None and place.text == "Kabul"


def test_a_preposition_inside_an_organisations_name_is_not_a_locative():
    # "Three fighters were killed in clashes with the Islamic State in Iraq in the village of Jafa."
    doc = _doc([
        ("Three", 1, "nummod", "NUM", "three", "B-CARDINAL"),
        ("fighters", 3, "nsubjpass", "NOUN", "fighter", "O"),
        ("were", 3, "auxpass", "AUX", "be", "O"),
        ("killed", 3, "ROOT", "VERB", "kill", "O"),
        ("during", 3, "prep", "ADP", "during", "O"),
        ("clashes", 4, "pobj", "NOUN", "clash", "O"),
        ("with", 5, "prep", "ADP", "with", "O"),
        ("the", 9, "det", "DET", "the", "B-ORG"),
        ("Islamic", 9, "compound", "PROPN", "Islamic", "I-ORG"),
        ("State", 6, "pobj", "PROPN", "State", "I-ORG"),
        ("in", 9, "prep", "ADP", "in", "I-ORG"),
        ("Iraq", 10, "pobj", "PROPN", "Iraq", "I-ORG"),
        ("in", 5, "prep", "ADP", "in", "O"),
        ("the", 14, "det", "DET", "the", "O"),
        ("village", 12, "pobj", "NOUN", "village", "O"),
        ("of", 14, "prep", "ADP", "of", "O"),
        ("Jafa", 15, "pobj", "PROPN", "Jafa", "B-GPE"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 3) == "Jafa"


def test_the_house_of_a_person_is_no_place_name_and_a_titled_apposition_is_not_either():
    # "In Ramallah, officers shot into the air outside the house of Jamil Tarifi, Arafat's minister."
    doc = _doc([
        ("In", 4, "prep", "ADP", "in", "O"),
        ("Ramallah", 0, "pobj", "PROPN", "Ramallah", "B-GPE"),
        (",", 4, "punct", "PUNCT", ",", "O"),
        ("officers", 4, "nsubj", "NOUN", "officer", "O"),
        ("shot", 4, "ROOT", "VERB", "shoot", "O"),
        ("into", 4, "prep", "ADP", "into", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("air", 5, "pobj", "NOUN", "air", "O"),
        ("outside", 7, "prep", "ADP", "outside", "O"),
        ("the", 10, "det", "DET", "the", "O"),
        ("house", 8, "pobj", "NOUN", "house", "O"),
        ("of", 10, "prep", "ADP", "of", "O"),
        ("Jamil", 13, "compound", "PROPN", "Jamil", "B-PERSON"),
        ("Tarifi", 11, "pobj", "PROPN", "Tarifi", "I-PERSON"),
        (",", 13, "punct", "PUNCT", ",", "O"),
        ("Arafat", 17, "poss", "PROPN", "Arafat", "B-PERSON"),
        ("'s", 15, "case", "PART", "'s", "O"),
        ("minister", 13, "appos", "NOUN", "minister", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 4) == "Ramallah"


def test_a_reference_point_is_the_place_when_no_other_is_named():
    # "A ship was attacked 60 miles west of Hodeidah."
    doc = _doc([
        ("A", 1, "det", "DET", "a", "O"),
        ("ship", 3, "nsubjpass", "NOUN", "ship", "O"),
        ("was", 3, "auxpass", "AUX", "be", "O"),
        ("attacked", 3, "ROOT", "VERB", "attack", "O"),
        ("60", 5, "nummod", "NUM", "60", "B-QUANTITY"),
        ("miles", 6, "npadvmod", "NOUN", "mile", "I-QUANTITY"),
        ("west", 3, "advmod", "ADV", "west", "O"),
        ("of", 6, "prep", "ADP", "of", "O"),
        ("Hodeidah", 7, "pobj", "PROPN", "Hodeidah", "B-GPE"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 3) == "Hodeidah"


def test_a_misparsed_progressive_takes_its_object_and_subject():
    # "Troops are patrolling Nablus."  (the small model: AUX root, participle "amod" of an "attr")
    doc = _doc([
        ("Troops", 1, "nsubj", "NOUN", "troop", "O"),
        ("are", 1, "ROOT", "AUX", "be", "O"),
        ("patrolling", 3, "amod", "VERB", "patrol", "O"),
        ("Nablus", 1, "attr", "PROPN", "Nablus", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    place = where.event_place(doc[2], _KindKB({"Nablus": "place"}), set(), None, material=True)  # type: ignore[arg-type]
    assert place is not None and place.text == "Nablus"
    # "Officers in Henan are patrolling markets."
    doc = _doc([
        ("Officers", 3, "nsubj", "NOUN", "officer", "O"),
        ("in", 0, "prep", "ADP", "in", "O"),
        ("Henan", 1, "pobj", "PROPN", "Henan", "B-GPE"),
        ("are", 3, "ROOT", "AUX", "be", "O"),
        ("patrolling", 5, "amod", "VERB", "patrol", "O"),
        ("markets", 3, "attr", "NOUN", "market", "O"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 4) == "Henan"


def test_a_place_a_level_down_in_the_subject():
    # "Thousands of officers in Henan patrolled markets."
    doc = _doc([
        ("Thousands", 5, "nsubj", "NOUN", "thousand", "B-CARDINAL"),
        ("of", 0, "prep", "ADP", "of", "O"),
        ("officers", 1, "pobj", "NOUN", "officer", "O"),
        ("in", 2, "prep", "ADP", "in", "O"),
        ("Henan", 3, "pobj", "PROPN", "Henan", "B-GPE"),
        ("patrolled", 5, "ROOT", "VERB", "patrol", "O"),
        ("markets", 5, "dobj", "NOUN", "market", "O"),
        (".", 5, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 5) == "Henan"


def test_local_people_act_at_home_but_a_nations_troops_do_not():
    # "Nangarhar residents protested."
    doc = _doc([
        ("Nangarhar", 1, "compound", "PROPN", "Nangarhar", "B-GPE"),
        ("residents", 2, "nsubj", "NOUN", "resident", "O"),
        ("protested", 2, "ROOT", "VERB", "protest", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    kb = _KindKB({"Nangarhar": "place", "Syria": "country"})
    place = where.event_place(doc[2], kb, {0, 1}, None)  # type: ignore[arg-type]
    assert place is not None and place.text == "Nangarhar"
    # "Syria troops attacked."  (a country naming the actor is not where it acted)
    doc = _doc([
        ("Syria", 1, "compound", "PROPN", "Syria", "B-GPE"),
        ("troops", 2, "nsubj", "NOUN", "troop", "O"),
        ("attacked", 2, "ROOT", "VERB", "attack", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert where.event_place(doc[2], kb, {0, 1}, None, material=True) is None  # type: ignore[arg-type]


def test_took_to_the_streets_of_a_town():
    # "Kurds took to the streets of Qamishli."
    doc = _doc([
        ("Kurds", 1, "nsubj", "PROPN", "Kurds", "B-NORP"),
        ("took", 1, "ROOT", "VERB", "take", "O"),
        ("to", 1, "prep", "ADP", "to", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("streets", 2, "pobj", "NOUN", "street", "O"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("Qamishli", 5, "pobj", "PROPN", "Qamishli", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 1, material=False) == "Qamishli"
    # "Police handed him over to Zqx Wort."  ("to" before a name is a recipient)
    doc = _doc([
        ("Police", 1, "nsubj", "NOUN", "police", "O"),
        ("handed", 1, "ROOT", "VERB", "hand", "O"),
        ("him", 1, "dobj", "PRON", "he", "O"),
        ("over", 1, "prt", "ADP", "over", "O"),
        ("to", 1, "prep", "ADP", "to", "O"),
        ("Zqx", 6, "compound", "PROPN", "Zqx", "B-PERSON"),
        ("Wort", 4, "pobj", "PROPN", "Wort", "I-PERSON"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _place(doc, 1, material=False) is None


def test_from_an_organisation_is_membership_not_a_place():
    # "Strikes killed rebels from Jabhat Al-Nusra."  (the parser hangs "from" on the verb)
    doc = _doc([
        ("Strikes", 1, "nsubj", "NOUN", "strike", "O"),
        ("killed", 1, "ROOT", "VERB", "kill", "O"),
        ("rebels", 1, "dobj", "NOUN", "rebel", "O"),
        ("from", 1, "prep", "ADP", "from", "O"),
        ("Jabhat", 5, "compound", "PROPN", "Jabhat", "B-ORG"),
        ("Al-Nusra", 3, "pobj", "PROPN", "Al-Nusra", "I-ORG"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _place(doc, 1) is None


def test_a_town_with_a_distance_in_apposition_is_no_amount():
    # "They were captured in Jalpatagua, 100 kilometers southeast of Guatemala City."
    doc = _doc([
        ("They", 2, "nsubjpass", "PRON", "they", "O"),
        ("were", 2, "auxpass", "AUX", "be", "O"),
        ("captured", 2, "ROOT", "VERB", "capture", "O"),
        ("in", 2, "prep", "ADP", "in", "O"),
        ("Jalpatagua", 3, "pobj", "PROPN", "Jalpatagua", "B-GPE"),
        (",", 4, "punct", "PUNCT", ",", "O"),
        ("100", 7, "nummod", "NUM", "100", "B-QUANTITY"),
        ("kilometers", 4, "appos", "NOUN", "kilometer", "I-QUANTITY"),
        ("southeast", 7, "appos", "NOUN", "southeast", "O"),
        ("of", 8, "prep", "ADP", "of", "O"),
        ("Guatemala", 11, "compound", "PROPN", "Guatemala", "B-GPE"),
        ("City", 9, "pobj", "PROPN", "City", "I-GPE"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _text(doc, 2) == "Jalpatagua"


def test_a_town_labelled_a_product_is_a_name_when_the_gazetteer_knows_it():
    # "Fighters were killed in the battle for Manbij."  ("Manbij" labelled PRODUCT)
    def doc_for(name: str) -> Doc:
        return _doc([
            ("Fighters", 2, "nsubjpass", "NOUN", "fighter", "O"),
            ("were", 2, "auxpass", "AUX", "be", "O"),
            ("killed", 2, "ROOT", "VERB", "kill", "O"),
            ("in", 2, "prep", "ADP", "in", "O"),
            ("the", 5, "det", "DET", "the", "O"),
            ("battle", 3, "pobj", "NOUN", "battle", "O"),
            ("for", 5, "prep", "ADP", "for", "O"),
            (name, 6, "pobj", "PROPN", name, "B-PRODUCT"),
            (".", 2, "punct", "PUNCT", ".", "O"),
        ])  # fmt: skip
    assert _text(doc_for("Manbij"), 2) == "Manbij"
    assert _place(doc_for("Zqxwort"), 2) is None


def test_a_name_the_model_calls_an_event_is_a_place_before_a_settlement_noun():
    # "Gunmen shot two men in Veltrava area of Korsk." (invented; the small model labels such names EVENT)
    rows = [
        ("Gunmen", 1, "nsubj", "NOUN", "gunman", "O"),
        ("shot", 1, "ROOT", "VERB", "shoot", "O"),
        ("two", 3, "nummod", "NUM", "two", "B-CARDINAL"),
        ("men", 1, "dobj", "NOUN", "man", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("Veltrava", 6, "compound", "PROPN", "Veltrava", "B-EVENT"),
        ("area", 4, "pobj", "NOUN", "area", "O"),
        ("of", 6, "prep", "ADP", "of", "O"),
        ("Korsk", 7, "pobj", "PROPN", "Korsk", "B-ORG"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]  # fmt: skip
    assert _text(_doc(rows), 1) == "Veltrava area of Korsk"
    # Not before any noun: "the Veltrava match" is no place of its own.
    rows[6] = ("match", 4, "pobj", "NOUN", "match", "O")
    assert _text(_doc(rows), 1) == "Korsk"
