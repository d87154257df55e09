"""Who said it: speech cues next to a quotation, and the speaker each cue names.

Cues (``is_cue``): verbs of saying, writing, naming and reading from ``data/cues.yaml`` ("said",
"told", "called it", "the letter reads"), and "according to". Not cues: "so-called", "call for/on".
Where a quotation's cue is looked for (``cue_after``, ``cue_before``, ``colon_cue``, ``clause_verb``):

- after the closing mark, up to the end of its sentence ("...," he said) or of the next sentence
  when the parser split "...?” / Biden said." there, never running into the next quotation;
- before the opening mark, in its sentence (She said it was "...");
- the clause an introducing colon ends (The ministry said in a statement:\n\n"...");
- for a quotation embedded in a sentence with no speech verb, that sentence's main verb.

The speaker (``speaker_token``/``speaker_span``) is the cue's subject; the object of "according to";
for a participle or infinitive with no subject ("..., saying", "sent a message saying") the subject of
the verb it hangs from; for "a spokesman who said" the noun the relative clause modifies; else a name
right after an inverted cue ("..., said a senior official") or right before it. A candidate inside the
quotation itself is never the speaker. ``mention_for`` maps the speaker phrase to the actors stage's
mention holding its head word, so a pronoun speaker ("she") comes back as the pronoun mention, whose
actor carries the antecedent's name when the actors stage resolved it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources

from spacy.tokens import Doc, Span, Token

from eventwire import yamlio
from eventwire.nlp import text_length, token_at
from eventwire.records import UNRESOLVED, ActorMention


@functools.lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    data = yamlio.load(resources.files("eventwire.quotes").joinpath("data/cues.yaml").read_text("utf-8"))
    return frozenset(data.get("verbs") or ())


def is_cue(tok: Token) -> bool:
    """A reporting verb of ``cues.yaml``, or the "according" of "according to X"."""
    if tok.lower_ == "according":
        return any(c.lower_ == "to" for c in tok.children) or (
            tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to")
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in cue_lemmas():
        return False
    if tok.i and tok.doc[tok.i - 1].text in ("-", "‐") and not tok.doc[tok.i - 1].whitespace_:
        return False  # "so-called", "much-repeated": part of an adjective
    # "call for", "call on X to": a demand, not a naming or a saying.
    return not (tok.lemma_.lower() == "call" and any(c.lower_ in ("for", "on", "off") and c.i == tok.i + 1
                                                     for c in tok.children))


_SUBJ = ("nsubj", "nsubjpass")
# Clauses whose implicit subject is their head's: "..., saying", "told reporters, adding", "was quoted as saying".
# Also a participle on an object ("sent a message saying", "ran ads calling"): the verb of the object.
_CONTROLLED = ("advcl", "xcomp", "conj", "pcomp", "prep", "acomp", "acl", "dobj", "pobj")
_NOMINAL = ("PROPN", "PRON", "NOUN")


def _subject(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in _SUBJ:
            return c
    return None


def _phrase(head: Token) -> Span:
    """``head`` with its compound/adjective/determiner/possessive modifiers ("Sen. John Smith")."""
    left = min([head.i] + [c.left_edge.i for c in head.children if c.dep_ in ("compound", "amod", "det", "poss")])
    right = max([head.i] + [c.right_edge.i for c in head.children if c.dep_ == "compound" and c.i > head.i])
    return head.doc[left : right + 1]


def _according_object(cue: Token) -> Token | None:
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    if to is None and cue.i + 1 < len(cue.doc) and cue.doc[cue.i + 1].lower_ == "to":
        to = cue.doc[cue.i + 1]
    if to is None:
        return None
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def _adjacent_name(cue: Token) -> Token | None:
    """A parse that missed the subject: the noun right after an inverted cue ("...," said a former
    official), or the name or pronoun right before the cue ("Jane Roe said"), in the same sentence."""
    doc = cue.doc
    if cue.i == cue.sent.start or doc[cue.i - 1].is_punct or doc[cue.i - 1].is_quote or doc[cue.i - 1].is_space:
        for tok in doc[cue.i + 1 : min(cue.sent.end, cue.i + 6)]:
            if tok.is_punct:
                break
            if tok.pos_ in _NOMINAL and not (tok.dep_ == "compound" and tok.head.i > tok.i):
                return tok
    k = cue.i - 1
    while k >= 0 and doc[k].dep_ in ("aux", "auxpass", "neg", "advmod") and not doc[k].is_punct:
        k -= 1
    if k >= 0 and doc[k].pos_ in ("PROPN", "PRON") and doc[k].sent == cue.sent:
        return doc[k]
    return None


def speaker_token(cue: Token, avoid: Sequence[tuple[int, int]] = ()) -> Token | None:
    """The head word of who speaks through ``cue``: its subject; the object of "according to"; for a
    cue with no subject of its own ("..., saying", "adding"), the subject of the verb it hangs from;
    else a name or pronoun next to the cue. A word inside an ``avoid`` range (the quotation itself,
    which the parser sometimes takes for the subject of "..., said X") is never the speaker."""

    def ok(tok: Token | None) -> Token | None:
        return tok if tok is not None and not any(a <= tok.idx < b for a, b in avoid) else None

    if cue.lower_ == "according":
        return ok(_according_object(cue))
    node = cue
    for _ in range(4):
        subj = _subject(node)
        if subj is not None and subj.tag_ in ("WDT", "WP") and node.dep_ == "relcl":
            subj = node.head  # "a spokesman who said", "a message that read"
        if subj is not None:
            if ok(subj) is not None:
                return subj
            break
        if node.dep_ not in _CONTROLLED or node.head == node:
            break
        node = node.head
        if node.pos_ not in ("VERB", "AUX") and node.dep_ not in ("prep", "dobj", "pobj"):
            break
    return ok(_adjacent_name(cue))


def speaker_span(cue: Token, avoid: Sequence[tuple[int, int]] = ()) -> Span | None:
    """The speaker phrase of a cue, as a span (the head word with its name/title modifiers)."""
    head = speaker_token(cue, avoid)
    return _phrase(head) if head is not None else None


def mention_for(span: Span, mentions: list[ActorMention]) -> ActorMention:
    """The actor mention the speaker span names: the longest mention holding the span's head word, else
    the longest mention overlapping the span; an unresolved mention of the span itself when none."""
    head = span.root
    best = None
    for m in mentions:
        overlaps = m.start < span.end_char and span.start_char < m.end
        holds = m.start <= head.idx < m.end
        key = (holds, m.end - m.start)
        if overlaps and (best is None or key > best[0]):
            best = (key, m)
    if best is not None:
        return best[1]
    return ActorMention(span.text, span.start_char, span.end_char, UNRESOLVED, "speaker-unresolved")


def cue_near(doc: Doc, start: int, end: int) -> Token | None:
    """The speech cue attributing the quotation at [start, end): after it in its sentence, else before."""
    return cue_after(doc, end, text_length(doc)) or cue_before(doc, start, 0)


def cue_after(doc: Doc, end: int, limit: int) -> Token | None:
    """The first cue verb at or after ``end`` (a quotation's content end) and before ``limit``, in the
    sentence where the quotation ends ("...," he said)."""
    last = token_at(doc, max(0, end - 1))
    if last is None:
        return None
    stop = last.sent.end
    # The parser often ends the sentence at the closing mark ("...?” Biden said."): the attribution
    # is then the next sentence, when nothing but marks and punctuation come before it; it must not
    # run into the next quotation, which it would rather introduce ("...” He added, “...").
    if stop < len(doc) and all(t.is_punct or t.is_space for t in doc[last.i + 1 : stop]):
        nxt = doc[stop].sent
        words = [t for t in nxt if not t.is_space]
        if words and words[-1].idx + len(words[-1]) <= limit and _bare_attribution(nxt):
            stop = nxt.end
    for tok in doc[last.i + 1 : stop]:
        if tok.idx >= limit:
            break
        if tok.idx >= end and is_cue(tok):
            return tok
    return None


def _bare_attribution(sent: Span) -> bool:
    """A short sentence that only attributes ("Biden said."; "the actor asked in the video's
    description."): a cue verb with no clause of its own to report."""
    cue = next((t for t in sent if is_cue(t)), None)
    return cue is not None and len(sent) <= 15 and not any(c.dep_ == "ccomp" for c in cue.children)


def cue_before(doc: Doc, start: int, floor: int) -> Token | None:
    """The last cue verb before ``start`` (a quotation's content start) and at or after ``floor``, in the
    sentence where the quotation starts (X said: "...")."""
    first = token_at(doc, start)
    if first is None:
        return None
    for tok in reversed(doc[first.sent.start : first.i]):
        if tok.idx < floor:
            break
        if tok.idx < start and is_cue(tok):
            return tok
    return None


def colon_cue(doc: Doc, text: str, start: int) -> Token | None:
    """For a quotation opening at ``start`` right after a colon (X said:\n\n"..."; "The statement read:
    ..."; "Trump was blunt: ..."), the verb of the clause the colon ends: its last cue verb, else its
    main verb when that has a subject. None when no colon comes right before the quotation. ``text``
    is the text ``doc`` was parsed from (passed in because ``doc.text`` is rebuilt on every access)."""
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in "\"“„«"):
        i -= 1
    if i < 0 or text[i] != ":":
        return None
    colon = token_at(doc, i)
    if colon is None:
        return None
    sent = doc[colon.sent.start : colon.i]
    cue = next((t for t in reversed(sent) if is_cue(t)), None)
    if cue is not None:
        return cue
    root = colon.sent.root
    if root.i < colon.i and root.pos_ in ("VERB", "AUX") and _subject(root) is not None:
        return root
    return None


def clause_verb(doc: Doc, start: int) -> Token | None:
    """For a quotation embedded at ``start`` inside a sentence with no speech cue ("Cruz blamed the law
    on “knuckleheaded politicians”"), the main verb of that sentence when it comes before the quotation
    and has a subject: whoever it is about is the one quoted."""
    first = token_at(doc, start)
    if first is None:
        return None
    root = first.sent.root
    if root.i < first.i and root.pos_ in ("VERB", "AUX") and _subject(root) is not None:
        return root
    return None


def cues_between(doc: Doc, start: int, end: int) -> list[Token]:
    """Every cue verb whose token starts in [start, end)."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return [t for t in span if is_cue(t)] if span is not None else []
