"""Unit tests for kb/pagemeta/review.py and scripts/review_report.py."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from kb.pagemeta import review as rv
from scripts import review_report

META = {"title": "Signs", "owner": "Knowledge base editors",
        "last_reviewed": date(2026, 11, 21), "review_interval_months": 12}


def test_due_date_adds_calendar_months():
    assert rv.due_date(META) == date(2027, 11, 21)
    assert rv.due_date({**META, "last_reviewed": date(2026, 8, 31), "review_interval_months": 6}) \
        == date(2027, 2, 28)
    assert rv.due_date({**META, "last_reviewed": "2026-01-15"}) == date(2027, 1, 15)


def test_overdue_only_after_the_due_date():
    assert not rv.compute_review(META, date(2027, 11, 21)).overdue
    assert rv.compute_review(META, date(2027, 11, 22)).overdue


@pytest.mark.parametrize("broken", [{"owner": ""}, {"owner": None}, {"last_reviewed": "soon"},
                                    {"review_interval_months": 0},
                                    {"review_interval_months": "12"},
                                    {"review_interval_months": True}])
def test_unusable_front_matter_gives_no_review(broken):
    assert rv.compute_review({**META, **broken}, date(2026, 11, 21)) is None


def test_review_line_uses_uk_dates():
    r = rv.compute_review(META, date(2026, 11, 21))
    assert rv.review_line(r) == ("Last reviewed on 21 November 2026 by Knowledge base editors; "
                                 "next review due 21 November 2027.")


def _reviews(on):
    metas = {"a.md": {**META, "last_reviewed": date(2026, 1, 1)},
             "b.md": {**META, "last_reviewed": date(2020, 5, 1)},
             "c.md": {**META, "last_reviewed": date(2025, 1, 1)}}
    return [rv.compute_review(m, on, p, rv.page_url(p)) for p, m in metas.items()]


def test_sorting_puts_overdue_first_then_by_due_date():
    ordered = rv.sort_reviews(_reviews(date(2026, 6, 1)))
    assert [(r.path, r.overdue) for r in ordered] == [("b.md", True), ("c.md", True), ("a.md", False)]


def test_json_and_csv_outputs():
    reviews = _reviews(date(2026, 6, 1))
    data = json.loads(rv.reviews_json(reviews, date(2026, 6, 1)))
    assert data["generated"] == "2026-06-01"
    assert data["pages"][0] == {"path": "b.md", "url": "b.html", "title": "Signs",
                                "owner": "Knowledge base editors", "last_reviewed": "2020-05-01",
                                "due": "2021-05-01", "overdue": True, "language": "en"}
    rows = list(csv.DictReader(io.StringIO(rv.reviews_csv(reviews))))
    assert [r["path"] for r in rows] == ["b.md", "c.md", "a.md"]
    assert [r["overdue"] for r in rows] == ["yes", "yes", "no"]


def test_overdue_summary_lists_only_overdue_pages():
    text = rv.overdue_summary(_reviews(date(2026, 6, 1)))
    assert text.startswith("Pages overdue for review (2):")
    assert "b.md: due 1 May 2021" in text and "a.md" not in text
    assert rv.overdue_summary(_reviews(date(2020, 1, 1))) is None


def test_kb_today_environment_variable():
    assert rv.today({"KB_TODAY": "2030-02-03"}) == date(2030, 2, 3)
    assert rv.today({}) == date.today()


def _docs(tmp_path):
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "x.md").write_text("not a page")
    (tmp_path / "old.md").write_text("---\ntitle: Old\nowner: Alice Team\nlast_reviewed: 2020-01-01\n"
                                     "review_interval_months: 12\n---\n# Old\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "new.md").write_text("---\ntitle: New\nowner: Bob Team\nlast_reviewed: 2026-11-01\n"
                                             "review_interval_months: 6\n---\n# New\n")
    (tmp_path / "bare.md").write_text("# No front matter\n")
    return tmp_path


def test_scan_docs(tmp_path):
    reviews, missing = rv.scan_docs(_docs(tmp_path), date(2026, 11, 21))
    assert sorted(r.path for r in reviews) == ["old.md", "sub/new.md"]
    assert missing == ["bare.md"]


def test_review_report_cli_table_and_csv(tmp_path, capsys):
    docs = _docs(tmp_path)
    assert review_report.main([str(docs), "--today", "2026-11-21"]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0].split() == ["Status", "Due", "Last", "reviewed", "Owner", "Page"]
    assert lines[2].startswith("OVERDUE") and lines[2].endswith("old.md")
    assert "2 pages listed, 1 overdue" in out.out
    assert "bare.md" in out.err

    assert review_report.main([str(docs), "--csv", "--today", "2026-11-21"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["path"], r["overdue"]) for r in rows] == [("old.md", "yes"), ("sub/new.md", "no")]

    assert review_report.main([str(docs), "--today", "2026-11-21", "--fail-on-overdue"]) == 1


def test_review_report_help(capsys):
    with pytest.raises(SystemExit) as exc:
        review_report.main(["--help"])
    assert exc.value.code == 0
    assert "overdue" in capsys.readouterr().out


def test_page_url_handles_language_suffixes():
    assert rv.page_url("signs.md") == "signs.html"
    assert rv.page_url("worried/index.pl.md") == "pl/worried/index.html"
    assert rv.page_url("a.b.md") == "a.b.html"


def test_summary_counts_a_page_once_across_languages():
    meta = {**META, "last_reviewed": date(2020, 1, 1)}
    reviews = [rv.compute_review(meta, date(2026, 1, 1), "signs.md", "signs.html"),
               rv.compute_review(meta, date(2026, 1, 1), "signs.md", "pl/signs.html", language="pl")]
    text = rv.overdue_summary(reviews)
    assert text.startswith("Pages overdue for review (1):") and text.count("signs.md") == 1


def test_absurd_intervals_do_not_crash():
    assert rv.due_date({**META, "review_interval_months": 10**12}) is None
    assert rv.due_date({**META, "last_reviewed": date(9999, 12, 1)}) is None
