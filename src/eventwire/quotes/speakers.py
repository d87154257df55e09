"""Who said it: speech cues next to a quotation, and the speaker each cue names.

Cues (``is_cue``): verbs of saying, writing, naming and reading from ``data/cues.yaml`` ("said",
"told", "called it", "the letter reads"), and "according to". Not cues: "so-called", "a written
statement" (a participle as adjective), "call for/on".
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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

from eventwire import yamlio
from eventwire.nlp import text_length, token_at
from eventwire.quotes import direct
from eventwire.records import UNRESOLVED, ActorMention


@dataclass(frozen=True)
class _Cues:
    """``data/cues.yaml``: plain cue lemmas, lemmas that are cues only with a particle, irregular pasts."""

    verbs: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    past: dict[str, str]
    nouns: frozenset[str]


@functools.lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = yamlio.load(resources.files("eventwire.quotes").joinpath("data/cues.yaml").read_text("utf-8"))
    return _Cues(frozenset(data.get("verbs") or ()),
                 {k: frozenset(str(p) for p in v) for k, v in (data.get("phrasal") or {}).items()},
                 dict(data.get("past") or {}), frozenset(data.get("nouns") or ()))


@functools.lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    """Every lemma that may be a cue: the plain verbs and the verbs of the phrasal cues (which
    ``is_cue`` accepts only with their particle)."""
    cues = _cues()
    return cues.verbs | frozenset(cues.phrasal)


def _past_lemma(word: str) -> str | None:
    """The cue lemma of a past form ("stated", "tweeted", "quipped", "replied", "said"), else None."""
    cues = _cues()
    if word in cues.past:
        return cues.past[word]
    if not word.endswith("ed"):
        return None
    stem = word[:-2]
    for cand in (stem + "e", stem, stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "",
                 stem[:-1] + "y" if stem.endswith("i") else ""):
        if cand in cues.verbs:
            return cand
    return None


def _cue_lemma(tok: Token) -> str | None:
    """The lemma under which ``tok`` may be a cue: a verb's lemma; for a capitalised past form the tagger
    took for a name ("Tweeted Smith: ...", "Stated Stone:"), the verb it is a form of."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok.lemma_.lower()
    if tok.pos_ in ("PROPN", "NOUN") and tok.text[:1].isupper() and tok.text[1:].islower():
        return _past_lemma(tok.lower_)
    return None


