"""Quotes: direct and reported speech with their speakers.

``find(doc, article, mentions)`` returns :class:`~eventwire.records.Quote` records in text order, no
two of them overlapping, every offset inside ``article.text``:

- direct quotes: the quoted parts of ``direct.parts`` grouped by attribution, one Quote per group
  spanning from its first part's start to its last part's end (so the attribution between the parts
  is inside the span, as attribution corpora annotate it). Parts of one paragraph go together when
  they share their cue ("“We will,” she said, “and soon.”"), or when a later part has no cue of its
  own and nothing but the first part's attribution stands between them ("“We will,” she said. “Soon.”");
  a paragraph that continues an unclosed quotation joins it when it has no cue of its own;
- each part's cue (``speakers``): for a quotation opening its sentence, the cue after it ("...," she
  said), as for one opening a clause after a colon or dash that hands over to the cue right after it
  (Trump disagreed: "...," he said); else the one before it in its sentence (She said it was "...");
  else the clause its introducing colon ends (The statement read: "..."), or the name alone before
  that colon (Clinton: "..."). A group left with no cue takes, for a quotation inside a sentence with
  no speech verb, that sentence's main verb (Cruz blamed the law on "..."); else a sign-off after it
  ("..."\n\n- Jane Roe.). The speaker is the cue's subject
  (``speakers.speaker_token``), resolved through ``mentions``; a quotation with no cue, or with a
  participle cue that names nobody ("Adding, “...”"), takes the speaker of the previous quotation of
  the same or the preceding paragraph;
- short verbless phrases embedded in running text are scare quotes ("the so-called “hot phase”"):
  kept with ``scare=True``; their speaker is the cue's when their sentence attributes the term (the
  Kremlin said the drills entered a "hot phase"), else None, and a scare quote never passes its
  speaker on to the next quotation;
- reported speech: the clause a speech cue governs ("X said that ...", "according to X, ...") when no
  direct quote covers it, ``direct=False``;
- a quotation repeated in the same article (a pull quote) is kept once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span, Token

from eventwire.ingest.ids import child_id, normalise
from eventwire.nlp import token_at, tokens_with
from eventwire.quotes import direct, speakers
from eventwire.records import ActorMention, Article, Quote

_WORD = re.compile(r"\w+")
# "according to X": the cue is found by its word, whatever its lemma.
_ACCORDING = frozenset({"according"})
SCARE_MAX_WORDS = 8


# How far up the parse a speech cue may govern a quoted phrase: "said Carson is a “good man”" (man ->
# is -> said) is near; "said ... the escalation of the confrontation into a “hot phase”" is the
# speaker's paraphrase around a term the reporter quotes.
ATTRIBUTION_HOPS = 3


def _attributed(span: Span) -> bool:
    """A speech cue governs the quoted phrase closely ("A reporter called it “absolute chaos”",
    "Pence praised Cruz for showing “the courage of his convictions”", "what he calls the
    “Washington cartel”"): someone is quoted using the words."""
    for tok in span:
        if tok.is_punct or tok.is_space:
            continue  # a full stop inside the marks hangs from the main verb whatever the phrase is
        cur = tok
        for _ in range(ATTRIBUTION_HOPS):
            if cur.i == cur.head.i:
                break
            cur = cur.head
            # A speech noun's verb ("issued a statement on the “hot phase”") names who speaks, not who
            # coined the term.
            if speakers.is_cue(cur, nouns=False):
                return True
    return False


def _is_scare(doc: Doc, text: str, start: int, end: int) -> bool:
    """A short quoted phrase embedded in running text that no speech cue attributes is a term being
    quoted ("the so-called “hot phase”", a title, "good enough to “win” an exchange"), not a
    statement. A phrase that stands on its own ("“Never,” he said"; He said: "Never."), follows its cue
    ("the crowd chanted “Four more years”") or is governed by one (They called it “a disgrace”) is a
    statement; so is anything longer than ``SCARE_MAX_WORDS`` words. ``text`` is what ``doc`` was
    parsed from."""
    words = _WORD.findall(text[start:end])
    if len(words) > SCARE_MAX_WORDS:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in direct.MARKS):
        i -= 1
    if i < 0 or text[i] in ":.!?" or _opens_sentence(doc, start):
        return False
    before = doc.char_span(i, i + 1, alignment_mode="expand")
    if before is not None and speakers.is_cue(before[-1]):
        return False
    return not _attributed(span)


@dataclass
class _Group:
    """Quoted parts that make one attribution: a quotation split by its attribution ("...," he said,
    "..."), a quotation continued after the attribution's sentence, or over several paragraphs."""

    parts: list[direct.Part]
    para: int
    cue: Token | None


def _paragraph_index(paras: list[tuple[int, int]], pos: int) -> int:
    return next((k for k, (_, e) in enumerate(paras) if pos <= e), len(paras) - 1)


