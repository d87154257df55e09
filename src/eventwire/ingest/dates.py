"""Publication dates in whatever form pages print them.

``find_date(line, base)`` returns a date only when the line *is* a date line (a date with an
optional "Published"/"Updated" prefix and little else), so a body sentence that mentions a date is
never taken for the publication date. Relative forms ("Updated 3 hours ago", "yesterday") are
resolved against ``base`` (the retrieval time); without a base they give no date.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from typing import Any

log = logging.getLogger(__name__)

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
# A date token: ISO, "January 19, 2024", "19 Jan 2024", "1/19/2024", with optional time and zone.
_DATE_CORE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})"
)
_TIME = r"(?:\s*(?:,|at|-|–|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}|\s*[+-]\d{2}:?\d{2})?)?"
_RELATIVE = r"(?:\d+|an?|one|two|three|few)\s+(?:second|minute|min|hour|hr|day|week|month)s?\s+ago|yesterday|today"
_PREFIX = (
    r"(?:(?:first\s+)?published|updated|last\s+updated|posted|modified|date|on)?\s*(?:on|at)?\s*:?\s*"
)
_DATE_LINE = re.compile(
    rf"^\s*{_PREFIX}(?:{_WEEKDAYS}\s*)?(?P<date>{_DATE_CORE}{_TIME}|{_RELATIVE})\s*\.?\s*$", re.IGNORECASE
)
# Anywhere in a line (for lines like "Published January 19,2024 | Updated January 20,2024").
# The lookahead lists the letters every alternative starts with (a digit, a month, "an", "one", "two",
# "three", "few", "yesterday", "today"): other positions are skipped at once (a third of the time).
_DATE_ANY = re.compile(rf"(?=[\dadfjmnosty])(?P<date>{_DATE_CORE}{_TIME}|{_RELATIVE})", re.IGNORECASE)
_COMMA_YEAR = re.compile(r"(\d),(\d{4})")
# The longest date expression parse_date looks at. Real ones are short ("Tuesday, 19 January 2024
# 14:32:05 GMT+02:00" is 43); dateparser's time grows fast with length (a 1 MB field took a minute).
MAX_DATE_CHARS = 120
# A year a news date can carry ("2024", "1987"), or the two-digit year of a numeric date ("1/19/24").
_HAS_YEAR = re.compile(r"\b(?:1[89]|2[01])\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")
# A bare number is a Unix timestamp only with 9 to 11 digits (1973 to 5138); "5" or "2024" is no date.
_BARE_NUMBER = re.compile(r"\d+")
_TIMESTAMP = re.compile(r"\d{9,11}")


@functools.lru_cache(maxsize=1)
def _dateparser() -> Any:
    # dateparser costs ~0.5 s to import: only pay it when a date line needs it.
    import dateparser

    return dateparser


def parse_date(text: str, base: dt.datetime | None = None) -> dt.date | None:
    """Parse one date expression (no surrounding prose). None when it is not a date, or when it is
    longer than ``MAX_DATE_CHARS``.

    An expression without a year ("Jan 5", "Friday", "3 hours ago") only names a day relative to when
    the page was read: it needs ``base`` and resolves to the latest such day not after it. A bare
    number is a date only as a Unix timestamp (9 to 11 digits), so "5" and "2024" give None."""
    text = text.strip()
    if len(text) > MAX_DATE_CHARS:
        return None
    text = _COMMA_YEAR.sub(r"\1, \2", text)
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    if _BARE_NUMBER.fullmatch(text) and not _TIMESTAMP.fullmatch(text):
        return None
    anchored = _TIMESTAMP.fullmatch(text) is not None or _HAS_YEAR.search(text) is not None
    if not anchored and base is None:
        return None
    settings: dict[str, Any] = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base.replace(tzinfo=None)
        settings["PREFER_DATES_FROM"] = "past"
    try:
        parsed = _dateparser().parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, RecursionError) as exc:
        log.debug("dateparser failed on %r: %s", text, exc)
        return None
    return parsed.date() if parsed is not None else None


def _short_line(line: str) -> str | None:
    r"""``line`` with its runs of whitespace made single spaces, or None when it is too long (over 120
    characters) to be a date line. (On a run of spaces the prefix's adjacent ``\s*`` tried every way
    of splitting it: cubic.)"""
    return " ".join(line.split()) if len(line) <= 120 else None


def find_date(line: str, base: dt.datetime | None = None) -> dt.date | None:
    """The date of a line that is nothing but a (prefixed) date, else None."""
    short = _short_line(line)
    if short is None:
        return None
    line = short
    m = _DATE_LINE.match(line)
    if m is not None:
        return parse_date(m.group("date"), base)
    if is_date_line(line):
        # "Published January 19,2024 | Updated January 20,2024": the first date is the publication.
        first = _DATE_ANY.search(line)
        return parse_date(first.group("date"), base) if first else None
    return None


def is_date_line(line: str) -> bool:
    """True for a line that is a date line, even one holding two dates ("Published ... | Updated ...")."""
    short = _short_line(line)
    if short is None:
        return False
    line = short
    if _DATE_LINE.match(line):
        return True
    if not _DATE_ANY.search(line):  # most lines: no date at all, so no need to strip one
        return False
    rest = _DATE_ANY.sub("", line)
    rest = re.sub(r"\b(first\s+)?(published|updated|last|posted|modified|on|at|date)\b", "", rest, flags=re.I)
    return not re.search(r"[A-Za-z]{3,}", rest)
