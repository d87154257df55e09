"""Readings that decide a sentence's quad class, on hand-built parses (no spaCy model needed): appeals and
statements that are no event (seeking help or a release, offering condolences, agreeing with a view,
meeting a target), material support (money, mobilised funds, supplies handed over, peacekeepers
deployed), and material conflict the lexicon names by its object or modifier (human shields, cyber
warfare).

Each sentence is invented; each test builds the Doc as the small English parser gives it and runs
:func:`eventwire.events.code` with the packaged lexicon and ontology.
"""

from __future__ import annotations

from typing import Any

from handbuilt import VOCAB, NoKB, doc
from spacy.tokens import Doc

from eventwire import events
from eventwire.events import lexicon, modality, ontology
from eventwire.records import Actor, ActorMention, Article

Row = tuple[str, int, str, str, str, str]


def _tagged(rows: list[Row], tags: dict[int, str]) -> Doc:
    """``doc(rows)`` with fine-grained tags on the tokens ``tags`` names (tense is read from them)."""
    plain = doc(rows)
    return Doc(VOCAB, words=[t.text for t in plain], spaces=[bool(t.whitespace_) for t in plain],
               heads=[t.head.i for t in plain], deps=[t.dep_ for t in plain], pos=[t.pos_ for t in plain],
               lemmas=[t.lemma_ for t in plain], ents=[r[5] for r in rows],
               tags=[tags.get(i, "") for i in range(len(rows))], sent_starts=[i == 0 for i in range(len(rows))])


def _coded(rows: list[Row], tags: dict[int, str] | None = None) -> list[tuple[str, str | None]]:
    d = _tagged(rows, tags) if tags else doc(rows)
    coder = events.Coder(lexicon=lexicon.load(), ontology=ontology.load(), kb=NoKB())  # type: ignore[arg-type]
    evs: tuple[Any, ...] = events.code(d, Article(id="t", text=d.text), (), coder)
    return [(e.event_type, e.mode) for e in evs]


