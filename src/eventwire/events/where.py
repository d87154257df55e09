"""Where an event happened: a place attached to the predicate ("talks in Geneva", "shelling near
Kharkiv"), else one attached to the sentence's main verb, never an actor or recipient span.

Places are GPE/LOC/FAC entities in the object of a locative preposition. They are geocoded to a
country with the knowledge base (countries and capitals); coordinates come later from an offline
gazetteer.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span, Token

from eventwire.actors.kb import KnowledgeBase
from eventwire.records import Place

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "on", "along", "from",
                      "into", "within", "throughout", "over", "off"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _place_under(tok: Token, ents: dict[int, Span], exclude: set[int]) -> Span | None:
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE:
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and pobj.i in ents and pobj.i not in exclude:
                return ents[pobj.i]
    return None


def event_place(pred: Token, kb: KnowledgeBase, exclude: set[int], on: dt.date | None) -> Place | None:
    """The place of the event whose predicate is ``pred``; tokens in ``exclude`` are actor spans."""
    doc = pred.doc
    ents = {t.i: e for e in doc.ents if e.label_ in _PLACE_LABELS for t in e}
    span = _place_under(pred, ents, exclude)
    cur = pred
    while span is None and cur.head is not cur and cur.dep_ in ("xcomp", "ccomp", "conj", "pobj", "prep",
                                                                 "dobj", "acomp", "advcl"):
        cur = cur.head
        span = _place_under(cur, ents, exclude)
    if span is None:
        return None
    found = kb.lookup_name(span.text, on)
    country = found.actor.country if found is not None else None
    return Place(text=span.text, start=span.start_char, end=span.end_char, country=country)
