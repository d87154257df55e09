"""NLP: load an English spaCy pipeline by name and parse articles in batches.

``parse(items, settings)`` takes Articles and Rejects in order and yields, in the same order,
``(article, doc)`` pairs, where ``doc`` is None for an article that is not English (it is passed on
unparsed, flagged by its ``language``), and Rejects unchanged; in ``settings.n_process`` processes
(``EVENTWIRE_N_PROCESS``). Batches are capped by words in one process (``nlp.batches``), and with
``transient=True`` the vocabulary the Docs added is freed as the run goes on (see ``parse``).
"""

from __future__ import annotations

import functools
import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import IS_SPACE, LEMMA, LOWER
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from eventwire.errors import ModelError
from eventwire.nlp import batches, fastattrs, focus
from eventwire.records import Article, Reject
from eventwire.settings import Settings

log = logging.getLogger(__name__)
# The longest text handed to spaCy in one Doc; longer bodies are cut (and the cut noted) rather
# than letting one page exhaust memory.
MAX_CHARS = 1_000_000
# Parse batches per memory zone when ``parse`` is asked for transient Docs (see ``parse``).
ZONE_BATCHES = 10
# Words a loaded pipeline parses outside any memory zone before its first zone: spaCy's tokenizer
# caches nothing inside a zone, so the common words of the news met first are cached for good (a fixed
# cost in memory, the same for every run length).
WARM_WORDS = 20_000
_warmed: dict[int, int] = {}  # id of a loaded pipeline -> words it parsed outside any zone


PARAGRAPHS = "eventwire_paragraphs"
# A quotation mark glued to the punctuation before it ('Ryan said,“Look', '“We will,”Clinton said',
# 'He said:“We'): spaCy splits marks off a token's edges only, so the run stays one token, which the
# tagger takes for a name and the parser for the cue's subject. ``load`` adds these infixes, which
# split the punctuation from the word before it and the mark from the punctuation.
GLUED_MARKS = r"(?<=\w)[,:;.!?](?=[“”\"])|(?<=[,:;.!?])[“”\"]"


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
# only); refilling costs a string lookup per word. Keyed by hash, so valid across memory zones.
_IN_SET: dict[tuple[int, frozenset[str]], dict[int, bool]] = {}
_IN_SET_MAX = 50_000


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
    _split_glued_marks(nlp)
    if fast_attrs:
        fastattrs.install(nlp)
    return nlp


