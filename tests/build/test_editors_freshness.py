"""Freshness on a real build of a shallow clone: last updated, What's changed, redirects,
and a page made by scripts/new_page.py that builds strict without edits.

The fixture (tests/editors_fixture.py) has three dated commits; the clone
has depth 2, so commit 2 (3 February) is the shallow boundary.
"""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.editors_fixture import NEW_PAGE, NEW_TITLE

pytestmark = pytest.mark.slow


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def updated_line(page):
    line = page.select_one("p.kb-updated-line")
    assert line is not None, "no 'last updated' line"
    return line


def test_clone_is_really_shallow(editors_history_site):
    _, clone, _ = editors_history_site
    out = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=clone,
                         capture_output=True, text=True).stdout.strip()
    assert out == "true"


def test_new_page_has_its_commit_date(editors_history_site):
    _, _, site = editors_history_site
    page = soup(site / NEW_PAGE.replace(".md", ".html"))
    line = updated_line(page)
    assert line["data-kb-updated"] == "git"
    assert line.find("time")["datetime"] == "2026-03-04"
    assert "Last updated on 4 March 2026" in " ".join(line.get_text().split())


def test_page_only_in_boundary_commit_falls_back_to_review_date(editors_history_site):
    _, clone, site = editors_history_site
    text = (clone / "docs" / "signs.md").read_text(encoding="utf-8")
    reviewed = str(yaml.safe_load(text.split("---")[1])["last_reviewed"])
    line = updated_line(soup(site / "signs.html"))
    assert line["data-kb-updated"] == "reviewed"
    assert line.find("time")["datetime"] == reviewed
    words = " ".join(line.get_text().split())
    assert "not available" in words and "last reviewed on" in words
    # The boundary commit's date must not be shown as a change date.
    assert "2026-02-03" not in str(line)


def test_whats_changed_lists_trusted_changes_only(editors_history_site):
    _, _, site = editors_history_site
    page = soup(site / "changes.html")
    article = page.select_one("article")
    text = " ".join(article.get_text(" ").split())
    assert "Partial change history" in text
    assert "4 March 2026" in text
    assert [h.get_text(strip=True) for h in article.find_all("h2")] == ["4 March 2026"]
    assert not article.find_all(["h3", "h4"]), "dates are h2, straight under the h1"
    link = article.find("a", string=NEW_TITLE)
    assert link is not None and link["href"] == NEW_PAGE.replace(".md", ".html")
    # Readers see the commit's Change-note trailer, never its title.
    assert "New page on exploitation in sport." in text
    assert "Add a page on exploitation in sport" not in text
    # Commits 1 and 2 are not in the clone's trustworthy history.
    assert "3 February 2026" not in text and "10 January 2026" not in text


def test_new_page_is_in_the_menu(editors_history_site):
    _, _, site = editors_history_site
    # navigation.prune: a section's pages are listed on the pages of that section.
    nav = soup(site / "worried" / "index.html").select_one("nav.md-nav--primary")
    assert nav.find("a", href=NEW_PAGE.replace(".md", ".html").removeprefix("worried/")) is not None


@pytest.mark.parametrize("folder", ["", "pl/", "ar/"])
def test_redirect_page_is_relative_and_scriptless(editors_history_site, folder):
    _, _, site = editors_history_site
    path = site / folder / "old-signs.html"
    assert path.exists(), f"no redirect page at {folder}old-signs.html"
    page = soup(path)
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None
    assert re.fullmatch(r"0; url=signs\.html", refresh["content"])
    assert page.find("a", href="signs.html") is not None
    assert page.find("script") is None and page.find(style=True) is None
    assert (site / folder / "signs.html").exists()


# --- the real site ----------------------------------------------------------------

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def git_out(*args):
    proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else None


@pytest.mark.parametrize("page", ["signs.md", "understanding/cse.md", "worried/index.pl.md"])
def test_real_pages_show_their_git_date(built_site, page):
    if git_out("rev-parse", "--is-shallow-repository") != "false":
        pytest.skip("needs the full git history (a shallow clone shows review dates)")
    expected = git_out("log", "-1", "--format=%cs", "--", f"docs/{page}")
    html = page.replace(".pl.md", ".md").replace(".md", ".html")
    if page.endswith(".pl.md"):
        html = "pl/" + html
    line = updated_line(soup(built_site / html))
    if not expected:  # not committed yet: the labelled fallback
        assert line["data-kb-updated"] == "reviewed"
        return
    assert line["data-kb-updated"] == "git"
    assert line.find("time")["datetime"] == expected


def test_real_whats_changed_page(built_site):
    article = soup(built_site / "changes.html").select_one("article")
    if git_out("rev-parse", "--is-shallow-repository") == "false":
        dates = [h.get_text() for h in article.find_all("h2")]
        assert dates, "no dated entries on the What's changed page"
        links = [a["href"] for a in article.select("li a")]
        assert links and all(not h.startswith(("/", "http")) for h in links)
        assert all((built_site / h).exists() for h in links), links
