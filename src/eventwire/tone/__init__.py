"""Tone: how positive or negative the words of a text are, on GDELT's tone scale.

The stage ``score(doc, coded, lexicon)`` gives a :class:`~eventwire.records.Tone` to the article, to
each event (the tone of its evidence sentence) and to each quote (the tone of its span), and returns
a new CodedArticle. An article that was not parsed (not English: ``doc`` is None) keeps every tone None,
since the lexicon is English.

Definition (GDELT's Tone, Positive Score, Negative Score and Polarity, with VADER's word list):

- a *word* is a token with a letter or digit in it;
- a word is *positive* (*negative*) when VADER's lexicon (vaderSentiment 3.3.2: about 7,500 English
  words, emoticons and slang rated -4..+4 by ten raters each) rates it at least ``+min_valence`` (at
  most ``-min_valence``), with the changes of ``data/tone.yaml``: a name (spaCy tag PROPN) and a word
  listed ``neutral`` there carry no tone, a negator carries none either, and a negator up to ``window``
  words earlier in the same sentence reverses a word ("not good" is negative; VADER's own rule);
- for a stretch of text with ``n`` words of which ``p`` are positive and ``q`` negative:
  ``positive = 100 p / n`` and ``negative = 100 q / n`` (0..100), ``score = positive - negative``
  (-100..+100; GDELT's Tone and AvgTone; news mostly falls within -10..+10) and
  ``polarity = positive + negative`` (0..100: how emotionally charged, whichever way).
  A stretch without words has no tone (None), not a neutral one.

Counts are made per sentence, so negation never reaches into the next sentence; the article's tone
counts every word of every sentence (long sentences weigh more, as in GDELT).

This is a lexicon count, not a reading: it misses negation beyond its window or that scopes over a
verb rather than the word after it ("did not condemn the attack" reverses "attack" too), sarcasm, words
whose sense depends on the domain ("attack" in a football report) and whose voice it is (a quoted
threat is scored like the reporter's own words).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources

import numpy as np
from spacy.attrs import IDX, LENGTH, LOWER, POS, SENT_START
from spacy.symbols import PROPN
from spacy.tokens import Doc
from vaderSentiment.vaderSentiment import NEGATE

from eventwire import yamlio
from eventwire.records import CodedArticle, Event, Quote, Tone

VADER_LEXICON = "vader_lexicon.txt"


@dataclass(frozen=True)
class Lexicon:
    """The word list as the stage uses it: lowercased word -> +1 or -1 (words below the valence
    threshold and neutral words left out), the negators, and how far a negator reaches."""

    signs: Mapping[str, int]
    negators: frozenset[str]
    window: int


def _vader_ratings() -> dict[str, float]:
    """VADER's lexicon, word -> mean rating. Lines are ``token<TAB>mean<TAB>sd<TAB>[ratings]``; a token
    listed twice keeps its last rating, as VADER itself reads the file."""
    text = resources.files("vaderSentiment").joinpath(VADER_LEXICON).read_text("utf-8")
    ratings: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0]:
            ratings[parts[0].lower()] = float(parts[1])
    return ratings


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    """The lexicon, read once per process from the installed vaderSentiment wheel and data/tone.yaml."""
    cfg = yamlio.load(resources.files("eventwire.tone").joinpath("data", "tone.yaml").read_text("utf-8"))
    negators = frozenset((set(NEGATE) | set(cfg["negators_add"])) - set(cfg["negators_drop"]))
    skip = negators | set(cfg["neutral"])
    threshold = float(cfg["min_valence"])
    signs = {w: (1 if v > 0 else -1) for w, v in _vader_ratings().items() if abs(v) >= threshold and w not in skip}
    return Lexicon(signs=signs, negators=negators, window=int(cfg["window"]))


def _is_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


_ATTRS = [LOWER, POS, SENT_START, IDX, LENGTH]


class Counts:
    """Words, positive and negative words of a parsed text, summed so that any character range is
    counted in constant time after one pass over the tokens.

    The pass works on arrays of token attributes: each distinct lowercased form is looked up once, and
    a negator's reach is found from running maxima rather than token by token."""

    def __init__(self, doc: Doc, lexicon: Lexicon):
        n = len(doc)
        table = doc.to_array(_ATTRS).reshape(n, len(_ATTRS)) if n else np.zeros((0, len(_ATTRS)), np.uint64)
        lower, pos_tag, sent_start, idx, length = (table[:, k] for k in range(len(_ATTRS)))
        forms, inverse = np.unique(lower, return_inverse=True)
        strings = [doc.vocab.strings[int(h)] for h in forms]
        word = np.array([_is_word(w) for w in strings], dtype=bool)[inverse]
        negator = np.array([w in lexicon.negators for w in strings], dtype=bool)[inverse] & word
        sign = np.array([lexicon.signs.get(w, 0) for w in strings], dtype=np.int64)[inverse]
        sign[(pos_tag == PROPN) | ~word] = 0
        # Word numbers (1-based) and, per token, the number of the first word of its sentence. A text
        # with no sentence boundaries set is one sentence (token 0 always starts one).
        words_to = np.cumsum(word)
        starts = sent_start == 1
        if n:
            starts[0] = True
        sent_id = np.cumsum(starts) - 1
        first_word = (words_to - word)[starts][sent_id] + 1
        # The last negator at or before each token (0 when none); it reaches a later word of its
        # sentence at most ``window`` words on.
        last_negator = np.maximum.accumulate(np.where(negator, words_to, 0)) if n else words_to
        reversed_ = (last_negator >= first_word) & (words_to - last_negator <= lexicon.window)
        sign = np.where(reversed_, -sign, sign)
        zero = np.zeros(1, dtype=np.int64)
        self._starts = idx.astype(np.int64)
        self._ends = self._starts + length.astype(np.int64)
        self._words = np.concatenate([zero, words_to.astype(np.int64)])
        self._pos = np.concatenate([zero, np.cumsum(sign > 0)])
        self._neg = np.concatenate([zero, np.cumsum(sign < 0)])

    def tone(self, start: int, end: int) -> Tone | None:
        """The tone of the tokens that overlap characters ``start..end`` (None when there is no word)."""
        i = int(np.searchsorted(self._ends, start, side="right"))
        j = int(np.searchsorted(self._starts, end, side="left"))
        if j <= i:
            return None
        n = int(self._words[j] - self._words[i])
        if n == 0:
            return None
        p = int(self._pos[j] - self._pos[i])
        q = int(self._neg[j] - self._neg[i])
        return Tone(positive=round(100 * p / n, 4), negative=round(100 * q / n, 4), words=n)


def of_doc(doc: Doc, lexicon: Lexicon | None = None) -> Tone | None:
    """The tone of a whole parsed text."""
    return Counts(doc, lexicon or load()).tone(0, len(doc.text))


def of_events(counts: Counts, found: tuple[Event, ...]) -> tuple[Event, ...]:
    """Each event with the tone of its evidence sentence."""
    return tuple(replace(e, tone=counts.tone(e.sentence_start, e.sentence_end)) for e in found)


def of_quotes(counts: Counts, found: tuple[Quote, ...]) -> tuple[Quote, ...]:
    """Each quote with the tone of its own span."""
    return tuple(replace(q, tone=counts.tone(q.start, q.end)) for q in found)


def score(doc: Doc | None, coded: CodedArticle, lexicon: Lexicon) -> CodedArticle:
    """``coded`` with the tone of its article, of each event's evidence sentence and of each quote."""
    if doc is None:
        return coded
    counts = Counts(doc, lexicon)
    return replace(coded, tone=counts.tone(0, len(doc.text)), events=of_events(counts, coded.events),
                   quotes=of_quotes(counts, coded.quotes))