def _split_glued_marks(nlp: Language) -> None:
    """Adds ``GLUED_MARKS`` to the infixes of ``nlp``'s tokenizer (once; not to a custom tokenizer)."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    if tokenizer.infix_finditer is None:
        tokenizer.infix_finditer = re.compile(GLUED_MARKS).finditer
        return
    # The compiled pattern behind the bound finditer; a finditer of some other kind is left alone.
    pattern = getattr(getattr(tokenizer.infix_finditer, "__self__", None), "pattern", None)
    if isinstance(pattern, str) and GLUED_MARKS not in pattern:
        tokenizer.infix_finditer = re.compile(f"{pattern}|{GLUED_MARKS}").finditer


def _focus_usable(nlp: Language) -> bool:
    why = focus.usable(nlp)
    if why is not None:
        log.info("entities recognised in every sentence: %s", why)
    return why is None


def is_english(article: Article) -> bool:
    return (article.language or "en") == "en"


def parse(
    items: Iterable[Article | Reject], settings: Settings, focus_on: focus.Focus | None = None,
    transient: bool = False,
) -> Iterator[tuple[Article, Doc | None] | Reject]:
    """Parse English articles; keep input order.

    With ``focus_on`` (which tokens the stages can use, see :mod:`eventwire.nlp.focus`) and
    ``settings.focus_ner``, entities are recognised only in the sentences holding such a token, when
    the pipeline's recogniser allows it (``focus.usable``); otherwise in every sentence.

    The stream is read lazily, as far ahead as the parse needs: items wait in a queue until the Doc of
    the English article they precede or are comes out. In one process, ``nlp.pipe`` runs over batches
    of at most ``settings.batch_size`` articles and about ``batches.MAX_WORDS`` words
    (:func:`eventwire.nlp.batches.capped`), so the models' working memory is the same for long and
    short articles. With ``settings.n_process`` > 1 one ``nlp.pipe`` serves the whole stream with
    ``settings.batch_size`` articles per batch: spaCy starts its processes anew for every ``pipe`` call.

    ``transient`` (one process only; ignored with more): each Doc is valid only until the next item
    is asked for. The words and strings its batch added to the pipeline's vocabulary are then freed
    (spaCy's ``nlp.memory_zone``), so the vocabulary does not grow with the words a long run meets.
    The first ``WARM_WORDS`` words a loaded pipeline parses (once per process) stay, and so do their
    tokenizations in the tokenizer's cache, which a zone never fills.
    For a caller that is done with each Doc before it asks for the next one, as
    ``pipeline.code_articles`` is: a Doc, Span or Token kept past that point must not be used.
    """
    nlp = load(settings.spacy_model, settings.fast_attrs)
    focused = focus_on is not None and settings.focus_ner and _focus_usable(nlp)
    if settings.n_process > 1:
        yield from _parse_stream(nlp, items, settings, focus_on if focused else None)
        return
    ner = nlp.get_pipe(focus.NER) if focused else None
    disable = [focus.NER] if focused else []

    def size(item: Article | Reject) -> int:
        return batches.words(item.text[:MAX_CHARS]) if isinstance(item, Article) and is_english(item) else 0

    def parsed(batch: list[Article | Reject]) -> Iterator[tuple[Article, Doc | None] | Reject]:
        texts = [item.text[:MAX_CHARS] for item in batch if isinstance(item, Article) and is_english(item)]
        docs: Iterable[Doc] = nlp.pipe(texts, batch_size=max(1, len(texts)), disable=disable) if texts else ()
        if ner is not None:
            assert focus_on is not None
            docs = focus.recognise(docs, ner, focus_on, max(1, len(texts)))
        doc_it = iter(docs)
        for item in batch:
            if isinstance(item, Reject):
                yield item
            elif is_english(item):
                yield item, next(doc_it)
            else:
                yield item, None

    capped = batches.capped(items, size, batches.MAX_WORDS, settings.batch_size)
    if not transient:
        for batch in capped:
            yield from parsed(batch)
        return
    # A zone spans several batches: each zone frees the words it met, and has to make again the
    # common words the model's own vocabulary lacks (and spaCy's tokenizer caches nothing inside a
    # zone), which costs CPU per zone.
    warm = _warmed.setdefault(id(nlp), 0)
    for batch in capped if warm < WARM_WORDS else ():
        yield from parsed(batch)
        warm += sum(map(size, batch))
        _warmed[id(nlp)] = warm
        if warm >= WARM_WORDS:
            break
    more = True
    while more:
        more = False
        with nlp.memory_zone():
            for k, batch in enumerate(capped, 1):
                yield from parsed(batch)
                if k == ZONE_BATCHES:
                    more = True
                    break


def _parse_stream(
    nlp: Language, items: Iterable[Article | Reject], settings: Settings, focus_on: focus.Focus | None
) -> Iterator[tuple[Article, Doc | None] | Reject]:
    """``parse`` with one ``nlp.pipe`` over the whole stream (for ``settings.n_process`` > 1)."""
    pending: deque[Article | Reject] = deque()

    def texts() -> Iterator[str]:
        for item in items:
            pending.append(item)
            if isinstance(item, Article) and is_english(item):
                yield item.text[:MAX_CHARS]

    def passed_on(item: Article | Reject) -> tuple[Article, Doc | None] | Reject:
        return item if isinstance(item, Reject) else (item, None)

    docs: Iterable[Doc] = nlp.pipe(texts(), batch_size=settings.batch_size, n_process=settings.n_process,
                                   disable=[focus.NER] if focus_on is not None else [])
    if focus_on is not None:
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
