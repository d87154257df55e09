"""Light coreference: pronouns and definite role phrases take the actor they refer to.

Rules (deliberately simple and explainable; each resolved mention says ``how="coref"``):

- "he"/"him"/"his"/"she"/"her" -> the nearest preceding mention of a named person (an actor with a
  name that is not a country) within the last ``WINDOW`` sentences.
- "the minister", "the president" (a bare role noun with "the") -> the nearest preceding mention of a
  person or role with a country whose code carries that role's sector ("the minister", GOV, -> a
  defence minister BLRMILGOV; "the press" is nobody's minister); a plural ("the troops") only to a
  group named by a role phrase ("Venezuelan troops").
- "the country"/"the nation" -> the nearest preceding country (or capital) mention; "the alliance",
  "the bloc", "the organisation" -> the nearest preceding organisation (IGO) mention.
- "they"/"them"/"their" -> the nearest preceding resolved group mention ("NATO states", "Polish
  troops") within the last ``IT_WINDOW`` sentences.
- "it"/"its" as a subject or possessor -> the nearest preceding country or organisation mention that
  was itself a subject, within the last ``IT_WINDOW`` sentences; a possessive "its" first tries the
  nearest such mention earlier in its own sentence.
- "we"/"us"/"our" inside a direct quotation -> the speaker's country (``first_person``), once quotes
  and their speakers are known.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
from spacy.attrs import DEP, IDX
from spacy.tokens import Doc

from eventwire.nlp import tokens_with
from eventwire.records import Actor, ActorMention, Quote

WINDOW = 10
IT_WINDOW = 2
_PERSONAL = {"he", "him", "his", "she", "her"}
_NEUTER = {"it", "its"}
_BACK_NOUNS = {"country": "country", "nation": "country", "alliance": "igo", "bloc": "igo",
               "organisation": "igo", "organization": "igo"}
_PLURAL = {"they", "them", "their", "theirs"}
_WORDS = frozenset({*_PERSONAL, *_NEUTER, *_BACK_NOUNS, *_PLURAL})
# Mentions that can be the antecedent of "the minister": people and role phrases, not places.
_PEOPLE = {"role", "role+name", "official", "person", "coref"}
_COLLECTIVE = {"country", "capital", "igo", "metonym"}
# Antecedents of a plural role phrase ("the troops"): groups named by a role phrase, not people.
_GROUPS = {"role", "coref"}


def _is_person(m: ActorMention) -> bool:
    return m.how in ("role+name", "official", "person") and bool(m.actor.name)


def _sectors(actor: Actor) -> set[str]:
    """The sector codes in an actor's composite code ("BLRMILGOV" -> {"MIL", "GOV"})."""
    body = actor.code[3:] if actor.code and actor.country else actor.code or ""
    return {body[i:i + 3] for i in range(0, len(body), 3)} | ({actor.sector} if actor.sector else set())


