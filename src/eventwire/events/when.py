"""When an event happened: the article date, moved by a relative expression in the event's sentence.

``event_date(sentence, published)`` returns ``(date, reason)``. Handled: weekday names ("on Friday":
the latest such day on or before the article date), "yesterday"/"today"/"tonight", "last week/month/
year" (start of that period), "N days/weeks ago", a month and day ("on March 3"), a bare year
("in 2014": 1 January of that year, reason says year only). Without an article date only absolute
expressions give a date.
"""

from __future__ import annotations

import datetime as dt
import re

# The names of the weekdays and months, in calendar order (also the time words of events.lexicon and
# events.where).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_WEEKDAY = re.compile(r"\b(?:on|last|this|late on|early on)\s+(" + "|".join(WEEKDAYS) + r")\b", re.I)
_AGO = re.compile(r"\b(\d+|a|one|two|three|four|five|six|seven)\s+(day|week|month|year)s?\s+ago\b", re.I)
_LAST = re.compile(r"\blast\s+(week|month|year)\b", re.I)
_MONTH_DAY = re.compile(r"\bon\s+(" + "|".join(MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.I)
_YEAR = re.compile(r"\bin\s+((?:19|20)\d{2})\b")
_NUM = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def event_date(sentence: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    """(date, reason) for an event stated in ``sentence`` of an article published on ``published``."""
    m = _MONTH_DAY.search(sentence)
    if m:
        month = MONTHS.index(m.group(1).lower()) + 1
        year = int(m.group(3)) if m.group(3) else (published.year if published else None)
        if year is not None:
            try:
                d = dt.date(year, month, int(m.group(2)))
            except ValueError:
                d = None
            if d is not None:
                if published and not m.group(3) and d > published:
                    d = d.replace(year=d.year - 1)
                return d, f"'{m.group(0)}'"
    if published is None:
        y = _YEAR.search(sentence)
        if y:
            return dt.date(int(y.group(1)), 1, 1), f"'{y.group(0)}' (year only)"
        return None, "no article date"
    m = _WEEKDAY.search(sentence)
    if m:
        target = WEEKDAYS.index(m.group(1).lower())
        back = (published.weekday() - target) % 7
        return published - dt.timedelta(days=back), f"'{m.group(0)}' before article date"
    low = sentence.lower()
    if re.search(r"\byesterday\b", low):
        return published - dt.timedelta(days=1), "'yesterday'"
    m = _AGO.search(sentence)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUM[m.group(1).lower()]
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[m.group(2).lower()] * n
        return published - dt.timedelta(days=days), f"'{m.group(0)}'"
    m = _LAST.search(sentence)
    if m:
        unit = m.group(1).lower()
        if unit == "week":
            d = published - dt.timedelta(days=published.weekday() + 7)
        elif unit == "month":
            d = (published.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        else:
            d = dt.date(published.year - 1, 1, 1)
        return d, f"'{m.group(0)}' (start of period)"
    y = _YEAR.search(sentence)
    if y and int(y.group(1)) != published.year:
        return dt.date(int(y.group(1)), 1, 1), f"'{y.group(0)}' (year only)"
    return published, "article date"
