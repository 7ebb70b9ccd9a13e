"""Front matter text, escaped for the templates that put it into HTML.

MkDocs renders its theme with Jinja autoescaping off, and Material's
templates write `page.meta.title`, `page.meta.description`, `page.title`
(the header, `<title>`, the `<h1>`, the menu, the footer) into the page as
they are. A title such as `<Referral A> & B` would vanish as a tag, a `"`
in a description would end the meta description early, and `<script>`
would run.

So, just before each page is rendered (after every other hook has read the
page's front matter as written), the text settings are swapped for
HTML-escaped copies (`markupsafe.Markup`, so a template's own `| e` does not
escape them twice), and swapped back after the page is rendered. Page titles
are escaped once for all pages (the menu of each page shows the titles of
the others). The project's own partials escape everything else themselves
(`{% autoescape true %}`).

Material's search plugin reads the title and tags as written; the search
index is escaped by kb/postbuild/search.py (`escape_index`).

Register this module after every other hook.
"""

from __future__ import annotations



from markupsafe import Markup

# Front matter settings that are text shown on the page or in its <head>.
TEXT_KEYS = ("title", "description", "owner", "author", "tags", "keywords")


def escape(text: str) -> Markup:
    """*text* escaped for HTML text and double-quoted attributes.

    `&`, `<`, `>` and `"` only: an apostrophe is left as it is (Material
    quotes every attribute with double quotes), so ordinary titles are
    written exactly as before.
    """
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                  .replace('"', "&quot;"))


def html_text(value):
    """*value* (text, or a list of texts) escaped for HTML; anything else as it is."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [html_text(v) for v in value]
    return value


def template_meta(meta: dict) -> dict:
    """A copy of a page's front matter with its text settings escaped for HTML."""
    out = dict(meta)
    for key in TEXT_KEYS:
        if key in out:
            out[key] = html_text(out[key])
    return out


# --- MkDocs events ---

import mkdocs.plugins

_RAW_META = "_kb_raw_meta"


@mkdocs.plugins.event_priority(-1000)  # after every other hook: the titles as written are read
def on_env(env, *, config, files):
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.title is not None:
            page.title = html_text(str(page.title))
    return env


@mkdocs.plugins.event_priority(-1000)  # last: every hook has read the front matter as written
def on_page_context(context, *, page, config, nav):
    if page.meta and getattr(page, _RAW_META, None) is None:
        setattr(page, _RAW_META, page.meta)
        page.meta = template_meta(page.meta)
    return context


@mkdocs.plugins.event_priority(1000)  # first: later hooks see the front matter as written
def on_post_page(output, *, page, config):
    raw = getattr(page, _RAW_META, None)
    if raw is not None:
        page.meta = raw
        setattr(page, _RAW_META, None)
    return output
