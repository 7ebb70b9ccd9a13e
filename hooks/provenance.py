"""Provenance: how a source, a contact or a quoted definition was last checked.

Every entry in ``sources.yml`` and ``contacts.yml`` has a ``checked:``
mapping, and every source with ``quotes`` has a ``quote_checked:`` mapping.
The site's wording comes only from this record, so it cannot claim more than
happened::

    checked:
      method: stored-copy            # see METHODS
      compared: the GOV.UK publication page   # what was compared
      copy_date: 2026-10-02          # stored-copy only, when known
      by: knowledge base editor      # a role, never a person's name
      when: 2026-12-01               # when the comparison was made

    checked:
      method: not-checked            # nothing has been compared yet

A date without a method is an error (``method`` is required), and so is a
method without the role and the date. Dates may not be in the future.

Pure functions; no MkDocs. ``sentence(check, what)`` gives the plain English
line the site, the posters and ``make review`` show.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hooks.dates import iso_date, today, uk_date

METHODS = {
    "not-checked": "nothing has been compared yet",
    "original": "compared with the original document (say which page or paragraph)",
    "web-page": "compared with the live public web page",
    "stored-copy": "compared with a stored copy of a page (give the copy's date if known)",
    "quoted-by": "for a quote: the wording is another organisation's quotation, "
                 "not yet compared with the original",
    "phone-call": "for a contact: confirmed by ringing the service",
}
Method = Literal["not-checked", "original", "web-page", "stored-copy", "quoted-by", "phone-call"]

# What a record is about: the words differ for each.
Subject = Literal["source", "contact", "quote"]

# Checks older than this are overdue for a new check (make review).
RECHECK_MONTHS = {"source": 12, "contact": 6, "quote": 12}

HINT = ("Write `checked:` with `method:` (one of " + ", ".join(METHODS) + "). "
        "Unless the method is not-checked, also write `compared:` (what you compared), "
        "`by:` (your role, never a name) and `when:` (the date, YYYY-MM-DD).")


class Check(BaseModel):
    """How an entry was last checked, or that it has not been."""

    model_config = ConfigDict(extra="forbid")

    method: Method
    compared: Optional[str] = Field(default=None, min_length=1)
    copy_date: Optional[dt.date] = None
    by: Optional[str] = Field(default=None, min_length=1)
    when: Optional[dt.date] = None

    @field_validator("when", "copy_date", mode="before")
    @classmethod
    def _date(cls, v):
        if v is None:
            return None
        day = iso_date(v)
        if day > today():
            raise ValueError("is in the future; write the date the check was made")
        return day

    @model_validator(mode="after")
    def _complete(self):
        if self.method == "not-checked":
            if self.when or self.by or self.compared or self.copy_date:
                raise ValueError(
                    "says not-checked but also gives a date, a role or what was compared; "
                    "either name the method used or remove those lines")
            return self
        missing = [n for n in ("compared", "by", "when") if getattr(self, n) is None]
        if missing:
            raise ValueError(f"method {self.method} needs " + " and ".join(
                f"`{n}`" for n in missing) + " as well")
        if self.copy_date and self.method != "stored-copy":
            raise ValueError("`copy_date` is only for method stored-copy")
        return self

    @property
    def done(self) -> bool:
        """True when something was compared (a quotation by others does not count)."""
        return self.method not in ("not-checked", "quoted-by")

    @property
    def confirmed_with_service(self) -> bool:
        return self.method == "phone-call"


def _day(value: dt.date | None, fmt) -> str:
    return fmt(value) if value else ""


def sentence(check: Check, subject: Subject, t, fmt=uk_date) -> str:
    """The plain-words line for *check*, for example under a footnote.

    *t(key)* gives interface text (``ui-text.yml``, keys ``prov_*``) in the
    page's language and *fmt* formats a date in it. What was compared and
    the role stay as the editor wrote them.
    """
    m = check.method
    parts = {"what": check.compared or "", "by": check.by or "",
             "on": _day(check.when, fmt), "copy": _day(check.copy_date, fmt)}
    if m == "not-checked":
        return t(f"prov_{subject}_not_checked")
    if m in ("quoted-by", "phone-call"):
        return t(f"prov_{m.replace('-', '_')}").format(**parts)
    if m == "stored-copy":
        key = "prov_stored_copy_dated" if check.copy_date else "prov_stored_copy"
    else:  # original, web-page
        key = "prov_compared"
    text = t(key).format(**parts)
    if subject == "contact":
        text += " " + t("prov_contact_not_checked")
    return text


def overdue(check: Check, subject: Subject, on: dt.date | None = None) -> bool:
    """True when the check is older than RECHECK_MONTHS (never for not-checked)."""
    if check.when is None:
        return False
    from dateutil.relativedelta import relativedelta
    return check.when + relativedelta(months=RECHECK_MONTHS[subject]) < (on or today())


def as_record(check: Check) -> dict:
    """JSON-ready fields for open data and reports."""
    return {
        "method": check.method,
        "compared": check.compared,
        "copy_date": check.copy_date.isoformat() if check.copy_date else None,
        "by": check.by,
        "when": check.when.isoformat() if check.when else None,
    }