def _has_particle(tok: Token, particles: frozenset[str]) -> bool:
    """``tok`` has one of ``particles`` as a particle: a child or the next word, with no object of its
    own ("she went on"; not "the Senate goes on recess")."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    cands = [c for c in tok.children if c.dep_ in ("prt", "advmod", "prep")] + ([nxt] if nxt is not None else [])
    return any(c.lower_ in particles and not any(g.dep_ == "pobj" for g in c.children) for c in cands)


def is_cue(tok: Token, nouns: bool = True) -> bool:
    """A reporting verb of ``cues.yaml`` (a phrasal one with its particle: "shot back"), with ``nouns``
    a verb whose object is a speech noun of it ("issued a statement"), or the "according" of
    "according to X"."""
    if tok.lower_ == "according":
        return any(c.lower_ == "to" for c in tok.children) or (
            tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to")
    lemma = _cue_lemma(tok)
    if lemma is None:
        return False
    cues = _cues()
    if lemma not in cues.verbs and not (lemma in cues.phrasal and _has_particle(tok, cues.phrasal[lemma])) \
            and not (nouns and tok.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in cues.nouns
                                                          for c in tok.children)):
        return False
    if tok.i and tok.doc[tok.i - 1].text in ("-", "‐") and not tok.doc[tok.i - 1].whitespace_:
        return False  # "so-called", "much-repeated": part of an adjective
    if tok.dep_ == "amod" and tok.i and tok.doc[tok.i - 1].pos_ in ("DET", "ADJ", "PRON") \
            and tok.head.i > tok.i and tok.head.pos_ == "NOUN":
        return False  # "in a written statement", "his prepared remarks": a participle used as an adjective
    # "call for", "call on X to": a demand, not a naming or a saying.
    return not (lemma == "call" and any(c.lower_ in ("for", "on", "off") and c.i == tok.i + 1
                                        for c in tok.children))


_SUBJ = ("nsubj", "nsubjpass")
# Clauses whose implicit subject is their head's: "..., saying", "told reporters, adding", "was quoted as saying".
# Also a participle on an object ("sent a message saying", "ran ads calling"): the verb of the object.
# And a cue the parser set beside its clause ("Durbin, noting the size of the list, said, ...").
_CONTROLLED = ("advcl", "xcomp", "conj", "pcomp", "prep", "acomp", "acl", "dobj", "pobj", "parataxis")
_NOMINAL = ("PROPN", "PRON", "NOUN")
# Finite verb tags: a finite verb has a subject of its own, so a finite cue parsed as a noun's modifier
# ("a man yelled") is a misparse of subject and verb, unlike a participle ("a message saying").
_FINITE = ("VBD", "VBZ", "VBP")


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


def _name_like(tok: Token) -> bool:
    """A capitalised word inside its sentence that the tagger took for something else ("...,” said
    Skelly" as an adverb; "...,” Will wrote" as a modal): a name."""
    first = next((t for t in tok.sent if not (t.is_punct or t.is_space)), None)
    return tok.is_title and tok.is_alpha and first is not None and tok.i != first.i


APPOSITION_MAX_WORDS = 12


def _apposed_name(cue: Token) -> Token | None:
    """"Ramos, 58, told AFP"; "Jane Roe, founder of the Vela Institute, tells reporters": the cue follows
    a comma that closes an apposition, which the parser hung on the name without making the name the
    cue's subject. The name (a proper noun or pronoun) the apposition belongs to, at most
    ``APPOSITION_MAX_WORDS`` words back, in the cue's sentence."""
    doc = cue.doc
    if cue.i < 2 or doc[cue.i - 1].text != ",":
        return None
    tok = doc[cue.i - 2]
    for _ in range(APPOSITION_MAX_WORDS):
        if tok.dep_ in ("appos", "npadvmod") and tok.head.i < tok.i:
            head = tok.head
            ok = head.pos_ in ("PROPN", "PRON") and head.sent == cue.sent and cue.i - head.i <= APPOSITION_MAX_WORDS
            return head if ok else None
        if tok.head.i >= tok.i or tok.head.i >= cue.i:
            return None
        tok = tok.head
    return None


def _adjacent_name(cue: Token) -> Token | None:
    """A parse that missed the subject: the name an apposition before the cue belongs to
    (``_apposed_name``), the noun right after an inverted cue ("...," said a former
    official; "...," read one), or the name, pronoun or (before a finite cue) noun right before the cue
    ("Jane Roe said", "a voice over says"), in the same sentence. A capitalised word the tagger
    mistook counts as a name (``_name_like``)."""
    doc = cue.doc
    named = _apposed_name(cue)
    if named is not None:
        return named
    if cue.i == cue.sent.start or doc[cue.i - 1].is_punct or doc[cue.i - 1].is_quote or doc[cue.i - 1].is_space:
        for tok in doc[cue.i + 1 : min(cue.sent.end, cue.i + 6)]:
            if tok.is_punct:
                break
            if tok.dep_ == "compound" and tok.head.i > tok.i:
                continue
            if tok.pos_ in _NOMINAL or _name_like(tok) or (tok.pos_ == "NUM" and tok.dep_ != "nummod"):
                return tok
    k = cue.i - 1
    while k >= 0 and doc[k].dep_ in ("aux", "auxpass", "neg", "advmod") and not doc[k].is_punct \
            and not _name_like(doc[k]):
        k -= 1
    # A common noun too ("“...,” the conference speaker says"; "a voice over says"): by then the parse
    # found no subject, and the phrase right before a finite cue is its subject.
    if k >= 0 and doc[k].sent == cue.sent and (
            (doc[k].pos_ in _NOMINAL and (doc[k].pos_ != "NOUN" or cue.tag_ in _FINITE)) or _name_like(doc[k])):
        return doc[k]
    return None


def _main_subject(cue: Token) -> Token | None:
    """For a participle cue the parse hung nowhere useful ("Flea shared the news, writing “...”"), the
    subject of its sentence's main verb when that verb comes first."""
    root = cue.sent.root
    if cue.tag_ != "VBG" or root.i >= cue.i or root.pos_ not in ("VERB", "AUX"):
        return None
    return _subject(root)


def speaker_token(cue: Token, avoid: Sequence[tuple[int, int]] = ()) -> Token | None:
    """The head word of who speaks through ``cue``: its subject; the object of "according to"; for a
    cue with no subject of its own ("..., saying", "adding"), the subject of the verb it hangs from;
    else a name or pronoun next to the cue. A word inside an ``avoid`` range (the quotation itself,
    which the parser sometimes takes for the subject of "..., said X") is never the speaker."""

    def ok(tok: Token | None) -> Token | None:
        return tok if tok is not None and not any(a <= tok.idx < b for a, b in avoid) else None

    if cue.lower_ == "according":
        return ok(_according_object(cue))
    if cue.text == ":":
        return ok(transcript_name(cue))
    if is_signoff(cue):
        return ok(signoff_name(cue))
    if cue.dep_ == "acl" and cue.tag_ in _FINITE and cue.head.i < cue.i and cue.head.pos_ in _NOMINAL \
            and _subject(cue) is None and ok(cue.head) is not None:
        return cue.head  # "a man yelled “...”": the parser made the clause a modifier of its subject
    node = cue
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in _SUBJ]
        # "“My dear friend,” the speaker says": the parser also hangs a name in the quotation on the cue;
        # of two subjects outside it ("In Berea, OH, ... Gov. Kasich said"), the nearer one before the verb.
        usable = [c for c in subjects if ok(c) is not None]
        before = [c for c in usable if c.i < node.i]
        subj = before[-1] if before else (usable[0] if usable else None)
        if subj is not None and subj.tag_ in ("WDT", "WP") and node.dep_ == "relcl":
            subj = node.head  # "a spokesman who said", "a message that read"
        if subj is not None:
            if ok(subj) is not None:
                return subj
            break
        if subjects or node.dep_ not in _CONTROLLED or node.head == node:
            break
        node = node.head
        if node.pos_ not in ("VERB", "AUX") and node.dep_ not in ("prep", "dobj", "pobj"):
            break
    near = ok(_adjacent_name(cue))
    return near if near is not None else ok(_main_subject(cue))


