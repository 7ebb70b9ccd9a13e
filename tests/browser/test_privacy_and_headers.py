"""Privacy and security headers, watched in Chromium.

One crawl visits every built page with the production security headers
(scripts/serve_with_headers.py, the same headers as deploy/nginx.conf). It
uses the search and the colour switch too, because those run the most
script. The tests below then check what the crawl saw."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kb.postbuild.csp import (STATIC_HEADERS, InlineHashes, nginx_snippet,  # noqa: E402
                       parse_nginx_snippet, read_hashes, security_headers)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Collect violations from inside the page as well as from the console.
# (Playwright runs init scripts outside the page's CSP.)
WATCH_CSP = """
window.__kbCsp = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__kbCsp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
                      ' at ' + e.sourceFile + ':' + e.lineNumber);
});
"""


@dataclass
class Crawl:
    pages: list[str]
    requests: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    cookies: list[dict] = field(default_factory=list)
    document_cookies: dict[str, str] = field(default_factory=dict)
    local_storage: dict[str, str] = field(default_factory=dict)
    session_storage: dict[str, str] = field(default_factory=dict)
    responses: dict[str, dict[str, str]] = field(default_factory=dict)
    searched: int = 0


def _use_search_and_palette(page) -> int:
    """Search for a word, then flip the colour scheme. Returns result count."""
    page.locator("input.md-search__input").click()  # the default viewport is wide
    # Material listens for key presses, not input events: type it.
    page.locator("input.md-search__input").press_sequentially("county lines")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    count = page.locator(".md-search-result__item").count()
    page.keyboard.press("Escape")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_timeout(200)
    return count


@pytest.fixture(scope="module")
def crawl(browser, site_url, site_pages) -> Crawl:
    result = Crawl(pages=list(site_pages))
    ctx = browser.new_context()
    ctx.add_init_script(WATCH_CSP)
    ctx.on("request", lambda req: result.requests.append(req.url))
    try:
        page = ctx.new_page()
        page.on("console", lambda msg: result.csp.append(msg.text)
                if "Content Security Policy" in msg.text
                or "Content-Security-Policy" in msg.text else None)
        for rel in site_pages:
            response = page.goto(site_url + rel)
            result.responses[rel] = response.all_headers()
            page.wait_for_load_state("networkidle")
            if rel == "index.html":
                result.searched = _use_search_and_palette(page)
            result.csp += [f"{rel}: {v}" for v in page.evaluate("window.__kbCsp")]
            result.document_cookies[rel] = page.evaluate("document.cookie")
        result.cookies = ctx.cookies()
        result.local_storage = page.evaluate(
            "Object.fromEntries(Object.entries(localStorage))")
        result.session_storage = page.evaluate(
            "Object.fromEntries(Object.entries(sessionStorage))")
    finally:
        ctx.close()
    return result


def test_crawl_saw_every_page_and_used_search(crawl, site_url):
    visited = {urlsplit(u).path.lstrip("/") for u in crawl.requests}
    assert set(crawl.pages) <= visited
    assert crawl.searched > 0, "the search returned nothing"
    assert any(u.endswith("search_index.json") for u in crawl.requests)


def test_no_request_leaves_the_local_server(crawl, site_url):
    here = urlsplit(site_url).netloc
    elsewhere = sorted({u for u in crawl.requests
                        if urlsplit(u).scheme not in ("data", "blob")
                        and urlsplit(u).netloc != here})
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)


def test_no_cookies(crawl):
    assert crawl.cookies == []
    assert set(crawl.document_cookies.values()) == {""}


def test_storage_is_only_the_colour_scheme_choice(crawl):
    """What About this site says: local storage holds only the palette."""
    assert crawl.session_storage == {}
    assert crawl.local_storage, "the colour switch stored nothing (did it run?)"
    assert all(key.endswith(".__palette") for key in crawl.local_storage), \
        sorted(crawl.local_storage)


def test_zero_csp_violations(crawl):
    assert not crawl.csp, "Content-Security-Policy violations:\n" + "\n".join(crawl.csp)


def test_every_response_has_the_nginx_headers(crawl, browser_site):
    """The browser got exactly the headers the nginx snippet for this build sets."""
    expected = parse_nginx_snippet(nginx_snippet(security_headers(read_hashes(browser_site))))
    for rel, headers in crawl.responses.items():
        got = {name: headers.get(name.lower()) for name in expected}
        assert got == expected, rel


def test_example_snippet_matches_the_code():
    """deploy/security-headers.example.conf sets the same headers as the code.

    Only the hash lists may differ: they depend on the build."""
    shipped = parse_nginx_snippet(
        (ROOT / "deploy" / "security-headers.example.conf").read_text(encoding="utf-8"))
    assert {k: v for k, v in shipped.items() if k != "Content-Security-Policy"} == STATIC_HEADERS

    def without_hashes(policy: str) -> list[str]:
        return [" ".join(w for w in d.split() if not w.startswith("'sha256-")
                         and w != "'unsafe-hashes'") for d in policy.split("; ")]

    built = security_headers(InlineHashes())["Content-Security-Policy"]
    assert without_hashes(shipped["Content-Security-Policy"]) == without_hashes(built)


def test_nginx_conf_includes_the_snippet_and_gzip():
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    lines = [line.split("#", 1)[0].strip() for line in conf.splitlines()]
    assert "include /etc/nginx/snippets/kb-security-headers.conf;" in lines
    assert "gzip on;" in lines
    # add_header anywhere else would replace the snippet's headers in that block.
    assert not [line for line in lines if line.startswith("add_header")]


def test_the_violation_watch_can_see_a_violation(browser, browser_site):
    """Guard for test_zero_csp_violations: without the hashes Material's
    inline scripts are blocked, and the same watch reports it."""
    from scripts.serve_with_headers import serve

    server, url = serve(browser_site, port=0, headers=security_headers(InlineHashes()))
    ctx = browser.new_context()
    ctx.add_init_script(WATCH_CSP)
    try:
        page = ctx.new_page()
        console = []
        page.on("console", lambda msg: console.append(msg.text))
        page.goto(url + "index.html")
        page.wait_for_load_state("networkidle")
        seen = page.evaluate("window.__kbCsp")
        assert any(v.startswith("script-src") for v in seen), seen
        assert any("Content Security Policy" in text for text in console), console
    finally:
        ctx.close()
        server.shutdown()
        server.server_close()
