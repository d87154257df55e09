"""Events: PLOVER 2.0 events from the dependency parse, with modality, date, place and evidence.

``code(doc, article, mentions, coder)`` returns the article's :class:`~eventwire.records.Event` records
in text order. For every sentence token the lexicon matches, ``frames`` finds actor and recipient,
``modality`` the modality and negation, ``when`` the date, ``where`` the place; ``ontology`` adds the
CAMEO code, Goldstein score and quad class. Each event's ``explain`` lists the rules that fired.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from eventwire.actors.kb import KnowledgeBase
from eventwire.events import frames, modality, when, where
from eventwire.events.lexicon import Entry, Lexicon
from eventwire.events.ontology import Ontology
from eventwire.ingest.ids import child_id
from eventwire.records import ActorMention, Article, Event, Quote

# Confidence is a documented heuristic until a calibrated model replaces it: a lexicon hit starts at
# 0.4; each resolved argument adds 0.2, a verbal predicate 0.1, an asserted modality 0.1.
_BASE, _ARG, _VERB, _ASSERT = 0.4, 0.2, 0.1, 0.1


@dataclass(frozen=True)
class Coder:
    """What the event stage needs besides the parse."""

    lexicon: Lexicon
    ontology: Ontology
    kb: KnowledgeBase


def _by_token(doc: Doc, mentions: tuple[ActorMention, ...]) -> dict[int, ActorMention]:
    out: dict[int, ActorMention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
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


def _absorbed(tok: Token, matched: dict[int, Entry]) -> bool:
    """True when ``tok`` is a noun that a governing verb's entry already took as its object ("imposed
    sanctions", "held talks"): the verb's reading, with better arguments, stands for both."""
    head = tok.head
    for _ in range(2):
        entry = matched.get(head.i)
        if entry is not None and tok.lemma_.lower() in entry.object:
            return True
        if head.dep_ != "prep" or head.head is head:
            break
        head = head.head
    return False


def _is_candidate(tok: Token) -> bool:
    """Tokens that may be predicates: not part of a name, not a noun modifying another noun
    ("arrest warrant", "assault rifle")."""
    if tok.ent_type_ in _NAME_ENTS and tok.pos_ == "PROPN":
        return False
    if tok.ent_type_ in ("ORG", "LAW", "EVENT", "FAC", "WORK_OF_ART"):
        return False
    return not (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "compound")


def code(doc: Doc, article: Article, mentions: tuple[ActorMention, ...], coder: Coder,
         quotes: tuple[Quote, ...] = ()) -> tuple[Event, ...]:
    """Every event in ``doc`` (the parse of ``article.text``).

    ``quotes`` lets an event with no actor of its own in a quoted or attributed sentence take the
    speaker as its actor ("Deployment of nuclear weapons ... is 'an important component', he said")."""
    by_token = _by_token(doc, mentions)
    speaker_of = _speakers(doc, quotes)
    events: list[Event] = []
    matched = {t.i: e for t in doc if _is_candidate(t) and (e := coder.lexicon.match(t)) is not None}
    for s_idx, sent in enumerate(doc.sents):
        for tok in sent:
            entry = matched.get(tok.i)
            if entry is None or _absorbed(tok, matched):
                continue
            fr = frames.frame(tok, entry, by_token)
            speaker = speaker_of.get(sent.start_char)
            if not fr.actor and speaker is not None and speaker not in fr.recipient:
                fr = replace(fr, actor=(speaker,), arcs=(*fr.arcs, "actor=speaker of the sentence"))
            mod, negated, mod_reason = modality.modality(tok)
            if entry.modality and mod == "asserted":
                mod, mod_reason = entry.modality, f"lexicon entry says {entry.modality}"
            date, date_reason = when.event_date(sent.text, article.published)
            place = where.event_place(tok, coder.kb, set(fr.actor_tokens), article.published)
            mode = entry.mode if coder.ontology.valid_mode(entry.event_type, entry.mode) else None
            cameo, goldstein, quad = coder.ontology.score(entry.event_type, mode, entry.cameo)
            resolved = sum(1 for side in (fr.actor, fr.recipient) if any(m.actor.resolved for m in side))
            confidence = _BASE + _ARG * resolved + _VERB * (tok.pos_ == "VERB") + _ASSERT * (mod == "asserted")
            events.append(Event(
                id=child_id(article.id, s_idx, tok.idx), event_type=entry.event_type, sentence=sent.text,
                sentence_start=sent.start_char, sentence_end=sent.end_char, start=tok.idx,
                end=tok.idx + len(tok.text), trigger=tok.text, mode=mode, context=entry.context,
                actor=fr.actor, recipient=fr.recipient, cameo=cameo, quad_class=quad, goldstein=goldstein,
                date=date, date_reason=date_reason, location=place, negated=negated or mod == "denied",
                modality=mod, confidence=round(min(confidence, 1.0), 2),
                explain=(entry.describe(), *fr.arcs, f"modality: {mod_reason}"),
            ))  # fmt: skip
    return tuple(events)
