"""Unit tests for kb/data/contacts.py (pure functions, no MkDocs)."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from kb.data import contacts as c
from kb.render.pipeline import PageRef, RenderData, render_markers as _render_markers


def render(markdown, group, src, offset=0, raw_body=None):
    """*group*'s markers rendered by the one marker pass (kb/render/pipeline.py)."""
    data = RenderData()
    data.add(group)
    return _render_markers(markdown, data, PageRef(src, offset=offset, raw_body=raw_body))


GOOD = textwrap.dedent("""\
    emergency: If a child is in immediate danger, call 999.
    groups:
      - id: national
        title: National helplines
        contacts:
          - id: childline
            service: Childline
            number: "0800 1111"
            audience: public
            status: published
            source: childline
            checked:
              method: stored-copy
              compared: the Childline contact page
              copy_date: 2026-10-01
              by: knowledge base editor
              when: 2026-11-21
          - id: local-line
            service: Local line
            number: null
            note: Two pages disagree (023 8083 3004 and 023 8083 3336).
            status: to-be-confirmed
            source: {title: Council page, url: "https://example.org/page"}
            checked:
              method: not-checked
    """)

SOURCES = {"childline": {"key": "childline", "title": "Childline", "url": "https://www.childline.org.uk/"}}


def load(text, keys=None):
    return c.load_contacts(text, "docs/_data/contacts.yml", keys)


@pytest.mark.parametrize("number", ["101", "999", "0800 1111", "0808 800 5000", "08000 121 700",
                                    "0300 555 1384", "01329 225379", "023 8083 2300",
                                    "0845 671 0271", "116 123"])
def test_real_uk_numbers_are_accepted(number):
    assert c.is_uk_number(number)


@pytest.mark.parametrize("number", ["", "0300 555 13", "0300  555 1384", " 0300 555 1384",
                                    "+44 300 555 1384", "0300-555-1384", "1234", "call 101",
                                    "0300 555 13845 1", "07"])
def test_non_uk_or_badly_written_numbers_are_rejected(number):
    assert not c.is_uk_number(number)


def test_tel_uri_drops_spaces_and_uses_international_form():
    assert c.tel_uri("0300 555 1384") == "tel:+443005551384"
    assert c.tel_uri("101") == "tel:101"


def test_uk_date_has_no_leading_zero():
    assert c.uk_date(date(2026, 11, 1)) == "1 November 2026"


def test_good_file_loads():
    data, errors = load(GOOD, {"childline"})
    assert errors == []
    assert [x.id for x in data.groups[0].contacts] == ["childline", "local-line"]


def test_invented_looking_number_is_an_error_with_line_and_fix():
    bad = GOOD.replace('"0800 1111"', '"0800 11"')
    data, errors = load(bad)
    assert data is None
    assert len(errors) == 1
    err = errors[0]
    assert err.file == "docs/_data/contacts.yml"
    assert err.line == bad.splitlines().index('        number: "0800 11"') + 1
    assert "not a UK phone number" in err.message
    assert "Never guess" in err.fix


def test_unquoted_number_is_caught():
    bad = GOOD.replace('"0800 1111"', "101")  # YAML reads 101 as a number
    _, errors = load(bad)
    assert any("quotes" in e.message for e in errors)


def test_published_contact_without_number_or_note_is_an_error():
    bad = GOOD.replace('number: "0800 1111"', "number: null")
    _, errors = load(bad)
    assert len(errors) == 1
    assert "to-be-confirmed" in errors[0].message
    assert errors[0].line == 6  # the contact's first line ("- id: childline")


def test_to_be_confirmed_needs_a_note():
    bad = GOOD.replace("        note: Two pages disagree (023 8083 3004 and 023 8083 3336).\n", "")
    assert bad != GOOD
    _, errors = load(bad)
    assert any("needs a note" in e.message for e in errors)


def test_misspelt_key_and_missing_key_are_reported_together():
    bad = GOOD.replace("        checked:\n          method: not-checked",
                       "        chekced:\n          method: not-checked")
    assert bad != GOOD
    _, errors = load(bad)
    messages = " | ".join(e.message for e in errors)
    assert "unknown key 'chekced'" in messages
    assert "the required key 'checked' is missing" in messages
    assert all(e.line for e in errors)


def test_a_date_without_a_method_is_an_error():
    bad = GOOD.replace("        checked:\n          method: not-checked",
                       "        last_checked: 2026-11-21")
    _, errors = load(bad)
    assert [e.code for e in errors] == ["check-date-without-method"]
    assert errors[0].line == bad.splitlines().index("        last_checked: 2026-11-21") + 1
    assert "a date without a method" in errors[0].message


def test_a_check_without_role_or_date_is_an_error():
    bad = GOOD.replace("          by: knowledge base editor\n", "")
    _, errors = load(bad)
    assert len(errors) == 1 and "needs `by`" in errors[0].message


def test_unknown_source_key_is_reported():
    _, errors = load(GOOD, {"something-else"})
    assert [e.message for e in errors] == ["unknown source key 'childline' for contact 'childline'"]
    assert errors[0].line == GOOD.splitlines().index("        source: childline") + 1


def test_emergency_text_must_mention_999():
    _, errors = load(GOOD.replace("call 999", "call the police"))
    assert errors and "999" in errors[0].message and errors[0].line == 1


def test_invalid_yaml_gives_a_line():
    _, errors = load(GOOD.replace("title: National helplines", "title: National: helplines: x"))
    assert errors and errors[0].line == 4 and "YAML" in errors[0].message


