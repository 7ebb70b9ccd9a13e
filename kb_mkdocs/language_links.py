"""No `<link rel="alternate" hreflang>` in the page head, so that Material's
script never asks for a `sitemap.xml` beside the page.

Why: Material's base.html writes one `<link rel="alternate" hreflang>` into
the head for each entry of `extra.alternate`. Its script (setupAlternate in
Material 9.8's bundle) reads those head links on every page and fetches
`sitemap.xml` relative to each one, expecting each link to be a language's
root folder (`/de/`), so that switching language can keep the reader on the
same page. mkdocs-static-i18n fills `extra.alternate` with the *same page*
in each language instead (`../pl/understanding/cse.html`), so the browser
asked for `understanding/sitemap.xml`, `pl/understanding/sitemap.xml` and
`ar/understanding/sitemap.xml`: three 404s on every page, and a CORS error
for each from file://, where no sitemap can ever be fetched. The sitemaps
would not have helped either: Material only uses them for a link whose
address starts with `<alternate link>/`, which a `.html` page address never
is. The language menu's own links (`a.md-select__link`, with hreflang)
already go to the same page in each language, so the head links added
nothing the site uses; search engines also ignore relative hreflang links.

This module removes only those head links: the menu, `extra.alternate` and
every other head tag are left as they are.
"""

from __future__ import annotations

import re

# One <link> tag with rel="alternate" and an hreflang, as Material writes it,
# with its indentation and line end. RSS alternates (no hreflang) stay.
_LINK = re.compile(r"[ \t]*<link\b[^>]*>[ \t]*\n?", re.IGNORECASE)
_REL_ALTERNATE = re.compile(r"""\srel\s*=\s*(["']?)alternate\1[\s>/]""", re.IGNORECASE)
_HREFLANG = re.compile(r"\shreflang\s*=", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def is_language_link(tag: str) -> bool:
    """True for `<link rel="alternate" hreflang=…>`."""
    return bool(_REL_ALTERNATE.search(tag) and _HREFLANG.search(tag))


def drop_language_links(html: str) -> str:
    """*html* without the language `<link rel="alternate">` tags of its head.

    Only the head is touched: a page body that shows such a tag as an
    example keeps it. A page without a head is returned unchanged.
    """
    end = _HEAD_END.search(html)
    if not end:
        return html
    head = _LINK.sub(lambda m: "" if is_language_link(m.group(0)) else m.group(0),
                     html[:end.start()])
    return head + html[end.start():]


# --- MkDocs events ---------------------------------------------------------

def on_post_page(output, *, page, config):
    return drop_language_links(output)


def on_post_template(output_content, *, template_name, config):
    # 404.html is a static template, not a page.
    if template_name.endswith(".html"):
        return drop_language_links(output_content)
    return output_content
