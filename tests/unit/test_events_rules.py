"""Event-coding rules on hand-built parses (no spaCy model needed).

Each test builds a Doc with words, heads, dependency labels, POS tags, lemmas and entities, as the
parser would, and runs :func:`eventwire.events.code` on it with the packaged lexicon and ontology.
"""

from __future__ import annotations

from typing import Any

import spacy
from handbuilt import NoKB as _NoKB
from handbuilt import doc as _doc
from spacy.tokens import Doc

from eventwire import events
from eventwire.events import lexicon, ontology, where
from eventwire.records import Article

_VOCAB = spacy.blank("en").vocab


def _code(doc: Doc) -> tuple[Any, ...]:
    coder = events.Coder(lexicon=lexicon.load(), ontology=ontology.load(), kb=_NoKB())  # type: ignore[arg-type]
    return events.code(doc, Article(id="t", text=doc.text), (), coder)


def _types(doc: Doc) -> list[str]:
    return [e.event_type for e in _code(doc)]


def test_appeal_is_not_an_event_and_its_content_is_not_either():
    # "Agencies appealed for aid to help refugees."  (CAMEO 02 appeal: dropped in PLOVER)
    doc = _doc([
        ("Agencies", 1, "nsubj", "NOUN", "agency", "O"),
        ("appealed", 1, "ROOT", "VERB", "appeal", "O"),
        ("for", 1, "prep", "ADP", "for", "O"),
        ("aid", 2, "pobj", "NOUN", "aid", "O"),
        ("to", 5, "aux", "PART", "to", "O"),
        ("help", 1, "advcl", "VERB", "help", "O"),
        ("refugees", 5, "dobj", "NOUN", "refugee", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == []


def test_statement_of_concern_is_not_an_event():
    # "Ministers expressed concern over the attack."
    doc = _doc([
        ("Ministers", 1, "nsubj", "NOUN", "minister", "O"),
        ("expressed", 1, "ROOT", "VERB", "express", "O"),
        ("concern", 1, "dobj", "NOUN", "concern", "O"),
        ("over", 2, "prep", "ADP", "over", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("attack", 3, "pobj", "NOUN", "attack", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == []


def test_urging_a_party_is_an_appeal_not_an_event():
    # "Officials urged Ruritania to release the prisoners."
    doc = _doc([
        ("Officials", 1, "nsubj", "NOUN", "official", "O"),
        ("urged", 1, "ROOT", "VERB", "urge", "O"),
        ("Ruritania", 1, "dobj", "PROPN", "Ruritania", "B-GPE"),
        ("to", 4, "aux", "PART", "to", "O"),
        ("release", 1, "xcomp", "VERB", "release", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("prisoners", 4, "dobj", "NOUN", "prisoner", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    # CAMEO 02 (appeal or request) is dropped by PLOVER 2.0; the release asked for is its content.
    assert _types(doc) == []


def test_rejecting_an_accusation_is_a_denial_not_a_rejection():
    # "Ministers rejected the accusations."  CAMEO 016 (deny responsibility), a statement.
    doc = _doc([
        ("Ministers", 1, "nsubj", "NOUN", "minister", "O"),
        ("rejected", 1, "ROOT", "VERB", "reject", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("accusations", 1, "dobj", "NOUN", "accusation", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == []


def test_announced_coercion_is_a_threat_but_an_attempt_is_not():
    # "Farmers would blockade the capital."  /  "Gunmen tried to kill the governor."
    threat = _doc([
        ("Farmers", 2, "nsubj", "NOUN", "farmer", "O"),
        ("would", 2, "aux", "AUX", "would", "O"),
        ("blockade", 2, "ROOT", "VERB", "blockade", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("capital", 2, "dobj", "NOUN", "capital", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    attempt = _doc([
        ("Gunmen", 1, "nsubj", "NOUN", "gunman", "O"),
        ("tried", 1, "ROOT", "VERB", "try", "O"),
        ("to", 3, "aux", "PART", "to", "O"),
        ("kill", 1, "xcomp", "VERB", "kill", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("governor", 3, "dobj", "NOUN", "governor", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(threat) == ["THREATEN"]
    assert _types(attempt) == ["ASSAULT"]


def test_demand_is_a_request_and_the_demanded_act_is_its_content():
    # "Ministers demanded the release of the prisoners."
    doc = _doc([
        ("Ministers", 1, "nsubj", "NOUN", "minister", "O"),
        ("demanded", 1, "ROOT", "VERB", "demand", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("release", 1, "dobj", "NOUN", "release", "O"),
        ("of", 3, "prep", "ADP", "of", "O"),
        ("prisoners", 4, "pobj", "NOUN", "prisoner", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["REQUEST"]


def test_refused_cooperation_is_reject():
    # "Rebels refused to release the hostages."
    doc = _doc([
        ("Rebels", 1, "nsubj", "NOUN", "rebel", "O"),
        ("refused", 1, "ROOT", "VERB", "refuse", "O"),
        ("to", 3, "aux", "PART", "to", "O"),
        ("release", 1, "xcomp", "VERB", "release", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("hostages", 3, "dobj", "NOUN", "hostage", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    coded = _code(doc)
    assert {e.event_type for e in coded} == {"REJECT"}
    assert all(e.quad_class == 3 for e in coded)


def test_future_cooperation_is_agree():
    # "Rebels will release the hostages."
    doc = _doc([
        ("Rebels", 2, "nsubj", "NOUN", "rebel", "O"),
        ("will", 2, "aux", "AUX", "will", "O"),
        ("release", 2, "ROOT", "VERB", "release", "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("hostages", 2, "dobj", "NOUN", "hostage", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["AGREE"]


def test_reported_must_clause_is_a_request():
    # "The minister said Ruritania must release the prisoners."
    doc = _doc([
        ("The", 1, "det", "DET", "the", "O"),
        ("minister", 2, "nsubj", "NOUN", "minister", "O"),
        ("said", 2, "ROOT", "VERB", "say", "O"),
        ("Ruritania", 5, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("must", 5, "aux", "AUX", "must", "O"),
        ("release", 2, "ccomp", "VERB", "release", "O"),
        ("the", 7, "det", "DET", "the", "O"),
        ("prisoners", 5, "dobj", "NOUN", "prisoner", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    coded = _code(doc)
    assert [e.event_type for e in coded] == ["REQUEST"]
    assert coded[0].trigger == "release"


def test_event_noun_inside_another_event_is_not_coded_again():
    # "Ministers condemned the attack."
    doc = _doc([
        ("Ministers", 1, "nsubj", "NOUN", "minister", "O"),
        ("condemned", 1, "ROOT", "VERB", "condemn", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("attack", 1, "dobj", "NOUN", "attack", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["ACCUSE"]


def test_main_verb_ranks_first():
    # "Troops shot protesters."
    doc = _doc([
        ("Troops", 1, "nsubj", "NOUN", "troop", "O"),
        ("shot", 1, "ROOT", "VERB", "shoot", "O"),
        ("protesters", 1, "dobj", "NOUN", "protester", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    coded = _code(doc)
    assert coded and max(coded, key=lambda e: e.confidence).trigger == "shot"


def test_place_under_locative_phrase_with_of():
    # "Gunmen shot two men in the city of Port Vela."
    doc = _doc([
        ("Gunmen", 1, "nsubj", "NOUN", "gunman", "O"),
        ("shot", 1, "ROOT", "VERB", "shoot", "O"),
        ("two", 3, "nummod", "NUM", "two", "B-CARDINAL"),
        ("men", 1, "dobj", "NOUN", "man", "O"),
        ("in", 1, "prep", "ADP", "in", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("city", 4, "pobj", "NOUN", "city", "O"),
        ("of", 6, "prep", "ADP", "of", "O"),
        ("Port", 9, "compound", "PROPN", "Port", "B-PERSON"),
        ("Vela", 7, "pobj", "PROPN", "Vela", "I-PERSON"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    coded = _code(doc)
    assert coded and coded[0].location is not None
    assert "Port Vela" in coded[0].location.text
    loc = coded[0].location
    assert doc.text[loc.start:loc.end] == loc.text


def test_place_named_by_the_object_of_a_material_verb():
    # "Rebels captured the town of Kismayo."
    doc = _doc([
        ("Rebels", 1, "nsubj", "NOUN", "rebel", "O"),
        ("captured", 1, "ROOT", "VERB", "capture", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("town", 1, "dobj", "NOUN", "town", "O"),
        ("of", 3, "prep", "ADP", "of", "O"),
        ("Kismayo", 4, "pobj", "PROPN", "Kismayo", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    place = where.event_place(doc[1], _NoKB(), set(), None, material=True)  # type: ignore[arg-type]
    assert place is not None and place.text == "Kismayo"


def test_amount_and_date_are_not_places():
    # "Police detained over 200 people on Tuesday."
    doc = _doc([
        ("Police", 1, "nsubj", "NOUN", "police", "O"),
        ("detained", 1, "ROOT", "VERB", "detain", "O"),
        ("over", 3, "prep", "ADP", "over", "O"),
        ("200", 2, "pobj", "NUM", "200", "B-CARDINAL"),
        ("people", 1, "dobj", "NOUN", "people", "O"),
        ("on", 1, "prep", "ADP", "on", "O"),
        ("Tuesday", 5, "pobj", "PROPN", "Tuesday", "B-DATE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert where.event_place(doc[1], _NoKB(), set(), None, material=True) is None  # type: ignore[arg-type]


def test_lexicon_accepts_none_entries():
    lex = lexicon.load()
    appeal = lex.by_key[("appeal", "VERB")]
    assert appeal and all(e.event_type == lexicon.NONE for e in appeal)


def test_background_adjunct_is_not_the_sentences_news():
    # "Ruritania imposed sanctions after Freedonia's attack."  The attack is the occasion, reported
    # before (its possessor would otherwise keep it as an event of its own).
    doc = _doc([
        ("Ruritania", 1, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("imposed", 1, "ROOT", "VERB", "impose", "O"),
        ("sanctions", 1, "dobj", "NOUN", "sanction", "O"),
        ("after", 1, "prep", "ADP", "after", "O"),
        ("Freedonia", 6, "poss", "PROPN", "Freedonia", "B-GPE"),
        ("'s", 4, "case", "PART", "'s", "O"),
        ("attack", 3, "pobj", "NOUN", "attack", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["SANCTION"]


def test_background_act_alone_in_its_sentence_is_still_coded():
    # "After the attack, calm returned."  Nothing else is reported: the attack stays.
    doc = _doc([
        ("After", 4, "prep", "ADP", "after", "O"),
        ("the", 2, "det", "DET", "the", "O"),
        ("attack", 0, "pobj", "NOUN", "attack", "O"),
        (",", 4, "punct", "PUNCT", ",", "O"),
        ("calm", 5, "nsubj", "NOUN", "calm", "O"),
        ("returned", 5, "ROOT", "VERB", "return", "O"),
        (".", 5, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert "ASSAULT" in _types(doc)


def test_demand_a_protest_is_staged_for_is_part_of_the_protest():
    # "Farmers began a hunger strike to demand compensation."  One PROTEST, no separate REQUEST.
    doc = _doc([
        ("Farmers", 1, "nsubj", "NOUN", "farmer", "O"),
        ("began", 1, "ROOT", "VERB", "begin", "O"),
        ("a", 4, "det", "DET", "a", "O"),
        ("hunger", 4, "compound", "NOUN", "hunger", "O"),
        ("strike", 1, "dobj", "NOUN", "strike", "O"),
        ("to", 6, "aux", "PART", "to", "O"),
        ("demand", 1, "advcl", "VERB", "demand", "O"),
        ("compensation", 6, "dobj", "NOUN", "compensation", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["PROTEST"]


def test_object_of_a_partitive_names_what_is_acted_on():
    # "Ruritania released dozens of activists."  The of-phrase says who was released.
    doc = _doc([
        ("Ruritania", 1, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("released", 1, "ROOT", "VERB", "release", "O"),
        ("dozens", 1, "dobj", "NOUN", "dozen", "O"),
        ("of", 2, "prep", "ADP", "of", "O"),
        ("activists", 3, "pobj", "NOUN", "activist", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["RETREAT"]


def test_participle_modifying_a_noun_is_no_event():
    # "Aid workers reached the besieged town."  "besieged" describes the town.
    doc = _doc([
        ("Aid", 1, "compound", "NOUN", "aid", "O"),
        ("workers", 2, "nsubj", "NOUN", "worker", "O"),
        ("reached", 2, "ROOT", "VERB", "reach", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("besieged", 5, "amod", "VERB", "besiege", "O"),
        ("town", 2, "dobj", "NOUN", "town", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert "COERCE" not in _types(doc)


def test_occasion_named_by_during_is_background():
    # "Police arrested students during the summit."  The summit is when, not what happened.
    doc = _doc([
        ("Police", 1, "nsubj", "NOUN", "police", "O"),
        ("arrested", 1, "ROOT", "VERB", "arrest", "O"),
        ("students", 1, "dobj", "NOUN", "student", "O"),
        ("during", 1, "prep", "ADP", "during", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("summit", 3, "pobj", "NOUN", "summit", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["COERCE"]


def test_pressing_a_party_makes_the_act_its_content():
    # "Officials pressured workers to cancel the strike."  The cancelling is what is demanded.
    doc = _doc([
        ("Officials", 1, "nsubj", "NOUN", "official", "O"),
        ("pressured", 1, "ROOT", "VERB", "pressure", "O"),
        ("workers", 1, "dobj", "NOUN", "worker", "O"),
        ("to", 4, "aux", "PART", "to", "O"),
        ("cancel", 1, "xcomp", "VERB", "cancel", "O"),
        ("the", 6, "det", "DET", "the", "O"),
        ("strike", 4, "dobj", "NOUN", "strike", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["REQUEST"]


def test_sworn_violence_is_a_threat():
    # "Rebels swore to attack the capital."
    doc = _doc([
        ("Rebels", 1, "nsubj", "NOUN", "rebel", "O"),
        ("swore", 1, "ROOT", "VERB", "swear", "O"),
        ("to", 3, "aux", "PART", "to", "O"),
        ("attack", 1, "xcomp", "VERB", "attack", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("capital", 3, "dobj", "NOUN", "capital", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["THREATEN"]


def test_readiness_demanded_in_a_must_clause_is_the_demands_content():
    # "Ruritania said Freedonia must be ready to mediate."  One REQUEST; the mediation is its content.
    doc = _doc([
        ("Ruritania", 1, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("said", 1, "ROOT", "VERB", "say", "O"),
        ("Freedonia", 4, "nsubj", "PROPN", "Freedonia", "B-GPE"),
        ("must", 4, "aux", "AUX", "must", "O"),
        ("be", 1, "ccomp", "AUX", "be", "O"),
        ("ready", 4, "acomp", "ADJ", "ready", "O"),
        ("to", 7, "aux", "PART", "to", "O"),
        ("mediate", 5, "xcomp", "VERB", "mediate", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["REQUEST"]


def test_reinforcing_needs_forces_and_sending_peacekeepers_is_aid():
    # "Ruritania reinforced its commitment."  /  "Ruritania sent peacekeepers."
    commitment = _doc([
        ("Ruritania", 1, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("reinforced", 1, "ROOT", "VERB", "reinforce", "O"),
        ("its", 3, "poss", "PRON", "its", "O"),
        ("commitment", 1, "dobj", "NOUN", "commitment", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    peacekeepers = _doc([
        ("Ruritania", 1, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("sent", 1, "ROOT", "VERB", "send", "O"),
        ("peacekeepers", 1, "dobj", "NOUN", "peacekeeper", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert "MOBILIZE" not in _types(commitment)
    assert _types(peacekeepers) == ["AID"]


def test_calling_for_sanctions_against_a_party_denounces_it():
    # "Ministers called for sanctions against Ruritania."  Not an appeal: an ACCUSE of Ruritania.
    doc = _doc([
        ("Ministers", 1, "nsubj", "NOUN", "minister", "O"),
        ("called", 1, "ROOT", "VERB", "call", "O"),
        ("for", 1, "prep", "ADP", "for", "O"),
        ("sanctions", 2, "pobj", "NOUN", "sanction", "O"),
        ("against", 3, "prep", "ADP", "against", "O"),
        ("Ruritania", 4, "pobj", "PROPN", "Ruritania", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["ACCUSE"]


def test_gerund_misparsed_as_modifier_after_its_verb_stays_an_event():
    # "Ruritania denied supplying weapons."  The parser hangs "supplying" on "weapons" as amod.
    words = ["Ruritania", "denied", "supplying", "weapons", "."]
    doc = Doc(_VOCAB, words=words, spaces=[True, True, True, False, False], heads=[1, 1, 3, 1, 1],
              deps=["nsubj", "ROOT", "amod", "dobj", "punct"], pos=["PROPN", "VERB", "VERB", "NOUN", "PUNCT"],
              tags=["NNP", "VBD", "VBG", "NNS", "."], lemmas=["Ruritania", "deny", "supply", "weapon", "."],
              ents=["B-GPE", "O", "O", "O", "O"], sent_starts=[True, False, False, False, False])
    coded = _code(doc)
    assert [(e.event_type, e.modality) for e in coded] == [("AID", "denied")]


def test_claim_of_responsibility_is_a_statement_but_a_third_partys_report_is_not():
    # "Rebels claimed that they attacked the base." (CAMEO 015)  /  "Officials claimed that rebels
    # attacked the base." (a report of the attack)
    def doc_with(subject: str, pos: str) -> Doc:
        return _doc([
            ("Rebels" if pos == "PRON" else "Officials", 1, "nsubj", "NOUN", "x", "O"),
            ("claimed", 1, "ROOT", "VERB", "claim", "O"),
            ("that", 4, "mark", "SCONJ", "that", "O"),
            (subject, 4, "nsubj", pos, subject.lower(), "O"),
            ("attacked", 1, "ccomp", "VERB", "attack", "O"),
            ("the", 6, "det", "DET", "the", "O"),
            ("base", 4, "dobj", "NOUN", "base", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ])  # fmt: skip
    assert _types(doc_with("they", "PRON")) == []
    assert _types(doc_with("rebels", "NOUN")) == ["ASSAULT"]


def test_considering_an_option_is_no_event():
    # "Ruritania is considering sending aid."  CAMEO 014 (consider a policy option), a statement.
    doc = _doc([
        ("Ruritania", 2, "nsubj", "PROPN", "Ruritania", "B-GPE"),
        ("is", 2, "aux", "AUX", "be", "O"),
        ("considering", 2, "ROOT", "VERB", "consider", "O"),
        ("sending", 2, "xcomp", "VERB", "send", "O"),
        ("aid", 3, "dobj", "NOUN", "aid", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == []


def test_purpose_of_a_clause_describing_an_argument_is_not_news():
    # "Police prevented the march staged by students to protest the ruling."  One COERCE: the protest
    # is what the prevented march was for, described inside the COERCE's object.
    doc = _doc([
        ("Police", 1, "nsubj", "NOUN", "police", "O"),
        ("prevented", 1, "ROOT", "VERB", "prevent", "O"),
        ("the", 3, "det", "DET", "the", "O"),
        ("march", 1, "dobj", "NOUN", "march", "O"),
        ("staged", 3, "acl", "VERB", "stage", "O"),
        ("by", 4, "agent", "ADP", "by", "O"),
        ("students", 5, "pobj", "NOUN", "student", "O"),
        ("to", 8, "aux", "PART", "to", "O"),
        ("protest", 4, "advcl", "VERB", "protest", "O"),
        ("the", 10, "det", "DET", "the", "O"),
        ("ruling", 8, "dobj", "NOUN", "ruling", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["COERCE"]


def test_named_person_object_matches_by_entity_type():
    # "Rebels released Ana Ruiz."  A person named, not a listed noun: "@person" in the entry's objects.
    doc = _doc([
        ("Rebels", 1, "nsubj", "NOUN", "rebel", "O"),
        ("released", 1, "ROOT", "VERB", "release", "O"),
        ("Ana", 3, "compound", "PROPN", "Ana", "B-PERSON"),
        ("Ruiz", 1, "dobj", "PROPN", "Ruiz", "I-PERSON"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == ["RETREAT"]


def test_pessimism_about_talks_is_a_statement():
    # "Ministers expressed pessimism about the talks."  CAMEO 012, dropped; the talks are its topic.
    doc = _doc([
        ("Ministers", 1, "nsubj", "NOUN", "minister", "O"),
        ("expressed", 1, "ROOT", "VERB", "express", "O"),
        ("pessimism", 1, "dobj", "NOUN", "pessimism", "O"),
        ("about", 2, "prep", "ADP", "about", "O"),
        ("the", 5, "det", "DET", "the", "O"),
        ("talks", 3, "pobj", "NOUN", "talk", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ])  # fmt: skip
    assert _types(doc) == []
