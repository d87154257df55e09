"""Recipients of events on hand-built parses with hand-built actor mentions (no spaCy model needed).

Each test builds a Doc as the parser would, marks the actor mentions the actors stage would find
(made-up countries: Ruritania RUR, Freedonia FRE), and checks who the event is aimed at.
"""

from __future__ import annotations

from typing import Any

from handbuilt import KBName as _Name
from handbuilt import NoKB
from handbuilt import doc as _doc
from spacy.tokens import Doc

from eventwire import events
from eventwire.events import lexicon, ontology
from eventwire.records import Actor, ActorMention, Article, Event

RUR = Actor(code="RUR", country="RUR", name="Ruritania")
FRE = Actor(code="FRE", country="FRE", name="Freedonia")


class _PlaceKB(NoKB):
    """Knows Ruritania as a country name, nothing else."""

    def lookup_name(self, text: str, on: Any = None) -> _Name | None:
        return _Name(RUR, "country") if text == "Ruritania" else None


def _mention(doc: Doc, first: int, last: int, actor: Actor, how: str = "country") -> ActorMention:
    span = doc[first:last + 1]
    return ActorMention(text=span.text, start=span.start_char, end=span.end_char, actor=actor, how=how)


def _code(doc: Doc, mentions: tuple[ActorMention, ...]) -> tuple[Event, ...]:
    coder = events.Coder(lexicon=lexicon.load(), ontology=ontology.load(), kb=_PlaceKB())  # type: ignore[arg-type]
    return events.code(doc, Article(id="t", text=doc.text), mentions, coder)


def _only(coded: tuple[Event, ...], event_type: str) -> Event:
    (ev,) = [e for e in coded if e.event_type == event_type]
    return ev


