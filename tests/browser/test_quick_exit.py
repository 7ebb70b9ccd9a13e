"""The quick exit ("Exit this page"), each behaviour in CONTENT-BRIEF.md section 8,
watched in Chromium. The destination is the local stub, never a real site."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

BUTTON = ".kb-quick-exit__button"
SKIP = ".kb-quick-exit-skip"
OVERLAY = ".kb-quick-exit-overlay"
ANNOUNCER = "[data-kb-quick-exit-announcer]"
PRESS_TWO = "Shift, press 2 more times to exit."
PRESS_ONE = "Shift, press 1 more time to exit."
SHOT = Path("/tmp/quickexit/overlay.png")


def _open(page, site_url, path="index.html"):
    page.goto(site_url + path)
    page.wait_for_selector(BUTTON)


def _announced(page) -> str:
    return page.locator(ANNOUNCER).text_content().strip()


def _assert_exiting(page):
    """The page is hidden at once and the overlay says "Loading."."""
    overlay = page.locator(OVERLAY)
    overlay.wait_for(state="visible", timeout=3000)
    assert overlay.text_content().strip() == "Loading."
    assert overlay.get_attribute("role") == "alert"
    for part in (".md-container", "header.md-header", BUTTON):
        assert page.locator(part).is_hidden(), f"{part} still visible while exiting"


def test_every_page_has_both_exit_links(browser_site, site_pages, exit_stub):
    for rel in site_pages:
        soup = BeautifulSoup((browser_site / rel).read_text(encoding="utf-8"), "lxml")
        english = soup.html.get("lang", "en").startswith("en")
        links = soup.select("a[data-kb-quick-exit-link]")
        assert [sorted(a["class"]) for a in links] == [["kb-quick-exit-skip"],
                                                        ["kb-quick-exit__button"]], rel
        for a in links:
            assert a["href"] == exit_stub.url, rel
            assert a["rel"] == ["nofollow", "noreferrer"], rel
            hidden = a.select_one(".kb-visually-hidden")
            assert hidden is not None and hidden.get_text(strip=True), rel
            if english:  # other languages: the partial's translation
                assert hidden.get_text(strip=True) == "Emergency", rel
                assert a.get_text(" ", strip=True) == "Emergency Exit this page", rel
        # The script is a file (the CSP allows no new inline script).
        assert soup.select_one('script[src$="assets/quick-exit.js"]') is not None, rel


def test_link_name_and_rel(page, site_url, exit_stub):
    _open(page, site_url)
    links = page.get_by_role("link", name="Emergency Exit this page")
    assert links.count() == 2
    button = page.locator(BUTTON)
    assert button.is_visible()
    assert button.get_attribute("rel") == "nofollow noreferrer"
    assert button.get_attribute("href") == exit_stub.url


def test_click_hides_page_and_shows_overlay(page, site_url, exit_stub):
    _open(page, site_url)
    exit_stub.stay()  # the stub answers 204, so we stay and can look
    page.locator(BUTTON).click()
    _assert_exiting(page)
    assert [r.path for r in exit_stub.requests] == ["/neutral"]
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOT))


def test_click_arrives_at_the_neutral_site(page, site_url, exit_stub):
    _open(page, site_url)
    page.locator(BUTTON).click()
    page.wait_for_url(exit_stub.url)
    assert page.title() == "Neutral stub page"
    # rel="noreferrer" and Referrer-Policy: the stub is not told where we were.
    exits = [r for r in exit_stub.requests if r.path == "/neutral"]
    assert len(exits) == 1
    assert "referer" not in {k.lower() for k in exits[0].headers}


def test_back_does_not_return_to_the_page(page, site_url, exit_stub):
    before = exit_stub.url + "?before"
    page.goto(before)
    _open(page, site_url)
    page.locator(BUTTON).click()
    page.wait_for_url(exit_stub.url)
    page.go_back()
    page.wait_for_load_state()
    # location.replace() swapped the guidance page out of the history.
    assert page.url == before
    page.go_forward()
    page.wait_for_load_state()
    assert page.url == exit_stub.url


def test_secondary_link_after_skip_link(page, site_url, exit_stub):
    _open(page, site_url)
    skip = page.locator(SKIP)

    def on_screen() -> bool:
        box = skip.bounding_box()
        return box is not None and box["y"] + box["height"] > 0 and box["y"] >= 0

    assert not on_screen(), "the secondary link shows before it has focus"
    for _ in range(3):
        page.keyboard.press("Tab")
        if skip.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the secondary exit link was not reached in 3 Tab presses")
    page.wait_for_timeout(300)
    assert on_screen(), "the secondary link stays hidden when focused"
    exit_stub.stay()
    page.keyboard.press("Enter")
    _assert_exiting(page)
    assert [r.path for r in exit_stub.requests] == ["/neutral"]


def test_shift_three_times_exits_with_announcements(page, site_url, exit_stub):
    _open(page, site_url)
    announcer = page.locator(ANNOUNCER)
    assert announcer.get_attribute("aria-live") == "polite"
    assert _announced(page) == ""
    page.keyboard.press("Shift")
    assert _announced(page) == PRESS_TWO
    page.keyboard.press("Shift")
    assert _announced(page) == PRESS_ONE
    assert page.url == site_url + "index.html"  # still here
    exit_stub.stay()
    page.keyboard.press("Shift")
    _assert_exiting(page)
    assert [r.path for r in exit_stub.requests] == ["/neutral"]


def test_shift_count_resets_after_five_seconds(page, site_url, exit_stub):
    page.clock.install()
    _open(page, site_url)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert _announced(page) == PRESS_ONE
    page.clock.fast_forward(5001)
    assert _announced(page) == "Exit shortcut cancelled."
    assert page.locator("[data-kb-quick-exit]").get_attribute("data-count") == "0"
    # A third press now starts again instead of exiting.
    page.keyboard.press("Shift")
    assert _announced(page) == PRESS_TWO
    page.wait_for_timeout(300)
    assert page.url.startswith(site_url)
    assert page.locator(OVERLAY).count() == 0
    assert not exit_stub.requests


def test_shift_three_times_inside_five_seconds_still_exits(page, site_url, exit_stub):
    page.clock.install()
    _open(page, site_url)
    # The installed clock also runs in real time, so leave a margin for a
    # slow machine: 3.5 s of fast-forward, well inside the 5 s window.
    page.keyboard.press("Shift")
    page.clock.fast_forward(1500)
    page.keyboard.press("Shift")
    page.clock.fast_forward(2000)
    page.keyboard.press("Shift")
    page.wait_for_url(exit_stub.url)


def test_any_other_key_resets(page, site_url, exit_stub):
    _open(page, site_url)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert _announced(page) == PRESS_ONE
    page.keyboard.press("a")
    assert _announced(page) == ""
    assert page.locator("[data-kb-quick-exit]").get_attribute("data-count") == "0"
    page.keyboard.press("Shift")
    assert _announced(page) == PRESS_TWO
    page.wait_for_timeout(300)
    assert page.url.startswith(site_url)
    assert not exit_stub.requests


def test_shift_as_a_modifier_does_not_count(page, site_url, exit_stub):
    """Typing capitals (Shift+A) must not trigger the exit."""
    _open(page, site_url)
    for _ in range(4):
        page.keyboard.press("Shift+A")
    assert _announced(page) == ""
    page.wait_for_timeout(300)
    assert page.url.startswith(site_url)
    assert not exit_stub.requests


def test_strings_come_from_the_page(page, site_url):
    """The script speaks the template's (translatable) text, not its own."""

    def swap_text(route):
        html = route.fetch().text()
        assert f'data-press-two="{PRESS_TWO}"' in html
        route.fulfill(body=html.replace(f'data-press-two="{PRESS_TWO}"',
                                        'data-press-two="TEST two more"'),
                      content_type="text/html; charset=utf-8")

    page.route(site_url + "index.html", swap_text)
    _open(page, site_url)
    page.keyboard.press("Shift")
    assert _announced(page) == "TEST two more"


