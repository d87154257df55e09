"""Events: PLOVER 2.0 events from the dependency parse, with modality, date, place and evidence.

``code(doc, article, mentions, coder)`` returns the article's :class:`~eventwire.records.Event` records
in text order. For every sentence token the lexicon matches, ``frames`` finds actor and recipient,
``modality`` the modality and negation, ``when`` the date, ``where`` the place; ``ontology`` adds the
CAMEO code, Goldstein score and quad class. Each event's ``explain`` lists the rules that fired.

When no recipient of a known country is named, the place the act is aimed at or done in gives it
(``_place_is_target``: "shelled Juba", "imposed a curfew in X"; for MOBILIZE only another country's
ground, for CONSULT only a visit): the place itself, or the country of an unqualified recipient ("rebels
in X" -> X's rebels). Not a place inside a condition ("if war starts in X") nor one named only as the
owner of a border ("on the X border"); a town the sentence also describes as another country's ("in Y
... the north Lebanese port") takes that country.

What is not coded: words the lexicon marks ``NONE`` (statements and appeals, dropped by PLOVER 2.0);
the act of a claim of responsibility ("X claimed they had attacked Y", CAMEO 015); a participle or
adjective modifying a noun ("the besieged town"); an act that is the content of another event or
appeal (non-asserted under it, a gerund after it or as its object, an event noun or relative clause
inside its arguments); a MOBILIZE or "help" whose purpose clause is coded ("sent troops to attack").
What is added beyond the lexicon: a "..., targeting X" adjunct of an assault, and armed forces
entering a named place (both ASSAULT). What is recoded (``_turned``): refused
cooperation -> REJECT, called-off coercion -> CONCEDE, future cooperation (also a reported "said it
would") -> AGREE, announced
coercion -> THREATEN; a reported "X said Y must ..." clause is X's REQUEST; readiness to cooperate
adds an AGREE. Confidence ranks the sentence's main event first.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from eventwire.actors.kb import KnowledgeBase
from eventwire.events import frames, lexicon, modality, ontology, peacekeeping, when, where
from eventwire.events.lexicon import NONE, Entry, Lexicon
from eventwire.events.ontology import Ontology
from eventwire.ingest.ids import child_id
from eventwire.nlp import token_at, tokens_with
from eventwire.records import Actor, ActorMention, Article, Event, Place, Quote

# Confidence is a documented heuristic until a calibrated model replaces it: a lexicon hit starts at
# 0.4; each resolved argument adds 0.2, a verbal predicate 0.1, an asserted modality 0.1.
_BASE, _ARG, _VERB, _ASSERT = 0.4, 0.2, 0.1, 0.1
# So that the main event of a sentence ranks first: the sentence's main verb gains 0.2, a predicate
# inside another event's arguments ("condemned the attack") loses 0.2.
_MAIN, _EMBEDDED = 0.2, 0.2
# The sum is scaled by its largest value, not cut at 1.0: cut, a main verb with both arguments resolved
# tied with any other such event and the earlier one ranked first.
_TOP = _BASE + 2 * _ARG + _VERB + _ASSERT + _MAIN
# "said they agree with X that ...": siding with a view is a statement, not AGREE (``modality.shared_view``).
_VIEW = Entry(lemma="agree", pos="VERB", event_type=NONE, note="agreeing with a view: a statement (CAMEO 01)")


@dataclass(frozen=True)
class Coder:
    """What the event stage needs besides the parse."""

    lexicon: Lexicon
    ontology: Ontology
    kb: KnowledgeBase

    @classmethod
    def load(cls, kb: KnowledgeBase, lexicon_extra: tuple[Path, ...] = ()) -> Coder:
        """The packaged lexicon (plus ``lexicon_extra`` files) and ontology, places looked up in ``kb``."""
        return cls(lexicon=lexicon.load(lexicon_extra), ontology=ontology.load(), kb=kb)


def _by_token(doc: Doc, mentions: tuple[ActorMention, ...]) -> dict[int, ActorMention]:
    out: dict[int, ActorMention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or all(t.pos_ in ("VERB", "AUX") for t in span):
            # "to press their demands": a role word used as a verb names no party.
            continue
        for t in span:
            out.setdefault(t.i, m)
    return out


def _speakers(doc: Doc, quotes: tuple[Quote, ...]) -> dict[int, ActorMention]:
    """Sentence start -> the resolved speaker of a quotation in or overlapping that sentence."""
    out: dict[int, ActorMention] = {}
    for q in quotes:
        if q.scare or q.speaker is None or not q.speaker.actor.country:
            continue
        for sent in doc.sents:
            if sent.start_char < q.end and q.start < sent.end_char:
                out.setdefault(sent.start_char, q.speaker)
    return out


# Entity types whose tokens are names, not predicates ("Rapid Support Forces", "Paris Agreement").
_NAME_ENTS = frozenset({"ORG", "LAW", "EVENT", "FAC", "PERSON", "GPE", "WORK_OF_ART", "PRODUCT", "NORP"})


# Mentions that name people or organisations, never the place of an event.
_NOT_PLACE_KINDS = frozenset({"igo"})


def _absorbed(tok: Token, matched: dict[int, Entry]) -> bool:
    """True when ``tok`` is a noun that a governing verb's entry already took as its object ("imposed
    sanctions", "held talks", "ended mediation efforts", by the noun or its compound): the verb's reading,
    with better arguments, stands for both."""
    head = tok.head
    for _ in range(2):
        entry = matched.get(head.i)
        if entry is not None and (tok.lemma_.lower() in entry.object or any(
                c.dep_ == "compound" and c.lemma_.lower() in entry.object for c in tok.children)):
            return True
        if head.dep_ != "prep" or head.head.i == head.i:
            break
        head = head.head
    return False


def _content_of(tok: Token, matched: dict[int, Entry]) -> Token | None:
    """The event predicate (or dropped appeal/statement word) whose complement ``tok`` is: the nearest
    matched word above it through complement relations, not crossing reported speech nor a conjoined
    clause with its own subject or finite auxiliary."""
    cur = tok
    for _ in range(6):
        if cur.dep_ not in _CONTENT_DEPS or cur.head.i == cur.i:
            return None
        if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ in ("aux", "auxpass") and c.lower_ != "to")
                for c in cur.children):
            # "opened its borders but was refusing admittance": a finite clause of its own ("agreed to set
            # up X and to suspend Y" stays one content)
            return None
        cur = cur.head
        if cur.i in matched:
            return cur
        if cur.lemma_.lower() in modality.SAY:
            return None
    return None


# Relations by which a predicate is the complement (content) of the word above it.
# "acomp": "Y must be ready to mediate" (the readiness and the mediation are the demand's content).
_CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "pcomp", "advcl", "conj", "acomp"})


def _is_main(tok: Token) -> bool:
    """``tok`` is the main verb of its sentence, a verb conjoined with it ("shot and killed"), or the
    verb of what the sentence's main reporting verb reports."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "ccomp" and cur.head.dep_ == "ROOT" and cur.head.lemma_.lower() in modality.SAY:
        cur = cur.head  # "X said Y attacked Z": the reported act is the sentence's news
    return cur.dep_ == "ROOT" and tok.pos_ in ("VERB", "AUX")


