"""ingest.dates: date lines are recognised, body sentences that mention a date are not."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.ingest.dates import find_date, is_date_line, parse_date

BASE = dt.datetime(2024, 1, 20, 12, 0)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published January 19,2024", dt.date(2024, 1, 19)),
        ("Published January 19, 2024", dt.date(2024, 1, 19)),
        ("Updated: 19 Jan 2024", dt.date(2024, 1, 19)),
        ("2024-01-19", dt.date(2024, 1, 19)),
        ("2024-01-19T08:15:00Z", dt.date(2024, 1, 19)),
        ("Friday, January 19, 2024 at 10:30 am EST", dt.date(2024, 1, 19)),
        ("Posted on March 3rd, 2023", dt.date(2023, 3, 3)),
        ("  first published on 5 March 2024.  ", dt.date(2024, 3, 5)),
    ],
)
def test_find_date_on_date_lines(line, expected):
    assert find_date(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The ministers met on January 19, 2024 to discuss the border crossings.",
        "Freedonia and Sylvania signed a treaty.",
        "",
        "2024",
        "January 2024 was a bad month for the economy of the region as a whole",
        "Published " + "x" * 200,
    ],
)
def test_find_date_rejects_prose(line):
    assert find_date(line) is None


def test_relative_dates_need_a_base():
    assert find_date("Updated 3 hours ago") is None
    assert find_date("Updated 3 hours ago", BASE) == dt.date(2024, 1, 20)
    assert find_date("yesterday", BASE) == dt.date(2024, 1, 19)
    assert find_date("Updated 2 days ago", BASE) == dt.date(2024, 1, 18)


def test_parse_date_iso_and_invalid():
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_date("2024-02-30") is None  # impossible ISO date: no guess
    assert parse_date("2023-12-31T23:59:59+05:00") == dt.date(2023, 12, 31)
    assert parse_date("not a date at all") is None
    assert parse_date("today") is None  # relative without base


def test_parse_date_comma_year():
    assert parse_date("March 5,2024") == dt.date(2024, 3, 5)


def test_is_date_line_with_two_dates():
    assert is_date_line("Published January 19,2024 | Updated January 20,2024")
    assert is_date_line("Published 2024-01-19")
    assert not is_date_line("On January 19, 2024 the army of Sylvania crossed the river.")
    assert not is_date_line("x" * 121)


def test_find_date_on_published_updated_line():
    assert find_date("Published January 19,2024 | Updated January 20,2024") == dt.date(2024, 1, 19)


@pytest.mark.parametrize("text", ["5", "19", "2024", "12345", "Friday", "Jan 5", "12:30", "5 January"])
def test_no_year_and_no_base_is_no_date(text):
    # dateparser would fill the missing parts from today ("5" became 1 May of the current year).
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 5", dt.date(2024, 1, 5)),
        ("Dec 30", dt.date(2023, 12, 30)),  # the latest 30 December not after the base
        ("Friday", dt.date(2024, 1, 19)),
        ("2024", None),  # a year alone names no day, base or not
    ],
)
def test_yearless_dates_resolve_against_the_base_into_the_past(text, expected):
    assert parse_date(text, BASE) == expected


def test_unix_timestamps_and_two_digit_numeric_years():
    assert parse_date("1705660800") == dt.date(2024, 1, 19)
    assert parse_date("01/19/24") == dt.date(2024, 1, 19)
