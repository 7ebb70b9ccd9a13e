"""Posters and handouts on screen: the preview never hides text.

On paper a long sheet (a translation, say) fits by shrinking its type
(scripts/render_print.py sets --kb-fit). On screen there is no such step, so
the sheet grows instead of clipping. Before that rule, the Polish poster hid
its own 999 box.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SHEETS = ["print/who-to-contact.html", "pl/print/who-to-contact.html",
          "ar/print/who-to-contact.html", "print/spot-the-signs.html",
          "pl/print/spot-the-signs.html", "ar/print/spot-the-signs.html",
          "print/worried-handout.html", "print/police-missing-handout.html"]

# Every element's box inside the sheet: returns the texts that fall outside it.
CLIPPED = """() => {
  const sheet = document.querySelector('.kb-sheet');
  const box = sheet.getBoundingClientRect();
  const out = [];
  for (const el of sheet.querySelectorAll('p, li, h1, h2, strong, a')) {
    const r = el.getBoundingClientRect();
    if (r.height && (r.bottom > box.bottom + 1 || r.right > box.right + 1)) {
      out.push(el.textContent.trim().slice(0, 60));
    }
  }
  return out;
}"""


@pytest.mark.parametrize("path", SHEETS)
def test_no_text_is_cut_off_on_screen(page, site_url, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + path)
    assert page.evaluate(CLIPPED) == [], f"{path}: text outside the sheet"
    if "who-to-contact" in path or "spot-the-signs" in path:
        assert page.locator(".kb-sheet a[href='tel:999']").first.is_visible()
