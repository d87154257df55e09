"""Plain-text page dumps: a web page flattened to text, menus and footers still in it.

``clean(text)`` decides line by line what is page furniture and what is the article, and picks out
the headline, credit and section line, byline and publication date on the way. The rules are data
(``data/boilerplate.yaml``); this module only says in which order they apply:

1. A dump with a single non-blank line is one sentence or one paragraph: it is returned unchanged;
   so is a text with no page furniture at all (no menu, date, byline, credit or end-of-article line,
   no line repeating the caller's title, no repeated paragraph): it is a clean body and its offsets
   must stay the caller's.
2. Each line is normalised (NFC; soft hyphens and zero-width characters out) and classed: navigation,
   date line, byline, credit/section line, stop line, or text. A stop line ("Related stories",
   "Comments") ends the article, once a few sentences of prose have come before it
   (``STOP_AFTER_CHARS``).
3. The article is the main run of prose, the one with the most text. Site notices that read as prose
   (cookie and privacy statements, log-in forms, browser warnings) belong to no run. The headline is
   the line near the article's top with the best headline cues (``headline.py``; the weights are in
   ``data/boilerplate.yaml``), less a breadcrumb path or a site name printed with it on the same line
   (``headline.trim``). The article starts right below the headline: a standfirst set apart by a
   picture, a date or share buttons is kept.
4. Short text lines before the article's start or after its last body paragraph are furniture.
5. A paragraph repeated later (a pull quote or standfirst printed again in the body) is kept once,
   at its later place; an exact repeat is dropped.

Every dropped line is counted in ``notes`` so the decision can be audited.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

from eventwire import yamlio
from eventwire.ingest import headline
from eventwire.ingest.chars import readable
from eventwire.ingest.dates import find_date, is_date_line
from eventwire.ingest.headline import PageLine

_BULLETS = " \t\u00a0•·*-–—|>»"
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
# Sentence-final punctuation, perhaps inside closing quotes or brackets ('... a "hot phase."'), a colon
# (a sentence that introduces a list, a quotation or a code sample: "In short:") or a semicolon (an item
# of a list written as one sentence: "imports fell by 2.9 %;").
_TERMINAL = re.compile(r"[.!?…。！？:：;；][\"”’'」』）)\]]*\s*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# An address or a file path written out: many "words" to the word pattern, none of them prose. A path
# match starts at a token's start and its first part cannot backtrack: from every "/" of "a/a/a/..." it
# took time cubic in the token's length.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|(?<!\S)\S[^\s/]*+/\S+\.(?:jpe?g|png|gif|webp|pdf|html?)\b", re.I)
# Notes that show a text is a page dump (and not a clean body).
_FURNITURE = frozenset({"nav", "stop", "date", "byline", "credit", "title"})
MAX_GAP = 3
#: Lines longer than this are not matched against the nav, stop and notice patterns: a menu entry, a
#: footer line or a site notice is short (the longest on the development pages has 1,892 characters),
#: and a pattern such as "cookie ... accept" costs time that grows with the square of a line's length
#: (a 20,000-character line of "©" took seconds, a longer one minutes).
PATTERN_CHARS = 2000
JOIN_GAP = 10
JOIN_SHARE = 0.25
#: A stop line ("Related coverage", "Comments (32)") ends the article only once this many characters of
#: prose (site notices not counted) have come before it: an earlier one is a box or a comment-count link
#: beside the headline or after the lead, and the article goes on below it (dump_dev: 0 gives snippet
#: F1 0.862, 300 0.865, 400 0.865, 600 0.864, 1,000 0.863: two to three sentences).
STOP_AFTER_CHARS = 400
_BYLINE_NAME = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al|bin|and|&)){0,6}$")


@dataclass(frozen=True)
class Patterns:
    """A list of regular expressions tested as one: those anchored at the start ("^...") are joined
    into one expression tried at the start only; the others stay separate, because each keeps the
    regular-expression engine's fast scan for its first characters, which an alternation loses
    (joined, the dozen patterns cost five times more on a 100,000-line dump). Patterns that all open
    with a word boundary and an alternation have no such scan to keep: ``join=True`` makes them one
    expression, about three times faster than one pass each. Only lines of at most ``PATTERN_CHARS``
    characters are searched."""

    start: re.Pattern[str] | None
    anywhere: tuple[re.Pattern[str], ...]

    @classmethod
    def compile(cls, patterns: list[str], join: bool = False) -> Patterns:
        anchored = [f"(?:{p[1:]})" for p in patterns if p.startswith("^")]
        floating = [p for p in patterns if not p.startswith("^")]
        if join and floating:
            floating = ["|".join(f"(?:{p})" for p in floating)]
        return cls(
            start=re.compile("|".join(anchored), re.IGNORECASE) if anchored else None,
            anywhere=tuple(re.compile(p, re.IGNORECASE) for p in floating),
        )

    def search(self, line: str) -> bool:
        """Does any of the patterns match ``line`` (as ``re.search`` would), a line of at most
        ``PATTERN_CHARS`` characters?"""
        if len(line) > PATTERN_CHARS:
            return False
        if self.start is not None and self.start.match(line):
            return True
        return any(p.search(line) for p in self.anywhere)


@dataclass(frozen=True)
class Rules:
    """Compiled boilerplate rules (see ``data/boilerplate.yaml`` for the format)."""

    nav_lines: frozenset[str]
    nav_pattern: Patterns
    stop_pattern: Patterns
    notice_pattern: Patterns
    sections: frozenset[str]
    credit_lead: tuple[str, ...]
    credit_tail: tuple[str, ...]
    byline_prefixes: tuple[str, ...]
    headline_cues: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Rules:
        def pats(key: str) -> Patterns:
            return Patterns.compile(list(data.get(key) or ()))

        return cls(
            nav_lines=frozenset(s.lower() for s in data.get("nav_lines") or ()),
            nav_pattern=pats("nav_patterns"),
            stop_pattern=pats("stop_patterns"),
            notice_pattern=Patterns.compile(list(data.get("notice_patterns") or ()), join=True),
            sections=frozenset(s.lower() for s in data.get("sections") or ()),
            credit_lead=tuple(sorted((s.lower() for s in data.get("credit_lead") or ()), key=len, reverse=True)),
            credit_tail=tuple(sorted((s.lower() for s in data.get("credit_tail") or ()), key=len, reverse=True)),
            byline_prefixes=tuple(s.lower() for s in data.get("byline_prefixes") or ()),
            # Read-only: the rules are shared by every call (``default_rules`` is cached).
            headline_cues=MappingProxyType({str(k): float(v) for k, v in (data.get("headline_cues") or {}).items()}),
        )


@functools.lru_cache(maxsize=1)
def default_rules() -> Rules:
    """The rules shipped in the package, loaded and compiled once."""
    text = resources.files("eventwire.ingest").joinpath("data/boilerplate.yaml").read_text("utf-8")
    return Rules.from_mapping(yamlio.load(text))


@dataclass(frozen=True)
class DumpParts:
    """What ``clean`` found: the article body and the page's metadata lines."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    credit: str | None = None
    section: str | None = None
    source: str | None = None
    author: str | None = None
    standfirst: str | None = None
    notes: tuple[str, ...] = ()


