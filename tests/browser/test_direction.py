"""English inside Arabic pages reads in English order, on screen.

The reviewer found this in screenshots: English phrases with commas,
brackets or abbreviations between Arabic text came out reversed when each
Latin piece had its own left-to-right span. This measures what a screenshot
shows: within every English phrase on a line, each word starts to the right
of the one before it.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["ar/contacts.html", "ar/understanding/cse.html", "ar/worried/index.html",
         "ar/print/who-to-contact.html"]

# For each English span: the words' boxes, in text order, must run left to
# right on each line. Returns the phrases that do not.
REVERSED = """() => {
  // In each block, Latin words not separated by Arabic text form one English
  // phrase; on one line its words must run left to right.
  const bad = [];
  const arabic = /[\u0600-\u06FF]/;
  for (const block of document.querySelectorAll('article p, article li, article td, article th, article h1, article h2, article h3')) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let phrase = [], n;
    const flush = () => {
      for (let i = 1; i < phrase.length; i++) {
        const a = phrase[i - 1], b = phrase[i];
        if (Math.abs(a.rect.top - b.rect.top) < 2 && b.rect.left < a.rect.left) {
          bad.push(phrase.map(w => w.word).join(' ').slice(0, 80));
          break;
        }
      }
      phrase = [];
    };
    while ((n = walker.nextNode())) {
      for (const m of n.data.matchAll(/[A-Za-z][^\s]*|[\u0600-\u06FF]+/g)) {
        if (arabic.test(m[0])) { flush(); continue; }
        const r = document.createRange();
        r.setStart(n, m.index); r.setEnd(n, m.index + 1);
        const rect = r.getBoundingClientRect();
        if (rect.width) phrase.push({word: m[0], rect});
      }
    }
    flush();
  }
  return [...new Set(bad)];
}"""


@pytest.mark.parametrize("path", PAGES)
def test_english_phrases_in_arabic_read_left_to_right(page, site_url, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate(REVERSED) == []
