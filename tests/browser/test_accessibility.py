"""Accessibility in Chromium: axe-core on every built page in both colour
schemes, keyboard access (skip link, visible focus, quick exit within three
Tab presses) and reflow at 320 CSS px."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
# Material picks the palette from prefers-color-scheme (mkdocs.yml has a
# toggle with one palette per media query).
SCHEMES = {"light": "default", "dark": "slate"}


def _describe(rel: str, violations: list[dict]) -> list[str]:
    out = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        out.append(f"{rel}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes) "
                   f"{v['help']}: {targets}")
    return out


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_axe_finds_nothing_on_any_page(browser, site_url, site_pages, scheme):
    axe = Axe()
    ctx = browser.new_context(color_scheme=scheme)
    problems: list[str] = []
    try:
        page = ctx.new_page()
        for rel in site_pages:
            page.goto(site_url + rel)
            page.wait_for_load_state("load")
            actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert actual == SCHEMES[scheme], f"{rel}: palette {actual!r}, not {scheme}"
            result = axe.run(page, options=AXE_OPTIONS)
            problems += _describe(rel, result.response["violations"])
    finally:
        ctx.close()
    assert not problems, (f"axe found {len(problems)} problems ({scheme} scheme):\n"
                          + "\n".join(problems))


def test_quick_exit_within_three_tab_presses_on_every_page(page, site_url, site_pages):
    missing = []
    for rel in site_pages:
        page.goto(site_url + rel)
        for _ in range(3):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('[data-kb-quick-exit-link]')"):
                break
        else:
            missing.append(rel)
    assert not missing, f"quick exit not reached in 3 Tab presses on: {missing}"


def _toc_page(browser_site, site_pages) -> str:
    """A page whose first heading gives Material a skip link."""
    from bs4 import BeautifulSoup

    for rel in site_pages:
        soup = BeautifulSoup((browser_site / rel).read_text(encoding="utf-8"), "lxml")
        if soup.select_one("a.md-skip") and len(soup.select("article h2[id]")) >= 3:
            return rel
    pytest.fail("no page with a skip link and three headings")


def test_skip_link_moves_to_the_content(page, site_url, browser_site, site_pages):
    rel = _toc_page(browser_site, site_pages)
    page.goto(site_url + rel)
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    assert skip.evaluate("el => el === document.activeElement"), "skip link is not first"
    page.wait_for_timeout(400)  # Material fades it in
    assert skip.is_visible()
    assert float(skip.evaluate("el => getComputedStyle(el).opacity")) == 1
    target = skip.get_attribute("href").split("#", 1)[1]
    page.keyboard.press("Enter")
    page.wait_for_function("id => location.hash === '#' + id", arg=target)
    # The target is on screen, below the sticky quick-exit bar and header.
    box = page.locator(f"[id='{target}']").bounding_box()
    covered = page.evaluate("""() => {
        const bar = document.querySelector('.kb-quick-exit').getBoundingClientRect();
        const head = document.querySelector('.md-header').getBoundingClientRect();
        return Math.max(bar.bottom, head.bottom);
    }""")
    assert box is not None and covered <= box["y"] < page.viewport_size["height"]


@pytest.mark.parametrize("width", [1280, 320])
def test_focus_is_always_visible(browser, site_url, browser_site, site_pages, width):
    """Each of the first Tab stops looks different focused and unfocused."""
    rel = _toc_page(browser_site, site_pages)
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    invisible = []
    try:
        page = ctx.new_page()
        page.goto(site_url + rel)
        for step in range(20):
            page.keyboard.press("Tab")
            page.wait_for_timeout(350)  # let transitions (skip links) finish
            box = page.evaluate("""() => {
                const el = document.activeElement;
                window.__kbFocused = el;
                const r = el.getBoundingClientRect();
                return {x: r.x, y: r.y, w: r.width, h: r.height,
                        what: el.tagName + '.' + el.className + ' ' + (el.textContent || '').trim().slice(0, 30)};
            }""")
            if box["what"].startswith("BODY"):
                break
            vw, vh = page.viewport_size["width"], page.viewport_size["height"]
            x0, y0 = max(box["x"] - 6, 0), max(box["y"] - 6, 0)
            x1, y1 = min(box["x"] + box["w"] + 6, vw), min(box["y"] + box["h"] + 6, vh)
            if x1 - x0 < 1 or y1 - y0 < 1:
                invisible.append(f"step {step + 1}: {box['what']} is off screen when focused")
                continue
            clip = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
            focused = page.screenshot(clip=clip, animations="disabled")
            page.evaluate("() => window.__kbFocused.blur()")
            page.wait_for_timeout(350)
            blurred = page.screenshot(clip=clip, animations="disabled")
            page.evaluate("() => window.__kbFocused.focus({focusVisible: true})")
            if focused == blurred:
                invisible.append(f"step {step + 1}: {box['what']}")
    finally:
        ctx.close()
    assert not invisible, f"no visible focus at {width}px on {rel}:\n" + "\n".join(invisible)


def test_pages_reflow_at_320_px(browser, site_url, site_pages):
    ctx = browser.new_context(viewport={"width": 320, "height": 640})
    wide = []
    try:
        page = ctx.new_page()
        for rel in site_pages:
            page.goto(site_url + rel)
            found = page.evaluate("""() => {
                const doc = document.documentElement;
                if (doc.scrollWidth <= window.innerWidth) return null;
                // Name the widest element that is not inside its own scroll box.
                // (Fixed elements, like the closed drawer, do not scroll the page.)
                let worst = null;
                for (const el of document.body.querySelectorAll('*')) {
                    const r = el.getBoundingClientRect();
                    const over = Math.max(r.right - window.innerWidth, -r.left);
                    if (over <= 1) continue;
                    let p = el, boxed = false;
                    while (p && p !== document.body) {
                        const cs = getComputedStyle(p);
                        if (cs.position === 'fixed' || (p !== el &&
                            ['auto', 'scroll', 'hidden', 'clip'].includes(cs.overflowX))) {
                            boxed = true; break;
                        }
                        p = p.parentElement;
                    }
                    if (!boxed && (!worst || over > worst.over))
                        worst = {over, what: el.tagName + '.' + el.className + ' ' +
                                 (el.textContent || '').trim().slice(0, 40)};
                }
                return {scrollWidth: doc.scrollWidth, worst};
            }""")
            if found:
                wide.append(f"{rel}: page is {found['scrollWidth']}px wide; {found['worst']}")
    finally:
        ctx.close()
    assert not wide, "horizontal scrolling at 320 CSS px:\n" + "\n".join(wide)
