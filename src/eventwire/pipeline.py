"""The stages wired together; no rules of its own.

    ingest.read -> nlp.parse -> actors.find -> quotes.find -> actors.first_person -> events.code
                -> tone.score -> CodedArticle

(Quotes come before events so that "we" inside a quotation can stand for the speaker's state.)

``run(sources, settings)`` goes from files/folders/URLs; ``code_articles(items, settings)`` from
Articles already made (the ``eventwire code`` path). Both yield CodedArticle or Reject in input order.
A non-English article comes out with no actors, events, quotes or tone, its ``language`` saying why.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from eventwire import actors, events, ingest, nlp, quotes, tone
from eventwire.actors.kb import KnowledgeBase
from eventwire.records import Article, CodedArticle, Reject, Sentence
from eventwire.settings import Settings
from eventwire.tone import Lexicon as ToneLexicon

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stages:
    """Everything loaded once per process: the spaCy pipeline, the KB, the event coder, the tone lexicon."""

    nlp: Language
    kb: KnowledgeBase
    coder: events.Coder
    tone: ToneLexicon

    @classmethod
    def load(cls, settings: Settings) -> Stages:
        kb = actors.load(settings.kb_extra)
        coder = events.Coder.load(kb, settings.lexicon_extra)
        return cls(nlp=nlp.load(settings.spacy_model), kb=kb, coder=coder, tone=tone.load())


def code_articles(items: Iterable[Article | Reject], settings: Settings,
                  stages: Stages | None = None) -> Iterator[CodedArticle | Reject]:
    """Code Articles (Rejects pass through), in order."""
    stages = stages or Stages.load(settings)
    for item in nlp.parse(items, settings):
        if isinstance(item, Reject):
            yield item
            continue
        article, doc = item
        if doc is None:
            yield CodedArticle(article=article)
            continue
        sentences = tuple(Sentence(i, s.start_char, s.end_char) for i, s in enumerate(doc.sents))
        mentions = actors.find(doc, article, stages.kb, stages.nlp)
        said = quotes.find(doc, article, mentions)
        mentions = actors.first_person(doc, mentions, said)
        found = events.code(doc, article, mentions, stages.coder, said)
        coded = CodedArticle(article=article, sentences=sentences, actors=mentions, events=found, quotes=said)
        yield tone.score(doc, coded, stages.tone)


def run(sources: Iterable[str], settings: Settings, stages: Stages | None = None
        ) -> Iterator[CodedArticle | Reject]:
    """Read every source and code every article found."""
    return code_articles(ingest.read(sources, settings), settings, stages)
