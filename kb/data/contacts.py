"""Contacts: validate docs/_data/contacts.yml and render the contacts markers.

Markers (a line holding only the comment):
    <!-- kb:contacts -->    every contact group as an accessible table
    <!-- kb:emergency -->   the "If a child is in immediate danger, call 999" callout

A number is never guessed: `number` is either a UK phone number written with
digits and single spaces, or null with status `to-be-confirmed` (or a note).
`status: published` means the number is given as its source publishes it; it
says nothing about a call to the service (that is `checked`). The old value
`confirmed` was renamed to `published` and gives its own error.

Other consumers (posters, open data) call `get_contacts()` or
`contacts_records()`.
"""

from __future__ import annotations

from kb.core.paths import CONTACTS_FILE  # noqa: F401 (written once, in kb/core/paths.py)
import dataclasses
import re
import pathlib
from typing import Any


from kb.data.datafile import (ROOT, escape_cell, load_yaml, repeated,
                             require, validate)
from kb.data.load import load_data_file
from kb.core.dates import past_date, uk_date  # noqa: F401  (uk_date re-exported)
from kb.core.errors import ContentError
from kb.core.mdtext import md_attr, md_text
from kb.model.provenance import as_record, english_marker, sentence
from kb.model.contacts import is_uk_number, SourceRef, Contact, Group, ContactsData  # noqa: F401 (the schemas live in kb/model)

MARKERS = {"contacts", "emergency"}
TBC_LABEL = "To be confirmed"


NUMBER_FIX = ("Copy the number exactly as the source shows it, using digits and "
              "single spaces only (for example 0300 555 1384). If the number is "
              "not known or sources disagree, write `number: null`, set "
              "`status: to-be-confirmed` and explain in `note`. Never guess.")


def tel_uri(number: str) -> str:
    """`tel:` URI for a UK number: 0300 555 1384 -> tel:+443005551384; 101 -> tel:101."""
    digits = number.replace(" ", "")
    if digits.startswith("0"):
        return "tel:+44" + digits[1:]
    return "tel:" + digits


# --- Loading and checking -------------------------------------------------

OLD_STATUS = "confirmed"   # renamed `published` (issue 14 review, point 3)


def renamed_status_errors(raw: Any, locate, file: str) -> list[ContentError]:
    """One `contact-status-renamed` error for each contact still written with
    the old `status: confirmed`."""
    from kb.core.messages import error

    out = []
    groups = raw.get("groups") if isinstance(raw, dict) else None
    for gi, group in enumerate(groups if isinstance(groups, list) else []):
        contacts = group.get("contacts") if isinstance(group, dict) else None
        for ci, contact in enumerate(contacts if isinstance(contacts, list) else []):
            if isinstance(contact, dict) and contact.get("status") == OLD_STATUS:
                out.append(error("contact-status-renamed", file,
                                 locate(("groups", gi, "contacts", ci, "status")),
                                 id=contact.get("id", f"number {ci + 1}")))
    return out


def load_contacts(text: str, file: str = CONTACTS_FILE,
                  source_keys: set[str] | None = None
                  ) -> tuple[ContactsData | None, list[ContentError]]:
    """Parse and validate contacts YAML. Checks source keys if *source_keys* is given."""
    raw, locate, errors = load_yaml(text, file)
    if errors:
        return None, errors
    renamed = renamed_status_errors(raw, locate, file)
    data, errors = validate(ContactsData, raw, locate, file, NUMBER_FIX_OR_SCHEMA, "contacts")
    # The old value `confirmed` gets its own message, not pydantic's list of values.
    if renamed:
        errors = renamed + [e for e in errors if e.loc[-1:] != ("status",)]
    # Make number errors carry the number-specific fix.
    errors = [e if e.loc[-1:] != ("number",) else dataclasses.replace(e, fix=NUMBER_FIX)
              for e in errors]
    if data is None:
        return None, errors
    every = [(gi, ci, c) for gi, g in enumerate(data.groups) for ci, c in enumerate(g.contacts)]
    for i, _ in repeated(c.id for _, _, c in every):
        gi, ci, contact = every[i]
        errors.append(ContentError(
            file, locate(("groups", gi, "contacts", ci, "id")),
            f"contact id '{contact.id}' is used twice",
            "Give every contact its own id.", code="contacts"))
    for gi, group in enumerate(data.groups):
        for ci, contact in enumerate(group.contacts):
            where = ("groups", gi, "contacts", ci)
            if source_keys is not None and isinstance(contact.source, str) \
                    and contact.source not in source_keys:
                errors.append(ContentError(
                    file, locate(where + ("source",)),
                    f"unknown source key '{contact.source}' for contact '{contact.id}'",
                    "Use a key listed in docs/_data/sources.yml, or add the source "
                    "there first.", code="contacts"))
    errors += check_numbers(data, locate, file)
    for gi, _ in repeated(g.id for g in data.groups):
        errors.append(ContentError(file, locate(("groups", gi, "id")),
                                   f"group id '{data.groups[gi].id}' is used twice",
                                   "Give every group its own id.", code="contacts"))
    return data, errors


