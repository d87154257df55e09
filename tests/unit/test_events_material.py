"""Material cooperation and concessions on hand-built parses (no spaCy model needed): releasing people named
by nationality or let go, handing things back, relief counted in measures or teams, access for people a
verb acts on through its complement, declared and hyphenated ceasefires, eased curfews, rescue teams, and
peacekeepers sent or arriving (AID ``074`` / RETREAT ``0861``).

Each test builds a Doc as the parser gives it and runs :func:`eventwire.events.code` (or ``focus``) with
the packaged lexicon and ontology.
"""

from __future__ import annotations

from typing import Any

import spacy
from handbuilt import NoKB as _NoKB
from spacy.tokens import Doc

from eventwire import events
from eventwire.events import lexicon, ontology
from eventwire.records import Actor, ActorMention, Article

_VOCAB = spacy.blank("en").vocab
Row = tuple[str, int, str, str, str, str]


def _doc(rows: list[Row]) -> Doc:
    """rows: (word, head index, dep, pos, lemma, entity IOB tag)."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][3] != "PUNCT" for i in range(len(rows))]
    return Doc(_VOCAB, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], lemmas=[r[4] for r in rows], ents=[r[5] for r in rows],
               sent_starts=[i == 0 for i in range(len(rows))])


def _coder() -> events.Coder:
    return events.Coder(lexicon=lexicon.load(), ontology=ontology.load(), kb=_NoKB())  # type: ignore[arg-type]


def _events(doc: Doc, mentions: tuple[ActorMention, ...] = ()) -> tuple[Any, ...]:
    return events.code(doc, Article(id="t", text=doc.text), mentions, _coder())


def _types(doc: Doc) -> list[str]:
    return [e.event_type for e in _events(doc)]


def _mention(doc: Doc, start: int, end: int, country: str, sector: str | None = None) -> ActorMention:
    span = doc[start:end]
    return ActorMention(text=span.text, start=span.start_char, end=span.end_char,
                        actor=Actor(code=country + (sector or ""), country=country, sector=sector, name=span.text),
                        how="demonym")


_RELEASED_NATIONALS: list[Row] = [  # "The rebels released 12 Ruritanians."
    ("The", 1, "det", "DET", "the", "O"),
    ("rebels", 2, "nsubj", "NOUN", "rebel", "O"),
    ("released", 2, "ROOT", "VERB", "release", "O"),
    ("12", 4, "nummod", "NUM", "12", "B-CARDINAL"),
    ("Ruritanians", 2, "dobj", "PROPN", "Ruritanians", "B-NORP"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_releasing_people_named_by_nationality_is_a_release():
    assert [(e.event_type, e.mode) for e in _events(_doc(_RELEASED_NATIONALS))] == [("RETREAT", "release")]


def test_release_of_named_people_is_in_focus_before_entities_are_known():
    # The focus mask is read before the entity recogniser runs: "released" must be kept although its
    # object ("@norp") can only be told from the entities.
    rows = [(w, h, d, p, lem, "O") for w, h, d, p, lem, _ in _RELEASED_NATIONALS]
    assert bool(events.focus(_doc(rows), _coder())[2])


def test_letting_captives_go_or_setting_them_free_is_a_release():
    let_go = _doc([  # "Police let the activists go."
        ("Police", 1, "nsubj", "NOUN", "police", "O"),
        ("let", 1, "ROOT", "VERB", "let", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("activists", 4, "nsubj", "NOUN", "activist", "O"),
        ("go", 1, "ccomp", "VERB", "go", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    let_free = _doc([  # "Police let free three activists."
        ("Police", 1, "nsubj", "NOUN", "police", "O"),
        ("let", 1, "ROOT", "VERB", "let", "O"),
        ("free", 4, "amod", "ADJ", "free", "O"),
        ("three", 4, "nummod", "NUM", "three", "O"),
        ("activists", 1, "dobj", "NOUN", "activist", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    set_free = _doc([  # "The militia set the hostages free."
        ("The", 1, "det", "DET", "the", "O"),
        ("militia", 2, "nsubj", "NOUN", "militia", "O"),
        ("set", 2, "ROOT", "VERB", "set", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("hostages", 2, "dobj", "NOUN", "hostage", "O"),
        ("free", 2, "advcl", "ADJ", "free", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    for doc in (let_go, let_free, set_free):
        assert [(e.event_type, e.mode) for e in _events(doc)] == [("RETREAT", "release")], doc.text


def _returned(obj: str, obj_lemma: str, prep: str, pobj: str, pobj_lemma: str) -> Doc:
    """"Officials returned the OBJ PREP the POBJ." """
    return _doc([
        ("Officials", 1, "nsubj", "NOUN", "official", "O"),
        ("returned", 1, "ROOT", "VERB", "return", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        (obj, 1, "dobj", "NOUN", obj_lemma, "O"),
        (prep, 1, "prep", "ADP", prep, "O"),
        ("the", 6, "det", "DET", "the", "O"),
        (pobj, 4, "pobj", "NOUN", pobj_lemma, "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip


def test_handing_anything_back_to_a_party_is_a_retreat():
    # No list of artefacts or animals: any object returned *to* someone is property handed back.
    assert _types(_returned("sarcophagus", "sarcophagus", "to", "museum", "museum")) == ["RETREAT"]
    assert _types(_returned("monkeys", "monkey", "to", "owners", "owner")) == ["RETREAT"]


def test_returning_a_favour_or_someone_to_prison_is_no_handing_back_and_returning_fire_is_shooting():
    assert _types(_returned("favour", "favour", "to", "neighbours", "neighbour")) == []
    assert _types(_returned("convicts", "convict", "to", "prison", "prison")) == []
    assert _types(_returned("fire", "fire", "on", "rebels", "rebel")) == ["ASSAULT"]


def test_relief_counted_in_measures_or_sent_with_a_team_is_aid():
    tons = _doc([  # "The charity flew 20 tons of medicine into Yemen."
        ("The", 1, "det", "DET", "the", "O"),
        ("charity", 2, "nsubj", "NOUN", "charity", "O"),
        ("flew", 2, "ROOT", "VERB", "fly", "O"),
        ("20", 4, "nummod", "NUM", "20", "B-QUANTITY"),
        ("tons", 2, "dobj", "NOUN", "ton", "I-QUANTITY"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("medicine", 5, "pobj", "NOUN", "medicine", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    team = _doc([  # "The ministry sent a team of experts and drugs to the hospital."
        ("The", 1, "det", "DET", "the", "O"),
        ("ministry", 2, "nsubj", "NOUN", "ministry", "O"),
        ("sent", 2, "ROOT", "VERB", "send", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("team", 2, "dobj", "NOUN", "team", "O"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("experts", 5, "pobj", "NOUN", "expert", "O"),
        ("and", 6, "cc", "CCONJ", "and", "O"),
        ("drugs", 6, "conj", "NOUN", "drug", "O"),
        ("to", 2, "dative", "ADP", "to", "O"),
        ("the", 11, "det", "DET", "the", "O"),
        ("hospital", 9, "pobj", "NOUN", "hospital", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(tons) == ["AID"]
    assert _types(team) == ["AID"]


def test_allowing_workers_in_through_a_complement_clause_is_access():
    # "The government allowed aid workers to operate."  (the parser makes the workers the subject of
    # the complement; they are what "allowed" acts on)
    doc = _doc([
        ("The", 1, "det", "DET", "the", "O"),
        ("government", 2, "nsubj", "NOUN", "government", "O"),
        ("allowed", 2, "ROOT", "VERB", "allow", "O"),
        ("aid", 4, "compound", "NOUN", "aid", "O"),
        ("workers", 6, "nsubj", "NOUN", "worker", "O"),
        ("to", 6, "aux", "PART", "to", "O"),
        ("operate", 2, "ccomp", "VERB", "operate", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert [(e.event_type, e.mode) for e in _events(doc)] == [("RETREAT", "access")]


def test_declared_ceasefire_in_any_spelling_is_a_concession():
    hyphen = _doc([  # "The president announced a cease-fire."
        ("The", 1, "det", "DET", "the", "O"),
        ("president", 2, "nsubj", "NOUN", "president", "O"),
        ("announced", 2, "ROOT", "VERB", "announce", "O"),
        ("a", 6, "det", "DET", "a", "O"),
        ("cease", 6, "compound", "NOUN", "cease", "O"),
        ("-", 6, "punct", "PUNCT", "-", "O"),
        ("fire", 2, "dobj", "NOUN", "fire", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    cessation = _doc([  # "The president declared a cessation of hostilities."
        ("The", 1, "det", "DET", "the", "O"),
        ("president", 2, "nsubj", "NOUN", "president", "O"),
        ("declared", 2, "ROOT", "VERB", "declare", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("cessation", 2, "dobj", "NOUN", "cessation", "O"),
        ("of", 4, "prep", "ADP", "of", "O"),
        ("hostilities", 5, "pobj", "NOUN", "hostility", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(hyphen) == ["CONCEDE"]  # the noun is the declaration's object, not a second event
    assert _types(cessation) == ["CONCEDE"]


def test_hyphenated_ceasefire_and_cessation_of_hostilities_are_ceasefires():
    hyphen = _doc([  # "Rebels observed the cease-fire."
        ("Rebels", 1, "nsubj", "NOUN", "rebel", "O"),
        ("observed", 1, "ROOT", "VERB", "observe", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("cease", 5, "compound", "NOUN", "cease", "O"),
        ("-", 5, "punct", "PUNCT", "-", "O"),
        ("fire", 1, "dobj", "NOUN", "fire", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    cessation = _doc([  # "Rebels observed a cessation of hostilities."
        ("Rebels", 1, "nsubj", "NOUN", "rebel", "O"),
        ("observed", 1, "ROOT", "VERB", "observe", "O"),
        ("a", 3, "det", "DET", "a", "O"),
        ("cessation", 1, "dobj", "NOUN", "cessation", "O"),
        ("of", 3, "prep", "ADP", "of", "O"),
        ("hostilities", 4, "pobj", "NOUN", "hostility", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    for doc in (hyphen, cessation):
        assert [(e.event_type, e.mode) for e in _events(doc)] == [("RETREAT", "ceasefire")], doc.text


def test_easing_curfew_hours_is_a_concession():
    # "Egypt eased curfew hours."  (the curfew is the compound of the object)
    doc = _doc([
        ("Egypt", 1, "nsubj", "PROPN", "Egypt", "B-GPE"),
        ("eased", 1, "ROOT", "VERB", "ease", "O"),
        ("curfew", 3, "compound", "NOUN", "curfew", "O"),
        ("hours", 1, "dobj", "NOUN", "hour", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["CONCEDE"]


def _sent(verb: str, lemma: str, obj: str, obj_lemma: str, compound: str | None = None) -> Doc:
    """"Ruritania VERB [COMPOUND] OBJ to Freedonia." """
    rows: list[Row] = [("Ruritania", 1, "nsubj", "PROPN", "Ruritania", "B-GPE"), (verb, 1, "ROOT", "VERB", lemma, "O")]
    if compound:
        rows.append((compound, 3, "compound", "NOUN", compound, "O"))
    n = len(rows)
    rows += [(obj, 1, "dobj", "NOUN", obj_lemma, "O"), ("to", 1, "prep", "ADP", "to", "O"),
             ("Freedonia", n + 1, "pobj", "PROPN", "Freedonia", "B-GPE"), (".", 1, "punct", "PUNCT", ".", "O")]
    return _doc(rows)


def test_rescue_and_medical_teams_sent_are_aid_not_a_mobilization():
    assert _types(_sent("deployed", "deploy", "teams", "team", compound="rescue")) == ["AID"]
    assert _types(_sent("sent", "send", "doctors", "doctor")) == ["AID"]


def test_a_platoon_sent_is_a_mobilization_unless_it_goes_on_a_peacekeeping_mission():
    assert _types(_sent("sent", "send", "platoon", "platoon")) == ["MOBILIZE"]
    # "Ruritania sent a platoon to Freedonia on a peacekeeping mission."  (table 074: AID)
    doc = _doc([
        ("Ruritania", 1, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("sent", 1, "ROOT", "VERB", "send", "O"),
        ("a", 3, "det", "DET", "a", "O"),
        ("platoon", 1, "dobj", "NOUN", "platoon", "O"),
        ("to", 1, "prep", "ADP", "to", "O"),
        ("Freedonia", 4, "pobj", "PROPN", "Freedonia", "B-GPE"),
        ("on", 1, "prep", "ADP", "on", "O"),
        ("a", 9, "det", "DET", "a", "O"),
        ("peacekeeping", 9, "compound", "NOUN", "peacekeeping", "O"),
        ("mission", 6, "pobj", "NOUN", "mission", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert [(e.event_type, e.cameo) for e in _events(doc)] == [("AID", "074")]


def _arrived(verb: str, lemma: str, prep: str | None) -> Doc:
    """"Ruritanian peacekeeping troops VERB [PREP] Freedonia." """
    rows: list[Row] = [
        ("Ruritanian", 2, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("peacekeeping", 2, "compound", "NOUN", "peacekeeping", "O"),
        ("troops", 3, "nsubj", "NOUN", "troop", "O"),
        (verb, 3, "ROOT", "VERB", lemma, "O"),
    ]
    if prep:
        rows += [(prep, 3, "prep", "ADP", prep, "O"), ("Freedonia", 4, "pobj", "PROPN", "Freedonia", "B-GPE")]
    else:
        rows += [("Freedonia", 3, "dobj", "PROPN", "Freedonia", "B-GPE")]
    return _doc([*rows, (".", 3, "punct", "PUNCT", ".", "O")])


def test_peacekeepers_arriving_or_entering_are_received_by_the_host():
    # Table 0861 (receive deployment of peacekeepers) is RETREAT access; entering is no incursion.
    for doc in (_arrived("arrived", "arrive", "in"), _arrived("entered", "enter", None)):
        peacekeepers = _mention(doc, 0, 1, "RUR")
        evs = _events(doc, (peacekeepers,))
        assert [(e.event_type, e.mode, e.cameo) for e in evs] == [("RETREAT", "access", "0861")], doc.text
        assert [m.actor.country for m in evs[0].recipient] == ["RUR"]
        assert not any(m.actor.country == "RUR" for m in evs[0].actor)


def test_troops_arriving_without_a_peacekeeping_role_are_not_received():
    # "Ruritanian troops arrived in Freedonia."
    doc = _doc([
        ("Ruritanian", 1, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("troops", 2, "nsubj", "NOUN", "troop", "O"),
        ("arrived", 2, "ROOT", "VERB", "arrive", "O"),
        ("in", 2, "prep", "ADP", "in", "O"),
        ("Freedonia", 3, "pobj", "PROPN", "Freedonia", "B-GPE"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == []


def test_lifting_economic_sanctions_is_a_retreat_and_lifting_a_ban_a_concession():
    sanctions = _doc([  # "Freedonia lifted sanctions on Ruritania."
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("lifted", 1, "ROOT", "VERB", "lift", "O"),
        ("sanctions", 1, "dobj", "NOUN", "sanction", "O"),
        ("on", 2, "prep", "ADP", "on", "O"),
        ("Ruritania", 3, "pobj", "PROPN", "Ruritania", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])
    tariffs = _doc([  # "Freedonia cut tariffs on Ruritanian steel."
        ("Freedonia", 1, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("cut", 1, "ROOT", "VERB", "cut", "O"),
        ("tariffs", 1, "dobj", "NOUN", "tariff", "O"),
        ("on", 2, "prep", "ADP", "on", "O"),
        ("Ruritanian", 5, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("steel", 3, "pobj", "NOUN", "steel", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])
    ban = _doc([  # "The court lifted a travel ban on the journalist."
        ("The", 1, "det", "DET", "the", "O"),
        ("court", 2, "nsubj", "NOUN", "court", "O"),
        ("lifted", 2, "ROOT", "VERB", "lift", "O"),
        ("a", 5, "det", "DET", "a", "O"),
        ("travel", 5, "compound", "NOUN", "travel", "O"),
        ("ban", 2, "dobj", "NOUN", "ban", "O"),
        ("on", 5, "prep", "ADP", "on", "O"),
        ("the", 8, "det", "DET", "the", "O"),
        ("journalist", 6, "pobj", "NOUN", "journalist", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])
    assert [(e.event_type, e.cameo, e.quad_class) for e in _events(sanctions)] == [("RETREAT", "085", 2)]
    assert [(e.event_type, e.cameo) for e in _events(tariffs)] == [("RETREAT", "085")]
    assert [(e.event_type, e.quad_class) for e in _events(ban)] == [("CONCEDE", 1)]
