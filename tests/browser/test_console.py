"""A clean console: every built page, in every language and both colour
schemes, loads in Chromium without a console error or warning, an uncaught
script error, a failed request or a 4xx/5xx response.

The site is the one `make print` leaves: the browser tests' build
(`browser_site` in tests/browser/conftest.py), copied, with
scripts/render_print.py run on it, because the Posters and handouts pages
show the PDFs' thumbnails. It is served over HTTP with the production
headers (scripts/serve_with_headers.py), so a Content-Security-Policy
violation shows up here too, as a console error. One browser context per colour scheme is
reused for every page; each page is left only when its network is quiet, so
requests that Material's script makes after `load` (the search index, the
search worker's scripts) are seen and are not cut off by the next page.

A second test opens pages from file://, the way an editor opens a build
folder without a server.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from scripts.serve_with_headers import serve
from tests.conftest import ROOT, render_print

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Material picks the palette from prefers-color-scheme (mkdocs.yml has a
# toggle with one palette per media query).
SCHEMES = {"light": "default", "dark": "slate"}
LANGUAGES = ("en", "pl", "ar")
CONSOLE_TYPES = {"error", "warning"}
QUIET_SECONDS = 0.15    # no request started or ended for this long: the page is done
SETTLE_TIMEOUT = 15.0   # a page still busy after this long is a problem too


def language_of(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in LANGUAGES[1:] else "en"


@dataclass
class Watch:
    """What one browser page reported, filed under the site page being visited."""

    current: str = ""
    problems: list[str] = field(default_factory=list)
    pending: set = field(default_factory=set)
    last_event: float = field(default_factory=time.monotonic)
    seen: int = 0

    def note(self, text: str) -> None:
        self.problems.append(f"{self.current}: {text}")

    def _started(self, request) -> None:
        self.pending.add(request)
        self.seen += 1
        self.last_event = time.monotonic()

    def _ended(self, request) -> None:
        self.pending.discard(request)
        self.last_event = time.monotonic()

    def _failed(self, request) -> None:
        self._ended(request)
        self.note(f"request failed: {request.method} {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.note(f"HTTP {response.status}: {response.request.method} {response.url}")

    def _console(self, message) -> None:
        if message.type in CONSOLE_TYPES:
            where = message.location.get("url", "") if message.location else ""
            self.note(f"console {message.type}: {message.text}"
                      + (f" (at {where})" if where else ""))

    def _page_error(self, error) -> None:
        self.note(f"uncaught script error: {error}")

    def attach(self, page) -> None:
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", self._page_error)

    def settle(self, page) -> None:
        """Return once no request is open and none started or ended for
        QUIET_SECONDS (Playwright delivers events while we wait)."""
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while time.monotonic() < deadline:
            if not self.pending and time.monotonic() - self.last_event >= QUIET_SECONDS:
                return
            page.wait_for_timeout(25)
        self.note("still loading after {:.0f} s: {}".format(
            SETTLE_TIMEOUT, sorted(r.url for r in self.pending)))

    def visit(self, page, rel: str, url: str) -> None:
        self.current = rel
        page.goto(url, wait_until="load")
        self.settle(page)


def _report(problems: list[str], what: str) -> str:
    # The same problem on many pages: say it once, with a count and examples.
    by_text: dict[str, list[str]] = {}
    for line in problems:
        rel, _, text = line.partition(": ")
        by_text.setdefault(text, []).append(rel)
    lines = [f"{len(pages)} page(s), e.g. {', '.join(pages[:3])}: {text}"
             for text, pages in sorted(by_text.items(), key=lambda kv: -len(kv[1]))]
    return f"{len(problems)} console problems {what}:\n" + "\n".join(lines)


@pytest.fixture(scope="module")
def deployed_site(browser_site, tmp_path_factory) -> Path:
    """The browser tests' build with its PDFs and thumbnails, as `make print` leaves site/."""
    site = tmp_path_factory.mktemp("console") / "site"
    shutil.copytree(browser_site, site)
    return render_print(site)


@pytest.fixture(scope="module")
def deployed_url(deployed_site) -> str:
    server, url = serve(deployed_site, port=0)  # the production headers for this build
    yield url
    server.shutdown()
    server.server_close()


def test_pages_cover_every_language(site_pages):
    assert {language_of(rel) for rel in site_pages} == set(LANGUAGES)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_console_is_clean_on_every_page(browser, deployed_url, site_pages, scheme):
    watch = Watch()
    ctx = browser.new_context(color_scheme=scheme)
    try:
        page = ctx.new_page()
        watch.attach(page)
        for rel in site_pages:
            watch.visit(page, rel, deployed_url + rel)
            actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert actual == SCHEMES[scheme], f"{rel}: palette {actual!r}, not {scheme}"
    finally:
        ctx.close()
    # The crawl did load the pages and their assets.
    assert watch.seen > len(site_pages)
    assert not watch.problems, _report(watch.problems, f"({scheme} scheme)")


def test_console_is_clean_from_file(browser, deployed_site, site_pages):
    """Opened from the build folder: one page per language and folder depth."""
    picks = [rel for rel in site_pages
             if rel in {"index.html", "signs.html", "understanding/cse.html",
                        "pl/index.html", "pl/understanding/cse.html",
                        "ar/index.html", "ar/understanding/cse.html", "print/index.html"}]
    assert len(picks) == 8, picks
    watch = Watch()
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        watch.attach(page)
        for rel in picks:
            watch.visit(page, rel, (deployed_site / rel).as_uri())
    finally:
        ctx.close()
    assert not watch.problems, _report(watch.problems, "(from file://)")
