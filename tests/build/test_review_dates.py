"""Review dates on a built site: the line, the build-time overdue banner,
review.json and the overdue list in the build log."""

from __future__ import annotations

import json
from datetime import date

from bs4 import BeautifulSoup

from kb.core.frontmatter import read_front_matter
from kb.pagemeta.review import compute_review, review_line
from tests.review_fixture import BUILD_DAY

ROOT_DOCS = __import__("pathlib").Path(__file__).resolve().parents[2] / "docs"


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def banner(doc):
    return doc.select_one("[data-kb-review-banner]")


def text(el):
    return " ".join(el.get_text().split())


def test_overdue_page_shows_banner_without_javascript(review_fixture_site):
    site, _ = review_fixture_site
    b = banner(soup(site / "old.html"))
    assert b is not None and not b.has_attr("hidden")
    assert "This page is overdue for review" in text(b)
    assert "1 January 2021" in text(b)
    assert b["data-kb-review-due"] == "2021-01-01"


def test_page_not_yet_due_has_hidden_banner(review_fixture_site):
    site, _ = review_fixture_site
    for name, due in (("fresh.html", "2027-11-01"), ("index.html", "2027-05-21")):
        b = banner(soup(site / name))
        assert b is not None and b.has_attr("hidden"), name
        assert b["data-kb-review-due"] == due


def test_review_line_in_uk_format(review_fixture_site):
    site, _ = review_fixture_site
    line = soup(site / "old.html").select_one("[data-kb-review-line]")
    assert text(line) == ("Last reviewed on 1 January 2020 by Fixture Team; "
                          "next review due 1 January 2021.")
    line = soup(site / "fresh.html").select_one("[data-kb-review-line]")
    assert text(line) == ("Last reviewed on 1 November 2026 by Fixture Team; "
                          "next review due 1 November 2027.")


def test_page_without_review_data_gets_no_line(review_fixture_site):
    site, _ = review_fixture_site
    doc = soup(site / "no-review.html")
    assert doc.select_one("[data-kb-review-line]") is None and banner(doc) is None


def test_review_json(review_fixture_site):
    site, _ = review_fixture_site
    data = json.loads((site / "review.json").read_text(encoding="utf-8"))
    assert data["generated"] == BUILD_DAY
    pages = {p["path"]: p for p in data["pages"]}
    assert set(pages) == {"index.md", "old.md", "fresh.md"}
    assert data["pages"][0]["path"] == "old.md"  # overdue first
    assert pages["old.md"] == {"path": "old.md", "url": "old.html", "title": "An old page",
                               "owner": "Fixture Team", "last_reviewed": "2020-01-01",
                               "due": "2021-01-01", "overdue": True, "language": "en"}
    assert pages["fresh.md"]["overdue"] is False


def test_build_lists_overdue_pages_without_failing(review_fixture_site):
    _, proc = review_fixture_site
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0
    assert "Pages overdue for review (1):" in log
    assert "old.md: due 1 January 2021 (owner: Fixture Team)" in log
    assert "fresh.md: due" not in log


def test_review_script_is_loaded_from_the_site(review_fixture_site):
    site, _ = review_fixture_site
    doc = soup(site / "old.html")
    srcs = [s.get("src", "") for s in doc.find_all("script")]
    assert any(s.endswith("assets/review.js") for s in srcs)
    assert (site / "assets" / "review.js").is_file()
    assert not any("kb-review" in (s.string or "") for s in doc.find_all("script"))  # no inline


# --- The real site ----------------------------------------------------------

def test_every_real_page_shows_its_review_line(built_site):
    today = date.today()
    checked = 0
    for md in sorted(ROOT_DOCS.rglob("*.md")):
        rel = md.relative_to(ROOT_DOCS).as_posix()
        if rel.startswith("_") or len(md.name.split(".")) > 2:  # data, translations
            continue
        meta = read_front_matter(md.read_text(encoding="utf-8"))
        r = compute_review(meta, today, rel)
        assert r is not None, f"docs/{rel} has no review data in its front matter"
        if meta.get("template"):  # posters and handouts have their own print layout
            continue
        html = built_site / (rel[:-3] + ".html")
        line = soup(html).select_one("[data-kb-review-line]")
        assert line is not None, f"{html.name} has no review line"
        assert text(line) == review_line(r)
        checked += 1
    assert checked >= 10


def test_real_review_json_lists_every_english_page(built_site):
    data = json.loads((built_site / "review.json").read_text(encoding="utf-8"))
    english = {p["path"] for p in data["pages"] if p["language"] == "en"}
    expected = {md.relative_to(ROOT_DOCS).as_posix() for md in ROOT_DOCS.rglob("*.md")
                if not md.relative_to(ROOT_DOCS).as_posix().startswith("_")
                and len(md.name.split(".")) == 2}
    assert expected and expected <= english
    assert all({"owner", "due", "overdue", "url", "title"} <= set(p) for p in data["pages"])
