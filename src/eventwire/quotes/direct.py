"""Direct quotations: the stretches of text between double quotation marks, straight or curly.

``parts(text)`` returns one :class:`Part` per quoted stretch, in text order and never overlapping;
``spans(text)`` just their ``(start, end)``. Offsets are those of the content (marks excluded,
surrounding whitespace trimmed). The contract:

- a quotation runs from an opening mark to the matching closing mark inside one paragraph. Each mark
  is read as opening or closing from its neighbours (an opening mark follows a space, a bracket or a
  dash and precedes a word; a closing one follows a word and precedes a space or punctuation), so
  mixed straight/curly copy (``"...”``) pairs up; a mark that its neighbours leave ambiguous takes
  its own direction (curly), or closes an open quotation (straight); a mark at the very start of a
  paragraph always opens;
- a quotation inside a quotation ("he called it “a farce,” she said" inside a quotation) is part of
  the outer one: nesting is counted, and only the outer quotation is returned;
- a quotation whose paragraph ends with no closing mark stops at the end of the paragraph
  (``closed=False``); when the next paragraph opens with a quotation mark, that part is flagged
  ``continues`` (the newswire convention for a quotation running over several paragraphs);
- paragraphs are separated by blank lines, and also by single line breaks unless the text is
  hard-wrapped (no line longer than ``WRAP_WIDTH`` characters);
- single quotation marks are never taken as quotation marks (apostrophes, and single quotes are
  nested quotations or headline style); marks inside markup tags (``<tweet id="...">``) are ignored.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
MARKS = OPENING | CLOSING | {'"', "‟"}
_MARK = re.compile('["“”„‟«»]')
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_TAG = re.compile(r"<[A-Za-z/][^<>\n]{0,300}>")
# Quotes longer than this many characters are unbalanced marks, not quotations.
MAX_QUOTE = 5000
# A text whose lines are all at most this long is taken as hard-wrapped: a single newline is not a
# paragraph break there.
WRAP_WIDTH = 100
_LEFT_OPEN = set("([{—–-/:")
_RIGHT_CLOSE = set(".,;:!?)]}—–-…")


@dataclass(frozen=True)
class Part:
    """One quoted stretch: content offsets, whether a closing mark ended it, and whether it opens a
    paragraph that continues the previous paragraph's unclosed quotation."""

    start: int
    end: int
    closed: bool = True
    continues: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, covering the text in order (separators excluded)."""
    lines = text.split("\n")
    wrapped = len(lines) >= 3 and max(len(line) for line in lines) <= WRAP_WIDTH
    sep = _BLANK if wrapped else re.compile(r"\n\s*")
    out, pos = [], 0
    for m in sep.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if e > s] or [(0, len(text))]


def _role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for the mark at ``i`` of the paragraph [lo, hi)."""
    ch = text[i]
    if i == lo:
        return "open"  # a mark opening a paragraph opens a quotation, whatever its shape
    prev = text[i - 1]
    nxt = text[i + 1] if i + 1 < hi else " "
    left_open = prev.isspace() or prev in _LEFT_OPEN or prev in MARKS or prev in "‘'"
    right_close = nxt.isspace() or nxt in _RIGHT_CLOSE or nxt in MARKS or nxt in "’'"
    if left_open and not right_close:
        return "open"
    if right_close and not left_open:
        return "close"
    if ch in OPENING:
        return "open"
    if ch in CLOSING:
        return "close"
    return "either"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _in_tag(i: int, starts: list[int], ends: list[int]) -> bool:
    """Is offset ``i`` inside one of the tags whose sorted, non-overlapping spans are ``starts[k]`` to
    ``ends[k]``? (A binary search: a linear scan per mark was quadratic on a page of links.)"""
    k = bisect_right(starts, i) - 1
    return k >= 0 and i < ends[k]


def _in_paragraph(text: str, lo: int, hi: int, starts: list[int], ends: list[int]) -> list[tuple[int, int, bool]]:
    """(content start, content end, closed) of the outer quotations of one paragraph; ``starts`` and
    ``ends``: the spans of the text's markup tags, in order."""
    out: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    depth = 0
    for m in _MARK.finditer(text, lo, hi):
        i = m.start()
        if _in_tag(i, starts, ends):
            continue
        role = _role(text, i, lo, hi)
        if open_at is None:
            if role != "close":
                open_at, depth = i, 0
            continue
        if role == "open":
            depth += 1
        elif depth:
            depth -= 1
        else:
            if i - open_at <= MAX_QUOTE:
                out.append((open_at + 1, i, True))
            open_at = None
    if open_at is not None:
        out.append((open_at + 1, hi, False))
    return out


def parts(text: str) -> list[Part]:
    """The quoted stretches of ``text`` in order (see the module docstring for the rules)."""
    tags = list(_TAG.finditer(text))  # in order and never overlapping, as finditer finds them
    starts, ends = [m.start() for m in tags], [m.end() for m in tags]
    result: list[Part] = []
    left_open = False
    for lo, hi in paragraphs(text):
        found = _in_paragraph(text, lo, hi, starts, ends)
        starts_with_mark = lo < hi and text[lo] in MARKS
        for k, (s, e, closed) in enumerate(found):
            s2, e2 = _trim(text, s, e)
            if e2 > s2:
                cont = k == 0 and left_open and starts_with_mark and s == lo + 1
                result.append(Part(s2, e2, closed, cont))
        left_open = bool(found) and not found[-1][2]
    return result


def spans(text: str) -> list[tuple[int, int]]:
    """Content spans of direct quotations, in text order, never overlapping."""
    return [(p.start, p.end) for p in parts(text)]