def _verb_obj(subject: str, verb: str, lemma: str, obj: str, obj_lemma: str) -> list[Row]:
    """"The ministry VERB OBJ." """
    return [
        ("The", 1, "det", "DET", "the", "O"),
        (subject, 2, "nsubj", "NOUN", subject.lower(), "O"),
        (verb, 2, "ROOT", "VERB", lemma, "O"),
        (obj, 2, "dobj", "NOUN", obj_lemma, "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]


def test_seeking_help_talks_or_a_release_is_an_appeal_not_a_demand():
    # CAMEO 02 (appeals), dropped in PLOVER 2.0 like "asked for aid".
    for obj, lemma in (("funds", "fund"), ("talks", "talk"), ("release", "release"), ("support", "support")):
        assert _coded(_verb_obj("ministry", "sought", "seek", obj, lemma)) == []


def test_seeking_refuge_stays_a_request():
    assert _coded(_verb_obj("villagers", "sought", "seek", "refuge", "refuge")) == [("REQUEST", "assist")]


def test_offering_condolences_is_a_statement_but_offering_help_is_an_agreement():
    assert _coded(_verb_obj("envoy", "offered", "offer", "condolences", "condolence")) == []
    assert _coded(_verb_obj("envoy", "offered", "offer", "help", "help")) == [("AGREE", None)]


def test_meeting_a_target_is_no_meeting():
    assert _coded(_verb_obj("ministry", "met", "meet", "targets", "target")) == []
    assert _coded(_verb_obj("ministry", "met", "meet", "delegates", "delegate")) == [("CONSULT", None)]


_AGREE_WITH: list[Row] = [  # "Officials said they agree with the council that taxes should rise."
    ("Officials", 1, "nsubj", "NOUN", "official", "O"),
    ("said", 1, "ROOT", "VERB", "say", "O"),
    ("they", 3, "nsubj", "PRON", "they", "O"),
    ("agree", 1, "ccomp", "VERB", "agree", "O"),
    ("with", 3, "prep", "ADP", "with", "O"),
    ("the", 6, "det", "DET", "the", "O"),
    ("council", 4, "pobj", "NOUN", "council", "O"),
    ("that", 10, "mark", "SCONJ", "that", "O"),
    ("taxes", 10, "nsubj", "NOUN", "tax", "O"),
    ("should", 10, "aux", "AUX", "should", "O"),
    ("rise", 3, "ccomp", "VERB", "rise", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]


def test_agreeing_with_a_party_that_something_is_so_is_a_statement():
    assert _coded(_AGREE_WITH, {1: "VBD", 3: "VBP"}) == []


def test_having_agreed_with_a_party_that_something_should_happen_is_an_agreement():
    # "Officials said they agreed with the council that taxes should rise": an agreement reached.
    rows = list(_AGREE_WITH)
    rows[3] = ("agreed", 1, "ccomp", "VERB", "agree", "O")
    assert _coded(rows, {1: "VBD", 3: "VBD"}) == [("AGREE", None)]
    # "... they agreed with the recommendation": an opinion, whatever the tense.
    rows[6] = ("recommendation", 4, "pobj", "NOUN", "recommendation", "O")
    assert _coded([*rows[:7], (".", 1, "punct", "PUNCT", ".", "O")], {1: "VBD", 3: "VBD"}) == []


def test_agreeing_with_a_party_on_an_act_stays_an_agreement():
    rows: list[Row] = [  # "The rebels agreed with the army on a truce."
        ("The", 1, "det", "DET", "the", "O"),
        ("rebels", 2, "nsubj", "NOUN", "rebel", "O"),
        ("agreed", 2, "ROOT", "VERB", "agree", "O"),
        ("with", 2, "prep", "ADP", "with", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("army", 3, "pobj", "NOUN", "army", "O"),
        ("on", 2, "prep", "ADP", "on", "O"),
        ("a", 8, "det", "DET", "a", "O"),
        ("truce", 6, "pobj", "NOUN", "truce", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    assert ("AGREE", None) in _coded(rows)


def test_a_fronted_with_phrase_does_not_make_an_agreement_a_view():
    rows: list[Row] = [  # "With the approval, the cabinet agreed."
        ("With", 5, "prep", "ADP", "with", "O"),
        ("the", 2, "det", "DET", "the", "O"),
        ("approval", 0, "pobj", "NOUN", "approval", "O"),
        (",", 5, "punct", "PUNCT", ",", "O"),
        ("cabinet", 5, "nsubj", "NOUN", "cabinet", "O"),
        ("agreed", 5, "ROOT", "VERB", "agree", "O"),
        (".", 5, "punct", "PUNCT", ".", "O"),
    ]
    assert _coded(rows) == [("AGREE", None)]


def test_mobilising_funds_is_aid_in_british_spelling_too():
    assert _coded(_verb_obj("agency", "mobilised", "mobilise", "funds", "fund")) == [("AID", None)]
    assert _coded(_verb_obj("party", "mobilised", "mobilise", "supporters", "supporter")) == [("PROTEST", "demo")]


def test_supporting_a_party_with_money_is_aid_but_backing_it_is_support():
    rows: list[Row] = [  # "The bank supported the farmers with grants."
        ("The", 1, "det", "DET", "the", "O"),
        ("bank", 2, "nsubj", "NOUN", "bank", "O"),
        ("supported", 2, "ROOT", "VERB", "support", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("farmers", 2, "dobj", "NOUN", "farmer", "O"),
        ("with", 2, "prep", "ADP", "with", "O"),
        ("grants", 5, "pobj", "NOUN", "grant", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    assert _coded(rows) == [("AID", None)]
    assert _coded(_verb_obj("party", "supported", "support", "reform", "reform")) == [("SUPPORT", None)]


def test_a_headline_hand_over_parsed_as_a_noun_still_delivers_supplies():
    rows: list[Row] = [  # "Donors hand over medical supplies to the clinic" (headline: "hand" tagged NOUN)
        ("Donors", 1, "nsubj", "NOUN", "donor", "O"),
        ("hand", 1, "ROOT", "NOUN", "hand", "O"),
        ("over", 1, "prt", "ADP", "over", "O"),
        ("medical", 4, "amod", "ADJ", "medical", "O"),
        ("supplies", 1, "dobj", "NOUN", "supply", "O"),
        ("to", 4, "prep", "ADP", "to", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("clinic", 5, "pobj", "NOUN", "clinic", "O"),
    ]
    assert _coded(rows) == [("AID", None)]


def test_holding_or_using_civilians_as_human_shields_is_hostage_taking():
    for verb, lemma in (("held", "hold"), ("used", "use")):
        rows: list[Row] = [  # "Militants held villagers as human shields."
            ("Militants", 1, "nsubj", "NOUN", "militant", "O"),
            (verb, 1, "ROOT", "VERB", lemma, "O"),
            ("villagers", 1, "dobj", "NOUN", "villager", "O"),
            ("as", 1, "prep", "ADP", "as", "O"),
            ("human", 5, "amod", "ADJ", "human", "O"),
            ("shields", 3, "pobj", "NOUN", "shield", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
        assert _coded(rows) == [("ASSAULT", "abduct")]


def test_cyber_warfare_is_coerce_cyber_but_plain_warfare_is_not_coded():
    def launched(modifier: str) -> list[Row]:  # "Hackers launched cyber warfare against the bank."
        return [
            ("Hackers", 1, "nsubj", "NOUN", "hacker", "O"),
            ("launched", 1, "ROOT", "VERB", "launch", "O"),
            (modifier, 3, "amod", "ADJ", modifier, "O"),
            ("warfare", 1, "dobj", "NOUN", "warfare", "O"),
            ("against", 1, "prep", "ADP", "against", "O"),
            ("the", 6, "det", "DET", "the", "O"),
            ("bank", 4, "pobj", "NOUN", "bank", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    assert _coded(launched("cyber")) == [("COERCE", "cyber")]
    assert _coded(launched("psychological")) == []


def test_a_deployment_whose_peacekeeping_mission_hangs_on_the_verb_is_aid():
    rows: list[Row] = [  # "Ruritania announced the deployment of troops to Freedonia on a peacekeeping mission."
        ("Ruritania", 1, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("announced", 1, "ROOT", "VERB", "announce", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("deployment", 1, "dobj", "NOUN", "deployment", "O"),
        ("of", 3, "prep", "ADP", "of", "O"),
        ("troops", 4, "pobj", "NOUN", "troop", "O"),
        ("to", 1, "prep", "ADP", "to", "O"),
        ("Freedonia", 6, "pobj", "PROPN", "Freedonia", "B-GPE"),
        ("on", 1, "prep", "ADP", "on", "O"),
        ("a", 11, "det", "DET", "a", "O"),
        ("peacekeeping", 11, "compound", "NOUN", "peacekeeping", "O"),
        ("mission", 8, "pobj", "NOUN", "mission", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    assert [t for t, _ in _coded(rows)] == ["AID"]
    rows[11] = ("exercise", 8, "pobj", "NOUN", "exercise", "O")  # "... on a peacekeeping exercise": no mission word
    rows[10] = ("training", 11, "compound", "NOUN", "training", "O")
    assert next(t for t, _ in _coded(rows)) == "MOBILIZE"


def _said_would_release(said: str, said_tag: str, obj: list[Row]) -> tuple[list[Row], dict[int, str]]:
    """"The rebels SAID they would release OBJ." with the reporting verb's tag."""
    rows: list[Row] = [
        ("The", 1, "det", "DET", "the", "O"),
        ("rebels", 2, "nsubj", "NOUN", "rebel", "O"),
        (said, 2, "ROOT", "VERB", "say", "O"),
        ("they", 5, "nsubj", "PRON", "they", "O"),
        ("would", 5, "aux", "AUX", "would", "O"),
        ("release", 2, "ccomp", "VERB", "release", "O"),
        *obj,
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    return rows, {2: said_tag}


_TWO_PEACEKEEPERS: list[Row] = [
    ("two", 7, "nummod", "NUM", "two", "O"),
    ("peacekeepers", 5, "dobj", "NOUN", "peacekeeper", "O"),
]


def test_a_reported_would_is_the_future_of_a_past_report():
    # "said they would release": the reported form of "will release", a promise (AGREE).
    assert _coded(*_said_would_release("said", "VBD", _TWO_PEACEKEEPERS)) == [("AGREE", None)]
    # "says they would release": present report, a hypothetical release stays RETREAT.
    assert _coded(*_said_would_release("says", "VBZ", _TWO_PEACEKEEPERS)) == [("RETREAT", "release")]


def test_a_partitive_inside_a_partitive_names_what_is_released():
    # "... would release three of the dozens of hostages"
    obj: list[Row] = [
        ("three", 5, "dobj", "NUM", "three", "O"),
        ("of", 6, "prep", "ADP", "of", "O"),
        ("the", 9, "det", "DET", "the", "O"),
        ("dozens", 7, "pobj", "NOUN", "dozen", "O"),
        ("of", 9, "prep", "ADP", "of", "O"),
        ("hostages", 10, "pobj", "NOUN", "hostage", "O"),
    ]
    assert _coded(*_said_would_release("says", "VBZ", obj)) == [("RETREAT", "release")]


def test_aid_that_is_only_needed_is_not_delivered():
    rows: list[Row] = [  # "Thousands of villagers need food aid."
        ("Thousands", 2, "nsubj", "NOUN", "thousand", "O"),
        ("villagers", 0, "appos", "NOUN", "villager", "O"),
        ("need", 2, "ROOT", "VERB", "need", "O"),
        ("food", 4, "compound", "NOUN", "food", "O"),
        ("assistance", 2, "dobj", "NOUN", "assistance", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    assert _coded(rows) == []


def test_evidence_backing_up_a_claim_is_no_support():
    rows: list[Row] = [  # "The figures back up the claim."
        ("The", 1, "det", "DET", "the", "O"),
        ("figures", 2, "nsubj", "NOUN", "figure", "O"),
        ("back", 2, "ROOT", "VERB", "back", "O"),
        ("up", 2, "prt", "ADP", "up", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("claim", 2, "dobj", "NOUN", "claim", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    assert _coded(rows) == []
    assert _coded(_verb_obj("party", "backed", "back", "reform", "reform")) == [("SUPPORT", None)]


def test_pressing_a_battle_is_no_demand():
    assert _coded(_verb_obj("army", "pressed", "press", "battle", "battle")) == []
    assert _coded(_verb_obj("army", "pressed", "press", "mayor", "mayor")) == [("REQUEST", None)]


def test_troops_taking_part_in_peacekeeping_provide_peacekeepers():
    rows: list[Row] = [  # "Ruritanian troops participate in peacekeeping operations."
        ("Ruritanian", 1, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("troops", 2, "nsubj", "NOUN", "troop", "O"),
        ("participate", 2, "ROOT", "VERB", "participate", "O"),
        ("in", 2, "prep", "ADP", "in", "O"),
        ("peacekeeping", 5, "compound", "NOUN", "peacekeeping", "O"),
        ("operations", 3, "pobj", "NOUN", "operation", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    assert _coded(rows) == [("AID", None)]
    rows[4] = ("rescue", 5, "compound", "NOUN", "rescue", "O")
    assert _coded(rows) == []


def test_hoped_is_read_as_hope_although_the_lemmatizer_says_hop():
    rows: list[Row] = [  # "The envoy hoped to resume talks." (lemma "hop" as the small model gives it)
        ("The", 1, "det", "DET", "the", "O"),
        ("envoy", 2, "nsubj", "NOUN", "envoy", "O"),
        ("hoped", 2, "ROOT", "VERB", "hop", "O"),
        ("to", 4, "aux", "PART", "to", "O"),
        ("resume", 2, "xcomp", "VERB", "resume", "O"),
        ("talks", 4, "dobj", "NOUN", "talk", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    d = doc(rows)
    assert modality.modality(d[4])[0] == "intended"


def test_an_exercise_held_by_two_countries_forces_is_joint():
    rows: list[Row] = [  # "Ruritanian and Freedonian troops held an exercise."
        ("Ruritanian", 3, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("and", 0, "cc", "CCONJ", "and", "O"),
        ("Freedonian", 0, "conj", "ADJ", "freedonian", "B-NORP"),
        ("troops", 4, "nsubj", "NOUN", "troop", "O"),
        ("held", 4, "ROOT", "VERB", "hold", "O"),
        ("an", 6, "det", "DET", "an", "O"),
        ("exercise", 4, "dobj", "NOUN", "exercise", "O"),
        (".", 4, "punct", "PUNCT", ".", "O"),
    ]
    d = doc(rows)

    def side(start: int, end: int, country: str) -> ActorMention:
        span = d[start:end]
        return ActorMention(text=span.text, start=span.start_char, end=span.end_char, how="demonym",
                            actor=Actor(code=country + "MIL", country=country, sector="MIL", name=span.text))

    coder = events.Coder(lexicon=lexicon.load(), ontology=ontology.load(), kb=NoKB())  # type: ignore[arg-type]
    both = (side(0, 1, "RUR"), side(2, 4, "FRE"))
    assert [e.event_type for e in events.code(d, Article(id="t", text=d.text), both, coder)] == ["COOPERATE"]
    one = (side(0, 4, "RUR"),)
    assert [e.event_type for e in events.code(d, Article(id="t", text=d.text), one, coder)] == ["MOBILIZE"]


def _noun_phrase(subject: str, verb: str, lemma: str, modifier: str | None, noun: str) -> list[Row]:
    """"SUBJECT VERB a [MODIFIER] NOUN." with the noun's lemma its own lower-cased text."""
    rows: list[Row] = [(subject, 1, "nsubj", "NOUN", subject.lower(), "O"), (verb, 1, "ROOT", "VERB", lemma, "O"),
                       ("a", 3 + bool(modifier), "det", "DET", "a", "O")]
    if modifier:
        rows.append((modifier, 4, "amod", "ADJ", modifier, "O"))
    rows += [(noun, 1, "dobj", "NOUN", noun, "O"), (".", 1, "punct", "PUNCT", ".", "O")]
    return rows


def test_a_cardiac_arrest_is_no_detention():
    assert _coded(_noun_phrase("Patients", "suffered", "suffer", "cardiac", "arrest")) == []
    assert _coded(_noun_phrase("Police", "made", "make", None, "arrest")) == [("COERCE", "arrest")]


def test_a_court_battle_is_a_lawsuit_and_a_fierce_battle_is_fighting():
    assert _coded(_noun_phrase("Families", "won", "win", "court", "battle")) == [("ACCUSE", "allege")]
    assert _coded(_noun_phrase("Rebels", "won", "win", "fierce", "battle")) == [("ASSAULT", None)]


def test_pressing_charges_is_a_legal_accusation_and_pressing_a_lever_no_demand():
    assert _coded(_verb_obj("family", "pressed", "press", "charges", "charge")) == [("ACCUSE", "allege")]
    assert _coded(_verb_obj("rat", "pressed", "press", "lever", "lever")) == []


def test_killing_animals_is_no_assault():
    assert _coded(_verb_obj("villagers", "killed", "kill", "elephants", "elephant")) == []
    assert _coded(_verb_obj("gunmen", "killed", "kill", "villagers", "villager")) == [("ASSAULT", None)]


def test_training_forces_is_military_aid_but_training_alone_is_no_event():
    assert _coded(_verb_obj("instructors", "trained", "train", "soldiers", "soldier")) == [("AID", None)]
    practice: list[Row] = [("The", 1, "det", "DET", "the", "O"), ("athletes", 2, "nsubj", "NOUN", "athlete", "O"),
                           ("trained", 2, "ROOT", "VERB", "train", "O"), ("daily", 2, "advmod", "ADV", "daily", "O"),
                           (".", 2, "punct", "PUNCT", ".", "O")]
    assert _coded(practice) == []
    assert _coded(_verb_obj("coach", "trained", "train", "rats", "rat")) == []


def test_forces_training_alongside_another_partys_is_joint_training():
    rows: list[Row] = [  # "Troops trained alongside Ruritanian infantry."
        ("Troops", 1, "nsubj", "NOUN", "troop", "O"),
        ("trained", 1, "ROOT", "VERB", "train", "O"),
        ("alongside", 1, "prep", "ADP", "alongside", "O"),
        ("Ruritanian", 4, "amod", "ADJ", "ruritanian", "B-NORP"),
        ("infantry", 2, "pobj", "NOUN", "infantry", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    assert _coded(rows) == [("COOPERATE", None)]


def _launched_at(pobj: str, lemma: str) -> list[Row]:
    """"The army launched rockets at POBJ." """
    return [("The", 1, "det", "DET", "the", "O"), ("army", 2, "nsubj", "NOUN", "army", "O"),
            ("launched", 2, "ROOT", "VERB", "launch", "O"), ("rockets", 2, "dobj", "NOUN", "rocket", "O"),
            ("at", 2, "prep", "ADP", "at", "O"), (pobj, 4, "pobj", "NOUN", lemma, "O"),
            (".", 2, "punct", "PUNCT", ".", "O")]


def test_a_time_after_at_names_no_target():
    assert [t for t, _ in _coded(_launched_at("villages", "village"))] == ["ASSAULT"]
    # "at dawn" is when, not at whom: a launch, no attack.
    assert [t for t, _ in _coded(_launched_at("dawn", "dawn"))] == ["MOBILIZE"]


def test_capturing_pictures_seizes_no_one_but_capturing_a_town_does():
    assert _coded(_verb_obj("tourists", "captured", "capture", "pictures", "picture")) == []
    assert [t for t, _ in _coded(_verb_obj("rebels", "captured", "capture", "town", "town"))] == ["ASSAULT"]


def test_attacking_a_proclamation_is_criticism():
    coded = _coded(_verb_obj("president", "attacked", "attack", "proclamation", "proclamation"))
    assert [t for t, _ in coded] == ["ACCUSE"]
    assert [t for t, _ in _coded(_verb_obj("gunmen", "attacked", "attack", "convoy", "convoy"))] == ["ASSAULT"]


def test_a_plan_met_with_protests_is_no_meeting():
    def met(pobj: str, lemma: str) -> list[Row]:  # "The plan met with protests." / "The minister met with envoys."
        subject = "minister" if lemma == "envoy" else "plan"
        return [("The", 1, "det", "DET", "the", "O"), (subject, 2, "nsubj", "NOUN", subject, "O"),
                ("met", 2, "ROOT", "VERB", "meet", "O"), ("with", 2, "prep", "ADP", "with", "O"),
                (pobj, 3, "pobj", "NOUN", lemma, "O"), (".", 2, "punct", "PUNCT", ".", "O")]
    assert [t for t, _ in _coded(met("protests", "protest"))] == ["PROTEST"]
    assert [t for t, _ in _coded(met("criticism", "criticism"))] == ["ACCUSE"]
    assert _coded(met("silence", "silence")) == []
    assert [t for t, _ in _coded(met("envoys", "envoy"))] == ["CONSULT"]


def _released_to(obj: str, obj_lemma: str, pobj: str, pobj_lemma: str) -> list[Row]:
    """"The ministry released OBJ to POBJ." """
    return [("The", 1, "det", "DET", "the", "O"), ("ministry", 2, "nsubj", "NOUN", "ministry", "O"),
            ("released", 2, "ROOT", "VERB", "release", "O"), (obj, 2, "dobj", "NOUN", obj_lemma, "O"),
            ("to", 2, "prep", "ADP", "to", "O"), (pobj, 4, "pobj", "NOUN", pobj_lemma, "O"),
            (".", 2, "punct", "PUNCT", ".", "O")]


def test_releasing_a_statement_to_reporters_frees_no_one():
    assert _coded(_released_to("statement", "statement", "reporters", "reporter")) == []
    assert [t for t, _ in _coded(_released_to("hostages", "hostage", "mediators", "mediator"))] == ["RETREAT"]