def _norm(line: str) -> str:
    """A page line as the article prints it (``chars.readable``), list bullets and space trimmed."""
    return readable(line).strip(_BULLETS).strip()


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _length(line: str) -> int:
    """Length in words; CJK text, written without spaces, counts about two characters a word."""
    line = _ADDRESS.sub(" ", line) if ("/" in line or "www." in line) else line
    return max(len(_WORD.findall(line)), len(_CJK.findall(line)) // 2)


def _is_body(line: str) -> bool:
    """A line that reads as article prose rather than a label, a link or a headline: it ends like a
    sentence, or it is too long to be a headline."""
    n = _length(line)
    if n > 30 and sum(c.isdigit() for c in line) > 0.3 * len(line):
        return False  # a ticker, a results table or a list of figures flattened onto one line
    return n > 30 or (n >= 6 and bool(_TERMINAL.search(line)))


def _credit_section(line: str, rules: Rules) -> tuple[str | None, str | None] | None:
    """("Agencies and A News WORLD") -> (credit, section); a bare section label -> (None, section)."""
    if line.lower() in rules.sections:
        return None, line
    words = line.split()
    if not 2 <= len(words) <= 10 or any(c.islower() for c in words[-1]):  # the section is in capitals
        return None
    for k in (2, 1):
        tail = " ".join(words[-k:])
        if len(words) > k and tail.lower() in rules.sections and tail.isupper():
            credit = " ".join(words[:-k])
            if all(w[0].isupper() or w.lower() in {"and", "&", "of", "the"} for w in credit.split()):
                return credit, tail
    return None


def _source_from_credit(credit: str, rules: Rules) -> str:
    """The publication named in a credit: "Agencies and A News" -> "A News", "Meridian Wire Staff and
    Agencies" -> "Meridian Wire"."""
    low = credit.lower()
    for lead in rules.credit_lead:
        if low.startswith(lead + " "):
            return credit[len(lead) + 1 :].strip()
    for tail in rules.credit_tail:
        if low.endswith(" " + tail):
            return credit[: -len(tail) - 1].strip()
    return credit


def _byline(line: str, rules: Rules) -> str | None:
    low = line.lower()
    for prefix in rules.byline_prefixes:
        if low.startswith(prefix + " "):
            name = line[len(prefix) + 1 :].strip().rstrip(".,")
            # Separators matched from the first space of a run (quadratic on a long run of spaces before).
            name = re.split(r"(?<!\s)\s+[|,]\s*|[|,]\s*|(?<!\s)\s+(?:in|for)\s+", name)[0]
            if _BYLINE_NAME.match(name):
                return name
    return None


def _main_block(lines: list[str], article_like: list[bool], breaks: Sequence[int] = ()) -> tuple[int, int] | None:
    """(first, last) line of the main run of prose: body lines separated by at most ``MAX_GAP`` other
    lines form a run; the run with the most body text wins (teasers, comment threads and related
    headlines form smaller runs away from it). ``article_like[i]``: is ``lines[i]`` prose (``_is_body``)
    and no site notice (a cookie or privacy statement, a log-in form, a browser warning: such notices
    read as prose and can outweigh a short article, but are never its text)? ``breaks``: ascending
    indices of lines that an early stop line came right before; no run, and no joining of runs, reaches
    across one (the article lies on one side of a related-stories box)."""
    body = [i for i, flag in enumerate(article_like) if flag]
    if not body:
        return None
    runs: list[list[int]] = [[body[0]]]

    def parted(a: int, b: int) -> bool:  # is there a stop line between lines a < b?
        k = bisect.bisect_right(breaks, a)
        return k < len(breaks) and breaks[k] <= b

    for i in body[1:]:
        if i - runs[-1][-1] - 1 > MAX_GAP or parted(runs[-1][-1], i):
            runs.append([i])
        else:
            runs[-1].append(i)
    size = [sum(len(lines[i]) for i in r) for r in runs]
    k = max(range(len(runs)), key=size.__getitem__)
    first, last = runs[k][0], runs[k][-1]
    # A neighbouring run of real weight close by is the same article broken by a figure or a list.
    lo, hi = k - 1, k + 1
    while (lo >= 0 and first - runs[lo][-1] - 1 <= JOIN_GAP and size[lo] >= JOIN_SHARE * size[k]
           and not parted(runs[lo][-1], first)):
        first, lo = runs[lo][0], lo - 1
    while (hi < len(runs) and runs[hi][0] - last - 1 <= JOIN_GAP and size[hi] >= JOIN_SHARE * size[k]
           and not parted(last, runs[hi][0])):
        last, hi = runs[hi][-1], hi + 1
    return first, last


def _shingles(w: list[str]) -> set[tuple[str, ...]]:
    """The 4-word shingles of a paragraph's lower-cased words (under four words: the words themselves)."""
    if len(w) < 4:
        return {tuple(w)}
    return set(zip(w, w[1:], w[2:], w[3:], strict=False))


# A paragraph with at least REPEAT_MIN_WORDS words whose 4-word shingles are REPEAT_SHARE contained
# in a later paragraph is a near repeat. REPEAT_PROBES bounds how many later paragraphs sharing a
# rare shingle with it are compared: real pages need one or two; only a machine-made dump of
# thousands of near-identical lines reaches it (and then a later near copy has nearly always been met).
REPEAT_MIN_WORDS = 8
REPEAT_SHARE = 0.6
REPEAT_PROBES = 64


def _repeats(paragraphs: list[str]) -> list[bool]:
    """For each paragraph: is it an exact repeat of an earlier one, or mostly contained in a later one
    (a pull quote or standfirst that the body prints again, perhaps with a different attribution)?
    An exact repeat is dropped at its later place; a near repeat at its earlier place.

    Near-linear: an index from each shingle to the paragraphs holding it, and prefix filtering (a
    paragraph that shares ``REPEAT_SHARE`` of a paragraph's shingles shares at least one of its
    rarest few), instead of comparing every pair of paragraphs."""
    words = [[x.lower() for x in _words(p)] for p in paragraphs]
    shingles = [_shingles(w) for w in words]
    holders: dict[tuple[str, ...], list[int]] = {}
    for j, grams in enumerate(shingles):
        for g in grams:
            holders.setdefault(g, []).append(j)  # ascending j: each list is sorted
    seen: set[str] = set()
    out = []
    for i, p in enumerate(paragraphs):
        if p in seen:
            out.append(True)
            continue
        seen.add(p)
        out.append(len(words[i]) >= REPEAT_MIN_WORDS and _contained_later(i, paragraphs, shingles, holders))
    return out


def _contained_later(
    i: int, paragraphs: list[str], shingles: list[set[tuple[str, ...]]], holders: dict[tuple[str, ...], list[int]]
) -> bool:
    """Does a later paragraph, not equal to paragraph ``i``, hold ``REPEAT_SHARE`` of its shingles?"""
    mine = shingles[i]
    n = len(mine)
    need = math.ceil(REPEAT_SHARE * n)  # the fewest shared shingles that make the share, as the
    while need > 0 and (need - 1) / n >= REPEAT_SHARE:  # test below computes it (floats: check)
        need -= 1
    while need / n < REPEAT_SHARE:
        need += 1
    # A paragraph holding `need` of the n shingles holds one of any n - need + 1 of them: take the rarest.
    prefix = sorted(mine, key=lambda g: len(holders[g]))[: n - need + 1]
    tried: set[int] = set()
    for g in prefix:
        post = holders[g]
        for k in range(bisect.bisect_right(post, i), len(post)):  # no slice: that copy would be quadratic
            j = post[k]
            if j in tried:
                continue
            tried.add(j)
            if paragraphs[j] != paragraphs[i] and len(mine & shingles[j]) / n >= REPEAT_SHARE:
                return True
            if len(tried) >= REPEAT_PROBES:
                return False
    return False


def clean(
    text: str, *, retrieved: dt.datetime | None = None, known_title: str | None = None, rules: Rules | None = None
) -> DumpParts:
    """Split a page dump into article body and metadata. See the module docstring for the rules.

    ``known_title`` is the caller's title: no other headline is looked for, and a line equal to it is
    dropped from the body."""
    rules = rules or default_rules()
    raw_lines = text.split("\n")
    if sum(1 for ln in raw_lines if ln.strip()) <= 1:
        return DumpParts(text=text)

    title = known_title
    published = credit = section = author = None
    notes: list[str] = []
    kept: list[tuple[int, str]] = []  # (block number, line)
    # Every non-blank line with what it was taken for: the headline is picked among them, its cues
    # being what surrounds it (a date or byline below it, the menu above it).
    page: list[PageLine] = []
    at_page: list[int] = []  # kept line -> its index in `page`

    def drop(kind: str, line: str) -> None:
        notes.append(kind)
        page.append(PageLine(kind, line))

    block = 0
    stopped = False
    prose_chars = 0  # article-like prose so far (a stop line counts after STOP_AFTER_CHARS)
    breaks: list[int] = []  # kept lines that follow an early stop line
    article_like: list[bool] = []  # per kept line: prose, and no site notice
    for raw in raw_lines:
        line = _norm(raw)
        if not line:
            block += 1
            continue
        if stopped:
            notes.append("after-stop")
            page.append(PageLine("after-stop", line))
            continue

        low = line.lower()
        if known_title and low == known_title.strip().lower():
            drop("title", line)
            continue
        if low in rules.nav_lines or rules.nav_pattern.search(line):
            drop("nav", line)
            continue
        if prose_chars and rules.stop_pattern.search(line):
            # Early on, a stop line only parts two runs of prose: the article is on one side of it.
            stopped = prose_chars >= STOP_AFTER_CHARS
            if not stopped:
                breaks.append(len(kept))
            drop("stop", line)
            continue
        if is_date_line(line):
            published = published or find_date(line, retrieved)
            drop("date", line)
            continue
        name = _byline(line, rules)
        if name:
            author = author or name
            drop("byline", line)
            continue
        cs = _credit_section(line, rules)
        if cs is not None:
            credit = credit or cs[0]
            section = section or cs[1]
            drop("credit", line)
            continue
        prose = _is_body(line)
        article_like.append(prose and not rules.notice_pattern.search(line))
        if article_like[-1]:
            prose_chars += len(line)
        at_page.append(len(page))
        kept.append((block, line))
        page.append(PageLine("text", line, prose))

    # Computed once for the whole page: reused below when the article turns out to be all of it.
    repeated_all = _repeats([ln for _, ln in kept]) if not _FURNITURE & set(notes) else None
    if repeated_all is not None and not any(repeated_all):
        # No menu, date, byline, credit or end-of-article line and no repeated paragraph: this is a
        # clean body (a caller's text field, a wire story), not a page. Cut nothing, so offsets match
        # the caller's text.
        return DumpParts(text=text, notes=tuple(f"{k}:{notes.count(k)}" for k in dict.fromkeys(notes)))
    span = _main_block([ln for _, ln in kept], article_like, breaks)
    if span is not None:
        first, last = span
        if title is None:
            at = headline.pick(page, at_page[first], rules.headline_cues)
            title = headline.trim(page[at].text, page) if at is not None else None
            if at is not None and at >= at_page[first]:
                # The headline opened the run of prose (it ends like a sentence): the article starts
                # below it, and what came before it is a kicker or a teaser.
                first = next((j for j in range(first, last + 1) if at_page[j] > at), first)
            elif at is not None:
                # The article starts right below its headline: a standfirst or a first paragraph set
                # apart by a picture, a date or share buttons belongs to it.
                first = next((j for j, p in enumerate(at_page[:first]) if p > at and page[p].prose), first)
        # Short lines outside the span of body paragraphs are labels, links and teasers.
        dropped = len(kept) - (last - first + 1)
        kept = kept[first : last + 1]
        repeated_all = repeated_all if dropped == 0 else None
        notes.extend(["edge"] * dropped)

    paragraphs = [ln for _, ln in kept]
    standfirst = None
    final: list[tuple[int, str]] = []
    repeated = repeated_all if repeated_all is not None else _repeats(paragraphs)
    for (blk, ln), again in zip(kept, repeated, strict=True):
        if again:
            standfirst = standfirst or ln
            notes.append("repeat")
            continue
        final.append((blk, ln))

    out: list[str] = []
    prev_block = None
    for blk, ln in final:
        if out:
            out.append("\n" if blk == prev_block else "\n\n")
        out.append(ln)
        prev_block = blk
    body = "".join(out)
    return DumpParts(
        text=body, title=None if known_title else title, published=published, credit=credit, section=section,
        source=_source_from_credit(credit, rules) if credit else None, author=author,
        standfirst=standfirst, notes=tuple(f"{k}:{notes.count(k)}" for k in dict.fromkeys(notes)),
    )  # fmt: skip
