"""Dates as the site writes them: GOV.UK style, no leading zero."""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any, Mapping


def uk_date(value: Any) -> str:
    """Write a date the GOV.UK way.

    A date or "2026-11-21" gives "21 November 2026"; "2018-04" gives
    "April 2018"; "2000" stays "2000". Anything else is returned as text,
    unchanged, so a renderer never crashes on an unexpected value.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    text = "" if value is None else str(value).strip()
    try:
        if len(text) == 10:
            return uk_date(dt.date.fromisoformat(text))
        if len(text) == 7:
            return f"{dt.date.fromisoformat(text + '-01'):%B %Y}"
    except ValueError:
        pass
    return text


def local_date(value: dt.date, lang: str) -> str:
    """21 November 2026 / 21 listopada 2026 / 21 نوفمبر 2026."""
    if lang == "en":
        return uk_date(value)
    from babel.dates import format_date
    return format_date(value, format="d MMMM y", locale=lang)


def iso_date(value: Any) -> dt.date:
    """Accept a YAML date or "YYYY-MM-DD" text; anything else is a ValueError.

    Used by the schemas (front matter, sources, contacts) so every date field
    gives editors the same message. An impossible date (2026-02-30, month 13)
    is text by then (kb/core/yamltext.py keeps it as written) and is named as
    not a real date.
    """
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date without a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value.strip()} is not a real date (check the month "
                             "and the day)") from None
    if isinstance(value, str) and _ISO_TIME.fullmatch(value.strip()):
        raise ValueError("must be a date without a time")
    raise ValueError("must be a date written as YYYY-MM-DD")


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{4}-\d{1,2}-\d{1,2}([Tt ]|[ \t]+)\d{1,2}:\d{2}.*")


def today(env: Mapping[str, str] | None = None) -> dt.date:
    """The project's "today": KB_TODAY=YYYY-MM-DD if set (tests, what-if
    builds), else the date."""
    value = (env if env is not None else os.environ).get("KB_TODAY")
    if value:
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    return dt.date.today()


def not_in_future(value: dt.date, now: dt.date | None = None) -> dt.date:
    """*value* if it is not after today; else a ValueError in plain words.

    For dates that record when something was done (a page's
    `last_reviewed`, a check's `when`, an approval):
    call it from the field's validator, after the value is a date.
    """
    now = now or latest_day()
    if value > now:
        raise ValueError(f"{value.isoformat()} is in the future (today is {uk_date(now)}): "
                         "write the date it was really done")
    return value


def past_date(value: Any) -> dt.date:
    """`iso_date` and `not_in_future` in one: the validator for "done on" dates."""
    return not_in_future(iso_date(value))


def as_date(value: Any) -> dt.date | None:
    """A date from a YAML date or "YYYY-MM-DD" text; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def latest_day(env: Mapping[str, str] | None = None) -> dt.date:
    """The last day a past event (a check, an approval) can have happened on.

    The later of the real date and KB_TODAY: a what-if build set in the past
    must still accept data entered since, and one set in the future accepts
    dates up to that day.
    """
    return max(today(env), dt.date.today())
