"""One date formatter for the whole site."""

import datetime as dt

import pytest

from kb.core.dates import local_date, uk_date


@pytest.mark.parametrize("value, expected", [
    (dt.date(2026, 11, 1), "1 November 2026"),
    (dt.datetime(2017, 2, 16, 9, 30), "16 February 2017"),
    ("2017-02-16", "16 February 2017"),
    ("2018-04", "April 2018"),
    ("2000", "2000"),
    ("not a date", "not a date"),
    ("2026-13-01", "2026-13-01"),
    (None, ""),
])
def test_uk_date(value, expected):
    assert uk_date(value) == expected


def test_local_date_in_each_language():
    day = dt.date(2026, 11, 21)
    assert local_date(day, "en") == "21 November 2026"
    assert local_date(day, "pl") == "21 listopada 2026"
    assert "2026" in local_date(day, "ar") and "November" not in local_date(day, "ar")