def check_numbers(data: ContactsData, locate, file: str = CONTACTS_FILE) -> list[ContentError]:
    """Premium-rate numbers without a reason, and one number under two services."""
    from kb.core.messages import error
    from kb.core.phones import premium_kind, shared_numbers

    every = [(("groups", gi, "contacts", ci), c)
             for gi, g in enumerate(data.groups) for ci, c in enumerate(g.contacts)]
    ids = {c.id: (where, c) for where, c in every}
    errors = []
    for where, c in every:
        kind = premium_kind(c.number) if c.number else None
        if kind and not c.premium_reason:
            errors.append(error("contact-premium", file, locate(where + ("number",)),
                                id=c.id, number=c.number, kind=kind))
        for i, other in enumerate(c.shared_with):
            problem = None
            if other not in ids or other == c.id:
                problem = "but there is no other contact with that id"
            elif ids[other][1].number != c.number:
                problem = "but its number is different"
            if problem:
                errors.append(error("contact-shared-unknown", file,
                                    locate(where + ("shared_with", i)),
                                    id=c.id, other=other, problem=problem))
    for a, b in shared_numbers((c.id, c.number) for _, c in every):
        (wa, ca), (wb, cb) = every[a], every[b]
        if cb.id in ca.shared_with and ca.id in cb.shared_with:
            continue
        errors.append(error("contact-number-shared", file, locate(wb + ("number",)),
                            number=cb.number, id=cb.id, other=ca.id,
                            other_line=locate(wa + ("number",))))
    return errors


NUMBER_FIX_OR_SCHEMA = ("Compare the entry with the format in DEVELOPING.md and "
                        "docs/_data/contacts.yml: each contact has id, service, number, "
                        "status, source and checked (how the number was checked).")


def _source_info(source: Any, sources: dict[str, dict]) -> tuple[str, str | None, str | None]:
    """(title, url, key) of a contact's source."""
    if isinstance(source, SourceRef):
        return source.title, source.url, None
    entry = sources.get(source, {})
    return entry.get("title", source), entry.get("url"), source


def contacts_records(data: ContactsData, sources: dict[str, dict] | None = None) -> list[dict]:
    """Flat, JSON-ready list of every contact, for posters and open data."""
    sources = sources or {}
    out = []
    for group in data.groups:
        for c in group.contacts:
            title, url, key = _source_info(c.source, sources)
            out.append({
                "group": group.id, "group_title": group.title, "id": c.id,
                "service": c.service, "number": c.number,
                "tel": tel_uri(c.number) if c.number else None,
                "hours": c.hours, "audience": c.audience, "note": c.note,
                "status": c.status, "to_be_confirmed": c.status == "to-be-confirmed",
                "source_key": key, "source_title": title, "source_url": url,
                "checked": as_record(c.checked),
                "confirmed_with_service": c.checked.confirmed_with_service,
            })
    return out


def get_contacts(root: pathlib.Path = ROOT) -> ContactsData:
    """Load the real contacts file; raise ContentErrors if it is invalid."""
    return require(load_data_file(root, CONTACTS_FILE, load_contacts))


def contact_numbers(root: pathlib.Path = ROOT) -> dict[str, str]:
    """A number's digits -> the id of its contact, for the check on pages.

    {} if the file is missing or cannot be read: its own errors are reported
    by `check_file` and `on_pre_build`.
    """
    from kb.core.phones import digits

    try:
        data, _ = load_data_file(root, CONTACTS_FILE, load_contacts, required=False, keys=set())
    except Exception:  # reported where the file itself is checked
        return {}
    if data is None:
        return {}
    return {digits(c.number): c.id for g in data.groups for c in g.contacts if c.number}


def check_file(root: pathlib.Path = ROOT) -> list[ContentError]:
    """Every problem in the contacts file (for scripts/check_content.py). [] if absent."""
    return load_data_file(root, CONTACTS_FILE, load_contacts, required=False)[1]


# --- Rendering -------------------------------------------------------------

def _labels(lang: str, t):
    """*t(key)* for interface text in *lang* (ui-text.yml), unless given."""
    if t is not None:
        return t
    from kb.core.ui_text import ui_text
    return lambda key: ui_text(key, lang)


def _in_english(cell: str, lang: str) -> str:
    """Mark English text (a source title) inside a translated page as English, LTR."""
    if lang == "en" or not cell:
        return cell
    if cell.startswith("[") and cell.endswith(")"):
        return cell + '{ lang="en" dir="ltr" }'
    return f'<span lang="en" dir="ltr">{cell}</span>'


