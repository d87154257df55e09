"""NLP: load an English spaCy pipeline by name and parse articles in batches.

``parse(items, settings)`` takes Articles and Rejects in order and yields, in the same order,
``(article, doc)`` pairs, where ``doc`` is None for an article that is not English (it is passed on
unparsed, flagged by its ``language``), and Rejects unchanged. One ``nlp.pipe`` serves the whole stream.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.errors import ModelError
from eventwire.records import Article, Reject
from eventwire.settings import Settings

log = logging.getLogger(__name__)
# The longest text handed to spaCy in one Doc; longer bodies are cut (and the cut noted) rather
# than letting one page exhaust memory.
MAX_CHARS = 1_000_000


PARAGRAPHS = "eventwire_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: the token after a whitespace token holding two newlines starts
    one (the parser keeps preset boundaries). Without it, a quote's last paragraph and the next one can
    become one "sentence" and share a speaker."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


def text_length(doc: Doc) -> int:
    """``len(doc.text)`` in constant time: spaCy rebuilds ``doc.text`` from every token on each access,
    so a stage that asks for it once per quotation or mention turns quadratic on long documents."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def token_at(doc: Doc, char: int) -> Token | None:
    """The token covering character ``char`` (or the next one when ``char`` falls in trailing space)."""
    span = doc.char_span(char, min(text_length(doc), char + 1), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


@functools.lru_cache(maxsize=4)
def load(name: str) -> Language:
    """The installed spaCy pipeline ``name`` (a package name or a path), loaded once per process."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: is it installed? "
            "Set EVENTWIRE_SPACY_MODEL to an installed English pipeline (e.g. en_core_web_sm)."
        ) from exc
    if nlp.lang != "en":
        raise ModelError(f"spaCy pipeline {name!r} is for language {nlp.lang!r}; eventwire needs English")
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {sorted(missing)}; eventwire needs a parser and NER")
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def is_english(article: Article) -> bool:
    return (article.language or "en") == "en"


def _flush(
    nlp: Language, batch: list[Article | Reject], batch_size: int
) -> Iterator[tuple[Article, Doc | None] | Reject]:
    english = [a for a in batch if isinstance(a, Article) and is_english(a)]
    docs = iter(nlp.pipe((a.text[:MAX_CHARS] for a in english), batch_size=batch_size))
    for item in batch:
        if isinstance(item, Reject):
            yield item
        elif is_english(item):
            yield item, next(docs)
        else:
            yield item, None


def parse(
    items: Iterable[Article | Reject], settings: Settings
) -> Iterator[tuple[Article, Doc | None] | Reject]:
    """Parse English articles with batched ``nlp.pipe``; keep input order."""
    nlp = load(settings.spacy_model)
    batch: list[Article | Reject] = []
    for item in items:
        batch.append(item)
        if len(batch) >= settings.batch_size * 4:
            yield from _flush(nlp, batch, settings.batch_size)
            batch = []
    if batch:
        yield from _flush(nlp, batch, settings.batch_size)