def _modifies(verb: Token, cue: Token) -> bool:
    """``verb`` belongs to the attribution itself: an auxiliary of the cue ("has said") or a clause
    hanging off it ("he said, referring to Cruz"; "she said as she left"), not a statement of its own
    (a conjunct "and her husband cut in", or reported speech "added that ...")."""
    if verb.head == cue and verb.dep_ in ("aux", "auxpass", "neg"):
        return True
    node = verb
    while node.head != node:
        if node.head == cue:
            return node.dep_ not in ("ccomp", "conj", "parataxis")
        node = node.head
    return False


def _opens_sentence(doc: Doc, start: int) -> bool:
    """True when only quotation marks and spaces precede ``start`` in its sentence."""
    first = token_at(doc, start)
    if first is None:
        return True
    return all(t.is_punct or t.is_space for t in doc[first.sent.start : first.i])


def _opens_clause(text: str, start: int) -> bool:
    """The quotation at ``start`` follows a colon or a dash: it opens a clause of its own inside its
    sentence ('Trump disagreed: "..."'; 'She was blunt - "..."'), unlike a phrase quoted inside a
    clause (called it "...", said that it was "...")."""
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in direct.MARKS):
        i -= 1
    return i >= 0 and text[i] in ":-–—"


def _groups(doc: Doc, text: str) -> list[_Group]:
    """The direct quotations' parts grouped by attribution (see the module docstring)."""
    parts = direct.parts(text)
    paras = direct.paragraphs(text)
    where = [_paragraph_index(paras, p.start) for p in parts]
    groups: list[_Group] = []
    for k, p in enumerate(parts):
        para = where[k]
        lo = parts[k - 1].end if k and where[k - 1] == para else paras[para][0]
        hi = parts[k + 1].start if k + 1 < len(parts) and where[k + 1] == para else paras[para][1]
        before = speakers.cue_before(doc, p.start, lo)
        after = speakers.cue_after(doc, p.end, hi)
        # A quotation that opens its sentence is attributed after it ("...," she said); one that comes
        # inside a sentence, by the clause before it (She said that it was "..."), unless it opens a
        # clause of its own after a colon or dash and hands over to an attribution of its own (Trump
        # weighed in: "...," he said).
        inside = before is not None and not _opens_sentence(doc, p.start)
        if inside and not (after is not None and _opens_clause(text, p.start)
                           and speakers.hands_over(text, p.end, after)):
            own = before
        else:
            own = after or before
        own = own or speakers.colon_cue(doc, text, p.start)
        g = groups[-1] if groups else None
        merge = False
        if g is not None and g.para == para:
            gap = text[g.parts[-1].end : p.start]
            if (own is None and not _WORD.search(gap)) or (before is not None and before == g.cue):
                merge = True
            elif own is None and g.cue is not None:
                others = [c for c in speakers.cues_between(doc, g.parts[-1].end, p.start)
                          if c != g.cue and not _modifies(c, g.cue)]
                merge = not others
                # "“...,” A said. B added that ... “...”": the nearer cue speaks.
                own = None if merge else others[-1]
        elif g is not None and p.continues and own is None and g.para == para - 1:
            merge = True
        if merge and g is not None:
            g.parts.append(p)
            g.para = para
            g.cue = g.cue or own
        else:
            groups.append(_Group([p], para, own))
    return groups


def _direct(doc: Doc, article: Article, mentions: list[ActorMention]) -> list[Quote]:
    """One direct Quote per attribution group, with its cue and speaker (see the module docstring)."""
    text = article.text
    out: list[Quote] = []
    seen: set[str] = set()
    prev: Quote | None = None
    prev_para = -10
    for n, g in enumerate(_groups(doc, text)):
        s, e = g.parts[0].start, g.parts[-1].end
        cue = g.cue
        quoted = text[s:e]
        scare = len(g.parts) == 1 and _is_scare(doc, text, s, e)
        if cue is None and not scare and not _opens_sentence(doc, s):
            cue = speakers.clause_verb(doc, s)
        if cue is None and not scare:
            cue = speakers.signoff_cue(doc, text, e)
        speaker = None
        if cue is not None:
            span = speakers.speaker_span(cue, [(p.start, p.end) for p in g.parts])
            speaker = speakers.mention_for(span, mentions) if span is not None else None
        cue_text = None if cue is None else "-" if speakers.is_signoff(cue) else cue.text
        # No cue, or a participle naming nobody ("Adding, “...”"): the previous speaker goes on.
        if speaker is None and not scare and prev is not None and prev.speaker is not None and \
                g.para - prev_para <= 1 and (cue is None or cue.tag_ == "VBG"):
            speaker, cue_text = prev.speaker, cue_text or prev.cue
        key = normalise(quoted)
        if key in seen:
            continue
        seen.add(key)
        q = Quote(id=child_id(article.id, "q", n), text=quoted, start=s, end=e, direct=True, cue=cue_text,
                  speaker=speaker, scare=scare)
        out.append(q)
        if not scare:
            prev, prev_para = q, g.para
    return out


