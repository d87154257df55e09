"""The dateline of a news text: the place a story was filed from, written before its first sentence.

``dateline(doc, is_place)`` returns the token span ``(first, last)`` of the place name of a dateline at
the very start of ``doc``, or None. The forms news wires use:

- a place in capitals closed by a dash or a colon, optionally with a state or an agency:
  "BAGHDAD -- ", "KABUL (Reuters) - ", "CHENNAI: ", "WASHINGTON, D.C. -- ";
- a place in capitals alone on its line or followed by a run of spaces (page dumps): "URFA     Two ...";
- a place in ordinary capitalisation followed by an agency in brackets and a dash: "Kabul (Reuters) - ";
- a place followed by a date and a dash: "Kabul, Jan. 5 - ", "Moscow, March 3 (AFP) -- ".

The name must be a place (``is_place``: the gazetteer or the knowledge base knows it), so that
"TOP STORIES:" or an organisation's acronym before a colon is not taken for one. The dateline places
the events of the lead only (``in_lead``): later paragraphs often report events elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

_LEAD_IN = r"^[\s\-–—_*]{0,12}"
_CAPS = r"(?P<name>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})"
_TITLE = r"(?P<name>[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,3})"
_AGENCY = r"(?:\s*\([^)\n]{1,40}\))"
_DASH = r"(?:--|—|–|-|_)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_REGION = r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)"

_FORMS = (
    re.compile(_LEAD_IN + _CAPS + _REGION + "?" + _AGENCY + r"?\s*(?:" + _DASH + r"|:)\s"),
    re.compile(_LEAD_IN + _CAPS + r"(?: {2,}|\s*\n)"),
    re.compile(_LEAD_IN + _TITLE + _REGION + "?" + _AGENCY + r"\s*" + _DASH + r"\s"),
    re.compile(_LEAD_IN + _TITLE + r",\s*" + _MONTH + r"\s*\d{1,2}(?:,?\s*\d{4})?" + _AGENCY + r"?\s*"
               + _DASH + r"\s"),
)
# Sentences of the lead that a dateline places.
LEAD_SENTENCES = 3


def dateline(doc: Doc, is_place: Callable[[str], bool]) -> tuple[int, int] | None:
    """The token span of the dateline's place name at the start of ``doc``, or None."""
    # The first 200 characters from the tokens that hold them: ``doc.text`` would rebuild the whole
    # text, and this runs for every placeless event of a lead.
    end = next((t.i for t in doc if t.idx >= 200), len(doc))
    head = "".join(t.text_with_ws for t in doc[:end])[:200]
    for form in _FORMS:
        m = form.match(head)
        if m is None:
            continue
        name = m.group("name").strip(" .")
        if not is_place(name):
            continue
        start = m.start("name")
        span = doc.char_span(start, start + len(name), alignment_mode="expand")
        if span is not None and len(span):
            return span.start, span.end - 1
    return None


def in_lead(tok: Token) -> bool:
    """Whether ``tok``'s sentence is in the lead: among the first sentences and in the first paragraph.
    Only the sentences before it are read, and at most ``LEAD_SENTENCES`` of them (this runs for every
    placeless event)."""
    doc = tok.doc
    sent = tok.sent
    for before, s in enumerate(doc.sents, start=1):
        if s.start >= sent.start:
            break
        if before >= LEAD_SENTENCES:
            return False
    # A blank line (a whitespace token holding two newlines) before the sentence ends the first paragraph.
    return not any("\n\n" in t.text for t in doc[: sent.start] if t.is_space)
