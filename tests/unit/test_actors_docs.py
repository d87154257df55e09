"""Mention rules on hand-built spaCy Docs: no statistical model needed (a blank English pipeline
gives the vocabulary and tokenizer the phrase matchers are built with)."""

from __future__ import annotations

import datetime as dt

import spacy
from spacy.tokens import Doc

from eventwire import actors
from eventwire.actors import match

NLP = spacy.blank("en")
KB = actors.load(())


def _doc(words: list[str], ents: list[str] | None = None, tags: list[str] | None = None) -> Doc:
    doc = Doc(NLP.vocab, words=words, ents=ents or ["O"] * len(words))
    if tags:
        for tok, tag in zip(doc, tags, strict=True):
            tok.tag_ = tag
    return doc


def test_demonym_role_and_name_make_one_mention() -> None:
    words = ["Belarusian", "defense", "minister", "Viktor", "Khrenin", "said", "."]
    doc = _doc(words, ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"])
    (m,) = [m for m in match.find_mentions(doc, KB, NLP, dt.date(2024, 1, 19)) if "Khrenin" in m.text]
    assert m.text == "Belarusian defense minister Viktor Khrenin"
    assert m.actor.country == "BLR" and m.actor.sector == "MIL" and m.actor.name == "Viktor Khrenin"


def test_capital_stands_for_the_government_and_igo_keeps_group_noun() -> None:
    doc = _doc(["Minsk", "criticised", "NATO", "members", "and", "the", "Kremlin", "."])
    found = {m.text: m.actor for m in match.find_mentions(doc, KB, NLP, None)}
    assert found["Minsk"].country == "BLR" and found["Minsk"].sector == "GOV"
    assert found["NATO members"].sector == "IGO" and found["NATO members"].country is None
    assert found["the Kremlin"].country == "RUS"


def test_case_matters_for_acronyms() -> None:
    doc = _doc(["Let", "us", "meet", "the", "US", "envoy", "."])
    texts = [m.text for m in match.find_mentions(doc, KB, NLP, None)]
    assert "us" not in texts and any(t.startswith("US") for t in texts)


def test_possessive_country_before_a_role() -> None:
    doc = _doc(["Kenya", "'s", "police", "arrested", "protesters", "."],
               tags=["NNP", "POS", "NNS", "VBD", "NNS", "."])
    found = {m.text: m.actor for m in match.find_mentions(doc, KB, NLP, None)}
    police = next(a for t, a in found.items() if t.endswith("police"))
    assert police.country == "KEN" and police.sector == "COP"


def test_title_and_surname_of_a_leader_out_of_office_give_the_country() -> None:
    # No Bush held office on 2000-01-01, but every Bush in the KB served the United States.
    doc = _doc(["President", "Bush", "threatened", "Russia", "."], ["O", "B-PERSON", "O", "B-GPE", "O"])
    found = {m.text: m.actor for m in match.find_mentions(doc, KB, NLP, dt.date(2000, 1, 1))}
    assert found["President Bush"].country == "USA" and found["President Bush"].sector == "GOV"


def test_leader_before_a_role_noun_gives_the_country() -> None:
    doc = _doc(["The", "Bush", "administration", "declared", "."], ["O", "B-PERSON", "O", "O", "O"])
    found = {m.text: m.actor for m in match.find_mentions(doc, KB, NLP, dt.date(2000, 1, 1))}
    assert found["Bush administration"].code == "USAGOV"


def test_two_demonyms_in_a_row_are_one_people_of_the_first() -> None:
    doc = _doc(["Bosnian", "Serbs", "demanded", "a", "truce", "."], ["B-NORP", "I-NORP", "O", "O", "O", "O"])
    found = [(m.text, m.actor.country) for m in match.find_mentions(doc, KB, NLP, dt.date(2000, 1, 1))]
    assert found == [("Bosnian Serbs", "BIH")]
    doc = _doc(["Bosnian", "Serb", "forces", "withdrew", "."])
    found = [(m.text, m.actor.code) for m in match.find_mentions(doc, KB, NLP, dt.date(2000, 1, 1))]
    assert found == [("Bosnian Serb forces", "BIHMIL")]


def test_ethnic_demonym_gives_no_country() -> None:
    doc = _doc(["Ethnic", "Albanians", "protested", "."])
    (m,) = match.find_mentions(doc, KB, NLP, dt.date(2000, 1, 1))
    assert m.actor.country is None and m.actor.sector == "CVL"
    doc = _doc(["ethnic", "Albanian", "guerrillas", "surrendered", "."])
    (m,) = match.find_mentions(doc, KB, NLP, dt.date(2000, 1, 1))
    assert m.actor.country is None and m.actor.sector == "REB"
