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

from kb.core.dates import iso_date, not_in_future, today, uk_date

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
        return not_in_future(iso_date(v))  # the one "not after today" rule

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


def english_marker(lang: str | None):
    """For text written in English inside a *lang* page: a function that wraps
    an (escaped) English value in ``<span lang="en">``, so screen readers read
    it in English. None for English pages, and for right-to-left pages, where
    kb/i18n/translations.py marks every Latin-script run in the page itself
    (``lang="en" dir="ltr"``, joined into whole phrases)."""
    from kb.core.ui_text import DEFAULT_LANGUAGE, text_direction

    if not lang or lang == DEFAULT_LANGUAGE or text_direction(lang) == "rtl":
        return None
    return lambda text: f'<span lang="en">{text}</span>' if text else text


def sentence(check: Check, subject: Subject, t, fmt=uk_date, value=None) -> str:
    """The plain-words line for *check*, for example under a footnote.

    *t(key)* gives interface text (``ui-text.yml``, keys ``prov_*``) in the
    page's language and *fmt* formats a date in it. What was compared and
    the role stay as the editor wrote them, in English: *value(text)*, if
    given, is applied to each of them (to escape and mark them as English,
    :func:`english_marker`; the caller then escapes what *t* and *fmt* give).
    """
    m = check.method
    value = value or (lambda text: text)
    parts = {"what": value(check.compared or ""), "by": value(check.by or ""),
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


# --- What is unchecked or overdue (make review) -----------------------------

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    """One record of how something was checked, with where it lives."""

    subject: Subject
    name: str          # source key, or contact id and service
    file: str
    line: int | None
    check: Check

    @property
    def unchecked(self) -> bool:
        return not self.check.done

    def due(self, on: dt.date | None = None) -> bool:
        return self.unchecked or overdue(self.check, self.subject, on)


def items(registry, registry_file: str, contacts, contacts_file: str, contact_line) -> list[Item]:
    """Every source, quote and contact record. *contact_line(gi, ci)* gives a contact's line."""
    out = []
    for key, src in registry.sources.items():
        line = registry.lines.get(key)
        out.append(Item("source", key, registry_file, line, src.checked))
        if src.quote_checked is not None:
            out.append(Item("quote", key, registry_file, line, src.quote_checked))
    if contacts is not None:
        for gi, group in enumerate(contacts.groups):
            for ci, c in enumerate(group.contacts):
                out.append(Item("contact", f"{c.id} ({c.service})", contacts_file,
                                contact_line(gi, ci), c.checked))
    return out


def due_items(all_items: list[Item], on: dt.date | None = None) -> list[Item]:
    """Unchecked records first (in file order), then overdue checks, oldest first."""
    unchecked = [i for i in all_items if i.unchecked]
    late = sorted((i for i in all_items if not i.unchecked and i.due(on)),
                  key=lambda i: i.check.when)
    return unchecked + late


def items_table(due: list[Item], t, fmt=uk_date) -> str:
    rows = [("What", "Name", "Where", "How it was last checked")]
    for i in due:
        where = f"{i.file}:{i.line}" if i.line else i.file
        rows.append((i.subject, i.name, where, sentence(i.check, i.subject, t, fmt)))
    widths = [max(len(r[c]) for r in rows) for c in range(3)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r[:3], widths)) + "  " + r[3] for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 23)
    return "\n".join(lines) + "\n"


def items_csv(due: list[Item], t) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["subject", "name", "file", "line", "method", "compared", "by", "when",
                     "says"])
    for i in due:
        r = as_record(i.check)
        writer.writerow([i.subject, i.name, i.file, i.line or "", r["method"], r["compared"] or "",
                         r["by"] or "", r["when"] or "", sentence(i.check, i.subject, t)])
    return buf.getvalue()