def _governor(tok: Token, matched: dict[int, Entry], statements: bool = False) -> Entry | None:
    """The nearest other matched predicate governing ``tok`` (within its clause chain), or None; with
    ``statements``, a dropped statement or appeal word ("expressed condolences over the attack")
    counts too."""
    cur = tok
    for _ in range(8):
        if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX") and cur.head.i != cur.i:
            cur = cur.head
            if cur.head.i != cur.i:
                continue
            # The first of coordinated verbs is the sentence's root: it governs what the others report
            # ("accused X of ... and said the arrests were staged").
        elif cur.head.i == cur.i:
            return None
        else:
            cur = cur.head
        if cur.i != tok.i and cur.i in matched and (statements or matched[cur.i].event_type != NONE):
            return matched[cur.i]
    return None


def _under_event(tok: Token, matched: dict[int, Entry], statements: bool = False) -> bool:
    """Some other matched predicate governs ``tok`` (see ``_governor``)."""
    return _governor(tok, matched, statements) is not None


# Events whose arguments name what is complained of: an act inside them is the grievance, not news.
_GRIEVANCE = frozenset({"PROTEST", "ACCUSE"})


def _protest_demand(tok: Token, matched: dict[int, Entry]) -> bool:
    """``tok`` (a REQUEST) is what a protest in its sentence demands: a purpose or participle clause
    of the protest's own verb ("began a hunger strike to demand the return", "staged rallies, saying
    he must resign"). PLOVER codes demands made by protesting as the PROTEST."""
    cur = tok
    for _ in range(3):
        cur = cur.head  # the root is its own head: its children are looked at too
        if matched.get(cur.i) is not None and matched[cur.i].event_type == "PROTEST":
            return True
        if any(matched.get(c.i) is not None and matched[c.i].event_type == "PROTEST"
               for c in cur.children if c.dep_ in ("dobj", "nsubj", "attr")):
            return True
    return False


_MUST = Entry(lemma="must", pos="VERB", event_type="REQUEST", cameo="100", recipient="none",
              note="reported 'must' clause: a demand")

_AIMED = Entry(lemma="target", pos="VERB", event_type="ASSAULT", cameo="190",
               note="participial adjunct aiming an assault: 'launched an offensive, targeting X'")
# Participles that say what an assault is aimed at.
_AIM = frozenset({"target"})


