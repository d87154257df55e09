"""NLP: load an English spaCy pipeline by name and parse articles in batches.

``parse(items, settings)`` takes Articles and Rejects in order and yields, in the same order,
``(article, doc)`` pairs, where ``doc`` is None for an article that is not English (it is passed on
unparsed, flagged by its ``language``), and Rejects unchanged. One ``nlp.pipe`` serves the whole stream,
in ``settings.n_process`` processes (``EVENTWIRE_N_PROCESS``; the same Docs either way).
"""

from __future__ import annotations

import functools
import logging
from collections import deque
from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import IS_SPACE, LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.errors import ModelError
from eventwire.nlp import fastattrs, focus
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
    become one "sentence" and share a speaker. Only the whitespace tokens are looked at (found from the
    IS_SPACE column, not a Python loop over every token)."""
    if len(doc) < 2:
        return doc
    for i in doc.to_array(IS_SPACE)[:-1].nonzero()[0].tolist():
        if doc[i].text.count("\n") >= 2:
            doc[i + 1].is_sent_start = True
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


# (attribute, word set) -> {string id: whether its lower-cased string is in the set}. All of them are
# emptied together once they hold _IN_SET_MAX entries in all: each stage's word sets meet every new
# word of a long run (284,465 entries in all after 8,000 Reuters articles, with a bound per table
# only); refilling costs a string lookup per word.
_IN_SET: dict[tuple[int, frozenset[str]], dict[int, bool]] = {}
_IN_SET_MAX = 200_000


def _mask(doc: Doc, attr: int, words: frozenset[str]) -> np.ndarray:
    ids = doc.to_array(attr)
    if sum(map(len, _IN_SET.values())) > _IN_SET_MAX:
        _IN_SET.clear()
    memo = _IN_SET.setdefault((attr, words), {})
    uniq, inverse = np.unique(ids, return_inverse=True)
    strings = doc.vocab.strings
    hits = np.fromiter((memo[k] if k in memo else memo.setdefault(k, strings[k].lower() in words)
                        for k in uniq.tolist()), dtype=bool, count=len(uniq))
    return hits[inverse.reshape(-1)]


def tokens_with(doc: Doc, lemmas: frozenset[str] = frozenset(), lowers: frozenset[str] = frozenset()
                ) -> list[Token]:
    """The tokens of ``doc``, in order, whose lower-cased lemma is in ``lemmas`` or whose lower-cased
    text is in ``lowers``. Only those become ``Token`` objects: a stage looking for a few words reads
    the Doc's columns of string ids instead of walking every token (a Token is built on each access)."""
    if not len(doc):
        return []
    mask = np.zeros(len(doc), dtype=bool)
    if lemmas:
        mask |= _mask(doc, LEMMA, lemmas)
    if lowers:
        mask |= _mask(doc, LOWER, lowers)
    return [doc[int(i)] for i in np.flatnonzero(mask)]


@functools.lru_cache(maxsize=4)
def load(name: str, fast_attrs: bool = True) -> Language:
    """The installed spaCy pipeline ``name`` (a package name or a path), loaded once per process, with
    ``eventwire_paragraphs`` before the parser. With ``fast_attrs`` its ``attribute_ruler`` and
    ``lemmatizer`` are replaced by :mod:`eventwire.nlp.fastattrs` (same token attributes) when that
    supports them; otherwise they stay as they are."""
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
    if fast_attrs:
        fastattrs.install(nlp)
    return nlp


def _focus_usable(nlp: Language) -> bool:
    why = focus.usable(nlp)
    if why is not None:
        log.info("entities recognised in every sentence: %s", why)
    return why is None


def is_english(article: Article) -> bool:
    return (article.language or "en") == "en"


def parse(
    items: Iterable[Article | Reject], settings: Settings, focus_on: focus.Focus | None = None
) -> Iterator[tuple[Article, Doc | None] | Reject]:
    """Parse English articles with one ``nlp.pipe`` over the whole stream; keep input order.

    With ``focus_on`` (which tokens the stages can use, see :mod:`eventwire.nlp.focus`) and
    ``settings.focus_ner``, entities are recognised only in the sentences holding such a token, when
    the pipeline's recogniser allows it (``focus.usable``); otherwise in every sentence.

    The stream is read lazily, as far ahead as ``nlp.pipe`` needs (a batch, or a batch per process with
    ``settings.n_process`` > 1): items wait in a queue until the Doc of the English article they
    precede or are comes out. One pipe for the whole stream, rather than one per chunk, matters with
    several processes, which spaCy starts anew for every ``pipe`` call.
    """
    nlp = load(settings.spacy_model, settings.fast_attrs)
    pending: deque[Article | Reject] = deque()

    def texts() -> Iterator[str]:
        for item in items:
            pending.append(item)
            if isinstance(item, Article) and is_english(item):
                yield item.text[:MAX_CHARS]

    def passed_on(item: Article | Reject) -> tuple[Article, Doc | None] | Reject:
        return item if isinstance(item, Reject) else (item, None)

    focused = focus_on is not None and settings.focus_ner and _focus_usable(nlp)
    docs: Iterable[Doc] = nlp.pipe(texts(), batch_size=settings.batch_size, n_process=settings.n_process,
                                   disable=[focus.NER] if focused else [])
    if focused:
        assert focus_on is not None
        docs = focus.recognise(docs, nlp.get_pipe(focus.NER), focus_on, settings.batch_size)
    for doc in docs:
        while True:
            item = pending.popleft()
            if isinstance(item, Article) and is_english(item):
                yield item, doc
                break
            yield passed_on(item)
    # Rejects and non-English articles after the last English one (the generator is exhausted here).
    while pending:
        yield passed_on(pending.popleft())
