"""kb/model/provenance.py: how each fact was checked, and the words the site uses for it."""

import datetime as dt

import pytest
from pydantic import ValidationError

from kb.model.provenance import Check, Item, due_items, items_csv, items_table, sentence
from kb.core.ui_text import ui_text


def en(key):
    return ui_text(key, "en")


def check(**kw):
    return Check.model_validate(kw)


STORED = dict(method="stored-copy", compared="the IOWSCP Worried about a child page",
              by="knowledge base editor", when="2026-11-30")


@pytest.mark.parametrize("record, subject, words", [
    (dict(method="not-checked"), "source", "Details not yet checked against the source."),
    (dict(method="not-checked"), "contact", "Not yet confirmed with the service."),
    (dict(method="not-checked"), "quote", "Wording not yet compared with the original document."),
    (dict(method="original", compared="the Home Office guidance (page 2)",
          by="safeguarding lead", when="2026-11-03"), "quote",
     "Compared with the Home Office guidance (page 2) by a safeguarding lead on 3 November 2026."),
    (dict(method="quoted-by", compared="the IOWSCP", by="knowledge base editor",
          when="2026-11-03"), "quote",
     "Wording as quoted by the IOWSCP; not yet compared with the original."),
    (STORED, "contact",
     "Compared with a stored copy of the IOWSCP Worried about a child page by a knowledge base "
     "editor on 30 November 2026. Not yet confirmed with the service."),
    (dict(STORED, copy_date="2026-10-02"), "source",
     "Compared with a stored copy of the IOWSCP Worried about a child page (copy dated "
     "2 October 2026) by a knowledge base editor on 30 November 2026."),
    (dict(method="phone-call", compared="the duty desk", by="safeguarding lead",
          when="2026-11-03"), "contact",
     "Confirmed by phone with the service by a safeguarding lead on 3 November 2026."),
])
def test_the_words_come_from_the_record_alone(record, subject, words):
    assert sentence(check(**record), subject, en) == words


def test_only_a_phone_call_confirms_a_contact():
    for method in ("original", "web-page", "stored-copy"):
        text = sentence(check(**dict(STORED, method=method)), "contact", en)
        assert text.endswith("Not yet confirmed with the service."), method
    assert not check(**STORED).confirmed_with_service


def test_never_says_checked_on_its_own():
    for method in ("not-checked", "original", "web-page", "stored-copy", "quoted-by"):
        record = {"method": method} if method == "not-checked" else dict(STORED, method=method)
        for subject in ("source", "contact", "quote"):
            text = sentence(check(**record), subject, en).lower()
            assert "checked" not in text.replace("not yet checked", ""), (method, subject)


@pytest.mark.parametrize("record, words", [
    (dict(method="not-checked", when="2026-11-03"), "says not-checked but also gives a date"),
    (dict(method="stored-copy", compared="a page"), "needs `by` and `when`"),
    (dict(STORED, when="2099-01-01"), "is in the future"),
    (dict(STORED, method="original", copy_date="2026-10-01"), "only for method stored-copy"),
    (dict(method="checked"), "Input should be"),
    (dict(STORED, when="2026-02-30"), "not a real date"),
])
def test_incomplete_or_impossible_records_are_refused(record, words):
    with pytest.raises(ValidationError) as exc:
        check(**record)
    assert words in str(exc.value)


def test_future_is_after_both_the_real_date_and_kb_today(monkeypatch):
    real = dt.date.today()
    later = (real + dt.timedelta(days=40)).isoformat()
    monkeypatch.setenv("KB_TODAY", (real - dt.timedelta(days=400)).isoformat())
    assert check(**STORED).when  # a what-if build in the past accepts checks made since
    with pytest.raises(ValidationError):
        check(**dict(STORED, when=later))
    monkeypatch.setenv("KB_TODAY", (real + dt.timedelta(days=60)).isoformat())
    assert check(**dict(STORED, when=later)).when.isoformat() == later


def test_review_lists_unchecked_first_then_overdue_oldest_first():
    recent = Item("source", "recent", "s.yml", 9, check(**STORED))
    old = Item("source", "old", "s.yml", 5, check(**dict(STORED, when="2024-01-10")))
    older = Item("contact", "older", "c.yml", 3, check(**dict(STORED, when="2023-06-01")))
    quoted = Item("quote", "q", "s.yml", 1, check(method="quoted-by", compared="the IOWSCP",
                                                   by="editor", when="2026-11-01"))
    never = Item("contact", "never", "c.yml", 7, check(method="not-checked"))
    due = due_items([recent, old, older, quoted, never], dt.date(2026, 12, 1))
    assert [i.name for i in due] == ["q", "never", "older", "old"]
    table = items_table(due, en)
    assert "c.yml:7" in table and "Not yet confirmed with the service." in table
    assert "recent" not in table
    csv_text = items_csv(due, en)
    assert csv_text.splitlines()[0].startswith("subject,name,file,line,method")
    assert len(csv_text.splitlines()) == 5


def test_contacts_are_overdue_sooner_than_sources():
    seven_months = check(**dict(STORED, when="2026-05-01"))
    on = dt.date(2026, 12, 1)
    assert Item("contact", "c", "c.yml", 1, seven_months).due(on)
    assert not Item("source", "s", "s.yml", 1, seven_months).due(on)


def test_make_review_lists_the_real_unchecked_facts(capsys):
    from scripts.review_report import main

    assert main(["--facts"]) == 0
    out = capsys.readouterr().out
    assert "docs/_data/sources.yml:" in out and "docs/_data/contacts.yml:" in out
    assert "Not yet confirmed with the service." in out
    assert "not yet checked or overdue" in out