def _aims_assault(tok: Token, matched: dict[int, Entry]) -> bool:
    """``tok`` is a participial adjunct ("..., targeting X") of a clause that reports an ASSAULT (its verb,
    or the verb's object or subject: "launched an offensive in the region, targeting X"): the
    participle is that assault aimed at X, whatever X is (the lexicon's own "target" entries only
    know place nouns, since "targeted sanctions" and "targeting voters" are no attack)."""
    if tok.lemma_.lower() not in _AIM or tok.dep_ != "advcl" or tok.pos_ != "VERB" or tok.head.i == tok.i:
        return False
    verb = tok.head
    return any(matched.get(t.i) is not None and matched[t.i].event_type == "ASSAULT"
               for t in (verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass"))))


_ENTER = frozenset({"enter"})
_MUST_WORD = frozenset({"must"})
_INCURSION = Entry(lemma="enter", pos="VERB", event_type="ASSAULT", cameo="192",
                   note="armed forces entering a named place: a military incursion")
# Heads of armed-force subjects ("troops entered X"), besides mentions of the MIL sector.
_FORCES = frozenset({"troop", "force", "soldier", "army", "tank", "militant", "rebel", "fighter", "militia",
                     "unit", "column", "paratrooper", "commando"})


def _forces_enter_place(tok: Token, by_token: dict[int, ActorMention]) -> bool:
    """"Israeli forces entered Gaza": armed forces (a MIL mention or a force noun as subject) entering a
    named place (a GPE, LOC or FAC object, or one the actor stage knows as a place) make a military
    incursion, ASSAULT like entering a town (the lexicon's "enter" entries only know place nouns, since
    people also enter countries peacefully)."""
    if tok.lemma_.lower() not in _ENTER or tok.pos_ != "VERB":
        return False
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if obj is None or subj is None:
        return False
    place = by_token.get(obj.i)
    if obj.ent_type_ not in ("GPE", "LOC", "FAC") and (place is None or place.how not in _PLACE_KINDS):
        return False
    m = by_token.get(subj.i)
    return subj.lemma_.lower() in _FORCES or (m is not None and m.actor.sector == "MIL")


_EXERCISES = frozenset({"exercise", "drill", "game", "manoeuvre", "maneuver", "wargame"})
# Coercive acts that, announced as intended ("plans to impose", "would blockade"), are threats.
_THREAT_ACTS = frozenset({"COERCE", "ASSAULT", "SANCTION"})
_FUTURE_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT"})

# PLOVER REJECT modes for the cooperative act that is refused.
_REJECT_MODE = {"CONSULT": "meet", "CONCEDE": "yield", "RETREAT": "yield", "AID": "assist",
                "COOPERATE": "assist", "SUPPORT": "assist"}


def _turned(tok: Token, entry: Entry, mod: str, negated: bool, onto: Ontology) -> tuple[Entry, str] | None:
    """The event a refusal or a calling-off makes of a predicate, with the reason, or None.

    A cooperative act that is refused, failed or said not to be going to happen ("declined to resign",
    "failed to reach agreement", "will not accept refugees") is a REJECT (PLOVER: refusing to
    cooperate); a conflict act that is cancelled or abandoned ("cancelled the restrictions") is a
    CONCEDE. Denying a claim ("denied sending troops") stays a denied event. A cooperative act reported
    in the future tense ("will release the hostages", "will provide aid") is an AGREE (PLOVER: future
    cooperation implies intent); readiness words ("ready to", "open to") keep the act's own type. A
    coercive act announced as intended ("plans to impose martial law", "would blockade the capital") is
    a THREATEN (PLOVER: THREATEN is the hypothetical counterpart of the act)."""
    quad = onto.types[entry.event_type].quad_class
    if entry.event_type in _FUTURE_AGREE and mod == "intended" and not negated and (any(
            c.dep_ == "aux" and c.lower_ in modality.FUTURE for c in tok.children) or modality.backshifted(tok)):
        return (replace(entry, event_type="AGREE", mode=None, cameo=None, context=()),
                f"future {entry.event_type} is an intention to cooperate -> AGREE")
    if entry.event_type in _THREAT_ACTS and not negated and modality.governed_by(tok, modality.ATTEMPT) is None \
            and (mod == "intended" or (
            mod == "hypothetical" and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in tok.children))):
        return (replace(entry, event_type="THREATEN", mode=None, cameo=None, context=()),
                f"announced {entry.event_type} is a threat -> THREATEN")
    d = modality.denier(tok)
    dl = d.lemma_.lower() if d is not None else ""
    said_not = negated and tok.pos_ in ("VERB", "AUX") and mod in ("asserted", "intended", "hypothetical")
    if quad in (1, 2) and (dl in modality.REFUSE or said_not):
        mode = _REJECT_MODE.get(entry.event_type)
        return (replace(entry, event_type="REJECT", mode=mode, cameo=None, context=()),
                f"refused cooperative act ({entry.event_type}) -> REJECT")
    if quad in (3, 4) and dl in modality.CALL_OFF:
        return (replace(entry, event_type="CONCEDE", mode=None, cameo=None, context=()),
                f"'{d.text if d is not None else ''}' calls off a conflict act -> CONCEDE")
    return None


# Verbs by which an actor claims an act ("the rebels claimed that they had attacked the base").
_CLAIM = frozenset({"claim"})


def _claimed_own_act(tok: Token) -> bool:
    """``tok`` is the act of a claim of responsibility: the content of "X claimed (that) X/they did Y",
    CAMEO 015 (a statement, dropped by PLOVER 2.0), not a report of the act by a third party."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ != "ccomp" or cur.head.lemma_.lower() not in _CLAIM:
        return False
    claimant = next((c for c in cur.head.children if c.dep_ == "nsubj"), None)
    doer = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if claimant is None or doer is None:
        return False
    return (doer.pos_ == "PRON" and doer.lower_ not in ("it", "you")) or doer.lower_ == claimant.lower_


# Verbs of helping: "helped negotiate a truce" reports the negotiation, the help is how it came about.
_HELP = frozenset({"help", "assist"})


def _purpose_act(tok: Token, entry: Entry, coded: set[int]) -> Token | None:
    """The coded act that ``tok`` (a MOBILIZE or a helping verb) serves, or None. Forces moved "to fight
    X" or inspectors sent "to investigate": the manual codes the ASSAULT, not a MOBILIZE in its
    context, and people are mobilized or sent for what they do there, so only the purpose is coded;
    "helped support X" is the support. The purpose is an infinitival clause of ``tok`` (``advcl`` or
    ``xcomp`` with "to", or the bare complement of a helping verb) whose predicate is itself coded."""
    if entry.event_type != "MOBILIZE" and entry.lemma not in _HELP:
        return None
    for c in tok.children:
        if c.dep_ not in ("advcl", "xcomp") or c.i not in coded or c.pos_ not in ("VERB", "AUX"):
            continue
        if entry.lemma in _HELP or any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return c
    return None


def _in_relative(tok: Token) -> bool:
    """``tok`` heads a relative or adnominal clause, or a clause conjoined with or subordinate to one
    ("the demonstration staged by students to protest the decision")."""
    cur = tok
    while cur.dep_ in ("conj", "advcl", "xcomp") and cur.head.i != cur.i:
        cur = cur.head
    return cur.dep_ in ("relcl", "acl")


# Prepositions and subordinators that put an act in the background of a sentence's news: its cause,
# its occasion or what it answers ("imposed sanctions after the attack", "closed the border because
# of fighting", "protested over the arrests", "in the wake of the execution").
_BACKGROUND = frozenset({"after", "following", "since", "amid", "amidst", "despite", "over", "because", "before",
                         "during"})
_BACKGROUND_NOUNS = frozenset({"wake", "aftermath", "result", "response", "reaction", "light"})


def _background_arc(tok: Token, matched: dict[int, Entry]) -> bool:
    """``tok`` hangs from its head by a background arc (see ``_background``)."""
    if tok.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in _BACKGROUND for c in tok.children)
    if tok.dep_ == "pcomp":
        return tok.head.lemma_.lower() in _BACKGROUND
    if tok.dep_ != "pobj" or tok.head.dep_ not in ("prep", "pcomp"):
        return False
    prep = tok.head
    word = prep.lemma_.lower()
    if word in _BACKGROUND or (word == "of" and prep.head.lemma_.lower() in _BACKGROUND_NOUNS | _BACKGROUND):
        return True
    # "sanctions ... for its support of X", "imposed sanctions on X for its support of Y": the reason for a
    # coded act.
    # "sanctions on the faction that controls X for its support of Y": an act with its own possessor
    # under "for" is the reason for something, wherever the parser attaches the phrase.
    return word == "for" and (prep.head.i in matched or any(c.dep_ == "poss" for c in tok.children))


def _background(tok: Token, matched: dict[int, Entry]) -> bool:
    """``tok`` names an act inside a background adjunct: the object of a background preposition ("after
    the attack", "in the wake of the execution", "sanctions for its support of X"), a verb in a
    background subordinate clause ("one day after a jet shot down a helicopter"), or anything inside
    those ("following the shooting deaths", "over air raids in which 20 people were killed")."""
    cur = tok
    for _ in range(8):
        if _background_arc(cur, matched):
            return True
        if cur.head.i == cur.i or cur.dep_ == "ROOT":
            return False
        cur = cur.head
    return False


# Types whose place is their recipient only on another country's ground. MOBILIZE: the recipient is whom
# the forces threaten "if that is clear" (manual), not the actor's own ground they deploy on.
_OWN_GROUND = frozenset({"MOBILIZE"})
# Mentions that name the place itself (a country, a capital), so that it can stand for the recipient.
_PLACE_KINDS = frozenset({"country", "capital", "place"})
# Arcs a place phrase may climb to reach the act it is the target of: prepositional and object
# attachment, apposition, infinitival content ("threatened to ban voting in X") and an adverbial clause
# of the act ("killed 23 people when they blew themselves up in X"); never a subject, a relative clause
# ("refugees who lived in X") or reported speech.
_PLACE_UP = frozenset({"pobj", "prep", "dobj", "appos", "compound", "conj", "nmod", "amod", "npadvmod",
                       "xcomp", "advmod", "pcomp", "advcl", "attr", "oprd", "dative"})
# Subordinators of a condition: the clause they open supposes an event, it does not place the act.
_CONDITIONAL = frozenset({"if", "unless", "whether", "lest"})
# Nouns naming a boundary: a place modifying one ("the Thai border") is a reference point, not the ground.
_BOUNDARY_NOUNS = frozenset({"border", "borders", "frontier", "frontiers", "boundary", "borderline"})
# Arcs by which a noun predicate hangs from the verb that carries it ("staged demonstrations in X").
_CARRIER = frozenset({"dobj", "pobj", "prep", "xcomp", "conj", "acomp", "attr"})


# Cooperative acts whose place is only a venue when parties of several countries do them together.
_JOINT_VENUE = frozenset({"AGREE", "SUPPORT", "COOPERATE", "CONSULT", "CONCEDE", "AID"})


def _place_may_be_recipient(entry: Entry, place: Place, actors: tuple[ActorMention, ...]) -> bool:
    """For CONSULT only a visit (the place visited hosts it; talks at a venue are not talks with the
    venue's country); for MOBILIZE only another country's ground (forces moved into X are aimed at X;
    forces moved on the actor's own territory threaten no one in particular). Where parties of
    several countries act together in cooperation ("A and B signed an accord in Geneva"), the place
    is their venue."""
    if entry.event_type in _JOINT_VENUE and len({m.actor.country for m in actors if m.actor.country}) > 1:
        return False
    if entry.event_type == "CONSULT":
        return entry.mode == "visit"
    if entry.event_type in _OWN_GROUND:
        return bool(actors) and all(m.actor.country and m.actor.country != place.country for m in actors)
    return True


def _place_is_target(tok: Token, place: Place) -> bool:
    """``place`` is attached to the act of ``tok`` (or to the verb carrying it, or to the verb of occurrence
    whose subject it is), not a place mentioned
    elsewhere in the sentence: its phrase climbs to the predicate through ``_PLACE_UP`` arcs, not out of
    a conditional clause ("if war starts in X"), and it is not just the owner of a boundary ("on the X
    border")."""
    span = tok.doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    anchors = {tok.i}
    occurs = frames.occurrence_verb(tok)
    if occurs is not None:
        anchors.add(occurs.i)  # "an explosion took place in X": the verb of occurrence carries the place
    cur = tok
    for _ in range(3):
        if cur.dep_ not in _CARRIER or cur.head.i == cur.i:
            break
        cur = cur.head
        anchors.add(cur.i)
    node = span.root
    if node.dep_ in ("amod", "compound") and node.head.lemma_.lower() in _BOUNDARY_NOUNS:
        # "a stronghold on the Thai border": a place named only as the owner of a boundary is a reference
        # point; what lies on it is as often on the other side.
        return False
    for _ in range(8):
        if node.i in anchors:
            return True
        if node.dep_ not in _PLACE_UP or node.head.i == node.i:
            return False
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in node.children):
            # "will not accept refugees if war starts in X": the place of a condition is where the
            # supposed event happens, not the ground of the act.
            return False
        node = node.head
    return False


# Nouns by which a sentence may describe a town it names ("in X ... the north Lebanese port").
_TOWN_NOUNS = frozenset({"city", "town", "village", "port", "capital", "township", "hamlet"})


def _described_country(place: Place, by_token: dict[int, ActorMention], doc: Doc) -> str | None:
    """The country a sentence gives the town ``place`` by describing it without a name ("fighting in X
    as shells crashed into the north Lebanese port"): the one country of the demonym or country that
    modifies an unnamed definite town noun (``_TOWN_NOUNS``) after it in its sentence; None when the place
    is a country, when no such description or more than one country is found, or when the town noun
    carries a name of its own ("the Lebanese port of Y")."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or any(by_token[t.i].how == "country" for t in span if t.i in by_token):
        return None
    found = set()
    for t in span.sent:
        if t.i < span.end or t.lemma_.lower() not in _TOWN_NOUNS or t.pos_ != "NOUN" or t.dep_ == "conj" \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            continue  # an anaphor: a definite description after the name, not another town conjoined with it
        if any(c.dep_ in ("appos", "compound", "prep") and (c.pos_ == "PROPN" or c.lower_ == "of")
               for c in t.children):
            continue  # "the Lebanese port of Y", "the port city Y": a description of another town
        for c in t.children:
            m = by_token.get(c.i)
            if c.dep_ in ("amod", "compound", "poss") and m is not None and m.how in ("demonym", "country") \
                    and m.actor.country:
                found.add(m.actor.country)
    if len(found) != 1 or place.country in found:
        return None
    return found.pop()


def _place_recipient(place: Place, by_token: dict[int, ActorMention], doc: Doc) -> ActorMention:
    """The recipient that a place stands for: the actor mention naming it when there is one with a
    country, else a country-level mention of the place (PLOVER associates entities and events in a place
    with its country); a town the sentence also describes as another country's ("the north Lebanese
    port", ``_described_country``) is that country's."""
    described = _described_country(place, by_token, doc)
    if described is not None:
        actor = Actor(code=described, country=described, name=place.text)
        return ActorMention(text=place.text, start=place.start, end=place.end, actor=actor, how="place")
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is not None:
        for t in span:
            m = by_token.get(t.i)
            if m is not None and m.actor.country == place.country and m.how in _PLACE_KINDS:
                return m
    actor = Actor(code=place.country, country=place.country, name=place.text)
    return ActorMention(text=place.text, start=place.start, end=place.end, actor=actor, how="place")


def _placed(recipient: tuple[ActorMention, ...], place: Place, by_token: dict[int, ActorMention],
            doc: Doc) -> tuple[ActorMention, ...]:
    """``recipient`` (mentions with no country: a sector at most, "forces", "hostages") qualified by the
    country of ``place``; with no recipient, the place itself (``_place_recipient``)."""
    if not recipient:
        return (_place_recipient(place, by_token, doc),)
    country = _described_country(place, by_token, doc) or place.country
    out = []
    for m in recipient:
        sector = m.actor.sector
        code = f"{country}{sector}" if sector and sector != "IGO" else country
        actor = Actor(code=code, country=country, sector=sector, name=m.actor.name)
        out.append(replace(m, actor=actor, how=f"{m.how}+place"))
    return tuple(out)


def _has_poss(tok: Token) -> bool:
    return any(c.dep_ == "poss" for c in tok.children)


def _gerund_object(tok: Token) -> bool:
    """"vetoed a resolution censuring X", "opposed sending troops": an -ing verb that is the direct object
    of the word above it names the act that word is about (its content), like a gerund after "of"."""
    return tok.dep_ == "dobj" and tok.tag_ == "VBG" and tok.pos_ in ("VERB", "AUX")


def _gerund_after_verb(tok: Token) -> bool:
    """"denied supplying weapons": an -ing form right after the verb whose object it is said to modify
    is that verb's gerund complement (a frequent misparse as ``amod``), not a modifier."""
    verb = tok.head.head
    return tok.tag_ == "VBG" and tok.i > 0 and tok.i - 1 == verb.i and verb.pos_ in ("VERB", "AUX")


def _is_candidate(tok: Token) -> bool:
    """Tokens that may be predicates: not part of a name, not a noun modifying another noun
    ("arrest warrant", "assault rifle"), not a participle or adjective modifying a noun ("the besieged
    town", "the Israeli-occupied West Bank", "an occupying army"): such a modifier describes a state of
    what it modifies, it does not report an act; nor an event noun as possessor ("the meeting's
    co-chairman") or a participle used as a noun ("evacuated the wounded")."""
    if tok.dep_ == "amod" and tok.pos_ in ("VERB", "ADJ") and tok.head.pos_ in ("NOUN", "PROPN") \
            and not _gerund_after_verb(tok):
        return False
    if tok.ent_type_ in _NAME_ENTS and tok.pos_ == "PROPN":
        return False
    if tok.dep_ == "poss" and tok.pos_ in ("NOUN", "PROPN"):
        # "the meeting's co-chairman": an event noun as possessor identifies someone, it reports nothing.
        return False
    if tok.tag_ in ("VBN", "JJ") and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        # "evacuated the wounded", "the injured were taken to hospital": a participle used as a noun
        # names people, not an act.
        return False
    if tok.ent_type_ in ("ORG", "LAW", "EVENT", "FAC", "WORK_OF_ART"):
        return False
    return not (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "compound")


def focus(doc: Doc, coder: Coder) -> np.ndarray:
    """The tokens that may anchor an event, as a boolean mask over ``doc``, read from the parse alone
    (before entities are known): a lexicon predicate that is a candidate and not ``NONE``, a "target"
    or "enter" (the acts added beyond the lexicon), peacekeepers arriving and a "must". A superset of what :func:`code`
    starts from, since without entities more tokens count as candidates and a word whose entries ask for
    a named object ("released 12 Ukrainians": ``@norp``) counts whatever its object; a sentence without any of
    them yields no event, so its entities are never needed for one (``eventwire.nlp.focus``)."""
    mask = np.zeros(len(doc), dtype=bool)
    for t in tokens_with(doc, coder.lexicon.lemmas):
        if _is_candidate(t) and (((e := coder.lexicon.match(t)) is not None and e.event_type != NONE)
                                 or coder.lexicon.needs_entities(t)):
            mask[t.i] = True
    for t in tokens_with(doc, _AIM | _ENTER, _MUST_WORD):
        mask[t.i] = True
    for t in tokens_with(doc, peacekeeping.ARRIVE):
        mask[t.i] = mask[t.i] or peacekeeping.arrival(t)
    return mask


def code(doc: Doc, article: Article, mentions: tuple[ActorMention, ...], coder: Coder,
         quotes: tuple[Quote, ...] = ()) -> tuple[Event, ...]:
    """Every event in ``doc`` (the parse of ``article.text``).

    ``quotes`` lets an event with no actor of its own in a quoted or attributed sentence take the
    speaker as its actor ("Deployment of nuclear weapons ... is 'an important component', he said")."""
    by_token = _by_token(doc, mentions)
    speaker_of = _speakers(doc, quotes)
    events: list[Event] = []
    agreed: set[int] = set()  # readiness words already coded as AGREE
    # Only tokens of the words each test needs are visited (``tokens_with``): the same matches as a
    # pass over every token, in the same order.
    matched = {t.i: (_VIEW if e.event_type == "AGREE" and modality.shared_view(t) else e)
               for t in tokens_with(doc, coder.lexicon.lemmas)
               if _is_candidate(t) and (e := coder.lexicon.match(t)) is not None}
    for t in tokens_with(doc, _AIM | _ENTER | peacekeeping.ARRIVE):
        if t.i not in matched and _aims_assault(t, matched):
            matched[t.i] = _AIMED
        elif t.i not in matched and peacekeeping.arrival(t):
            matched[t.i] = peacekeeping.RECEIVED
        elif t.i not in matched and _forces_enter_place(t, by_token):
            matched[t.i] = _INCURSION
    # "X said Y must do Z" is X's demand (REQUEST) of Y; Z is its content, not an event of its own.
    heads = {m.head.i: m.head for m in tokens_with(doc, lowers=_MUST_WORD) if m.dep_ == "aux"}
    reporter = {i: r for i, t in sorted(heads.items())
                if t.pos_ in ("VERB", "AUX") and (r := frames.must_clause(t)) is not None}
    for i in reporter:
        matched[i] = _MUST
    coded_at = sorted(matched)
    for s_idx, sent in enumerate(doc.sents):
        for i in coded_at[bisect_left(coded_at, sent.start):bisect_left(coded_at, sent.end)]:
            tok = doc[i]
            entry = matched[i]
            if entry.event_type == NONE or _absorbed(tok, matched):
                continue
            rep = reporter.get(tok.i)
            fr = frames.demand_frame(tok, rep, by_token) if rep is not None else frames.frame(tok, entry, by_token)
            speaker = speaker_of.get(sent.start_char)
            if not fr.actor and speaker is not None and speaker not in fr.recipient:
                fr = replace(fr, actor=(speaker,), arcs=(*fr.arcs, "actor=speaker of the sentence"))
            gov_entry = _governor(tok, matched, True)
            if tok.pos_ in ("NOUN", "PROPN") and gov_entry is not None and (
                    not _has_poss(tok) or gov_entry.event_type in _GRIEVANCE):
                # "accused X of blackmail in the negotiations", "conceded to demands": an event noun
                # inside another event's arguments refers to it; the governing event is the report.
                # One with its own possessor ("supported Moscow in its operation") stays an event, unless
                # it is what a protest or accusation complains of ("in protest of the government's refusal").
                continue
            if entry.event_type == "REQUEST" and _protest_demand(tok, matched):
                continue
            if _claimed_own_act(tok):
                # "The rebels claimed that they had attacked the base": a claim of responsibility.
                continue
            if _in_relative(tok) and _under_event(tok, matched, True):
                # "condolences to the families of those who were killed": a relative clause inside
                # another event's (or statement's) arguments describes a referenced, earlier event.
                continue
            if _background(tok, matched) and any(
                    j != tok.i and sent.start <= j < sent.end and e.event_type != NONE
                    and not _background(doc[j], matched) for j, e in matched.items()):
                # The cause or occasion of the sentence's news ("reimposed blockades following the shooting
                # deaths") is an earlier event the sentence refers to, not one it reports.
                continue
            mod, negated, mod_reason = modality.modality(tok)
            if rep is not None:
                mod, mod_reason = "asserted", f"'must' clause reported by '{rep.text}'"
            gov = _content_of(tok, matched)
            if gov is not None and (mod != "asserted" or tok.dep_ == "pcomp" or _gerund_object(tok) or (
                    entry.event_type == "REQUEST" and matched[gov.i].event_type == "PROTEST")):
                # "demanded the withdrawal", "agreed to cooperate", "urged X to release": the governed
                # act is the content of the governing event (or appeal), not an event of its own; so is
                # the demand a protest is staged for (PLOVER: demands made by protest are PROTEST), and
                # the act a gerund names after the governing word ("accused X of violating ...", "opposed
                # sending troops").
                continue
            if entry.modality and mod == "asserted":
                mod, mod_reason = entry.modality, f"lexicon entry says {entry.modality}"
            if entry.event_type == "MOBILIZE" and entry.lemma in _EXERCISES and (
                    fr.partner_named or len({m.actor.country for m in fr.actor if m.actor.country}) > 1):
                # "Egypt and Somalia held exercises", "held exercises with X": an exercise with another
                # party (a partner slot, or actors of two countries) is joint (manual: joint exercises are
                # COOPERATE, not MOBILIZE).
                entry = replace(entry, event_type="COOPERATE", mode=None, cameo="062")
            elif entry.event_type == "MOBILIZE" and peacekeeping.mentions(tok):
                # "sent troops to X on a peacekeeping mission": providing peacekeepers is AID (table 074).
                entry = replace(entry, event_type="AID", mode=None, cameo=peacekeeping.PROVIDED.cameo)
            turned = _turned(tok, entry, mod, negated, coder.ontology)
            if turned is not None:
                entry, why = turned
                mod, negated, mod_reason = "asserted", False, why
            date, date_reason = when.event_date(sent.text, article.published)
            mode = entry.mode if coder.ontology.valid_mode(entry.event_type, entry.mode) else None
            cameo, goldstein, quad = coder.ontology.score(entry.event_type, mode, entry.cameo)
            actor_toks = {i for i, m in by_token.items() if m in fr.actor or m.how in _NOT_PLACE_KINDS}
            place = where.event_place(tok, coder.kb, actor_toks, article.published, material=quad in (2, 4))
            if entry is peacekeeping.RECEIVED:
                # "peacekeepers arrived in X": X receives them (its RETREAT), the peacekeepers' side is the
                # recipient.
                host = (_place_recipient(place, by_token, doc),) if place is not None and place.country else ()
                fr = replace(fr, actor=host, recipient=fr.actor,
                             arcs=(*fr.arcs, "peacekeepers arriving: the place's country receives them"))
            elif place is not None and place.country and not any(frames.known(m) for m in fr.recipient) and \
                    _place_may_be_recipient(entry, place, fr.actor) and _place_is_target(tok, place):
                # "shelled Juba", "imposed a curfew in the town of X", "demonstrated in X": with no party
                # of a known country named, the place the act is aimed at or done in gives the recipient's
                # country (CAMEO/PLOVER practice: an act on a place targets the place's country; an
                # unqualified "forces in east X" are X's).
                fr = replace(fr, recipient=_placed(fr.recipient, place, by_token, doc),
                             arcs=(*fr.arcs, f"recipient country from the place '{place.text}'"))
            resolved = sum(1 for side in (fr.actor, fr.recipient) if any(m.actor.resolved for m in side))
            confidence = (_BASE + _ARG * resolved + _VERB * (tok.pos_ == "VERB") + _ASSERT * (mod == "asserted")
                          + _MAIN * _is_main(tok) - _EMBEDDED * _under_event(tok, matched))
            ready = modality.intent_word(tok) if mod in ("intended", "conditional") else None
            if ready is not None and quad in (1, 2) and entry.event_type != "AGREE" and ready.i not in agreed:
                # "ready to resume talks with X": the stated willingness is an AGREE (PLOVER: indicate
                # willingness to cooperate), coded at the readiness word besides the intended act.
                agreed.add(ready.i)
                a_cameo, a_gold, a_quad = coder.ontology.score("AGREE", None, None)
                events.append(Event(
                    id=child_id(article.id, s_idx, ready.idx), event_type="AGREE", sentence=sent.text,
                    sentence_start=sent.start_char, sentence_end=sent.end_char, start=ready.idx,
                    end=ready.idx + len(ready.text), trigger=ready.text, mode=None, context=entry.context,
                    actor=fr.actor, recipient=fr.recipient, cameo=a_cameo, quad_class=a_quad, goldstein=a_gold,
                    date=date, date_reason=date_reason, location=place, negated=negated, modality=mod,
                    confidence=round(max(0.0, min(confidence / _TOP, 1.0)), 2),
                    explain=(f"'{ready.text}' states willingness to {entry.describe()}", *fr.arcs,
                             f"modality: {mod_reason}"),
                ))  # fmt: skip
            events.append(Event(
                id=child_id(article.id, s_idx, tok.idx), event_type=entry.event_type, sentence=sent.text,
                sentence_start=sent.start_char, sentence_end=sent.end_char, start=tok.idx,
                end=tok.idx + len(tok.text), trigger=tok.text, mode=mode, context=entry.context,
                actor=fr.actor, recipient=fr.recipient, cameo=cameo, quad_class=quad, goldstein=goldstein,
                date=date, date_reason=date_reason, location=place, negated=negated or mod == "denied",
                modality=mod, confidence=round(max(0.0, min(confidence / _TOP, 1.0)), 2),
                explain=(entry.describe(), *fr.arcs, f"modality: {mod_reason}"),
            ))  # fmt: skip
    # A mobilization or help whose purpose is itself coded gives way to it (``_purpose_act``).
    starts = {ev.start for ev in events}
    coded = {at.i for start in starts if (at := token_at(doc, start)) is not None and at.idx == start}
    kept = []
    for ev in events:
        span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
        head = span.root if span is not None else None
        source = matched.get(head.i) if head is not None else None
        if head is None or source is None or ev.trigger != head.text or _purpose_act(head, source, coded) is None:
            kept.append(ev)
    return tuple(kept)