def _plural(doc: Doc, m: ActorMention) -> bool:
    """A mention naming a group: its last token is a plural noun ("NATO states", "Polish troops")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    # An offset range over whitespace alone gives an empty span: no noun, no group.
    return span is not None and len(span) > 0 and span[-1].tag_ in ("NNS", "NNPS")


def resolve(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """``mentions`` plus resolved pronoun mentions, and bare role mentions replaced by their antecedent's
    actor. Text order is kept."""
    # Character offsets inside a mention already found ("the bloc" may be a name of the EU itself).
    covered = {i for m in mentions for i in range(m.start, m.end)}
    text = doc.text  # once: spaCy rebuilds it from every token on each access
    out: list[ActorMention] = []
    # The sentence of a token's first character (0 for a character that starts no token), and the
    # tokens that start a subject, read from the Doc's columns rather than from a Token per word.
    sent_starts = [sent.start_char for sent in doc.sents]
    columns = doc.to_array([IDX, DEP]).reshape(-1, 2)
    token_starts = set(columns[:, 0].tolist())

    def sent_of(char: int) -> int:
        return bisect_right(sent_starts, char) - 1 if char in token_starts else 0

    subject_deps = [doc.vocab.strings.as_int(d) for d in ("nsubj", "nsubjpass")]
    subject_starts = set(columns[np.isin(columns[:, 1], subject_deps), 0].tolist())
    history: list[tuple[int, ActorMention]] = []
    pos = 0
    ordered = sorted(mentions, key=lambda m: m.start)

    def take_mentions_to(char: int) -> None:
        """Resolve and record, in order, the mentions that start at or before ``char``."""
        nonlocal pos
        while pos < len(ordered) and ordered[pos].start <= char:
            m = ordered[pos]
            pos += 1
            sidx = sent_of(m.start)
            if m.how == "role" and m.actor.country is None and m.start >= 1 and \
                    text[max(0, m.start - 4):m.start].lower().strip() == "the":
                # "the minister" is the person last named with that role, "the troops" the group last named
                # with it; "the press" is not the minister and "the governments" are not one person.
                kinds = _GROUPS if _plural(doc, m) else _PEOPLE
                ante = next((h for s, h in reversed(history) if sidx - s <= WINDOW and h.actor.country
                             and h.how in kinds and m.actor.sector in _sectors(h.actor)), None)
                if ante is not None:
                    m = ActorMention(m.text, m.start, m.end, ante.actor, "coref")
            out.append(m)
            history.append((sidx, m))

    # Only the words the rules below look at are visited; the mentions before each are taken first.
    for tok in tokens_with(doc, lowers=_WORDS):
        take_mentions_to(tok.idx)
        definite = tok.i >= 1 and doc[tok.i - 1].lower_ == "the" and tok.idx not in covered
        if definite and tok.lower_ in _BACK_NOUNS:
            # "the country", "the alliance": back to the nearest country or organisation mentioned.
            sidx = sent_of(tok.idx)
            want = _BACK_NOUNS[tok.lower_]
            ante = next((h for s, h in reversed(history) if sidx - s <= WINDOW and h.actor.resolved
                         and (h.actor.sector == "IGO") == (want == "igo")
                         and (want == "igo" or h.how in ("country", "capital"))), None)
            if ante is not None:
                start = doc[tok.i - 1].idx
                out.append(ActorMention(text[start:tok.idx + len(tok.text)], start, tok.idx + len(tok.text),
                                        ante.actor, "coref"))
        elif tok.lower_ in _PERSONAL and tok.idx not in covered:
            sidx = sent_of(tok.idx)
            ante = next((h for s, h in reversed(history) if sidx - s <= WINDOW and _is_person(h)), None)
            if ante is not None:
                pron = ActorMention(tok.text, tok.idx, tok.idx + len(tok.text), ante.actor, "coref")
                out.append(pron)
        elif tok.lower_ in _PLURAL and tok.idx not in covered:
            sidx = sent_of(tok.idx)
            ante = next((h for s, h in reversed(history) if sidx - s <= IT_WINDOW and h.actor.resolved
                         and _plural(doc, h)), None)
            if ante is not None:
                out.append(ActorMention(tok.text, tok.idx, tok.idx + len(tok.text), ante.actor, "coref"))
        elif tok.lower_ in _NEUTER and tok.dep_ in ("nsubj", "nsubjpass", "poss") and tok.idx not in covered:
            sidx = sent_of(tok.idx)
            ante = None
            if tok.dep_ == "poss":
                # "X has supported Moscow in its operation": a possessive prefers the nearest party before it
                # in its own sentence.
                ante = next((h for s, h in reversed(history) if s == sidx and h.how in _COLLECTIVE), None)
            ante = ante or next((h for s, h in reversed(history) if sidx - s <= IT_WINDOW
                                 and h.how in _COLLECTIVE and h.start in subject_starts), None)
            if ante is not None:
                out.append(ActorMention(tok.text, tok.idx, tok.idx + len(tok.text), ante.actor, "coref"))
    if len(doc):
        take_mentions_to(doc[-1].idx)
    out.extend(ordered[pos:])
    # One mention per span (the store keys mentions by it): the first found, a name before a coreference.
    unique: dict[tuple[int, int], ActorMention] = {}
    for m in sorted(out, key=lambda m: (m.start, m.end)):
        unique.setdefault((m.start, m.end), m)
    return list(unique.values())


_FIRST_PERSON = {"we", "us", "our", "ours"}


def first_person(doc: Doc, mentions: tuple[ActorMention, ...], quotes: tuple[Quote, ...]) -> tuple[ActorMention, ...]:
    """``mentions`` plus "we"/"us"/"our" inside each direct quote, resolved to the speaker's state
    (country + GOV): a minister saying "we are ready" speaks for the government."""
    taken = {m.start for m in mentions}
    extra: list[ActorMention] = []
    for q in quotes:
        sp = q.speaker
        if not q.direct or q.scare or sp is None or not sp.actor.country:
            continue
        country = sp.actor.country
        state = Actor(code=country + "GOV", country=country, sector="GOV", name=None)
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        extra.extend(ActorMention(t.text, t.idx, t.idx + len(t.text), state, "coref-speaker")
                     for t in span if t.lower_ in _FIRST_PERSON and t.idx not in taken)
    return tuple(sorted((*mentions, *extra), key=lambda m: (m.start, m.end)))