def speaker_span(cue: Token, avoid: Sequence[tuple[int, int]] = ()) -> Span | None:
    """The speaker phrase of a cue, as a span (the head word with its name/title modifiers)."""
    head = speaker_token(cue, avoid)
    if head is None:
        return None
    span = _phrase(head)
    if span.start <= cue.i < span.end:  # "Tweeted Marco Bellini:": the parser made the cue part of the name
        span = head.doc[cue.i + 1 : span.end] if cue.i < head.i else head.doc[span.start : cue.i]
    return span


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


# A sentence the parser split off after a quotation attributes it when its cue comes within this many
# words of its start, however long the sentence ("LeVell declared, a point he likes to make ...").
ATTRIBUTION_LEAD = 4


def _bare_attribution(sent: Span) -> bool:
    """A sentence that only attributes ("Biden said."; "the actor asked in the video's description.";
    "Jo Roe declared, a point she makes often ..."): a cue verb with no clause of its own to report,
    in a short sentence or among its first ``ATTRIBUTION_LEAD`` words."""
    cue = next((t for t in sent if is_cue(t)), None)
    if cue is None or any(c.dep_ == "ccomp" for c in cue.children):
        return False
    return len(sent) <= 15 or cue.i - sent.start <= ATTRIBUTION_LEAD


# How many words (the speaker phrase) may stand between a closing mark and the cue it hands over to.
HANDOVER_MAX_WORDS = 10
_HANDOVER_MARK = re.compile(r"\s*[”\"»]\s*(,?)")
# Sentence punctuation, a quotation mark, brackets or a dash (the quotation was a parenthesis:
# 'X lamented - "...?" - while others said') end the stretch a hand-over may cross.
_HANDOVER_STOP = re.compile(r"[.;:!?“”\"«»()\[\]–—]|(?:^|\s)-+\s")


def hands_over(text: str, end: int, cue: Token) -> bool:
    """The quotation whose content ends at ``end`` hands over to ``cue``, an attribution right after it
    ("...,” he said"; "...?” asked Smith): the quotation ends in a comma, question or exclamation mark
    (inside or right after the closing mark), and between the closing mark and the cue stand at most
    ``HANDOVER_MAX_WORDS`` words and no sentence punctuation, quotation mark, bracket or dash.
    ``text`` is the text the cue's Doc was parsed from."""
    gap = text[end : cue.idx]
    mark = _HANDOVER_MARK.match(gap)
    if mark is None or not (text[end - 1 : end] in (",", "?", "!") or mark.group(1)):
        return False
    rest = gap[mark.end() :]
    return not _HANDOVER_STOP.search(rest) and len(rest.split()) <= HANDOVER_MAX_WORDS


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
    ..."; "Trump was blunt: ..."), the verb of the clause the colon ends: its last cue verb; else the
    colon itself when a name alone stands before it (``transcript_name``: 'Clinton: "..."'); else its
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
    if transcript_name(colon) is not None:
        return colon
    root = colon.sent.root
    if root.i < colon.i and root.pos_ in ("VERB", "AUX") and _subject(root) is not None:
        return root
    return None


# The tokens spaCy makes of a dash standing alone.
DASHES = frozenset({"-", "–", "—", "--"})
# Where the name of a transcript-style attribution starts: after a line break, a sentence end, a
# dash ("HEADLINE - Jane Roe: “...”") or a closing quotation mark ('Clinton: "..." Bush: "..."').
_NAME_STARTS = DASHES | {".", "!", "?", ";", "]", ")"}
# What may stand in the name phrase besides the name: a title ("Former secretary of state"), "and".
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "ADP", "CCONJ", "PUNCT"})


