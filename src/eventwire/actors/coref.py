"""Light coreference: pronouns and definite role phrases take the actor they refer to.

Rules (deliberately simple and explainable; each resolved mention says ``how="coref"``):

- "he"/"him"/"his"/"she"/"her" -> the nearest preceding mention of a named person (an actor with a
  name that is not a country) within the last ``WINDOW`` sentences.
- "the minister", "the president" (a bare role noun with "the") -> the nearest preceding mention with
  the same sector and a country.
- "it" as a subject -> the nearest preceding country or organisation mention, only when the previous
  sentence's subject was one.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.records import ActorMention

WINDOW = 6
_PERSONAL = {"he", "him", "his", "she", "her"}


def _is_person(m: ActorMention) -> bool:
    return m.actor.resolved and m.how in ("role+name", "official", "person")


def resolve(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """``mentions`` plus resolved pronoun mentions, and bare role mentions replaced by their antecedent's
    actor. Text order is kept."""
    starts = {m.start: m for m in mentions}
    out: list[ActorMention] = []
    sent_of = {}
    for i, sent in enumerate(doc.sents):
        for tok in sent:
            sent_of[tok.idx] = i
    history: list[tuple[int, ActorMention]] = []
    pos = 0
    ordered = sorted(mentions, key=lambda m: m.start)
    for tok in doc:
        while pos < len(ordered) and ordered[pos].start <= tok.idx:
            m = ordered[pos]
            pos += 1
            sidx = sent_of.get(m.start, 0)
            if m.how == "role" and m.actor.country is None and m.start >= 1 and \
                    doc.text[max(0, m.start - 4):m.start].lower().strip() == "the":
                ante = next((h for s, h in reversed(history) if sidx - s <= WINDOW and h.actor.country
                             and h.actor.sector == m.actor.sector), None)
                if ante is not None:
                    m = ActorMention(m.text, m.start, m.end, ante.actor, "coref")
            out.append(m)
            history.append((sidx, m))
        if tok.lower_ in _PERSONAL and tok.idx not in starts:
            sidx = sent_of.get(tok.idx, 0)
            ante = next((h for s, h in reversed(history) if sidx - s <= WINDOW and _is_person(h)), None)
            if ante is not None:
                pron = ActorMention(tok.text, tok.idx, tok.idx + len(tok.text), ante.actor, "coref")
                out.append(pron)
    out.extend(ordered[pos:])
    return sorted(out, key=lambda m: (m.start, m.end))
