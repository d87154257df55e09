"""Who said it: the subject of a speech cue next to the quotation, resolved through actor mentions.

For a direct quote the cue is looked for, in order: in the text between the closing mark and the end
of its sentence ("...," he said), in the text before the opening mark in the same sentence
(X said: "..."), and otherwise the quote continues the previous quotation of the same or the previous
paragraph and takes its speaker. The speaker is the cue verb's subject (or the object of
"according to"); a pronoun speaker has been resolved to its antecedent by the actors stage.
"""

from __future__ import annotations

import functools
from importlib import resources

import yaml
from spacy.tokens import Doc, Span, Token

from eventwire.records import UNRESOLVED, ActorMention


@functools.lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    data = yaml.safe_load(resources.files("eventwire.quotes").joinpath("data/cues.yaml").read_text("utf-8"))
    return frozenset(data.get("verbs") or ())


def is_cue(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in cue_lemmas()


def _subject(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    return None


def speaker_span(cue: Token) -> Span | None:
    """The subject phrase of a cue verb, as a span (its compound/appositive modifiers included)."""
    subj = _subject(cue)
    if subj is None:
        return None
    left = min([subj.i] + [c.left_edge.i for c in subj.children if c.dep_ in ("compound", "amod", "det", "poss")])
    return cue.doc[left : subj.i + 1]


def mention_for(span: Span, mentions: list[ActorMention]) -> ActorMention:
    """The actor mention the speaker span names; an unresolved mention of the span itself when none."""
    best = None
    for m in mentions:
        overlaps = m.start < span.end_char and span.start_char < m.end
        if overlaps and (best is None or (m.end - m.start) > (best.end - best.start)):
            best = m
    if best is not None:
        return best
    return ActorMention(span.text, span.start_char, span.end_char, UNRESOLVED, "speaker-unresolved")


def cue_near(doc: Doc, start: int, end: int) -> Token | None:
    """The speech cue attributing the quotation at [start, end): after it in its sentence, else before."""
    last = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    first = doc.char_span(start, min(len(doc.text), start + 1), alignment_mode="expand")
    if last is None or first is None:
        return None
    after_sent = last[0].sent
    for tok in doc[last[-1].i + 1 : after_sent.end]:
        if tok.idx >= end and is_cue(tok):
            return tok
    before_sent = first[0].sent
    for tok in reversed(doc[before_sent.start : first[0].i]):
        if tok.idx < start and is_cue(tok):
            return tok
    return None