def _named(words: Span | list[Token], kinds: tuple[str, ...]) -> Token | None:
    """The last word of ``words`` when the phrase is a name (verbless, ``_NAME_POS`` only) ending in a
    proper noun the recogniser labelled one of ``kinds``; the shared test of ``transcript_name`` and
    ``signoff_name``."""
    last = words[-1]
    if any(t.pos_ not in _NAME_POS for t in words) or last.pos_ != "PROPN" or last.ent_type_ not in kinds:
        return None
    return last
TRANSCRIPT_MAX_WORDS = 8


def transcript_name(colon: Token) -> Token | None:
    """The speaker of a transcript-style attribution 'Name: "..."', given its colon: the last word of a
    verbless phrase of at most ``TRANSCRIPT_MAX_WORDS`` words that starts where a line, a sentence, a
    dash or the previous quotation ends and runs to the colon, when that word is a proper noun the
    recogniser took for a person or an organisation ("Clinton:", "Former secretary of state Hillary
    Rodham Clinton:"). A label is not a speaker ("Warning:", "Update:", "Transcript as follows:")."""
    doc = colon.doc
    k = colon.i - 1
    while k >= 0:
        t = doc[k]
        if t.is_space or t.is_quote or t.text in _NAME_STARTS or "\n" in t.whitespace_:
            break
        k -= 1
    words = doc[k + 1 : colon.i]
    if not 0 < len(words) <= TRANSCRIPT_MAX_WORDS or not words[0].text[:1].isupper():
        return None
    return _named(words, ("PERSON", "ORG"))


SIGNOFF_MAX_WORDS = 6


def signoff_cue(doc: Doc, text: str, end: int) -> Token | None:
    """For a quotation ending at ``end`` followed, on its line or the next paragraph, by a sign-off
    ("...”\n\n- Jane Roe, tweeting after the debate."; "...” — Jane Roe"; a name alone on the next
    line, "...”\n\nJane Roe."), the sign-off's first token (the dash, or the name's first word), when
    ``signoff_name`` finds a name there. ``text`` is the text ``doc`` was parsed from."""
    i = end
    while i < len(text) and text[i] in direct.MARKS:
        i += 1
    j = i
    while j < len(text) and text[j] in " \t\xa0\n" and text.count("\n", i, j + 1) <= 2:
        j += 1
    if j >= len(text) or (j == i and text[j] == "-"):
        return None  # '"..."-style': a hyphen glued to the mark is no sign-off
    if text[j] not in "-–—" and "\n" not in text[i:j]:
        return None  # a name with no dash signs off only from a line of its own
    start = token_at(doc, j)
    if start is None or signoff_name(start) is None:
        return None
    return start


def is_signoff(cue: Token) -> bool:
    """``cue`` (as the cue functions here return it) starts a sign-off (``signoff_cue``): a dash, or a
    word that is neither a verb nor a cue (the first word of a name alone on its line)."""
    return cue.text in DASHES or not (cue.pos_ in ("VERB", "AUX") or cue.text == ":" or is_cue(cue))


def signoff_name(start: Token) -> Token | None:
    """The name a sign-off starting at ``start`` gives: after a dash, the first phrase, up to a comma,
    full stop or line end ("- Bernie Sanders.", "-President Obama, tweeting after the speech"); with no
    dash, a phrase that fills its line ("Bernie Sanders."). The phrase has at most
    ``SIGNOFF_MAX_WORDS`` verbless words and ends in a proper noun the recogniser took for a person or
    (after a dash) an organisation."""
    doc = start.doc
    dashed = start.text in DASHES
    first = start.i + 1 if dashed else start.i
    words: list[Token] = []
    stop: Token | None = None
    for t in doc[first : first + SIGNOFF_MAX_WORDS + 1]:
        if t.is_space or t.text in (",", ".", ";", "("):
            stop = t
            break
        words.append(t)
        if "\n" in t.whitespace_:
            break
    if not 0 < len(words) <= SIGNOFF_MAX_WORDS:
        return None
    if not dashed:
        # The line ends with the phrase: at most a full stop follows it before the line break.
        after = stop if stop is not None else (doc[words[-1].i + 1] if words[-1].i + 1 < len(doc) else None)
        if after is not None and after.text == ".":
            after = doc[after.i + 1] if after.i + 1 < len(doc) else None
        if after is not None and not after.is_space and "\n" not in words[-1].whitespace_:
            return None
    # With no dash, a person only: an organisation alone on a line is a photo or source credit.
    return _named(words, ("PERSON", "ORG") if dashed else ("PERSON",))


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
