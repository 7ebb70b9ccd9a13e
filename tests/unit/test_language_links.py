"""Unit tests for kb_mkdocs/workarounds.py (language links): the language <link rel="alternate">
tags leave the head (Material's script fetched a sitemap.xml beside the page
for each); everything else stays byte for byte."""

from __future__ import annotations

from bs4 import BeautifulSoup

from kb_mkdocs.workarounds import drop_language_links, is_language_link

# The head as Material 9.8.1 writes it on understanding/cse.html.
PAGE = """<!doctype html>
<html lang="en" class="no-js">
  <head>
      <meta charset="utf-8">
      <link rel="prev" href="index.html">
        <link rel="alternate" href="cse.html" hreflang="en">
        <link rel="alternate" href="../pl/understanding/cse.html" hreflang="pl">
        <link rel="alternate" href="../ar/understanding/cse.html" hreflang="ar">
        <link rel="alternate" type="application/rss+xml" title="New" href="feed.xml">
      <link rel="icon" href="../assets/images/favicon.png">
  </head>
  <body>
    <a href="../pl/understanding/cse.html" hreflang="pl" class="md-select__link">Polski</a>
    <pre><code>&lt;link rel="alternate" hreflang="pl"&gt;</code></pre>
    <link rel="alternate" href="x.html" hreflang="pl">
  </body>
</html>
"""


def test_language_links_leave_the_head_and_nothing_else_changes():
    out = drop_language_links(PAGE)
    head = BeautifulSoup(out, "html.parser").head
    assert head.select("link[rel=alternate][hreflang]") == []
    # RSS alternates, prev and icon stay.
    assert [link["rel"] for link in head.select("link")] == [["prev"], ["alternate"], ["icon"]]
    # Exactly the three lines went: nothing else moved.
    removed = [line for line in PAGE.splitlines() if line not in out.splitlines()]
    assert len(removed) == 3 and all('hreflang="' in line for line in removed)
    assert out.split("</head>")[1] == PAGE.split("</head>")[1]


def test_the_language_menu_keeps_its_links():
    menu = BeautifulSoup(drop_language_links(PAGE), "html.parser").select("a.md-select__link")
    assert [(a["href"], a["hreflang"]) for a in menu] == [("../pl/understanding/cse.html", "pl")]


def test_a_page_without_language_links_or_a_head_is_unchanged():
    plain = "<html><head><link rel=\"icon\" href=\"i.png\"></head><body></body></html>"
    assert drop_language_links(plain) == plain
    fragment = '<link rel="alternate" href="x.html" hreflang="pl">'
    assert drop_language_links(fragment) == fragment


def test_is_language_link():
    assert is_language_link('<link rel="alternate" href="a.html" hreflang="pl">')
    assert is_language_link("<link hreflang='ar' rel='alternate' href='a.html'>")
    assert is_language_link('<LINK REL=alternate HREF=a.html HREFLANG=pl>')
    assert not is_language_link('<link rel="alternate" type="application/rss+xml" href="f.xml">')
    assert not is_language_link('<link rel="alternate stylesheet" href="a.css" hreflang="pl">')
    assert not is_language_link('<link rel="canonical" href="a.html" hreflang="pl">')
