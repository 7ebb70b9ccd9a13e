"""Sign-off and preview marks on the real build: every page and printed sheet
made from draft procedure content says so, in every language, and every
sheet of a preview build says "Preview – not for display".

Expected states come from the front matter (hooks.approval.scan_sign_off),
not from this file."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from hooks import approval as ap
from hooks.print import is_preview
from hooks.review import page_url
from hooks.translations import ui_text
from tests.conftest import DOCS

STATES = {r.path: r for r in ap.scan_sign_off(DOCS)}
PAGES = sorted(p for p in STATES if p.endswith(".md"))
LANGS = ["en", "pl", "ar"]


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def shown_state(path: str) -> str:
    """What the reader must be told: a page showing the flowchart is a draft
    while the flowchart data is."""
    state = STATES[path].state
    text = (DOCS / path).read_text(encoding="utf-8")
    if ap.FLOWCHART_MARKER.search(text) and STATES["_data/flowchart.yml"].state != "approved":
        return "draft"
    return state


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_procedure_pages_show_their_state_in_every_language(built_site, path, lang):
    html = built_site / ((f"{lang}/" if lang != "en" else "") + page_url(path))
    doc = soup(html)
    notice = doc.select('[data-kb-approval="draft"]')
    if shown_state(path) == "draft":
        assert len(notice) == 1, f"{html}: no draft notice (or more than one)"
        label = ui_text("approval_draft_label", lang)
        assert notice[0].get_text(" ", strip=True).startswith(label)
        if not path.startswith("print/"):
            link = notice[0].find("a")
            assert link["href"] == "https://hipsprocedures.org.uk/"
            # Before the page's own heading.
            assert str(doc).index('data-kb-approval="draft"') < str(doc).index("<h1")
    else:
        assert notice == []
        assert doc.select('[data-kb-approval="approved"]')


def test_pages_outside_procedure_content_show_no_notice(built_site):
    for name in ("index.html", "signs.html", "print/spot-the-signs.html"):
        assert "data-kb-approval" not in (built_site / name).read_text(encoding="utf-8"), name


def test_every_sheet_is_marked_as_a_preview_when_the_address_is_an_example(built_site):
    for manifest in sorted((built_site / "print").glob("manifest.*.json")):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        assert data["preview"] == is_preview(data["base_url"])
        for item in data["items"]:
            sheet = soup(built_site / item["html"]).select_one("[data-kb-sheet]")
            marks = sheet.select('[data-kb-preview="sheet"]'), sheet.select(
                '.kb-qr [data-kb-preview="qr"]')
            if data["preview"]:
                assert all(len(m) == 1 for m in marks), item["html"]
                assert marks[0][0].get_text(strip=True) == ui_text("sheet_preview", item["lang"])
            else:
                assert marks == ([], []), item["html"]


# --- an approved page, in a copy of the project ------------------------------------------

APPROVAL = "approval:\n  state: approved\n  by: HIPS Procedures Group\n  when: 2026-11-30\n"


@pytest.fixture(scope="module")
def approved_site(tmp_path_factory):
    """The project with worried/index.md and responding/police-actions.md
    approved (the flowchart data still a draft), built as on 1 December 2026."""
    import re
    import shutil

    from tests.conftest import ROOT, build_site

    project = tmp_path_factory.mktemp("approved") / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".venv-properdocs", ".venv-zensical", "site", "site.*", "site-properdocs",
        "site-zensical", "build", ".build-tmp*",
        "__pycache__", "*.pyc",
        ".pytest_cache", ".hypothesis", ".cache", "node_modules", "tests", "bench"))
    for rel in ("worried/index.md", "responding/police-actions.md"):
        path = project / "docs" / rel
        text = path.read_text(encoding="utf-8")
        text, n = re.subn(r"^approval:\n  state: draft[^\n]*\n", APPROVAL, text, count=1, flags=re.M)
        assert n == 1, rel
        path.write_text(text, encoding="utf-8")
    site = project / "site"
    build_site(site, config=project / "mkdocs.yml", env={"KB_TODAY": "2026-12-01"})
    return site


@pytest.mark.parametrize("lang", LANGS)
def test_an_approved_page_shows_the_quiet_line_and_no_notice(approved_site, lang):
    prefix = f"{lang}/" if lang != "en" else ""
    doc = soup(approved_site / f"{prefix}worried/index.html")
    assert doc.select('[data-kb-approval="draft"]') == []
    (line,) = doc.select('[data-kb-approval="approved"]')
    assert "HIPS Procedures Group" in line.get_text(" ", strip=True)
    assert line.find("time")["datetime"] == "2026-11-30"
    if lang == "en":
        assert line.get_text(" ", strip=True) == \
            "Approved by HIPS Procedures Group on 30 November 2026 ."
    # Another page in the same build is still a draft.
    assert soup(approved_site / f"{prefix}worried/missing.html").select(
        '[data-kb-approval="draft"]')


def test_an_approved_page_that_shows_a_draft_flowchart_stays_a_draft(approved_site):
    doc = soup(approved_site / "responding/police-actions.html")
    assert len(doc.select('[data-kb-approval="draft"]')) == 1
    assert doc.select('[data-kb-approval="approved"]') == []


def test_open_data_flowchart_carries_its_approval_state(built_site):
    files = sorted(built_site.glob("data/v*/flowchart.json"))
    assert files, "no flowchart.json in the open data"
    data = json.loads(files[-1].read_text(encoding="utf-8"))
    expected = STATES["_data/flowchart.yml"]
    assert data["approval"]["state"] == expected.state
    assert (data["approval"]["by"] or "") == expected.by
    assert (data["approval"]["when"] or "") == expected.when