def _number_cell(c: Contact, tbc: str = TBC_LABEL) -> str:
    tbc = escape_cell(tbc)
    if c.number is None:
        return f"**{tbc}**"
    link = f"[{c.number}]({tel_uri(c.number)})"
    return link + (f" **({tbc.lower()})**" if c.status == "to-be-confirmed" else "")


def _source_cell(c: Contact, sources: dict[str, dict]) -> str:
    title, url, _ = _source_info(c.source, sources)
    title = escape_cell(title).replace("[", "\\[").replace("]", "\\]")
    return f"[{title}]({url})" if url else title


def render_group(group: Group, sources: dict[str, dict], level: int = 2,
                 lang: str = "en", t=None) -> str:
    """One group: heading, optional intro, table, and a to-be-confirmed notice.

    Labels come from ui-text.yml in *lang*; numbers are always exactly as in
    contacts.yml (a translated page passes data localised by hooks/i18n_data).
    """
    from kb.core.dates import local_date

    t = _labels(lang, t)
    tbc_label = t("contacts_tbc")
    audience = {"public": t("audience_public"), "professionals": t("audience_professionals"),
                "all": t("audience_all")}

    def note_cell(c: Contact) -> str:
        if c.status == "to-be-confirmed":
            return escape_cell(t("contacts_see_tbc"))
        return escape_cell(c.note or "")

    cols = [(t("contacts_service"), lambda c: escape_cell(c.service)),
            (t("contacts_phone"), lambda c: _number_cell(c, tbc_label))]
    if any(c.hours for c in group.contacts):
        cols.append((t("contacts_when"), lambda c: escape_cell(c.hours or "")))
    if any(c.audience for c in group.contacts):
        cols.append((t("contacts_who"), lambda c: escape_cell(audience.get(c.audience or "", ""))))
    if any(c.note for c in group.contacts):
        cols.append((t("contacts_notes"), note_cell))
    cols.append((t("source_label"), lambda c: _in_english(_source_cell(c, sources), lang)))
    mark = english_marker(lang)  # the English values, marked in a translated page
    if mark is None:
        cols.append((t("contacts_checked"),
                     lambda c: escape_cell(sentence(c.checked, "contact", t,
                                                    lambda d: local_date(d, lang)))))
    else:
        cols.append((t("contacts_checked"),
                     lambda c: " ".join(sentence(
                         c.checked, "contact", lambda key: escape_cell(t(key)),
                         lambda d: escape_cell(local_date(d, lang)),
                         lambda text: mark(escape_cell(text))).split())))

    out = [f"{'#' * level} {md_text(' '.join(group.title.split()))} {{ #{group.id} }}", ""]
    if group.intro:
        out += [md_text(group.intro.strip()), ""]
    out.append("| " + " | ".join(escape_cell(name) for name, _ in cols) + " |")
    out.append("|" + "|".join(" --- " for _ in cols) + "|")
    for c in group.contacts:
        out.append("| " + " | ".join(fn(c) for _, fn in cols) + " |")
    out.append("")
    tbc = [c for c in group.contacts if c.status == "to-be-confirmed"]
    if tbc:
        out += [f'!!! warning "{md_attr(tbc_label)}"', "", f"    {md_text(t('contacts_tbc_text'))}", ""]
        for c in tbc:
            out.append(f"    - **{escape_cell(c.service)}**: {escape_cell(c.note or '')}")
        out.append("")
    return "\n".join(out)


def render_contacts(data: ContactsData, sources: dict[str, dict], lang: str = "en", t=None) -> str:
    return "\n".join(render_group(g, sources, lang=lang, t=t) for g in data.groups)


def render_emergency(data: ContactsData | None, lang: str = "en", t=None) -> str:
    """The 999 callout. Falls back to the fixed wording if the data failed to load."""
    t = _labels(lang, t)
    text = md_text(" ".join((data.emergency if data else t("emergency_text")).split()))
    text = re.sub(r"\b999\b", "[999](tel:999)", text, count=1)
    return "\n".join([f'!!! danger "{md_attr(t("emergency_title"))}"', "", f"    **{text}**", ""])


class ContactsMarkers:
    """The contacts markers' group (kb/render/pipeline.py). *data* is None
    when the data file has errors, which are reported already."""

    owner = "kb/data/contacts.py"
    names = frozenset(MARKERS)

    def __init__(self, data: ContactsData | None, sources: dict[str, dict]) -> None:
        self.data, self.sources = data, sources

    def render(self, page, name: str, args: list[str], line: int):
        if args:
            return "", [ContentError(page.file, line,
                                     f"the kb:{name} marker takes no arguments",
                                     f"Write the line as <!-- kb:{name} -->.", code="marker")]
        if name == "emergency":
            return render_emergency(self.data), []
        if self.data is None:
            return "", []
        return render_contacts(self.data, self.sources), []
