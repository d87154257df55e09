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
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from eventwire import actors, cache, events, ingest, nlp, quotes, tone
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
        coder = _coder(kb, settings.lexicon_extra)
        return cls(nlp=nlp.load(settings.spacy_model, settings.fast_attrs), kb=kb, coder=coder, tone=tone.load())

    def focus(self, doc: Doc) -> np.ndarray:
        """The tokens some stage can use, read from the parse before entities (``eventwire.nlp.focus``)."""
        return events.focus(doc, self.coder) | quotes.focus(doc) | actors.focus(doc, self.kb)


def _coder(kb: KnowledgeBase, lexicon_extra: tuple[Path, ...]) -> events.Coder:
    """``events.Coder.load(kb, lexicon_extra)``, whose parts other than the KB come from the start-up
    cache (``eventwire.cache``) when it has them: parsing the predicate lexicon and the ontology is a
    quarter of a second of every start. The key covers every file of the ``events`` package (its code
    and data, so any change there is a new entry), the user's lexicon files (their bytes) and the KB's
    digest (in case the coder ever derives something from the KB); a KB without a digest (built by
    hand) is never cached."""
    if kb.digest is None:
        return events.Coder.load(kb, lexicon_extra)
    package = Path(events.__file__).parent
    parts: list[bytes | str] = [kb.digest]
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".yml", ".json", ".txt", ".csv", ".tsv"):
            parts += [str(path.relative_to(package)), path.read_bytes()]
    for extra in lexicon_extra:
        try:
            parts.append(extra.read_bytes())
        except OSError:
            return events.Coder.load(kb, lexicon_extra)  # the loader reports the unreadable file
    key = cache.digest(*parts)
    cached = cache.get("coder", key)
    if isinstance(cached, dict) and {f.name for f in fields(events.Coder)} == {*cached, "kb"}:
        return events.Coder(**cached, kb=kb)
    coder = events.Coder.load(kb, lexicon_extra)
    cache.put("coder", key, {f.name: getattr(coder, f.name) for f in fields(coder) if f.name != "kb"})
    return coder


def code_articles(items: Iterable[Article | Reject], settings: Settings,
                  stages: Stages | None = None) -> Iterator[CodedArticle | Reject]:
    """Code Articles (Rejects pass through), in order."""
    stages = stages or Stages.load(settings)
    # Transient Docs: each is done with (coded into plain records) before the next is asked for.
    for item in nlp.parse(items, settings, stages.focus, transient=True):
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
