"""Quotes: direct and reported speech with their speakers.

``find(doc, article, mentions)`` returns :class:`~eventwire.records.Quote` records in text order:

- direct quotes (``direct.spans``) with the speaker from the nearest speech cue (``speakers``), a
  quote with no cue of its own continuing the previous quote of the same or preceding paragraph;
- short quoted phrases with no cue and no sentence punctuation are scare quotes ("hot phase"):
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
SCARE_MAX_WORDS = 6


def _is_scare(text: str) -> bool:
    return len(_WORD.findall(text)) <= SCARE_MAX_WORDS and not re.search(r"[.!?,;:]$", text.strip())


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
        scare = cue is None and _is_scare(quoted)
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


def find(doc: Doc, article: Article, mentions: tuple[ActorMention, ...]) -> tuple[Quote, ...]:
    """Direct and reported quotes of ``article`` (parsed as ``doc``), in text order."""
    ms = list(mentions)
    quotes = _direct(doc, article, ms)
    quotes += _reported(doc, article, ms, [(q.start, q.end) for q in quotes])
    return tuple(sorted(quotes, key=lambda q: q.start))