def _reported(doc: Doc, article: Article, mentions: list[ActorMention], taken: list[tuple[int, int]]
              ) -> list[Quote]:
    out: list[Quote] = []
    for tok in tokens_with(doc, speakers.cue_lemmas(), _ACCORDING):
        if not speakers.is_cue(tok):
            continue
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if comp is None:
            continue
        s, e = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
        if any(a < e and s < b for a, b in taken):
            continue
        span = speakers.speaker_span(tok)
        if span is None:
            continue
        out.append(Quote(id=child_id(article.id, "r", tok.idx), text=article.text[s:e], start=s, end=e,
                         direct=False, cue=tok.text, speaker=speakers.mention_for(span, mentions)))
        taken.append((s, e))
    return out


def _according_to(doc: Doc, article: Article, mentions: list[ActorMention], taken: list[tuple[int, int]]
                  ) -> list[Quote]:
    """"According to X, <content>": X is the speaker, the rest of the sentence the content."""
    out: list[Quote] = []
    for tok in tokens_with(doc, lowers=_ACCORDING):
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if pobj is None:
            continue
        sent = tok.sent
        phrase_end = pobj.right_edge.i + 1
        if tok.i == sent.start or doc[tok.i - 1].is_punct:
            content = doc[phrase_end:sent.end]
        else:
            content = doc[sent.start:tok.i]
        content_toks = [t for t in content if not t.is_punct or t.i not in (content.start, content.end - 1)]
        if not content_toks:
            continue
        s, e = content_toks[0].idx, content_toks[-1].idx + len(content_toks[-1].text)
        if any(a < e and s < b for a, b in taken):
            continue
        speaker = speakers.mention_for(doc[pobj.left_edge.i:phrase_end], mentions)
        out.append(Quote(id=child_id(article.id, "r", tok.idx), text=article.text[s:e], start=s, end=e,
                         direct=False, cue="according to", speaker=speaker))
        taken.append((s, e))
    return out


# Tokens spaCy makes of quotation marks (it splits them off words), and the words ``focus`` looks for
# besides the cues (one set, so that ``tokens_with`` finds its memo table under one key).
_MARK_TOKENS = frozenset(direct.MARKS | {"''", "``"})
_COLON = frozenset({":"})
_FOCUS_WORDS = _ACCORDING | _MARK_TOKENS | _COLON | speakers.DASHES


def focus(doc: Doc) -> np.ndarray:
    """The tokens that may anchor a quotation whose speaker needs entities, as a boolean mask over
    ``doc``, read from the parse alone: quotation marks, "according", a colon right before a quotation
    mark, a dash right after one and a short line after one (a transcript-style 'Name: "..."' and a
    sign-off '"..." - Name' need the name's entity type, and a paragraph break may part the name from
    the quotation), and a
    speech cue whose speaker phrase (``speakers.speaker_span``) holds a proper noun. A speaker that is
    a pronoun ("he said") or a common noun ("the ministry said") is resolved without the entities of
    its sentence, by coreference or the KB's roles, so its sentence needs none unless something else
    in it does (``eventwire.nlp.focus``)."""
    mask = np.zeros(len(doc), dtype=bool)
    for t in tokens_with(doc, speakers.cue_lemmas(), _FOCUS_WORDS):
        named = t.lower_ in _FOCUS_WORDS
        if t.lower_ in _COLON:
            after = next((w for w in doc[t.i + 1 : t.i + 3] if not w.is_space), None)
            named = after is not None and after.text in _MARK_TOKENS
        elif t.lower_ in speakers.DASHES:
            before = next((w for w in reversed(doc[max(0, t.i - 2) : t.i]) if not w.is_space), None)
            named = before is not None and before.text in _MARK_TOKENS
        elif not named and speakers.is_cue(t):
            span = speakers.speaker_span(t)
            named = span is not None and any(w.pos_ == "PROPN" for w in span)
        mask[t.i] = named
        if t.lower_ in _MARK_TOKENS and t.i + 2 < len(doc) and doc[t.i + 1].is_space and "\n" in doc[t.i + 1].text:
            line = doc[t.i + 2].sent  # a short line after a quotation may be a sign-off ("Jane Roe.")
            mask[line.start] = mask[line.start] or len(line) <= speakers.SIGNOFF_MAX_WORDS + 2
    return mask


def find(doc: Doc, article: Article, mentions: tuple[ActorMention, ...]) -> tuple[Quote, ...]:
    """Direct and reported quotes of ``article`` (parsed as ``doc``), in text order."""
    ms = list(mentions)
    quotes = _direct(doc, article, ms)
    quotes += _reported(doc, article, ms, [(q.start, q.end) for q in quotes])
    quotes += _according_to(doc, article, ms, [(q.start, q.end) for q in quotes])
    return tuple(sorted(quotes, key=lambda q: q.start))
