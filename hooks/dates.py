"""Dates as the site writes them: GOV.UK style, no leading zero."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any


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

    Used by the schemas (front matter, sources) so every date field gives
    editors the same message.
    """
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date without a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("must be a date written as YYYY-MM-DD")


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


def today(env: dict[str, str] | None = None) -> dt.date:
    """The build's 'today': KB_TODAY if set (for tests and what-if builds), else the date."""
    value = (env if env is not None else os.environ).get("KB_TODAY")
    return (as_date(value) if value else None) or dt.date.today()
