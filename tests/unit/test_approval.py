"""Sign-off of procedure content (kb/pagemeta/approval.py): the approval model and
its checks, the draft notice online and on paper, and the review report."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import jinja2
import pytest
import yaml

from kb.pagemeta import approval as ap
from kb.data import flowchart as fc
from kb.checks.frontmatter import check_front_matter
from kb.core.ui_text import ui_text

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FIXTURES = ROOT / "tests" / "fixtures" / "flowchart"

HEAD = ("---\ntitle: T\ndescription: D.\nowner: Knowledge base editors\n"
        "last_reviewed: 2026-11-21\nreview_interval_months: 12\n")   # lines 1-6


def page(approval: str) -> str:
    """A page whose `approval:` block starts on line 7."""
    return HEAD + approval + "---\n# T\n"


def codes(errors):
    return [(e.code, e.line) for e in errors]


@pytest.fixture(autouse=True)
def build_day(monkeypatch):
    monkeypatch.setenv("KB_TODAY", "2026-12-01")


# --- the model and its checks -------------------------------------------------

def test_a_draft_and_an_approval_in_the_past_pass():
    fm, errors = check_front_matter("docs/worried/x.md", page("approval:\n  state: draft\n"))
    assert errors == [] and fm.approval.state == "draft" and not fm.approval.approved
    fm, errors = check_front_matter("docs/worried/x.md", page(
        "approval:\n  state: approved\n  by: HIPS Procedures Group\n  when: 2026-12-01\n"))
    assert errors == []
    assert (fm.approval.by, fm.approval.when) == ("HIPS Procedures Group", dt.date(2026, 12, 1))


def test_approved_without_a_role_or_a_date():
    _, errors = check_front_matter("docs/worried/x.md", page("approval:\n  state: approved\n"))
    assert codes(errors) == [("approval-no-role", 8), ("approval-no-date", 8)]
    assert errors[0].message == ("The approval says `state: approved` but not who approved "
                                 "it: `by` is missing.")
    assert "a role, never a person's name" in errors[0].fix
    assert errors[1].message == "The approval says `state: approved` but not when: `when` is missing."
    assert errors[1].format().startswith("docs/worried/x.md:8: ")


def test_approved_with_an_empty_role():
    _, errors = check_front_matter("docs/worried/x.md", page(
        "approval:\n  state: approved\n  by: \"  \"\n  when: 2026-11-30\n"))
    assert codes(errors) == [("approval-no-role", 9)]


def test_an_approval_date_in_the_future_is_refused(monkeypatch):
    """Future: after both KB_TODAY and the real date (kb.core.dates.latest_day),
    so the test holds on any day it runs."""
    import datetime as _dt
    real = _dt.date.today()
    later = real + _dt.timedelta(days=1)
    monkeypatch.setenv("KB_TODAY", (real - _dt.timedelta(days=30)).isoformat())
    text = page(f"approval:\n  state: approved\n  by: HIPS Procedures Group\n  when: {later}\n")
    _, errors = check_front_matter("docs/worried/x.md", text)
    assert codes(errors) == [("approval-future", 10)]
    assert errors[0].message == f"The approval date {later} is in the future."
    assert errors[0].fix.endswith(f"It cannot be later than today ({real}).")
    monkeypatch.setenv("KB_TODAY", later.isoformat())  # a what-if build set later accepts it
    assert check_front_matter("docs/worried/x.md", text)[1] == []


def test_a_draft_names_no_approver():
    _, errors = check_front_matter("docs/worried/x.md", page(
        "approval:\n  state: draft\n  when: 2026-11-01\n"))
    assert codes(errors) == [("approval-draft-details", 9)]
    assert errors[0].message == ("The approval says `state: draft` but also has `when`, which "
                                 "only an approved page has.")


@pytest.mark.parametrize("block, line, words", [
    ("approval:\n  state: aproved\n", 8, "`approval.state` is not valid: it should be 'draft' or 'approved'"),
    ("approval:\n  state: approved\n  by: X\n  when: soon\n", 10,
     "`approval.when` is not valid: must be a date written as YYYY-MM-DD"),
    ("approval: draft\n", 7, "`approval` is not valid: it should be a group of `name: value` settings indented below it"),
    ("approval:\n  state: draft\n  date: 2026-01-01\n", 9,
     "`approval.date` is not valid: it is not one of the settings allowed here"),
])
def test_malformed_approval_names_the_line(block, line, words):
    _, errors = check_front_matter("docs/worried/x.md", page(block))
    assert codes(errors) == [("frontmatter-invalid", line)]
    assert words in errors[0].message
    assert "state: draft" in errors[0].fix


def test_a_translation_has_no_approval_of_its_own():
    _, errors = check_front_matter("docs/worried/index.pl.md", page("approval:\n  state: draft\n"))
    assert codes(errors) == [("approval-translation", 7)]
    assert "(docs/worried/index.md)" in errors[0].fix


# --- which content needs sign-off -----------------------------------------------

def test_procedure_pages_are_the_worried_and_responding_sections_and_their_sheets():
    online = {"print/w.md": "worried/index.md", "print/s.md": "signs.md"}
    assert ap.is_procedure_page("worried/index.md")
    assert ap.is_procedure_page("responding/police-actions.md")
    assert not ap.is_procedure_page("worried/index.pl.md")      # follows its English page
    assert not ap.is_procedure_page("signs.md", online)
    assert ap.is_procedure_page("print/w.md", online)
    assert not ap.is_procedure_page("print/s.md", online)


def test_a_procedure_page_without_approval_is_an_error():
    metas = {"worried/new.md": {"title": "New"}, "signs.md": {"title": "Signs"},
             "worried/new.pl.md": {"title": "Nowa"}, "print/w.md": {"title": "W"},
             "worried/broken.md": {}}   # unreadable front matter: reported elsewhere
    errors = ap.missing_approvals(metas, {"print/w.md": "worried/new.md"})
    assert codes(errors) == [("approval-missing", 1), ("approval-missing", 1)]
    assert [e.file for e in errors] == ["docs/print/w.md", "docs/worried/new.md"]
    assert errors[0].message == ("This page tells staff what to do, but does not say whether "
                                 "the procedure owners have approved it: there is no `approval`.")
    assert errors[0].fix.startswith("Add `approval:` with `state: draft` indented below it "
                                    "between the --- lines at the top.")


def test_the_sheets_of_the_real_procedure_pages_come_from_print_yml():
    items = yaml.safe_load((DOCS / "_data" / "print.yml").read_text(encoding="utf-8"))["items"]
    expected = {i["page"] for i in items if i["online"].startswith(ap.PROCEDURE_FOLDERS)}
    assert expected, "print.yml lists no sheet of a procedure page"
    rows = {r.path: r for r in ap.scan_sign_off(DOCS)}
    assert expected <= set(rows)
    assert "_data/flowchart.yml" in rows and "worried/index.md" in rows
    assert all(r.state in ("draft", "approved") for r in rows.values()), rows


# --- the flowchart data -----------------------------------------------------------

def test_flowchart_approval_is_checked_with_its_line():
    text = (FIXTURES / "good.yml").read_text(encoding="utf-8")
    assert "approval:" not in text
    chart, errors = fc.load_chart(text, "x.yml", None)
    assert errors == [] and chart.approval is None      # fixtures need not have one
    _, errors = fc.load_chart(text, "x.yml", None, require_approval=True)
    assert codes(errors) == [("approval-missing", 1)]
    assert errors[0].message.startswith("The flowchart data tells staff what to do")
    assert "before `actors:`" in errors[0].fix

    approved = "approval:\n  state: approved\n  by: HIPS Procedures Group\n  when: 2027-01-05\n"
    _, errors = fc.load_chart(approved + text, "x.yml", None, require_approval=True)
    assert codes(errors) == [("approval-future", 4)]
    chart, errors = fc.load_chart(approved.replace("2027-01-05", "2026-11-30") + text, "x.yml", None)
    assert errors == [] and chart.approval.approved
    _, errors = fc.load_chart("approval:\n  state: approved\n" + text, "x.yml", None)
    assert codes(errors) == [("approval-no-role", 1), ("approval-no-date", 1)]


def test_the_project_flowchart_has_an_approval_state():
    chart, errors = fc.load_project_chart(ROOT)
    assert errors == []
    assert chart.approval is not None


# --- the notices -------------------------------------------------------------------

URL = "https://hipsprocedures.org.uk/"
APPROVED = ap.Approval(state="approved", by="HIPS Procedures Group", when=dt.date(2026, 11, 30))


def t_for(lang):
    return lambda key: ui_text(key, lang)


def test_draft_notice_online_and_on_paper():
    n = ap.notice(ap.DRAFT, "en", t_for("en"), URL)
    assert n["html"] == (
        '<div class="admonition note kb-approval" role="note" aria-label="Draft" '
        'data-kb-approval="draft"><p><strong>Draft:</strong> this summary has not yet been '
        'approved by the procedure owners. Follow the <a href="https://hipsprocedures.org.uk/">'
        'HIPS Procedures</a>.</p></div>')
    assert n["sheet"] == ("<strong>Draft:</strong> this summary has not yet been approved by the "
                          "procedure owners. Follow the HIPS Procedures (hipsprocedures.org.uk).")
    assert n["line"] == n["sheet_line"] == ""


@pytest.mark.parametrize("lang", ["pl", "ar"])
def test_draft_notice_in_other_languages_comes_from_ui_text(lang):
    n = ap.notice(ap.DRAFT, lang, t_for(lang), URL)
    label, name = ui_text("approval_draft_label", lang), ui_text("approval_procedures", lang)
    assert label != ui_text("approval_draft_label", "en")
    assert f"<strong>{label}:</strong>" in n["html"]
    assert f'<a href="{URL}">{name}</a>' in n["html"]


def test_approved_pages_show_a_quiet_line_and_no_notice():
    n = ap.notice(APPROVED, "en", t_for("en"), URL)
    assert n["html"] == n["sheet"] == ""
    assert n["line"] == ('<p class="kb-approval-line" data-kb-approval="approved"><small>Approved '
                         'by HIPS Procedures Group on <time datetime="2026-11-30">30 November '
                         '2026</time>.</small></p>')
    assert n["sheet_line"] == "Approved by HIPS Procedures Group on 30 November 2026."
    assert ap.notice(None, "en", t_for("en"), URL) is None


def test_a_page_showing_a_draft_flowchart_is_not_approved():
    assert ap.effective_approval(APPROVED, ap.DRAFT, uses_flowchart=True) == ap.DRAFT
    assert ap.effective_approval(APPROVED, None, uses_flowchart=True) == ap.DRAFT
    assert ap.effective_approval(APPROVED, APPROVED, uses_flowchart=True) == APPROVED
    assert ap.effective_approval(APPROVED, ap.DRAFT, uses_flowchart=False) == APPROVED
    assert ap.effective_approval(None, ap.DRAFT, uses_flowchart=True) is None
    assert ap.FLOWCHART_MARKER.search("<!-- kb:flowchart-diagram missing -->")
    assert ap.FLOWCHART_MARKER.search("<!-- kb:flowchart missing -->")


# --- the templates ---------------------------------------------------------------------

def env() -> jinja2.Environment:
    e = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")))
    e.filters["url"] = lambda value: value
    return e


class Page:
    def __init__(self, meta, content="<h1>What to do</h1>"):
        self.meta, self.content = meta, content


def render_page_notice(meta) -> str:
    macros = env().get_template("partials/approval.html").module
    page = Page(meta)
    return str(macros.notice(page)) + "|" + str(macros.line(page))


def test_page_template_shows_the_notice_only_on_a_draft():
    draft = render_page_notice({"kb_approval": ap.notice(ap.DRAFT, "en", t_for("en"), URL)})
    assert 'data-kb-approval="draft"' in draft and "has not yet been approved" in draft
    approved = render_page_notice({"kb_approval": ap.notice(APPROVED, "en", t_for("en"), URL)})
    assert 'data-kb-approval="draft"' not in approved and "not yet been approved" not in approved
    assert "Approved by HIPS Procedures Group on" in approved
    assert render_page_notice({}).strip() == "|"


def test_main_template_places_the_notice_before_the_content():
    text = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    block = text[text.index("{% block content %}"):]
    block = block[:block.index("{% endblock %}")]
    assert block.index("kb_approval.notice(page)") < block.index("{{ super() }}") \
        < block.index("kb_approval.line(page)")


def sheet(approval, base_url: str, lang: str = "en") -> str:
    from kb.render import sheets as kbprint
    kp = {"kind": "handout", "orientation": "portrait", "text_size": "standard", "slug": "w",
          "renders": [{"size": "A4", "pdf": "print/pdf/w-a4.pdf", "query": "?size=A4"}],
          "online_url": kbprint.online_url(base_url, "worried/index.html"),
          "qr_svg": "<svg>qr</svg>", "last_reviewed_text": "21 November 2026",
          **kbprint.preview_text(base_url, lang)}
    meta = {"kb_print": kp, "owner": "Knowledge base editors"}
    if approval is not None:
        meta["kb_approval"] = ap.notice(approval, lang, t_for(lang), URL)
    return env().get_template("partials/print-sheet.html").render(
        page=Page(meta), config={"site_name": "HIPS child exploitation guidance"})


def test_a_printed_sheet_of_a_draft_procedure_carries_the_notice():
    out = sheet(ap.DRAFT, "https://safeguarding.intranet.nhs.uk/kb/")
    assert '<p class="kb-sheet__approval" data-kb-approval="draft"><strong>Draft:</strong> this ' \
           "summary has not yet been approved by the procedure owners. Follow the HIPS " \
           "Procedures (hipsprocedures.org.uk).</p>" in out
    assert out.index("kb-sheet__approval") < out.index("kb-sheet__body")
    out = sheet(APPROVED, "https://safeguarding.intranet.nhs.uk/kb/")
    assert "kb-sheet__approval" not in out and 'data-kb-approval="draft"' not in out
    assert ('<span data-kb-approval="approved">Approved by HIPS Procedures Group on 30 '
            'November 2026.</span>') in out
    assert "kb-sheet__approval" not in sheet(None, "https://safeguarding.intranet.nhs.uk/kb/")


# --- the review report --------------------------------------------------------------------

def _docs(tmp_path: Path) -> Path:
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "flowchart.yml").write_text("approval:\n  state: draft\nactors: []\n")
    (tmp_path / "_data" / "print.yml").write_text(
        "items:\n  - page: print/w.md\n    online: worried/index.md\n")
    (tmp_path / "worried").mkdir()
    (tmp_path / "print").mkdir()
    (tmp_path / "worried" / "index.md").write_text(page(
        "approval:\n  state: approved\n  by: HIPS Procedures Group\n  when: 2026-11-30\n"))
    (tmp_path / "worried" / "index.pl.md").write_text(page(""))
    (tmp_path / "print" / "w.md").write_text(page("approval:\n  state: draft\n"))
    (tmp_path / "signs.md").write_text(page(""))
    return tmp_path


def test_review_report_lists_what_awaits_sign_off(tmp_path, capsys):
    from scripts import review_report

    docs = _docs(tmp_path)
    assert review_report.main([str(docs), "--today", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert "Procedure content awaiting sign-off: 2 of 3." in out
    table = out[out.index("Procedure content awaiting"):].splitlines()[2:]
    assert [line.split() for line in table[:1] + table[2:]] == [
        ["State", "Approved", "by", "On", "Content"],
        ["draft", "-", "-", "_data/flowchart.yml"], ["draft", "-", "-", "print/w.md"],
        ["approved", "HIPS", "Procedures", "Group", "2026-11-30", "worried/index.md"]]

    assert review_report.main([str(docs), "--csv", "--today", "2026-12-01"]) == 0
    rows = {r["path"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["worried/index.md"]["approval"] == "approved"
    assert rows["worried/index.md"]["approved_by"] == "HIPS Procedures Group"
    assert rows["worried/index.md"]["approved_on"] == "2026-11-30"
    assert rows["worried/index.pl.md"]["approval"] == "approved"   # follows its English page
    assert rows["print/w.md"]["approval"] == "draft"
    assert rows["_data/flowchart.yml"]["approval"] == "draft"
    assert rows["signs.md"]["approval"] == ""


def test_a_new_procedure_page_starts_as_a_draft():
    from scripts.new_page import Section, page_text

    section = Section("What to do if you are worried", "worried", "worried")
    text = page_text("Exploitation in sport", section, "Knowledge base editors",
                     dt.date(2026, 11, 21), 12, ["worried"],
                     procedure=ap.is_procedure_page("worried/exploitation-in-sport.md"))
    fm, errors = check_front_matter("docs/worried/exploitation-in-sport.md", text)
    assert errors == [] and fm.approval == ap.DRAFT
    other = page_text("Exploitation in sport", section, "Knowledge base editors",
                      dt.date(2026, 11, 21), 12, ["x"], procedure=ap.is_procedure_page("x.md"))
    assert "approval" not in other