def test_pageshow_from_back_forward_cache_resets(page, site_url, exit_stub):
    # A real back/forward-cache restore cannot happen here: location.replace()
    # removes the page from the history. The case still matters if replace()
    # fails, so we simulate it by dispatching the PageTransitionEvent the
    # browser fires on a bfcache restore (persisted = true).
    _open(page, site_url)
    exit_stub.stay()
    page.locator(BUTTON).click()
    _assert_exiting(page)
    page.evaluate("""() => window.dispatchEvent(
        new PageTransitionEvent('pageshow', {persisted: true}))""")
    assert page.locator(OVERLAY).count() == 0
    assert page.locator(BUTTON).is_visible()
    assert page.locator(".md-container").is_visible()
    assert page.locator("[data-kb-quick-exit]").get_attribute("data-count") == "0"
    # A pageshow that is not a cache restore changes nothing.
    page.keyboard.press("Shift")
    page.evaluate("""() => window.dispatchEvent(
        new PageTransitionEvent('pageshow', {persisted: false}))""")
    assert _announced(page) == PRESS_TWO


def test_hidden_in_print(page, site_url):
    _open(page, site_url)
    assert page.locator(BUTTON).is_visible()
    page.emulate_media(media="print")
    assert page.locator(BUTTON).is_hidden()
    assert page.locator("[data-kb-quick-exit]").is_hidden()
    assert page.locator(SKIP).is_hidden()
    page.emulate_media(media="screen")
    assert page.locator(BUTTON).is_visible()


def test_without_javascript_it_is_a_plain_link(browser, site_url, exit_stub):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        _open(page, site_url)
        button = page.locator(BUTTON)
        assert button.is_visible()
        assert button.get_attribute("rel") == "nofollow noreferrer"
        page.keyboard.press("Shift")
        assert _announced(page) == ""
        button.click()
        page.wait_for_url(exit_stub.url)
        assert page.title() == "Neutral stub page"
    finally:
        ctx.close()
