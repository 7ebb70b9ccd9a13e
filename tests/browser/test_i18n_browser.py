"""Polish and Arabic in Chromium: per-language search, right-to-left layout,
the language switcher under a sub-path. Axe runs on every page of every
language in tests/browser/test_accessibility.py.

Fixtures (`browser_site`, `site_url`, `page`) come from tests/browser/conftest.py:
the real site served with the production security headers.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest


ROOT = Path(__file__).resolve().parents[2]
from tests.browser.conftest import SUBPATH


def search(page, query: str) -> list[str]:
    """Type *query* into Material's search box; return the result URLs."""
    page.keyboard.press("/")  # Material's shortcut: focus the search box
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=15)
    # Non-Latin letters are typed as text input without key events, and
    # Material reads the box on "keyup": press a key, as a real keyboard does.
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    previous: list[str] = []
    for _ in range(20):  # wait until the list stops changing
        current = [links.nth(i).get_attribute("href") for i in range(links.count())]
        if current and current == previous:
            break
        previous = current
        time.sleep(0.15)
    return [urljoin(page.url, href) for href in previous]


def tree_of(url: str, root: str) -> str:
    path = urlparse(url).path[len(urlparse(root).path):]
    first = path.split("/", 1)[0]
    return first if first in ("pl", "ar") else "en"


# --- per-language search ----------------------------------------------------------

def test_search_on_an_english_page_returns_only_english_pages(page, site_url):
    page.goto(site_url + "signs.html")
    results = search(page, "NSPCC")
    assert results
    assert {tree_of(r, site_url) for r in results} == {"en"}, results


def test_search_on_a_polish_page_returns_polish_pages_first(page, site_url):
    page.goto(site_url + "pl/signs.html")
    # "NSPCC" is on Polish pages (contacts, what to do) and on English-only
    # pages that the Polish tree shows in English (fallbacks).
    results = search(page, "NSPCC")
    assert results
    assert {tree_of(r, site_url) for r in results} == {"pl"}, results
    docs = ROOT / "docs"
    translated = {p.relative_to(docs).as_posix()[:-len(".pl.md")] + ".html"
                  for p in docs.rglob("*.pl.md")}
    paths = [urlparse(r).path.split("/pl/", 1)[1] for r in results]
    first_fallback = next((i for i, p in enumerate(paths) if p not in translated), len(paths))
    assert all(p not in translated for p in paths[first_fallback:]), paths
    assert paths[0] in translated
    # A Polish word finds the Polish page; an English page search never does.
    assert urlparse(search(page, "oznaki")[0]).path.endswith("/pl/signs.html")


def test_polish_words_are_not_found_from_english_pages(page, site_url):
    page.goto(site_url + "index.html")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.press_sequentially("oznaki", delay=15)
    page.wait_for_selector(".md-search-result__meta", timeout=15000)
    time.sleep(0.5)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    assert not [h for h in hrefs if "/pl/" in h or "/ar/" in h], hrefs


def test_search_on_an_arabic_page_stays_in_arabic(page, site_url):
    page.goto(site_url + "ar/index.html")
    results = search(page, "العلامات")
    assert results
    assert {tree_of(r, site_url) for r in results} == {"ar"}, results
    assert urlparse(results[0]).path.endswith("/ar/signs.html"), results


# --- lang, dir and the right-to-left layout ----------------------------------------

@pytest.mark.parametrize("path,lang,direction", [
    ("index.html", "en", "ltr"), ("pl/index.html", "pl", "ltr"), ("ar/index.html", "ar", "rtl"),
    ("ar/glossary.html", "ar", "rtl")])
def test_lang_and_direction(page, site_url, path, lang, direction):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    box = page.locator(".kb-quick-exit__button").bounding_box()
    nav = page.locator(".md-sidebar--primary").bounding_box()
    content = page.locator(".md-content").bounding_box()
    centre = 640
    if direction == "rtl":
        # Mirrored: quick exit on the left, the menu on the right of the text.
        assert box["x"] + box["width"] / 2 < centre
        assert nav["x"] > content["x"]
        # Table cells and list items start at the right edge.
        assert page.evaluate("getComputedStyle(document.querySelector('article p')).textAlign") \
            in ("start", "right")
    else:
        assert box["x"] + box["width"] / 2 > centre
        assert nav["x"] < content["x"]


def test_arabic_tables_and_lists_are_right_aligned(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "ar/contacts.html")
    first, last = page.evaluate("""() => {
        const cells = document.querySelectorAll('article table tbody tr:first-child td');
        return [cells[0].getBoundingClientRect().x, cells[cells.length - 1].getBoundingClientRect().x];
    }""")
    assert first > last, "the first column should be on the right"
    # Phone numbers read left to right inside the right-to-left table.
    number = page.locator("article a[href='tel:+443005551384']")
    assert number.evaluate("a => getComputedStyle(a.querySelector('[dir=ltr]') || a).direction") == "ltr"
    page.goto(site_url + "ar/signs.html")
    li = page.locator("article ul li").first.bounding_box()
    article = page.locator("article").bounding_box()
    assert li["x"] + li["width"] > article["x"] + article["width"] * 0.8


def test_arabic_poster_prints_right_to_left(page, site_url):
    page.goto(site_url + "ar/print/spot-the-signs.html")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('[data-kb-sheet]')).direction") == "rtl"
    assert page.locator("[data-kb-translation=sheet]").is_visible()


# --- the language switcher, under a sub-path ---------------------------------------



@pytest.mark.parametrize("start,lang,expected", [
    ("worried/index.html", "pl", "pl/worried/index.html"),
    ("pl/worried/index.html", "ar", "ar/worried/index.html"),
    ("ar/glossary.html", "en", "glossary.html"),
    ("pl/glossary.html", "ar", "ar/glossary.html"),   # untranslated: the fallback page
])
def test_switcher_leads_to_the_same_page_under_a_sub_path(page, subpath_url, start, lang, expected):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(subpath_url + start)
    page.locator(".md-header__option .md-select > button").hover()
    page.locator(f"a.md-select__link[hreflang={lang}]").click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == f"/{SUBPATH}/{expected}"
    assert page.evaluate("document.documentElement.lang") == lang


# --- axe in every language --------------------------------------------------------
# tests/browser/test_accessibility.py runs axe on every built page (`site_pages`)
# in both colour schemes; this makes sure that crawl includes each language tree,
# translated and fallback pages alike, rather than running axe a second time.

def test_axe_crawl_covers_every_language(site_pages):
    docs = ROOT / "docs"
    for lang in ("pl", "ar"):
        pages = {p for p in site_pages if p.startswith(f"{lang}/")}
        translated = {f"{lang}/" + p.relative_to(docs).as_posix()[:-len(f".{lang}.md")] + ".html"
                      for p in docs.rglob(f"*.{lang}.md")}
        assert translated and translated <= pages
        english = [p for p in docs.rglob("*.md") if not p.relative_to(docs).as_posix().startswith("_data/")
                   and len(p.suffixes) == 1]
        assert len(pages) >= len(english)  # every page, translated or not, in the tree


def test_polish_search_from_file_url(page, browser_site):
    """Opened from disk: the Polish page loads pl/search/search_index.js."""
    page.goto((browser_site / "pl" / "signs.html").as_uri())
    results = search(page, "oznaki")
    assert results and results[0].startswith("file://")
    assert Path(urlparse(results[0]).path) == browser_site / "pl" / "signs.html"
    assert all("/pl/" in urlparse(r).path for r in results)
