"""The headline of a plain-text page dump: which line near the top of the article is its title.

A flattened page gives no ``<h1>``: the headline is one short line among menu entries, section
labels, captions, kickers and teasers. ``pick`` scores every candidate line near the article with
a weighted sum of *cues*, each a general property of how news pages lay out their head:

- the headline shares its words with the lead below it (``lead_overlap``) and with the body
  (``body_overlap``; both shares are damped for a line of one or two content words, which shares
  them by chance as often as by meaning), sits close above the article (``near``) and right above prose, perhaps with a
  date, byline or standfirst between (``prose_close``), though rarely on the very line above the
  article, which is more often a caption, a kicker or a label (``adjacent``); a headline ending in
  "?" or "!" reads as prose and may open the article itself (``in_article``, which counts against
  all other lines there);
- it is followed by its date, byline or credit (``dated``, within three lines; ``meta_below``,
  anywhere before the article; a short line holding a date counts), by a longer line, the standfirst
  (``standfirst_next``), or by a shorter deck (``subtitle_next``), less often straight by prose
  (``prose_next``); some sites print the date first (``after_meta``); it often follows the menu
  (``after_menu``), seldom prose: a line with prose just above it is a subheading or a teaser
  (``prose_above``);
- the page prints it again: in another line such as a "share" text or the footer
  (``quoted_elsewhere``), at the end of a breadcrumb just above it (``crumb_above``), or nearby, the
  ``<title>`` and the ``<h1>`` (``repeated_near``); a line printed four times or more is a menu
  entry (``menu_like``);
- it has a headline's length (``words``; ``few_words``, ``short`` and ``long`` for one or two,
  three to five and over twenty words), and does not end like a sentence or a label
  (``ends_with_period``, ``ends_with_colon``), is not a photo caption (``caption``), carries no
  date, time, URL or separator (``dated_or_split``), is not mostly digits (``digits``), not all
  capitals (``all_caps``, a section label more often than a headline), does not start with a
  lower-case letter (``lowercase_start``: a tag, an address, a site name) and is no list of tags
  (``list_like``, two commas or more);
- its neighbours: a headline often has a section label above it or share buttons below it
  (``short_neighbour``), but a line with two labels below it (``short_below``) is a menu entry, and
  one between two other headline-sized lines is a teaser in a list of related articles
  (``teaser_list``).

The weights live in ``data/boilerplate.yaml`` (``headline_cues``): they were fitted on development
pages (a listwise logistic fit with an L2 penalty, rounded; 5-fold cross-validated accuracy on held-out
pages 0.66-0.67 depending on the split) and are data, not code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_QUOTES = re.compile(r"[\"'“”‘’«»„‟‹›`´]")
_SPACE = re.compile(r"\s+")
# A date, a time, a year, a separator or an address: the mark of a <title> ("X | Site") or a teaser.
_NOT_TITLE = re.compile(r"\d{1,2}[./:]\d{1,2}|\b\d{4}\b|[|»›@/]|https?:|\.(com|de|org|net)\b", re.I)
# A photo caption: a credit, the people "from left" (German "von links", "v. l."), or a sentence ending
# in a wire service's name ("Penguins in the Antarctic. EFE").
_CAPTION = re.compile(
    r"©|\b(?:photo|foto|bild|image|credit)s?\s*:|getty|reuters/|afp/|\bdpa\b"
    r"|\((?:von links|v\.\s?l\.|from left|left to right|l-r|l to r|de izquierda a derecha|de gauche à droite)\b"
    r"|\.\s+(?:EFE|AFP|AP|Reuters|Xinhua|ANSA|Getty Images)\.?$",
    re.I,
)

# A date in any common form, English or not ("19.11.2021", "2024-01-19", "13. März 2019",
# "September 17, 2019", "12.12.22"): a short line holding one is the article's date line even when
# it carries more ("Veröffentlicht am 2. Mai 2021 von Jane Doe", "The Daily Bugle 03/04/2022 J. Doe").
_DATEISH = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.?\s+\w{3,}\.?,?\s+\d{4}\b"
    r"|\b\w{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b"
)
#: A line of at most this many words holding a date is a date line.
META_WORDS = 15
#: A standfirst (the summary under the headline) has at least this many words, and more than the
#: headline.
STANDFIRST_WORDS = 8
#: How many page lines above the article are looked at.
WINDOW = 80
#: How many page lines from the article's first line on are candidates too: a headline that ends
#: like a sentence ("Is it over?", "Spring is here!") reads as prose and opens the article.
BELOW = 4
#: The article's first line may be a headline ending in a full stop when it has at most this many
#: words and no prose follows it at once (a longer one is a standfirst or a short first paragraph).
SENTENCE_TITLE_WORDS = 15
#: Candidates have between one and this many words.
MAX_WORDS = 40
#: How far (in page lines) a repeat counts as "near", and how far other lines are searched for a
#: quotation of the candidate (a bound that keeps 100,000-line dumps linear).
NEAR = 15
QUOTE_REACH = 2000
#: How many lines holding the candidate's text are examined (a bound for a very common short text).
QUOTE_TRIES = 50
#: How many prose paragraphs are the article's lead (``lead_overlap``) and its body (``body_overlap``).
LEAD_LINES = 3
BODY_LINES = 60
#: The overlaps are the shared content words over the candidate's content words plus this many: one
#: shared word makes a one-word label ("Essay", "Politik") half a match, not a full one, while a
#: headline sharing most of its several words scores near 1 (5-fold CV accuracy 0.663 against 0.658
#: for the plain share).
OVERLAP_PRIOR = 1
#: A neighbouring line of at most this many words is a label, a menu entry or a button
#: (``short_below``, ``short_neighbour``); one of this many words is a teaser (``teaser_list``).
SHORT_WORDS = 3
TEASER_WORDS = (4, 20)
#: How far below a candidate (in page lines) the first prose line is looked for (``prose_close``).
PROSE_REACH = 40
#: A candidate must score more than this: one with more against it than for it is no headline (a
#: page without one, a clean body whose first paragraph is short).
MIN_SCORE = 0.0
#: The kinds of dropped line that name the article's date, author or credit.
META = frozenset({"date", "byline", "credit"})


@dataclass(frozen=True)
class PageLine:
    """One non-blank line of the page: its text (trimmed) and what the cleaner took it for: "text"
    (possible article text), "nav", "date", "byline", "credit", "title", "stop" or "after-stop"."""

    kind: str
    text: str
    prose: bool = False


def is_meta(line: PageLine) -> bool:
    """Does the line give the article's date, author or credit (as the cleaner found, or as a short
    line holding a date)?"""
    if line.kind in META:
        return True
    return line.kind == "text" and len(_WORD.findall(line.text)) <= META_WORDS and bool(_DATEISH.search(line.text))


def key(text: str) -> str:
    """The comparison form of a line: quote marks removed, spaces collapsed, case folded."""
    return _SPACE.sub(" ", _QUOTES.sub("", text)).strip().casefold()


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 3}


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \w matches


def _bounded_in(k: str, other: str) -> bool:
    r"""Does ``k`` occur in ``other`` with no word character right before or after it? (The same as
    searching ``(?<!\w)k(?!\w)``, without compiling an expression for every candidate.)"""
    pos = other.find(k)
    while pos >= 0:
        end = pos + len(k)
        if not (pos and _is_word_char(other[pos - 1])) and not (end < len(other) and _is_word_char(other[end])):
            return True
        pos = other.find(k, pos + 1)
    return False


def _quoted(k: str, joined: str) -> bool:
    """Is ``k`` part of another, not much longer line of ``joined`` (lines joined by newlines), word-
    bounded or ending it (a breadcrumb flattened without spaces: "HomeWorldHeadline")?"""
    limit = 4 * len(k) + 40  # a longer line is prose that happens to use the words
    pos = joined.find(k)
    for _ in range(QUOTE_TRIES):  # each occurrence is found by str.find, at C speed
        if pos < 0:
            return False
        start = joined.rfind("\n", 0, pos) + 1
        end = joined.find("\n", pos)
        other = joined[start : end if end >= 0 else len(joined)]
        if other != k and len(other) < limit and (other.endswith(k) or _bounded_in(k, other)):
            return True
        pos = joined.find(k, end if end >= 0 else len(joined))
    return False


@dataclass(frozen=True)
class _Page:
    """What every candidate of one page is compared with (computed once per page)."""

    keys: Sequence[str]  # ``key`` of every line ("" outside the reach searched)
    counts: Counter[str]  # how often each key occurs on the page
    lead_words: set[str]  # content words of the article's first prose paragraphs
    body_words: set[str]  # content words of its first ``BODY_LINES`` prose paragraphs
    joined: str  # the keys within ``QUOTE_REACH`` of the window, one a line
    meta: Mapping[int, bool]  # ``is_meta`` of the lines from the window to ``PROSE_REACH`` below the article
    length: Mapping[int, int]  # words in each of those lines
    last_meta: int  # the last date, byline or credit line above the article (-1: none)


def _lower_start(line: str) -> bool:
    """Does the line's first letter have a lower case (a tag, a URL, a site name, a sentence's tail)?"""
    c = next((c for c in line if c.isalpha()), "")
    return c.islower()


def _prose_close(lines: Sequence[PageLine], i: int, page: _Page) -> float:
    """1 when prose follows line ``i`` at once, less the more text lines (other than a date, byline or
    credit line) come before the first prose line below it; 0 when none follows within ``PROSE_REACH``."""
    gap = 0
    for j in range(i + 1, min(len(lines), i + PROSE_REACH)):
        if lines[j].prose:
            return 1 / (1 + gap / 2)
        if lines[j].kind == "text" and not page.meta.get(j, False):
            gap += 1
    return 0.0


def cues(lines: Sequence[PageLine], i: int, first: int, page: _Page, lead_words: set[str]) -> dict[str, float]:
    """The cues of line ``i`` as a headline for the article starting at line ``first``; ``lead_words``:
    the content words of the first paragraphs below the candidate's place (the article's lead, or for
    a candidate inside the article the prose below it)."""
    line = lines[i].text
    keys = page.keys
    k = keys[i]
    n = page.length[i]
    words = _content_words(line)
    between = sum(1 for j in range(min(i, first) + 1, max(i, first)) if lines[j].kind == "text")
    after = range(i + 1, min(len(lines), i + 4))
    here = page.counts[k]
    quoted = len(k) >= 3 and _quoted(k, page.joined)
    stripped = line.rstrip()
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    next_text = nxt is not None and nxt.kind == "text"
    next_words = page.length.get(i + 1, 0) if next_text else 0

    def short(j: int) -> bool:  # a label, a menu entry or a button (not a date or byline line)
        return page.length.get(j, 0) <= SHORT_WORDS and not page.meta.get(j, False)

    def teaser(j: int) -> bool:  # a headline-sized text line that is no prose, date or byline
        if not (0 <= j < len(lines) and lines[j].kind == "text") or lines[j].prose or page.meta.get(j, False):
            return False
        return TEASER_WORDS[0] <= page.length.get(j, 0) <= TEASER_WORDS[1]
    return {
        "lead_overlap": len(words & lead_words) / (len(words) + OVERLAP_PRIOR),
        "body_overlap": len(words & page.body_words) / (len(words) + OVERLAP_PRIOR),
        "near": 1 / (1 + between / 4),
        "prose_close": _prose_close(lines, i, page),
        "adjacent": float(between == 0 and i < first),
        "in_article": float(i >= first),
        "dated": float(any(page.meta.get(j, False) for j in after)),
        "meta_below": float(i < page.last_meta),
        "prose_next": float(next_text and nxt is not None and nxt.prose),
        "standfirst_next": float(next_text and next_words >= max(STANDFIRST_WORDS, n + 1)),
        "subtitle_next": float(next_text and i + 1 < first and nxt is not None and not nxt.prose
                               and 3 <= next_words <= MAX_WORDS),
        "after_meta": float(i > 0 and page.meta.get(i - 1, False)),
        "after_menu": float(i > 0 and lines[i - 1].kind == "nav"),
        "prose_above": float(any(lines[j].prose for j in range(max(0, i - 3), i))),
        "quoted_elsewhere": float(quoted),
        "crumb_above": float(len(k) >= 3 and any(keys[j] != k and keys[j].endswith(k)
                                                 for j in range(max(0, i - 3), i))),
        "repeated_near": float(any(keys[j] == k for j in range(max(0, i - NEAR), min(len(lines), i + NEAR + 1))
                                   if j != i)),
        "menu_like": float(here >= 4),
        "words": min(n, 20) / 20,
        "few_words": float(n <= 2),
        "short": float(3 <= n <= 5),
        "long": float(n > 20),
        "ends_with_period": float(stripped.endswith(".")),
        "ends_with_colon": float(stripped.endswith((":", ","))),
        "caption": float(bool(_CAPTION.search(line))),
        "dated_or_split": float(bool(_NOT_TITLE.search(line))),
        "digits": float(sum(c.isdigit() for c in line) > 0.25 * len(line)),
        "all_caps": float(line.isupper()),
        "lowercase_start": float(_lower_start(line)),
        "list_like": float(line.count(",") >= 2 and not lines[i].prose),
        "short_below": float(sum(1 for j in range(i + 1, min(len(lines), i + 3)) if short(j)) >= 2),
        "short_neighbour": float(any(short(j) for j in (i - 1, i + 1) if 0 <= j < len(lines))),
        "teaser_list": float(all(teaser(j) for j in (i - 1, i + 1))),
    }  # fmt: skip


def _set_apart(lines: Sequence[PageLine], i: int, words: int) -> bool:
    """Is line ``i`` (of ``words`` words) at most ``SENTENCE_TITLE_WORDS`` long and followed by a line
    that is no prose (a standfirst, a date, a byline, share buttons)? The article's first line ending in
    a full stop is then a headline written as a sentence."""
    return words <= SENTENCE_TITLE_WORDS and i + 1 < len(lines) and not lines[i + 1].prose


def candidates(lines: Sequence[PageLine], first: int) -> list[tuple[int, dict[str, float]]]:
    """The headline candidates for the article whose first paragraph is line ``first``, each with
    its ``cues``: text lines of 1 to ``MAX_WORDS`` words, from ``WINDOW`` lines above the article to
    ``BELOW`` lines into it, nearest first."""
    lo = max(0, first - WINDOW)
    # Words in the lines the cues look at: the window, one line above it, and PROSE_REACH below it.
    reach = range(max(0, lo - 1), min(len(lines), first + BELOW + PROSE_REACH))
    length = {j: len(_WORD.findall(lines[j].text)) for j in reach}
    # Inside the article only a question or an exclamation: a line there ending in a full stop is a
    # sentence (a standfirst printed again below, a short first paragraph), unless it is the article's
    # first line, short and set apart from the prose below ("Why I still write letters.", then a date).
    below = [i for i in range(first, min(len(lines), first + BELOW))
             if not lines[i].text.rstrip().endswith(".") or (i == first and _set_apart(lines, i, length[i]))]
    meta = {j: is_meta(lines[j]) for j in reach}
    found = [i for i in [*below, *range(first - 1, lo - 1, -1)]
             if lines[i].kind == "text" and 1 <= length[i] <= MAX_WORDS]
    if not found:
        return []
    # Keys of the lines that matter: the window, and the reach searched for repeats and quotations.
    keys = [key(ln.text) if lo - QUOTE_REACH <= j < first + QUOTE_REACH else "" for j, ln in enumerate(lines)]

    def prose_words(start: int, count: int) -> set[str]:
        prose = (ln.text for ln in islice(lines, start, None) if ln.kind == "text" and ln.prose)
        return _content_words(" ".join(islice(prose, count)))

    page = _Page(
        keys=keys, counts=Counter(keys), lead_words=prose_words(first, LEAD_LINES),
        body_words=prose_words(first, BODY_LINES),
        joined="\n".join(keys[max(0, lo - QUOTE_REACH) : first + QUOTE_REACH]),
        meta=meta, length=length, last_meta=max((j for j in range(lo, first) if meta[j]), default=-1),
    )  # fmt: skip
    # A candidate inside the article is compared with the prose below it, not with itself.
    return [(i, cues(lines, i, first, page, page.lead_words if i < first else prose_words(i + 1, LEAD_LINES)))
            for i in found]


# A breadcrumb's separators ("Home / World / Headline", "Forum > Phones > Headline") and those that
# join a headline and a site name or a kicker ("Headline | Site", "Kicker – Headline"). A match starts at
# the first space of a run ((?<!\s)): "\s+" tried from every space of a long run was quadratic.
_CRUMB = re.compile(r"(?<!\s)\s+/\s+|(?<!\s)\s+[›>»]\s*|[›>»]\s*")
_JOIN = re.compile(r"(?<!\s)\s+\|\s*|\|\s*")
# A numeric date opening the line, set off by a separator ("23.01.2022 - Headline", "2024-01-23 | ..."):
# the date of an entry in a news list, printed with its headline.
_DATE_PREFIX = re.compile(r"^(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})\s*[-–—|:]\s+")


def trim(text: str, lines: Sequence[PageLine]) -> str:
    """The headline without what the page adds to it on the same line: the path of a breadcrumb
    (three parts or more: the last is the headline), or a site name or kicker joined by a separator
    when the page prints that part again elsewhere (the site's name in the header and the footer), or a
    numeric date set off before it by a separator."""
    dated = _DATE_PREFIX.match(text)
    if dated and len(_WORD.findall(text[dated.end() :])) >= 2:
        text = text[dated.end() :]
    parts = [p.strip() for p in _CRUMB.split(text)]
    if len(parts) >= 3 and all(parts) and len(_WORD.findall(parts[-1])) >= 2:
        return parts[-1]
    parts = [p.strip() for p in _JOIN.split(text)]
    if len(parts) != 2 or not all(parts):
        return text
    others = [key(ln.text) for ln in lines]
    for drop, keep in ((parts[0], parts[1]), (parts[1], parts[0])):
        k = key(drop)
        if len(_WORD.findall(keep)) >= 2 and any(o == k for o in others):
            return keep
    return text


def pick(lines: Sequence[PageLine], first: int, weights: Mapping[str, float]) -> int | None:
    """Index of the headline among ``lines`` for the article whose first paragraph is line
    ``first``, or None when no candidate (see ``candidates``) scores above ``MIN_SCORE``. The
    candidate with the highest weighted sum of its cues wins; the nearer one on a tie. Unknown cue names in
    ``weights`` are an error (a typo would silently weigh nothing)."""
    best, best_score = None, MIN_SCORE
    for i, found in candidates(lines, first):
        unknown = set(weights) - set(found)
        if unknown:
            raise ValueError(f"unknown headline cue(s): {', '.join(sorted(unknown))}")
        score = sum(w * found[name] for name, w in weights.items())
        if score > best_score:
            best, best_score = i, score
    return best
