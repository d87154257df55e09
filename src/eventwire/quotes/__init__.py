"""Quotes: direct and reported speech with their speakers.

``find(doc, article, mentions)`` returns :class:`~eventwire.records.Quote` records in text order:

- direct quotes (``direct.spans``) with the speaker from the nearest speech cue (``speakers``), a
  quote with no cue of its own continuing the previous quote of the same or preceding paragraph;
- short quoted phrases with no verb are scare quotes ("hot phase", "special military operation"):
  kept with ``scare=True`` and no speaker;
- reported speech: the clause a speech cue governs ("X said that ...", "according to X, ...") when no
  direct quote covers it, ``direct=False``;
- a quotation repeated in the same article (a pull quote) is kept once.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from eventwire.ingest.ids import child_id, normalise
from eventwire.quotes import direct, speakers
from eventwire.records import ActorMention, Article, Quote

_WORD = re.compile(r"\w+")
SCARE_MAX_WORDS = 8


def _is_scare(doc: Doc, start: int, end: int) -> bool:
    """A short quoted phrase with no verb is a term being quoted ("hot phase"), not a statement."""
    words = _WORD.findall(doc.text[start:end])
    if len(words) > SCARE_MAX_WORDS:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and not any(t.pos_ in ("VERB", "AUX") for t in span)


def _direct(doc: Doc, article: Article, mentions: list[ActorMention]) -> list[Quote]:
    text = article.text
    out: list[Quote] = []
    seen: set[str] = set()
    prev: Quote | None = None
    for n, (s, e) in enumerate(direct.spans(text)):
        cue = speakers.cue_near(doc, s, e)
        speaker = None
        if cue is not None:
            span = speakers.speaker_span(cue)
            speaker = speakers.mention_for(span, mentions) if span is not None else None
        quoted = text[s:e]
        scare = _is_scare(doc, s, e)
        if cue is None and not scare and prev is not None and prev.speaker is not None and \
                text.count("\n\n", prev.end, s) <= 1:
            speaker, cue_text = prev.speaker, prev.cue
        else:
            cue_text = cue.text if cue is not None else None
        key = normalise(quoted)
        if key in seen:
            continue
        seen.add(key)
        q = Quote(id=child_id(article.id, "q", n), text=quoted, start=s, end=e, direct=True, cue=cue_text,
                  speaker=None if scare else speaker, scare=scare)
        out.append(q)
        if not scare:
            prev = q
    return out


def _reported(doc: Doc, article: Article, mentions: list[ActorMention], taken: list[tuple[int, int]]
              ) -> list[Quote]:
    out: list[Quote] = []
    for tok in doc:
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
    return out


def _according_to(doc: Doc, article: Article, mentions: list[ActorMention], taken: list[tuple[int, int]]
                  ) -> list[Quote]:
    """"According to X, <content>": X is the speaker, the rest of the sentence the content."""
    out: list[Quote] = []
    for tok in doc:
        if tok.lower_ != "according":
            continue
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
    return out


def find(doc: Doc, article: Article, mentions: tuple[ActorMention, ...]) -> tuple[Quote, ...]:
    """Direct and reported quotes of ``article`` (parsed as ``doc``), in text order."""
    ms = list(mentions)
    quotes = _direct(doc, article, ms)
    quotes += _reported(doc, article, ms, [(q.start, q.end) for q in quotes])
    quotes += _according_to(doc, article, ms, [(q.start, q.end) for q in quotes])
    return tuple(sorted(quotes, key=lambda q: q.start))