def test_place_of_the_act_stands_for_a_missing_recipient():
    # "Troops imposed a curfew in Ruritania."  No party is named: the place gives the recipient.
    doc = _doc([
        ("Troops", 1, "nsubj", "NOUN", "troop", "O"),
        ("imposed", 1, "ROOT", "VERB", "impose", "O"),
        ("a", 3, "det", "DET", "a", "O"),
        ("curfew", 1, "dobj", "NOUN", "curfew", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("Ruritania", 4, "pobj", "PROPN", "Ruritania", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    ev = _only(_code(doc, ()), "COERCE")
    assert [(m.text, m.actor.country, m.how) for m in ev.recipient] == [("Ruritania", "RUR", "place")]


def test_place_inside_a_relative_clause_is_not_the_recipient():
    # "Troops imposed a curfew on people who live in Ruritania."  The place describes the people.
    doc = _doc([
        ("Troops", 1, "nsubj", "NOUN", "troop", "O"),
        ("imposed", 1, "ROOT", "VERB", "impose", "O"),
        ("a", 3, "det", "DET", "a", "O"),
        ("curfew", 1, "dobj", "NOUN", "curfew", "O"),
        ("on", 1, "prep", "ADP", "on", "O"),
        ("people", 4, "pobj", "NOUN", "people", "O"),
        ("who", 7, "nsubj", "PRON", "who", "O"),
        ("live", 5, "relcl", "VERB", "live", "O"),
        ("in", 7, "prep", "ADP", "in", "O"),
        ("Ruritania", 8, "pobj", "PROPN", "Ruritania", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    ev = _only(_code(doc, ()), "COERCE")
    assert ev.location is not None and ev.recipient == ()


def test_mobilizing_on_own_ground_has_no_place_recipient_but_on_anothers_it_does():
    # "Ruritania mobilized reservists in Ruritania." / "Freedonia mobilized reservists in Ruritania."
    # MOBILIZE's recipient is whom the move threatens: not the actor's own ground, but another country's.
    def doc_with(actor: str) -> Doc:
        return _doc([
            (actor, 1, "nsubj", "PROPN", actor, "B-GPE"),
            ("mobilized", 1, "ROOT", "VERB", "mobilize", "O"),
            ("reservists", 1, "dobj", "NOUN", "reservist", "O"),
            ("in", 1, "prep", "ADP", "in", "O"),
            ("Ruritania", 3, "pobj", "PROPN", "Ruritania", "B-GPE"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ])  # fmt: skip
    own = doc_with("Ruritania")
    other = doc_with("Freedonia")
    ev_own = _only(_code(own, (_mention(own, 0, 0, RUR),)), "MOBILIZE")
    ev_other = _only(_code(other, (_mention(other, 0, 0, FRE),)), "MOBILIZE")
    assert ev_own.recipient == ()
    assert [m.actor.country for m in ev_other.recipient] == ["RUR"]


def test_subject_of_a_demanded_clause_is_the_recipient():
    # "Protesters demanded that Ruritania release the prisoners."
    doc = _doc([
        ("Protesters", 1, "nsubj", "NOUN", "protester", "O"),
        ("demanded", 1, "ROOT", "VERB", "demand", "O"),
        ("that", 4, "mark", "SCONJ", "that", "O"),
        ("Ruritania", 4, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("release", 1, "ccomp", "VERB", "release", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("prisoners", 4, "dobj", "NOUN", "prisoner", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    ev = _only(_code(doc, (_mention(doc, 3, 3, RUR),)), "REQUEST")
    assert [m.actor.code for m in ev.recipient] == ["RUR"]


def test_recipient_of_the_offered_act_is_the_offers_recipient():
    # "Freedonia offered to hand over the suspects to Ruritania."
    doc = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("offered", 1, "ROOT", "VERB", "offer", "O"),
        ("to", 3, "aux", "PART", "to", "O"),
        ("hand", 1, "xcomp", "VERB", "hand", "O"),
        ("over", 3, "prt", "ADP", "over", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("suspects", 3, "dobj", "NOUN", "suspect", "O"),
        ("to", 3, "prep", "ADP", "to", "O"),
        ("Ruritania", 7, "pobj", "PROPN", "Ruritania", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    ev = _only(_code(doc, (_mention(doc, 0, 0, FRE), _mention(doc, 8, 8, RUR))), "AGREE")
    assert [m.actor.code for m in ev.actor] == ["FRE"]
    assert [m.actor.code for m in ev.recipient] == ["RUR"]


def test_object_naming_no_party_gives_way_to_the_indirect_object():
    # "Freedonia offered Ruritania a deal."  The object is what is offered.
    doc = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("offered", 1, "ROOT", "VERB", "offer", "O"),
        ("Ruritania", 1, "dative", "PROPN", "Ruritania", "B-GPE"),
        ("a", 4, "det", "DET", "a", "O"),
        ("deal", 1, "dobj", "NOUN", "deal", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    ev = _only(_code(doc, (_mention(doc, 0, 0, FRE), _mention(doc, 2, 2, RUR))), "AGREE")
    assert [m.actor.code for m in ev.recipient] == ["RUR"]


def test_sector_without_country_gives_way_to_a_party_of_known_country():
    # "Freedonia offered troops to Ruritania."  The troops are what is offered.
    doc = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("offered", 1, "ROOT", "VERB", "offer", "O"),
        ("troops", 1, "dobj", "NOUN", "troop", "O"),
        ("to", 1, "prep", "ADP", "to", "O"),
        ("Ruritania", 3, "pobj", "PROPN", "Ruritania", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    troops = _mention(doc, 2, 2, Actor(code="MIL", sector="MIL"), how="role")
    ev = _only(_code(doc, (_mention(doc, 0, 0, FRE), troops, _mention(doc, 4, 4, RUR))), "AGREE")
    assert [m.actor.code for m in ev.recipient] == ["RUR"]


def test_unqualified_recipient_takes_the_country_of_the_place():
    # "Freedonia attacked rebels in Ruritania."  The rebels are Ruritania's: RURREB.
    doc = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("attacked", 1, "ROOT", "VERB", "attack", "O"),
        ("rebels", 1, "dobj", "NOUN", "rebel", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("Ruritania", 3, "pobj", "PROPN", "Ruritania", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    rebels = _mention(doc, 2, 2, Actor(code="REB", sector="REB"), how="role")
    ev = _only(_code(doc, (_mention(doc, 0, 0, FRE), rebels)), "ASSAULT")
    assert [(m.text, m.actor.code, m.actor.country) for m in ev.recipient] == [("rebels", "RURREB", "RUR")]


def test_role_word_used_as_a_verb_names_no_party():
    # "Farmers blocked roads to press Ruritania."  "press" (the media role) is a verb here.
    doc = _doc([
        ("Farmers", 1, "nsubj", "NOUN", "farmer", "O"),
        ("blocked", 1, "ROOT", "VERB", "block", "O"),
        ("roads", 1, "dobj", "NOUN", "road", "O"),
        ("to", 4, "aux", "PART", "to", "O"),
        ("press", 1, "advcl", "VERB", "press", "O"),
        ("Ruritania", 4, "dobj", "PROPN", "Ruritania", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    press = _mention(doc, 4, 4, Actor(code="JRN", sector="JRN"), how="role")
    ev = _only(_code(doc, (press, _mention(doc, 5, 5, RUR))), "PROTEST")
    assert [m.actor.code for m in ev.recipient] == ["RUR"]


def test_owner_of_the_ground_an_act_happens_on_is_not_its_recipient():
    # "Freedonia announced the deployment of missiles on Ruritania's territory."
    doc = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("announced", 1, "ROOT", "VERB", "announce", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("deployment", 1, "dobj", "NOUN", "deployment", "O"),
        ("of", 3, "prep", "ADP", "of", "O"),
        ("missiles", 4, "pobj", "NOUN", "missile", "O"),
        ("on", 3, "prep", "ADP", "on", "O"),
        ("Ruritania", 9, "poss", "PROPN", "Ruritania", "B-GPE"),
        ("'s", 7, "case", "PART", "'s", "O"),
        ("territory", 6, "pobj", "NOUN", "territory", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    coded = _code(doc, (_mention(doc, 0, 0, FRE), _mention(doc, 7, 7, RUR)))
    assert coded and all(m.actor.code != "RUR" for e in coded for m in e.recipient)


def test_party_without_country_takes_the_country_of_its_origin_phrase():
    # "Security forces in Ruritania detained students."  The forces are Ruritania's: RURCOP.
    doc = _doc([
        ("Security", 1, "compound", "NOUN", "security", "O"),
        ("forces", 4, "nsubj", "NOUN", "force", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("Ruritania", 2, "pobj", "PROPN", "Ruritania", "B-GPE"),
        ("detained", 4, "ROOT", "VERB", "detain", "O"),
        ("students", 4, "dobj", "NOUN", "student", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    forces = _mention(doc, 0, 1, Actor(code="COP", sector="COP"), how="role")
    ev = _only(_code(doc, (forces, _mention(doc, 3, 3, RUR))), "COERCE")
    assert [(m.text, m.actor.code, m.actor.country) for m in ev.actor] == [("Security forces", "RURCOP", "RUR")]


def test_head_naming_no_party_takes_the_party_it_comes_from():
    # "Doctors from Ruritania attacked the convoy."  The doctors are a Ruritanian party.
    doc = _doc([
        ("Doctors", 3, "nsubj", "NOUN", "doctor", "O"),
        ("from", 0, "prep", "ADP", "from", "O"),
        ("Ruritania", 1, "pobj", "PROPN", "Ruritania", "B-GPE"),
        ("attacked", 3, "ROOT", "VERB", "attack", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("convoy", 3, "dobj", "NOUN", "convoy", "O"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    ev = _only(_code(doc, (_mention(doc, 2, 2, RUR),)), "ASSAULT")
    assert [(m.text, m.actor.country, m.how) for m in ev.actor] == [("Doctors", "RUR", "origin")]


def test_forces_deployed_in_the_passive_are_the_actor():
    # "Ruritanian troops were deployed to the border."  MOBILIZE: the troops are Ruritania's own.
    doc = _doc([
        ("Ruritanian", 1, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("troops", 3, "nsubjpass", "NOUN", "troop", "O"),
        ("were", 3, "auxpass", "AUX", "be", "O"),
        ("deployed", 3, "ROOT", "VERB", "deploy", "O"),
        ("to", 3, "prep", "ADP", "to", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("border", 4, "pobj", "NOUN", "border", "O"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    troops = _mention(doc, 0, 1, Actor(code="RURMIL", country="RUR", sector="MIL"), how="demonym")
    ev = _only(_code(doc, (troops,)), "MOBILIZE")
    assert [m.actor.code for m in ev.actor] == ["RURMIL"] and ev.recipient == ()


def test_venue_of_talks_is_not_their_recipient():
    # "Freedonia held talks in Ruritania."  A venue, not a party (only a visit's place hosts it).
    doc = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("held", 1, "ROOT", "VERB", "hold", "O"),
        ("talks", 1, "dobj", "NOUN", "talk", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("Ruritania", 3, "pobj", "PROPN", "Ruritania", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    ev = _only(_code(doc, (_mention(doc, 0, 0, FRE),)), "CONSULT")
    assert ev.location is not None and ev.recipient == ()


def test_one_party_named_twice_is_not_a_joint_event():
    # "The Ruritanian League (RL) agreed."  Name and acronym are one party: no reciprocal recipients.
    doc = _doc([
        ("The", 2, "det", "DET", "the", "O"),
        ("Ruritanian", 2, "compound", "PROPN", "Ruritanian", "B-ORG"),
        ("League", 6, "nsubj", "PROPN", "League", "I-ORG"),
        ("(", 4, "punct", "PUNCT", "(", "O"),
        ("RL", 2, "appos", "PROPN", "RL", "B-ORG"),
        (")", 4, "punct", "PUNCT", ")", "O"),
        ("agreed", 6, "ROOT", "VERB", "agree", "O"),
        (".", 6, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    league = Actor(code="IGORUL", sector="IGO", name="Ruritanian League")
    ev = _only(_code(doc, (_mention(doc, 1, 2, league, "igo"), _mention(doc, 4, 4, league, "igo"))), "AGREE")
    assert len(ev.actor) == 2 and ev.recipient == ()


def test_conjoined_parties_are_each_others_recipients_not_a_third_party_in_the_content():
    # "Ruritania and Freedonia exchanged prisoners with the help of Osterlich."  Joint: no content search.
    OST = Actor(code="OST", country="OST", name="Osterlich")
    doc = _doc([
        ("Ruritania", 3, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("and", 0, "cc", "CCONJ", "and", "O"),
        ("Freedonia", 0, "conj", "PROPN", "Freedonia", "B-GPE"),
        ("exchanged", 3, "ROOT", "VERB", "exchange", "O"),
        ("prisoners", 3, "dobj", "NOUN", "prisoner", "O"),
        ("through", 3, "prep", "ADP", "through", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("mediation", 5, "pobj", "NOUN", "mediation", "O"),
        ("of", 7, "prep", "ADP", "of", "O"),
        ("Osterlich", 8, "pobj", "PROPN", "Osterlich", "B-GPE"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    coded = _code(doc, (_mention(doc, 0, 0, RUR), _mention(doc, 2, 2, FRE), _mention(doc, 9, 9, OST)))
    ev = next(e for e in coded if e.trigger == "exchanged")
    assert sorted(m.actor.code for m in ev.recipient) == ["FRE", "RUR"]


def test_demand_a_protest_is_staged_for_names_its_recipient():
    # "Students staged demonstrations to demand the resignation of Ruritania's president."
    doc = _doc([
        ("Students", 1, "nsubj", "NOUN", "student", "O"),
        ("staged", 1, "ROOT", "VERB", "stage", "O"),
        ("demonstrations", 1, "dobj", "NOUN", "demonstration", "O"),
        ("to", 4, "aux", "PART", "to", "O"),
        ("demand", 1, "advcl", "VERB", "demand", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("resignation", 4, "dobj", "NOUN", "resignation", "O"),
        ("of", 6, "prep", "ADP", "of", "O"),
        ("Ruritania", 10, "poss", "PROPN", "Ruritania", "B-GPE"),
        ("'s", 8, "case", "PART", "'s", "O"),
        ("president", 7, "pobj", "NOUN", "president", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    ev = _only(_code(doc, (_mention(doc, 8, 8, RUR),)), "PROTEST")
    assert [m.actor.code for m in ev.recipient] == ["RUR"]


def test_exercise_is_joint_only_with_a_named_partner_not_a_party_of_another_clause():
    # "Ruritania held exercises and insisted that Freedonia was safe."  Still a MOBILIZE of its own.
    doc = _doc([
        ("Ruritania", 1, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("held", 1, "ROOT", "VERB", "hold", "O"),
        ("exercises", 1, "dobj", "NOUN", "exercise", "O"),
        ("and", 1, "cc", "CCONJ", "and", "O"),
        ("insisted", 1, "conj", "VERB", "insist", "O"),
        ("that", 8, "mark", "SCONJ", "that", "O"),
        ("Freedonia", 8, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("was", 8, "aux", "AUX", "be", "O"),
        ("safe", 4, "ccomp", "ADJ", "safe", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    coded = _code(doc, (_mention(doc, 0, 0, RUR), _mention(doc, 6, 6, FRE)))
    assert "MOBILIZE" in [e.event_type for e in coded] and "COOPERATE" not in [e.event_type for e in coded]


def _joint_doc(verb: str, lemma: str, obj: str, obj_lemma: str) -> Doc:
    # "Ruritania and Freedonia <verb> <obj>."
    return _doc([
        ("Ruritania", 3, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("and", 0, "cc", "CCONJ", "and", "O"),
        ("Freedonia", 0, "conj", "PROPN", "Freedonia", "B-GPE"),
        (verb, 3, "ROOT", "VERB", lemma, "O"),
        (obj, 3, "dobj", "NOUN", obj_lemma, "O"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip


def test_parties_to_talks_are_each_others_recipients():
    # "Ruritania and Freedonia held talks."  Talks are held with each other: RUR->FRE and FRE->RUR.
    doc = _joint_doc("held", "hold", "talks", "talk")
    ev = _only(_code(doc, (_mention(doc, 0, 0, RUR), _mention(doc, 2, 2, FRE))), "CONSULT")
    assert sorted(m.actor.code for m in ev.actor) == ["FRE", "RUR"]
    assert sorted(m.actor.code for m in ev.recipient) == ["FRE", "RUR"]


def test_parties_to_a_joint_agreement_are_actors_only():
    # "Ruritania and Freedonia signed a treaty."  A joint act: both are actors, no recipient (PLOVER).
    doc = _joint_doc("signed", "sign", "treaty", "treaty")
    (ev,) = _code(doc, (_mention(doc, 0, 0, RUR), _mention(doc, 2, 2, FRE)))
    assert sorted(m.actor.code for m in ev.actor) == ["FRE", "RUR"] and ev.recipient == ()


def test_place_of_a_joint_agreement_is_a_venue_not_a_recipient():
    # "Osterlich and Freedonia signed a treaty in Ruritania."  Neither party nor the venue is a recipient.
    OST = Actor(code="OST", country="OST", name="Osterlich")
    doc = _doc([
        ("Osterlich", 3, "nsubj", "PROPN", "Osterlich", "B-GPE"),
        ("and", 0, "cc", "CCONJ", "and", "O"),
        ("Freedonia", 0, "conj", "PROPN", "Freedonia", "B-GPE"),
        ("signed", 3, "ROOT", "VERB", "sign", "O"),
        ("treaty", 3, "dobj", "NOUN", "treaty", "O"),
        ("in", 3, "prep", "ADP", "in", "O"),
        ("Ruritania", 5, "pobj", "PROPN", "Ruritania", "B-GPE"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    coded = _code(doc, (_mention(doc, 0, 0, OST), _mention(doc, 2, 2, FRE)))
    ev = next(e for e in coded if e.trigger == "signed")
    assert ev.location is not None and ev.recipient == ()


ARC = Actor(code="ARC", country="ARC", name="Arcadia")


def test_actors_own_possessive_does_not_block_the_to_phrase():
    # "Freedonia offered its troops to Ruritania's president."  Its troops are what is offered.
    doc = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("offered", 1, "ROOT", "VERB", "offer", "O"),
        ("its", 3, "poss", "PRON", "its", "O"),
        ("troops", 1, "dobj", "NOUN", "troop", "O"),
        ("to", 1, "prep", "ADP", "to", "O"),
        ("Ruritania", 7, "poss", "PROPN", "Ruritania", "B-GPE"),
        ("'s", 5, "case", "PART", "'s", "O"),
        ("president", 4, "pobj", "NOUN", "president", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    troops = Actor(code="MIL", sector="MIL")
    mentions = (_mention(doc, 0, 0, FRE), _mention(doc, 2, 2, FRE, "coref"), _mention(doc, 3, 3, troops, "sector"),
                _mention(doc, 5, 5, RUR))
    ev = _only(_code(doc, mentions), "AGREE")
    assert [m.actor.country for m in ev.recipient] == ["RUR"]


def _led_war(verb: str, lemma: str, participle: str, participle_lemma: str) -> Doc:
    # "Freedonia refused to join the Ruritania-led war against Arcadia."
    d = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        (verb, 1, "ROOT", "VERB", lemma, "O"),
        ("to", 3, "aux", "PART", "to", "O"),
        ("join", 1, "xcomp", "VERB", "join", "O"),
        ("the", 8, "det", "DET", "the", "O"),
        ("Ruritania", 7, "npadvmod", "PROPN", "Ruritania", "B-GPE"),
        ("-", 7, "punct", "PUNCT", "-", "O"),
        (participle, 8, "amod", "VERB", participle_lemma, "O"),
        ("war", 3, "dobj", "NOUN", "war", "O"),
        ("against", 8, "prep", "ADP", "against", "O"),
        ("Arcadia", 9, "pobj", "PROPN", "Arcadia", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    d[7].tag_ = "VBN"
    return d


def test_party_leading_an_act_in_the_content_is_the_recipient():
    # "Freedonia refused to join the Ruritania-led war against Arcadia": refused to Ruritania, not Arcadia;
    # a "Ruritania-brokered" war says nothing of who wages it.
    for participle, lemma, want in (("led", "lead", ["RUR"]), ("brokered", "broker", ["ARC"])):
        doc = _led_war("refused", "refuse", participle, lemma)
        mentions = (_mention(doc, 0, 0, FRE), _mention(doc, 5, 5, RUR), _mention(doc, 10, 10, ARC))
        ev = _only(_code(doc, mentions), "REJECT")
        assert [m.actor.country for m in ev.recipient] == want, participle


def test_owner_of_an_appositive_is_not_part_of_the_party():
    # "Freedonia threatened Ruritania, a Arcadia-owned weekly reports." (the parser's appositive)
    doc = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("threatened", 1, "ROOT", "VERB", "threaten", "O"),
        ("Ruritania", 1, "dobj", "PROPN", "Ruritania", "B-GPE"),
        (",", 2, "punct", "PUNCT", ",", "O"),
        ("a", 9, "det", "DET", "a", "O"),
        ("Arcadia", 7, "npadvmod", "PROPN", "Arcadia", "B-GPE"),
        ("-", 7, "punct", "PUNCT", "-", "O"),
        ("owned", 9, "amod", "VERB", "own", "O"),
        ("weekly", 9, "amod", "ADJ", "weekly", "O"),
        ("reports", 2, "appos", "NOUN", "report", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    doc[7].tag_ = "VBN"
    mentions = (_mention(doc, 0, 0, FRE), _mention(doc, 2, 2, RUR), _mention(doc, 5, 5, ARC))
    ev = _only(_code(doc, mentions), "THREATEN")
    assert [m.actor.country for m in ev.recipient] == ["RUR"]


def test_subject_put_under_an_act_is_its_recipient():
    # "A Ruritanian national was put under investigation in Freedonia."
    doc = _doc([
        ("A", 2, "det", "DET", "a", "O"),
        ("Ruritanian", 2, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("national", 4, "nsubjpass", "NOUN", "national", "O"),
        ("was", 4, "auxpass", "AUX", "be", "O"),
        ("put", 4, "ROOT", "VERB", "put", "O"),
        ("under", 4, "prep", "ADP", "under", "O"),
        ("investigation", 5, "pobj", "NOUN", "investigation", "O"),
        ("in", 6, "prep", "ADP", "in", "O"),
        ("Freedonia", 7, "pobj", "PROPN", "Freedonia", "B-GPE"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    ev = _only(_code(doc, (_mention(doc, 1, 1, RUR, "demonym"), _mention(doc, 8, 8, FRE))), "ACCUSE")
    assert [m.actor.country for m in ev.recipient] == ["RUR"]


def test_party_of_the_demanded_act_comes_before_its_place():
    # "Freedonia demanded the withdrawal of Ruritanian forces from Arcadia."
    doc = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("demanded", 1, "ROOT", "VERB", "demand", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("withdrawal", 1, "dobj", "NOUN", "withdrawal", "O"),
        ("of", 3, "prep", "ADP", "of", "O"),
        ("Ruritanian", 6, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("forces", 4, "pobj", "NOUN", "force", "O"),
        ("from", 3, "prep", "ADP", "from", "O"),
        ("Arcadia", 7, "pobj", "PROPN", "Arcadia", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    forces = Actor(code="RURMIL", country="RUR", sector="MIL")
    mentions = (_mention(doc, 0, 0, FRE), _mention(doc, 5, 6, forces, "demonym"), _mention(doc, 8, 8, ARC))
    ev = _only(_code(doc, mentions), "REQUEST")
    assert [m.actor.country for m in ev.recipient] == ["RUR"]


def test_international_organisation_as_object_modifier_is_the_recipient():
    # "Freedonia vetoed a Security Council resolution on Ruritania's embassy."
    doc = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("vetoed", 1, "ROOT", "VERB", "veto", "O"),
        ("a", 5, "det", "DET", "a", "O"),
        ("Security", 4, "compound", "PROPN", "Security", "B-ORG"),
        ("Council", 5, "compound", "PROPN", "Council", "I-ORG"),
        ("resolution", 1, "dobj", "NOUN", "resolution", "O"),
        ("on", 5, "prep", "ADP", "on", "O"),
        ("Ruritania", 9, "poss", "PROPN", "Ruritania", "B-GPE"),
        ("'s", 7, "case", "PART", "'s", "O"),
        ("embassy", 6, "pobj", "NOUN", "embassy", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    unsc = Actor(code="IGOUNO", sector="IGO", name="UN Security Council")
    mentions = (_mention(doc, 0, 0, FRE), _mention(doc, 3, 4, unsc, "igo"), _mention(doc, 7, 7, RUR))
    ev = _only(_code(doc, mentions), "REJECT")
    assert [m.actor.code for m in ev.recipient] == ["IGOUNO"]


def test_what_an_agreement_is_on_is_not_its_recipient():
    # "Freedonia and Arcadia agreed on the fate of Ruritanian offices."  (Joint: no content search.)
    doc = _doc([
        ("Freedonia", 3, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("and", 0, "cc", "CCONJ", "and", "O"),
        ("Arcadia", 0, "conj", "PROPN", "Arcadia", "B-GPE"),
        ("agreed", 3, "ROOT", "VERB", "agree", "O"),
        ("on", 3, "prep", "ADP", "on", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("fate", 4, "pobj", "NOUN", "fate", "O"),
        ("of", 6, "prep", "ADP", "of", "O"),
        ("Ruritanian", 9, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("offices", 7, "pobj", "NOUN", "office", "O"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    mentions = (_mention(doc, 0, 0, FRE), _mention(doc, 2, 2, ARC), _mention(doc, 8, 8, RUR, "demonym"))
    ev = _only(_code(doc, mentions), "AGREE")
    assert ev.recipient == ()


class _DemonymKB(_PlaceKB):
    """Also knows "Ruritanian" as the demonym of Ruritania."""

    def lookup_name(self, text: str, on: Any = None) -> _Name | None:
        return _Name(RUR, "demonym") if text == "Ruritanian" else super().lookup_name(text, on)


def test_demonym_describing_a_language_names_no_party():
    # "Freedonia banned the Ruritanian language."  The demonym says which language, not whom.
    doc = _doc([
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("banned", 1, "ROOT", "VERB", "ban", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("Ruritanian", 4, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("language", 1, "dobj", "NOUN", "language", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    mentions = (_mention(doc, 0, 0, FRE), _mention(doc, 3, 3, RUR, "demonym"))
    coded = _code(doc, mentions)
    assert coded
    assert all(m.actor.country != "RUR" for ev in coded for m in ev.recipient)


def test_place_inside_a_condition_is_not_the_recipient():
    # "Troops will not impose a curfew if riots erupt in Ruritania."  The place is where the supposed riots are.
    doc = _doc([
        ("Troops", 3, "nsubj", "NOUN", "troop", "O"),
        ("will", 3, "aux", "AUX", "will", "O"),
        ("not", 3, "neg", "PART", "not", "O"),
        ("impose", 3, "ROOT", "VERB", "impose", "O"),
        ("a", 5, "det", "DET", "a", "O"),
        ("curfew", 3, "dobj", "NOUN", "curfew", "O"),
        ("if", 8, "mark", "SCONJ", "if", "O"),
        ("riots", 8, "nsubj", "NOUN", "riot", "O"),
        ("erupt", 3, "advcl", "VERB", "erupt", "O"),
        ("in", 8, "prep", "ADP", "in", "O"),
        ("Ruritania", 9, "pobj", "PROPN", "Ruritania", "B-GPE"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    ev = _only(_code(doc, ()), "COERCE")
    assert all(m.actor.country != "RUR" for m in ev.recipient)


def test_place_owning_a_border_is_not_the_recipient():
    # "Troops captured a stronghold on the Ruritanian border."  What lies on a border may be across it.
    doc = _doc([
        ("Troops", 1, "nsubj", "NOUN", "troop", "O"),
        ("captured", 1, "ROOT", "VERB", "capture", "O"),
        ("a", 3, "det", "DET", "a", "O"),
        ("stronghold", 1, "dobj", "NOUN", "stronghold", "O"),
        ("on", 3, "prep", "ADP", "on", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("Ruritanian", 7, "compound", "PROPN", "Ruritanian", "B-NORP"),
        ("border", 4, "pobj", "NOUN", "border", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    coder = events.Coder(lexicon=lexicon.load(), ontology=ontology.load(), kb=_DemonymKB())  # type: ignore[arg-type]
    (ev,) = [e for e in events.code(doc, Article(id="t", text=doc.text), (), coder) if e.event_type == "ASSAULT"]
    assert all(m.actor.country != "RUR" for m in ev.recipient)


def test_subject_of_a_nouns_content_clause_is_the_recipient():
    # "Rebels insisted on their demands that Ruritania's government grant more rights."
    doc = _doc([
        ("Rebels", 1, "nsubj", "NOUN", "rebel", "O"),
        ("insisted", 1, "ROOT", "VERB", "insist", "O"),
        ("on", 1, "prep", "ADP", "on", "O"),
        ("their", 4, "poss", "PRON", "their", "O"),
        ("demands", 2, "pobj", "NOUN", "demand", "O"),
        ("that", 9, "mark", "SCONJ", "that", "O"),
        ("Ruritania", 8, "poss", "PROPN", "Ruritania", "B-GPE"),
        ("'s", 6, "case", "PART", "'s", "O"),
        ("government", 9, "nsubj", "NOUN", "government", "O"),
        ("grant", 4, "acl", "VERB", "grant", "O"),
        ("more", 11, "amod", "ADJ", "more", "O"),
        ("rights", 9, "dobj", "NOUN", "right", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    ev = _only(_code(doc, (_mention(doc, 6, 6, RUR),)), "REQUEST")
    assert [m.actor.country for m in ev.recipient] == ["RUR"]


class _TownKB(_PlaceKB):
    """Also knows "Zenda" as a capital of Freedonia (a town name two countries share)."""

    def lookup_name(self, text: str, on: Any = None) -> _Name | None:
        return _Name(FRE, "capital") if text == "Zenda" else super().lookup_name(text, on)


def test_town_the_sentence_describes_as_anothers_takes_that_country():
    # "Troops imposed a curfew in Zenda as shells hit the Ruritanian port."  The description places the town.
    doc = _doc([
        ("Troops", 1, "nsubj", "NOUN", "troop", "O"),
        ("imposed", 1, "ROOT", "VERB", "impose", "O"),
        ("a", 3, "det", "DET", "a", "O"),
        ("curfew", 1, "dobj", "NOUN", "curfew", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("Zenda", 4, "pobj", "PROPN", "Zenda", "B-GPE"),
        ("as", 8, "mark", "SCONJ", "as", "O"),
        ("shells", 8, "nsubj", "NOUN", "shell", "O"),
        ("hit", 1, "advcl", "VERB", "hit", "O"),
        ("the", 11, "det", "DET", "the", "O"),
        ("Ruritanian", 11, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("port", 8, "dobj", "NOUN", "port", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    zenda = _mention(doc, 5, 5, Actor(code="FREGOV", country="FRE", sector="GOV", name="Zenda"), "capital")
    coder = events.Coder(lexicon=lexicon.load(), ontology=ontology.load(), kb=_TownKB())  # type: ignore[arg-type]
    mentions = (zenda, _mention(doc, 10, 10, RUR, "demonym"))
    (ev,) = [e for e in events.code(doc, Article(id="t", text=doc.text), mentions, coder) if e.event_type == "COERCE"]
    assert [m.actor.country for m in ev.recipient] == ["RUR"]
