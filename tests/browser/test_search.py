"""Material's real search box in Chromium: served over HTTP (with the
production security headers), under a sub-path, and opened from file://.
Also the glossary abbreviations: tooltip on keyboard focus, and axe."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from kb.postbuild.search import MaterialSearch, load_index
from scripts.search_eval import read_queries

from tests.browser.conftest import SUBPATH

# Queries from tests/search_queries.csv whose expected page must come first.
FIRST_RESULT = [
    "sextortion",
    "NRM",
    "went missing",
    "METRAC",
    "groomed",          # stemming: the page says "grooming"
    "Palermo Protocol",
    "young carers",
    "shoplifting",
]


def _expected(query: str) -> str:
    table = dict(read_queries())
    assert query in table, f"{query!r} is not in tests/search_queries.csv"
    return table[query]


def search(page, query: str) -> list[str]:
    """Type *query* into Material's search box; return the result links."""
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    assert box.evaluate("el => el === document.activeElement")
    box.fill("")
    box.press_sequentially(query, delay=15)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    previous: list[str] = []
    for _ in range(20):  # wait until the list stops changing (one result per keystroke)
        current = [links.nth(i).get_attribute("href") for i in range(links.count())]
        if current and current == previous:
            return [urljoin(page.url, href) for href in current]
        previous = current
        time.sleep(0.15)
    return [urljoin(page.url, href) for href in previous]


def _page_path(url: str, root: str) -> str:
    """Result URL -> page path relative to the site root (no query, no #)."""
    path = urlparse(url).path
    prefix = urlparse(root).path
    assert path.startswith(prefix), f"{url} is outside the site {root}"
    return path[len(prefix):]


@pytest.fixture(scope="module")
def engine(browser_site):
    return MaterialSearch(load_index(browser_site))


@pytest.mark.parametrize("query", FIRST_RESULT)
def test_first_result_in_the_real_search_box(page, site_url, engine, query):
    expected = _expected(query)
    page.goto(site_url + "index.html")
    results = search(page, query)
    assert results, f"no results for {query!r}"
    first = _page_path(results[0], site_url)
    assert first == expected
    # The lunr.py reproduction used by the evaluation agrees with the browser.
    assert engine.search(query)[0][0] == first




def test_search_under_a_sub_path(page, subpath_url):
    page.goto(subpath_url + "understanding/cse.html")
    results = search(page, "cuckooing")
    assert results
    assert all(urlparse(r).path.startswith(f"/{SUBPATH}/") for r in results)
    assert any(_page_path(r, subpath_url) == "understanding/county-lines.html" for r in results[:3])
    # Following the result lands on the page, still under the sub-path.
    target = next(r for r in results if "county-lines.html" in r and "print/" not in r)
    page.goto(target)
    assert page.locator("article h1").first.inner_text().strip() == "County lines"


def test_search_from_file_url(page, browser_site):
    """Opened straight from disk: the offline plugin's search_index.js and the
    vendored iframe-worker shim make search work without a server."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((browser_site / "signs.html").as_uri())
    results = search(page, "NRM")
    assert results[0].startswith("file://")
    assert Path(urlparse(results[0]).path) == browser_site / "worried" / "trafficking-nrm.html"
    assert not [u for u in requests if urlparse(u).scheme in ("http", "https")], \
        "the file:// site requested something from a web server"


def test_abbreviation_expands_on_keyboard_focus(page, site_url):
    from kb.data.glossary import load_glossary

    expansions = {e.term: " ".join(e.expansion.split()) for e in load_glossary()[0]}
    page.goto(site_url + "worried/trafficking-nrm.html")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    else:
        pytest.fail("no abbreviation could be reached with the Tab key")
    term = page.evaluate("document.activeElement.textContent")
    # Material's tooltip: the host gets aria-describedby pointing at a
    # visible role=tooltip element that holds the expansion.
    page.wait_for_function(
        "() => { const id = document.activeElement.getAttribute('aria-describedby');"
        " const tip = id && document.getElementById(id);"
        " return tip && tip.getAttribute('role') === 'tooltip' && tip.offsetParent !== null; }",
        timeout=5000)
    text = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent")
    assert " ".join(text.split()) == expansions[term]


def test_glossary_passes_axe(page, site_url):
    """The generated glossary, with focusable <abbr> elements in and next to
    links, has no axe violations (nested-interactive included)."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + "glossary.html")
    assert page.locator("article dl abbr[tabindex='0']").count() > 0
    assert page.locator("article dl a abbr").count() > 0  # abbr inside links: not focusable
    # A focusable element inside a link would be a second tab stop inside it.
    assert page.locator("article dl a abbr[tabindex]").count() == 0
    results = Axe().run(page, context={"include": [["article dl"]]})
    assert results.violations_count == 0, results.generate_report()


def test_abbreviation_expands_on_hover(page, site_url):
    from kb.data.glossary import load_glossary

    expansions = {e.term: " ".join(e.expansion.split()) for e in load_glossary()[0]}
    page.goto(site_url + "understanding/cce.html")
    abbr = page.locator("article abbr[tabindex='0']").first
    term = abbr.inner_text()
    abbr.hover()
    page.wait_for_function(
        "el => { const id = el.getAttribute('aria-describedby');"
        " const tip = id && document.getElementById(id);"
        " return tip && tip.offsetParent !== null; }", arg=abbr.element_handle(), timeout=5000)
    text = abbr.evaluate("el => document.getElementById(el.getAttribute('aria-describedby')).textContent")
    assert " ".join(text.split()) == expansions[term]
