"""Phone numbers (kb/core/phones.py, kb/data/contacts.py): premium-rate prefixes,
one number under two services, and numbers typed into pages (issue 15)."""

from __future__ import annotations

import textwrap

import pytest

from kb.data import contacts as c
from kb.checks.content import check_page
from kb.core.phones import check_page_numbers, digits, find_numbers, premium_kind
from kb.data.sources import Registry

FILE = "docs/_data/contacts.yml"


def contacts_yaml(*entries: str) -> str:
    body = "".join(textwrap.indent(textwrap.dedent(e), " " * 6) for e in entries)
    return ("emergency: If a child is in immediate danger, call 999.\n"
            "groups:\n  - id: local\n    title: Local\n    contacts:\n" + body)


def entry(cid: str, number: str, extra: str = "") -> str:
    return (f"- id: {cid}\n  service: Service {cid}\n  number: \"{number}\"\n{extra}"
            "  status: published\n  source: {title: Council page, url: \"https://example.org/p\"}\n"
            "  checked:\n    method: not-checked\n")


def load(text):
    return c.load_contacts(text, FILE, None)


# --- premium-rate and other non-public-service numbers ---------------------

@pytest.mark.parametrize("number,kind", [
    ("0906 123 4567", "premium-rate (09)"), ("0871 123 4567", "service-charge (0871)"),
    ("0872 123 4567", "service-charge (0872)"), ("0873 123 4567", "service-charge (0873)"),
    ("070 1234 5678", "personal (070)"), ("118 118", "directory enquiries (118)")])
def test_premium_prefixes_are_refused_with_the_line(number, kind):
    text = contacts_yaml(entry("ok", "0300 555 1384"), entry("paid", number))
    data, errors = load(text)
    assert [(e.code, e.line) for e in errors] == [("contact-premium", 15)]
    assert text.splitlines()[14].strip() == f'number: "{number}"'
    assert kind in errors[0].message and "`paid`" in errors[0].message
    assert "premium_reason:" in errors[0].fix


def test_premium_number_with_a_reason_is_accepted():
    data, errors = load(contacts_yaml(entry("paid", "0906 123 4567",
                                            "  premium_reason: The only line the service has.\n")))
    assert errors == [] and data.groups[0].contacts[0].premium_reason


@pytest.mark.parametrize("number", ["0300 555 1384", "0800 1111", "0808 800 5000",
                                    "0845 671 0271", "023 8083 2300", "07700 900123", "101"])
def test_public_service_numbers_are_not_premium(number):
    assert premium_kind(number) is None


# --- one number under two services ----------------------------------------

def test_one_number_under_two_services_is_a_warning_naming_both_lines():
    text = contacts_yaml(entry("a", "0300 555 1373"), entry("b", "0300 555 1373"))
    _, errors = load(text)
    (e,) = errors
    assert (e.code, e.severity, e.line) == ("contact-number-shared", "warning", 15)
    assert "`b`" in e.message and "`a` (line 8)" in e.message
    assert "shared_with: [a]" in e.fix and "shared_with: [b]" in e.fix


def test_shared_number_said_by_both_entries_passes():
    text = contacts_yaml(entry("a", "0300 555 1373", "  shared_with: [b]\n"),
                         entry("b", "0300 555 1373", "  shared_with: [a]\n"))
    assert load(text)[1] == []


def test_shared_number_said_by_one_entry_only_still_warns():
    text = contacts_yaml(entry("a", "0300 555 1373", "  shared_with: [b]\n"),
                         entry("b", "0300 555 1373"))
    assert [e.code for e in load(text)[1]] == ["contact-number-shared"]


def test_shared_with_an_unknown_or_different_contact_is_an_error():
    text = contacts_yaml(entry("a", "0300 555 1373", "  shared_with: [nobody]\n"),
                         entry("b", "0300 555 1384", "  shared_with: [a]\n"))
    errors = load(text)[1]
    assert [(e.code, e.line) for e in errors] == [("contact-shared-unknown", 9),
                                                  ("contact-shared-unknown", 17)]
    assert "no other contact" in errors[0].message and "different" in errors[1].message


def test_real_contacts_file_has_no_shared_number_warning():
    assert [e for e in c.check_file() if e.code == "contact-number-shared"] == []


# --- numbers typed into pages ----------------------------------------------

@pytest.mark.parametrize("text,found", [
    ("Call 0300 555 1373 now.", ["0300 555 1373"]),
    ("Childline: 0800 1111.", ["0800 1111"]),
    ("Ring (023) 9268 8793 or 01329 225379.", ["(023) 9268 8793", "01329 225379"]),
    ("+44 300 555 1373 and +44 (0)300 555 1384", ["+44 300 555 1373", "+44 (0)300 555 1384"]),
    ("0300-555-1373", ["0300-555-1373"]),
    ("[0300 555 1384](tel:+443005551384)", ["0300 555 1384"]),
    ("07700900123", ["07700900123"]),
])
def test_phone_shaped_numbers_are_found(text, found):
    assert find_numbers(text) == found


@pytest.mark.parametrize("text", [
    "Call 999, or 101 if it is not urgent. NHS 111.",
    "Reviewed 2026-11-21; due 21/11/2027; 01-02-2026.",
    "Section 1.2.3, chapter 10, the year 1999, 0.5 per cent, 12345678901.",
    "See https://example.org/doc/03005551373 and <https://example.org/0300555137>.",
    "ISBN 978-0-12345-678-9, 0300 555 13 (too short), 00441234567890.",
])
def test_other_numbers_are_not_phone_numbers(text):
    assert find_numbers(text) == []


def test_typed_number_points_to_its_contact_key():
    (e,) = check_page_numbers("docs/p.md", "Intro.\n\nCall 0300 555 1373.\n", 7,
                              {"03005551373": "hampshire-out-of-hours"})
    assert (e.code, e.line) == ("phone-in-page", 9)
    assert "`hampshire-out-of-hours`" in e.message and "kb:contacts" in e.fix


def test_unknown_typed_number_says_to_add_it_to_contacts():
    (e,) = check_page_numbers("docs/p.md", "Call 01234 567890.\n", 1, {})
    assert e.code == "phone-unknown" and "contacts.yml" in e.fix


def test_numbers_in_code_and_markers_are_ignored():
    body = "`0300 555 1373`\n\n```\n0300 555 1373\n```\n\n<!-- kb:contacts -->\n"
    assert check_page_numbers("docs/p.md", body, 1, {}) == []


def test_check_page_runs_the_number_check():
    page = ("---\ntitle: T\ndescription: D\nowner: O\nlast_reviewed: 2026-11-21\n"
            "review_interval_months: 12\n---\n\nCall 0300 555 1373.\n")
    found = [e for e in check_page("docs/p.md", page, Registry(), {"03005551373": "x"})]
    assert [(e.code, e.line) for e in found] == [("phone-in-page", 9)]


def test_digits_national_form():
    assert digits("+44 (0)300 555 1373") == digits("0300 555 1373") == "03005551373"


def test_real_pages_have_no_typed_numbers():
    from kb.checks.content import check_tree
    from tests.conftest import ROOT
    found = [e for e in check_tree(ROOT / "docs", ROOT) if e.code.startswith("phone-")]
    assert found == []