def test_duplicate_ids_are_reported():
    bad = GOOD.replace("id: local-line", "id: childline")
    _, errors = load(bad)
    assert any("used twice" in e.message for e in errors)


def test_render_shows_number_link_source_and_how_it_was_checked():
    data, _ = load(GOOD)
    md = c.render_contacts(data, SOURCES)
    assert "[0800 1111](tel:+448001111)" in md
    assert "[Childline](https://www.childline.org.uk/)" in md
    assert "## National helplines { #national }" in md
    assert "| Service | Phone | Who can call | Notes | Source | How it was checked |" in md
    childline = next(line for line in md.splitlines() if line.startswith("| Childline"))
    assert ("Compared with a stored copy of the Childline contact page (copy dated "
            "1 October 2026) by a knowledge base editor on 21 November 2026. "
            "Not yet confirmed with the service.") in childline
    local = next(line for line in md.splitlines() if line.startswith("| Local line"))
    assert local.rstrip(" |").endswith("Not yet confirmed with the service.")
    assert "checked" not in local.lower().replace("how it was checked", "")


def test_to_be_confirmed_is_labelled_in_words_and_never_given_a_number():
    data, _ = load(GOOD)
    md = c.render_contacts(data, SOURCES)
    row = next(line for line in md.splitlines() if line.startswith("| Local line"))
    assert "**To be confirmed**" in row
    assert "tel:" not in row
    assert '!!! warning "To be confirmed"' in md
    assert "023 8083 3004 and 023 8083 3336" in md  # the conflict is shown, not resolved


def test_emergency_callout():
    data, _ = load(GOOD)
    md = c.render_emergency(data)
    assert md.startswith('!!! danger "Emergency"')
    assert "If a child is in immediate danger, call [999](tel:999)." in md
    # Without data (file broken) the callout still appears.
    assert "call [999](tel:999)" in c.render_emergency(None)


def test_markers_replaced_and_bad_marker_reported_with_page_line():
    data, _ = load(GOOD)
    page = "# Contacts\n\n<!-- kb:emergency -->\n\n<!-- kb:contacts extra -->\n\n```\n<!-- kb:contacts -->\n```\n"
    text, errors = render(page, c.ContactsMarkers(data, SOURCES), "contacts.md", 5)
    assert '!!! danger "Emergency"' in text
    assert "<!-- kb:emergency -->" not in text
    assert "```\n<!-- kb:contacts -->\n```" in text  # code fences are left alone
    assert len(errors) == 1
    assert (errors[0].file, errors[0].line) == ("docs/contacts.md", 10)


def test_records_for_other_consumers():
    data, _ = load(GOOD)
    recs = c.contacts_records(data, SOURCES)
    assert recs[0]["number"] == "0800 1111" and recs[0]["tel"] == "tel:+448001111"
    assert recs[0]["source_url"] == "https://www.childline.org.uk/"
    assert recs[1]["number"] is None and recs[1]["to_be_confirmed"] is True
    assert recs[1]["source_url"] == "https://example.org/page"


def test_real_contacts_file_is_valid():
    data = c.get_contacts()
    numbers = [x.number for g in data.groups for x in g.contacts if x.number]
    assert numbers and all(c.is_uk_number(n) for n in numbers)


def test_check_file_on_the_real_tree_and_a_broken_copy(tmp_path):
    assert c.check_file() == []
    data = tmp_path / "docs" / "_data"
    data.mkdir(parents=True)
    (data / "contacts.yml").write_text(GOOD.replace('"0800 1111"', '"0800 111"'))
    errors = c.check_file(tmp_path)
    assert len(errors) == 1 and errors[0].line == 8 and "not a UK phone number" in errors[0].message


def test_how_it_was_checked_marks_the_english_values_in_a_polish_table():
    """What was compared and the role stay in English: in a Polish table they
    carry lang="en" (and are escaped); English and Arabic tables are as before
    (Arabic pages mark Latin runs in the page tree)."""
    data, _ = load(GOOD.replace("the Childline contact page", "the Childline <contact> page"))
    pl = c.render_contacts(data, SOURCES, "pl")
    row = next(line for line in pl.splitlines() if line.startswith("| Childline"))
    assert '<span lang="en">the Childline &lt;contact> page</span>' in row
    assert '<span lang="en">knowledge base editor</span>' in row
    for lang in ("en", "ar"):
        assert '<span lang="en">' not in c.render_contacts(data, SOURCES, lang)


def test_old_confirmed_status_says_it_was_renamed_and_why():
    """`status: confirmed` was renamed `published` (issue 14 review): an editor
    who writes the old value gets one plain error at its line, not a list of
    allowed values."""
    old = GOOD.replace("status: published", "status: confirmed")
    data, errors = load(old)
    assert data is None
    assert [e.code for e in errors] == ["contact-status-renamed"]
    err = errors[0]
    assert err.line == old.splitlines().index("        status: confirmed") + 1
    assert "childline" in err.message and "renamed to `published`" in err.message
    assert "only a phone call" in err.message
    assert "status: published" in err.fix and "to-be-confirmed" in err.fix


def test_published_is_the_status_of_a_given_number():
    data, errors = load(GOOD)
    assert errors == []
    statuses = [k.status for g in data.groups for k in g.contacts]
    assert statuses == ["published", "to-be-confirmed"]
    # Any other word is still refused, with the list of allowed values.
    _, errors = load(GOOD.replace("status: published", "status: checked"))
    assert errors and errors[0].code != "contact-status-renamed"
    assert "published" in errors[0].message
