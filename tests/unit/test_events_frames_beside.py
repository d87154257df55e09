"""events.frames: an event noun set beside a clause by a preposition of time or cause does not take the
clause's subject as its actor (hand-built parses, no spaCy model)."""

from __future__ import annotations

from handbuilt import doc

from eventwire.events import frames

Row = tuple[str, int, str, str, str, str]


def _sentence(prep: str, verb: str, verb_lemma: str, noun: str) -> list[Row]:
    """"The city VERB PREP the NOUN." """
    return [("The", 1, "det", "DET", "the", "O"), ("city", 2, "nsubj", "NOUN", "city", "O"),
            (verb, 2, "ROOT", "VERB", verb_lemma, "O"), (prep, 2, "prep", "ADP", prep, "O"),
            ("the", 5, "det", "DET", "the", "O"), (noun, 3, "pobj", "NOUN", noun, "O"),
            (".", 2, "punct", "PUNCT", ".", "O")]


def test_a_noun_after_the_clause_has_no_actor_from_its_subject():
    # "The city mourned after the attack.": the city did not attack.
    d = doc(_sentence("after", "mourned", "mourn", "attack"))
    assert frames._subject_above(d[5], []) is None


def test_a_noun_the_clause_takes_part_in_gets_its_subject():
    # "The city joined in the protest.": the city protested.
    d = doc(_sentence("in", "joined", "join", "protest"))
    arcs: list[str] = []
    subject = frames._subject_above(d[5], arcs)
    assert subject is not None and subject.text == "city" and arcs == ["subject of governing 'joined'"]


def test_a_gerund_after_the_clause_keeps_the_shared_subject():
    # "Rebels withdrew after attacking the town.": the rebels attacked.
    rows: list[Row] = [("Rebels", 1, "nsubj", "NOUN", "rebel", "O"), ("withdrew", 1, "ROOT", "VERB", "withdraw", "O"),
                       ("after", 1, "prep", "ADP", "after", "O"), ("attacking", 2, "pcomp", "VERB", "attack", "O"),
                       ("the", 5, "det", "DET", "the", "O"), ("town", 3, "dobj", "NOUN", "town", "O"),
                       (".", 1, "punct", "PUNCT", ".", "O")]
    d = doc(rows)
    subject = frames._subject_above(d[3], [])
    assert subject is not None and subject.text == "Rebels"


def test_a_noun_inside_a_stretch_of_time_has_no_actor_from_the_clause():
    # "In the weeks of protests, police fired.": the police did not protest.
    rows: list[Row] = [("In", 6, "prep", "ADP", "in", "O"), ("the", 2, "det", "DET", "the", "O"),
                       ("weeks", 0, "pobj", "NOUN", "week", "O"), ("of", 2, "prep", "ADP", "of", "O"),
                       ("protests", 3, "pobj", "NOUN", "protest", "O"), ("police", 6, "nsubj", "NOUN", "police", "O"),
                       ("fired", 6, "ROOT", "VERB", "fire", "O"), (".", 6, "punct", "PUNCT", ".", "O")]
    d = doc(rows)
    assert frames._subject_above(d[4], []) is None
