"""Phone numbers: premium-rate prefixes, shared numbers, and numbers typed into pages.

Pure functions, used by kb/data/contacts.py (the data file) and kb/checks/content.py
(every page):

- `premium_kind(number)` names a prefix that costs callers more or does not
  reach a public service directly (09, 0871-0873, 070, 118), or None.
- `shared_numbers(contacts)` pairs contacts that give the same number.
- `check_page_numbers(file, body, body_line, numbers)` finds UK phone numbers
  typed into a page (outside code, links' addresses and HTML tags). Only
  phone-shaped numbers count: 0 and then 9 or 10 more digits (in groups
  separated by single spaces or hyphens, an area code perhaps in brackets),
  +44 forms, and 0800 1111. 999, 101, years, dates and chapter numbers do not.
"""

from __future__ import annotations

import re
from typing import Iterable

from kb.core.errors import ContentError
from kb.core.mdtext import mask_code
from kb.core.messages import error

PREMIUM = (("09", "premium-rate (09)"), ("0871", "service-charge (0871)"),
           ("0872", "service-charge (0872)"), ("0873", "service-charge (0873)"),
           ("070", "personal (070)"), ("118", "directory enquiries (118)"))


def digits(number: str) -> str:
    """The digits of a UK number, national form: +44 (0)300 ... -> 0300..."""
    d = re.sub(r"\D", "", number)
    if number.lstrip().startswith("+44"):
        d = "0" + d[2:].removeprefix("0")
    return d


def premium_kind(number: str) -> str | None:
    d = digits(number)
    return next((kind for prefix, kind in PREMIUM if d.startswith(prefix)), None)


def shared_numbers(contacts: Iterable[tuple[str, str | None]]) -> list[tuple[int, int]]:
    """(first, later) positions of contacts that give the same number."""
    first: dict[str, int] = {}
    pairs = []
    for i, (_, number) in enumerate(contacts):
        if not number:
            continue
        d = digits(number)
        if d in first:
            pairs.append((first[d], i))
        else:
            first[d] = i
    return pairs


# A run of digit groups that may be a phone number; checked by digit count below.
_CANDIDATE = re.compile(
    r"(?<![\w+./:#=%&-])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(0|0)\d+\)?(?:[ -]\(?\d+\)?)*(?![\w/@.-]\w)")
_LINK_DEST = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+|<!--.*?-->|<[^>]*>")


def _phone(candidate: str) -> str | None:
    """The phone number at the start of *candidate*, dropping groups after it."""
    ends = [m.start() for m in re.finditer(r"(?<=[\d)])[ -](?=[\d(])", candidate)]
    for end in reversed(ends + [len(candidate)]):
        text = candidate[:end]
        d = digits(text)
        if d == "08001111" or (len(d) in (10, 11) and d[1] != "0"):
            return text
    return None


def find_numbers(line: str) -> list[str]:
    """UK phone numbers written in one line of Markdown text."""
    line = _LINK_DEST.sub(lambda m: " " * len(m.group(0)), line)
    found = []
    for m in _CANDIDATE.finditer(line):
        if (number := _phone(m.group(0))):
            found.append(number)
    return found


def check_page_numbers(file: str, body: str, body_line: int,
                       numbers: dict[str, str] | None) -> list[ContentError]:
    """A phone number typed into a page, instead of coming from contacts.yml.

    *numbers* maps a number's digits to the id of the contact that has it.
    """
    numbers = numbers or {}
    errors = []
    for n, line in enumerate(mask_code(body).split("\n"), start=body_line):
        if not re.search(r"\d{3}", line.replace(" ", "")):
            continue
        for number in find_numbers(line):
            cid = numbers.get(digits(number))
            if cid:
                errors.append(error("phone-in-page", file, n, number=number, id=cid))
            else:
                errors.append(error("phone-unknown", file, n, number=number))
    return errors
