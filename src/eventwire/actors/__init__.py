"""Actors: find every political actor mentioned in an article and resolve it to a code.

``find(doc, article, kb, nlp)`` returns the article's :class:`~eventwire.records.ActorMention` records
in text order: named and role mentions (``match``), then pronouns and definite role phrases resolved
through ``coref``. ``resolve_phrase(text, date, kb)`` serves ``eventwire actors resolve`` by the
rules in ``phrase`` (names, roles with their owner, former officials as ELI, places, groups).
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors import coref, match
from eventwire.actors.kb import KnowledgeBase, load
from eventwire.records import UNRESOLVED, Actor, ActorMention, Article

__all__ = ["KnowledgeBase", "find", "first_person", "focus", "load", "resolve_phrase"]
first_person = coref.first_person
focus = match.focus


def find(doc: Doc, article: Article, kb: KnowledgeBase, nlp: Language) -> tuple[ActorMention, ...]:
    """Every actor mention in ``doc`` (the parse of ``article.text``), resolved as of the article date."""
    mentions = match.find_mentions(doc, kb, nlp, article.published)
    return tuple(coref.resolve(doc, mentions))


def resolve_phrase(text: str, kb: KnowledgeBase, on: dt.date | None = None) -> Actor:
    """The actor a short phrase names ("Armenian Prime Minister", "the Kremlin"); UNRESOLVED if none."""
    try:
        return kb.lookup(text, on) or UNRESOLVED
    except (ValueError, TypeError):
        return UNRESOLVED
