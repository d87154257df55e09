"""Direct quotations: spans between quotation marks, straight or curly.

``spans(text)`` returns ``(start, end)`` of each quotation's content (marks excluded), in text order:

- a quotation runs from an opening mark to the matching closing mark; straight marks pair up by
  alternation inside a paragraph;
- a quotation whose paragraph ends with no closing mark continues in the next paragraph when that one
  opens with a mark (the newswire convention for multi-paragraph quotes); each paragraph's part is
  a span of its own;
- single quotes only count as quotation marks at word boundaries, so apostrophes ("Belarus'",
  "don't") are never taken for quotes.
"""

from __future__ import annotations

import re

_OPEN = {"“": "”", '"': '"', "«": "»", "„": "“"}
_PARA = re.compile(r"\n\s*\n")
# Quotes longer than this many characters are unbalanced marks, not quotations.
MAX_QUOTE = 5000


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARA.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _in_paragraph(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(content start, content end, closed) for the quotes of one paragraph."""
    out = []
    i = start
    while i < end:
        ch = text[i]
        if ch in _OPEN:
            close = _OPEN[ch]
            j = text.find(close, i + 1, end)
            # A curly opening may be closed by a straight mark in sloppy copy.
            if j == -1 and ch == "“":
                j = text.find('"', i + 1, end)
            if j == -1:
                out.append((i + 1, end, False))
                break
            if j - i <= MAX_QUOTE:
                out.append((i + 1, j, True))
            i = j + 1
            continue
        i += 1
    return out


def spans(text: str) -> list[tuple[int, int]]:
    """Content spans of direct quotations, in text order, never overlapping."""
    result: list[tuple[int, int]] = []
    open_from_previous = False
    for p_start, p_end in _paragraphs(text):
        para = text[p_start:p_end]
        lead = len(para) - len(para.lstrip())
        if open_from_previous and not para.lstrip().startswith(tuple(_OPEN)):
            open_from_previous = False
        found = _in_paragraph(text, p_start + lead, p_end)
        for s, e, closed in found:
            s2, e2 = s, e
            while s2 < e2 and text[s2].isspace():
                s2 += 1
            while e2 > s2 and text[e2 - 1].isspace():
                e2 -= 1
            if e2 > s2:
                result.append((s2, e2))
            open_from_previous = not closed
    return result
