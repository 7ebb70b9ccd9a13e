"""The overdue-review banner is recomputed in the browser against today's
date (Playwright's clock), and falls back to the build-time state without
JavaScript. The fixture site is served with the production security headers,
so review.js also has to work under the Content-Security-Policy."""

from __future__ import annotations

from datetime import datetime

import pytest

from scripts.serve_with_headers import serve


@pytest.fixture(scope="module")
def review_url(review_fixture_site):
    site, _ = review_fixture_site
    server, url = serve(site, port=0)
    yield url.rstrip("/")
    server.shutdown()
    server.server_close()


def open_on(browser, url: str, when: str | None, javascript: bool = True):
    ctx = browser.new_context(timezone_id="Europe/London", java_script_enabled=javascript)
    page = ctx.new_page()
    if when:
        page.clock.set_fixed_time(datetime.fromisoformat(when))
    page.goto(url)
    page.wait_for_load_state("load")
    return ctx, page


BANNER = "[data-kb-review-banner]"


@pytest.mark.parametrize("when, visible", [
    ("2027-06-01T12:00:00", False),   # before the due date (1 November 2027)
    ("2027-11-01T23:30:00", False),   # on the due date itself: due, not overdue
    ("2027-11-02T00:30:00", True),    # the day after
    ("2028-06-01T12:00:00", True),
])
def test_banner_recomputed_against_today(browser, review_url, when, visible):
    ctx, page = open_on(browser, review_url + "/fresh.html", when)
    try:
        banner = page.locator(BANNER)
        assert banner.count() == 1
        assert banner.is_visible() is visible
        assert banner.get_attribute("data-kb-overdue") == ("true" if visible else "false")
        if visible:
            assert "This page is overdue for review" in banner.inner_text()
            assert "1 November 2027" in banner.inner_text()
    finally:
        ctx.close()


def test_build_time_overdue_banner_hidden_when_the_browser_says_not_due(browser, review_url):
    # old.html was overdue when built (due 1 January 2021). A browser whose
    # clock says 2020 recomputes and hides it: the JS decides, not the build.
    ctx, page = open_on(browser, review_url + "/old.html", "2020-06-01T12:00:00")
    try:
        assert not page.locator(BANNER).is_visible()
    finally:
        ctx.close()


def test_without_javascript_the_build_time_state_shows(browser, review_url):
    ctx, page = open_on(browser, review_url + "/old.html", None, javascript=False)
    try:
        assert page.locator(BANNER).is_visible()
        assert "1 January 2021" in page.locator(BANNER).inner_text()
        page.goto(review_url + "/fresh.html")
        assert page.locator(BANNER).count() == 1 and not page.locator(BANNER).is_visible()
    finally:
        ctx.close()


def test_review_script_runs_without_console_errors(browser, review_url):
    ctx = browser.new_context(timezone_id="Europe/London")
    page = ctx.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "review" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.clock.set_fixed_time(datetime(2030, 1, 1, 12))
        page.goto(review_url + "/index.html")
        assert page.locator(BANNER).is_visible()  # due 21 May 2027, so overdue in 2030
        assert [p for p in problems if "review" in p.lower()] == []
    finally:
        ctx.close()
