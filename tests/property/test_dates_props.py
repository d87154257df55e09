"""find_date, parse_date and is_date_line never raise, whatever the string."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.ingest.dates import find_date, is_date_line, parse_date

SETTINGS = settings(max_examples=200, deadline=None)

PIECES = st.sampled_from([
    "Published", "Updated", "on", "at", ":", "|", ",", " ", "January", "Feb", "sept.", "19", "2024", "0",
    "31", "99999", "-", "/", ".", "ago", "hours", "3", "yesterday", "today", "T", "Z", "+05:00", "am", "EST",
    "Friday", "1st", "2nd", "\u00a0", "٣", "\x00",
])  # fmt: skip
datey = st.lists(PIECES, max_size=12).map("".join) | st.lists(PIECES, max_size=12).map(" ".join)
strings = st.text(max_size=200) | datey
bases = st.none() | st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1))


@SETTINGS
@given(strings, bases)
def test_find_date_never_raises(line, base):
    result = find_date(line, base)
    assert result is None or isinstance(result, dt.date)
    if len(line) > 120:
        assert result is None


@SETTINGS
@given(strings, bases)
def test_parse_date_never_raises(text, base):
    result = parse_date(text, base)
    assert result is None or isinstance(result, dt.date)


@SETTINGS
@given(strings)
def test_is_date_line_never_raises(line):
    assert isinstance(is_date_line(line), bool)


@SETTINGS
@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_iso_dates_parse_exactly(d):
    assert parse_date(d.isoformat()) == d
    assert find_date("Published " + d.isoformat()) == d
