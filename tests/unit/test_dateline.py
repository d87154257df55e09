"""events.dateline: the place a story was filed from, at the start of the text."""

from __future__ import annotations

import pytest
import spacy

from eventwire.events import dateline

_NLP = spacy.blank("en")
_PLACES = {"baghdad", "kabul", "mexico city", "chennai", "urfa", "kompong speu"}


def _is_place(name: str) -> bool:
    return name.lower() in _PLACES


@pytest.mark.parametrize(("text", "name"), [
    ("BAGHDAD -- A car bomb exploded near a police station.", "BAGHDAD"),
    ("KABUL (Reuters) - Gunmen attacked a checkpoint.", "KABUL"),
    ("CHENNAI: A trader was murdered over the weekend.", "CHENNAI"),
    ("MEXICO CITY -- The army captured a cartel leader.", "MEXICO CITY"),
    ("URFA     Two policemen were killed on Monday.", "URFA"),
    ("Kabul, Jan. 5 - Gunmen attacked a checkpoint.", "Kabul"),
    ("----    Kompong Speu (Cambodia) -- Deminers detonated a bomb.", "Kompong Speu"),
])
def test_dateline_forms(text: str, name: str) -> None:
    doc = _NLP(text)
    found = dateline.dateline(doc, _is_place)
    assert found is not None and doc[found[0]:found[1] + 1].text == name


@pytest.mark.parametrize("text", [
    "TOP STORIES: Gunmen attacked a checkpoint.",   # a heading, not a place
    "ISIS launched an attack on the town.",          # an acronym subject, no dateline punctuation
    "Gunmen attacked a checkpoint in Kabul - officials said.",
])
def test_no_dateline(text: str) -> None:
    assert dateline.dateline(_NLP(text), _is_place) is None


def test_the_dateline_places_the_lead_only() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("KABUL (Reuters) - One. Two. Three. Four.\n\nFive.")
    firsts = [s[0] for s in doc.sents]
    assert [dateline.in_lead(t) for t in firsts] == [True, True, True, False, False]
