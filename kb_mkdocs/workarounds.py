"""The workarounds for MkDocs, mkdocs-static-i18n and Material, in one place.

Each section says what upstream does and why the project changes it. When
the engine changes (Material's end of life, 5 May 2027), this module is the
list of what to check again. The kb package knows nothing of these.

- Search de-duplication: mkdocs-static-i18n's quadratic loop, made linear.
- Language links: Material's head `<link hreflang>` tags, removed.
- `<html dir>`: Material puts `dir="rtl"` on `<body>` only.
- MkDocs' log: its link and nav warnings, reworded for editors.
- Serve mode: what mkdocs-static-i18n leaves behind when a language fails,
  and building only some languages while serving.

`STEPS` in kb_mkdocs/hooks.py lists each workaround at the place its events
must run.
"""

from __future__ import annotations

import logging
import pathlib
import posixpath
import re
from types import SimpleNamespace
from urllib.parse import urlsplit

from kb.checks.content import IMAGE_EXT, find_line
from kb.core.errors import ContentError
from kb.core.messages import error
from kb.i18n.translations import rtl_html
from kb_mkdocs import mode


# --- Search de-duplication (mkdocs-static-i18n) -----------------------------
# Keep the build linear where upstream code is not.
#
# mkdocs-static-i18n 1.3.1 removes search entries that a translated tree
# duplicates from the default language (`reconfigure_search_duplicates`) by
# comparing every default-language entry with every translated entry, and
# removing each match from a list: quadratic in the number of pages. Measured
# with `make bench`, it made 3,000 pages take about seven times as long as
# 1,000. `drop_duplicates` does the same in one pass, with the same result and
# order, and `on_config` puts it in place of the plugin's method.

def drop_duplicates(entries: list[dict], prefixes: tuple[str, ...]) -> None:
    """Remove, in place, each entry under one of *prefixes* (`pl/`, `ar/`)
    that has the same title and text as a default-language entry and whose
    location ends with that entry's location. Everything else keeps its order.
    """
    translated: dict[tuple, list[int]] = {}
    for i, entry in enumerate(entries):
        if entry["location"].startswith(prefixes):
            translated.setdefault((entry["title"], entry["text"]), []).append(i)
    if not translated:
        return
    drop: set[int] = set()
    for entry in entries:
        if entry["location"].startswith(prefixes):
            continue
        for i in translated.get((entry["title"], entry["text"]), ()):
            if i not in drop and entries[i]["location"].endswith(entry["location"]):
                drop.add(i)
    if drop:
        entries[:] = [e for i, e in enumerate(entries) if i not in drop]


def _patch_search_duplicates(config, **_):
    plugin = config.plugins.get("i18n")
    if plugin is None or not hasattr(plugin, "reconfigure_search_duplicates"):
        return config

    def linear(search_index_entries, _plugin=plugin):
        prefixes = tuple(f"{lang}/" for lang in _plugin.build_languages)
        drop_duplicates(search_index_entries, prefixes)

    plugin.reconfigure_search_duplicates = linear
    return config


# --- Language links in the head (Material) ----------------------------------
# No `<link rel="alternate" hreflang>` in the page head, so that Material's
# script never asks for a `sitemap.xml` beside the page.
#
# Why: Material's base.html writes one `<link rel="alternate" hreflang>` into
# the head for each entry of `extra.alternate`. Its script (setupAlternate in
# Material 9.8's bundle) reads those head links on every page and fetches
# `sitemap.xml` relative to each one, expecting each link to be a language's
# root folder (`/de/`), so that switching language can keep the reader on the
# same page. mkdocs-static-i18n fills `extra.alternate` with the *same page*
# in each language instead (`../pl/understanding/cse.html`), so the browser
# asked for `understanding/sitemap.xml`, `pl/understanding/sitemap.xml` and
# `ar/understanding/sitemap.xml`: three 404s on every page, and a CORS error
# for each from file://, where no sitemap can ever be fetched. The sitemaps
# would not have helped either: Material only uses them for a link whose
# address starts with `<alternate link>/`, which a `.html` page address never
# is. The language menu's own links (`a.md-select__link`, with hreflang)
# already go to the same page in each language, so the head links added
# nothing the site uses; search engines also ignore relative hreflang links.
#
# This module removes only those head links: the menu, `extra.alternate` and
# every other head tag are left as they are.

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


def _page_without_language_links(output, *, page, config):
    return drop_language_links(output)


def _template_without_language_links(output_content, *, template_name, config):
    # 404.html is a static template, not a page.
    if template_name.endswith(".html"):
        return drop_language_links(output_content)
    return output_content


# --- <html dir> (Material) ---------------------------------------------------
# Material puts dir="rtl" on <body> only; give <html> the direction too, so
# the whole document (scroll bars, :dir() in CSS) is right to left.

def _html_dir(output, *, page, config):
    return rtl_html(output, page.meta.get("kb_translation") if page.meta else None)


# --- MkDocs' own validation messages, reworded --------------------------------

_NOT_FOUND = re.compile(r"^Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but the "
                        r"target(?: '(?P<target>[^']+)')? is not found among documentation files\."
                        r"(?: Did you mean '(?P<sugg>[^']+)'\?)?$")
_UNRECOGNIZED = re.compile(r"^Doc file '(?P<src>[^']+)' contains an unrecognized relative link "
                           r"'(?P<url>[^']+)', it was left as is\.(?: Did you mean '(?P<sugg>[^']+)'\?)?$")
_ABSOLUTE = re.compile(r"^Doc file '(?P<src>[^']+)' contains an absolute link '(?P<url>[^']+)', "
                       r"it was left as is\.")
_ANCHOR = re.compile(r"^Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but "
                     r"(?:there is no such anchor on this page|the doc '(?P<target>[^']+)' does "
                     r"not contain an anchor '#(?P<anchor>[^']+)')\.")
_OMITTED = re.compile(r"^The following pages exist in the docs directory, but are not included "
                      r"in the \"nav\" configuration:\n(?P<pages>.*)$", re.S)


def mkdocs_message_to_errors(message: str, docs_label: str, read) -> list[ContentError]:
    """MkDocs' link and nav warnings as ContentErrors ([] if not one of them).

    *docs_label* is the docs folder as shown to editors ("docs");
    *read(src_uri)* returns a page's source text, used to find the line.
    """
    def where(src):
        text = read(src) or ""
        return f"{docs_label}/{src}", text

    if m := _NOT_FOUND.match(message):
        f, text = where(m["src"])
        line = find_line(text, f"({m['url']}") or find_line(text, m["url"])
        path = urlsplit(m["url"]).path
        if posixpath.splitext(path)[1].lower() in IMAGE_EXT:
            return [error("link-image", f, line, url=m["url"])]
        sugg = f" Did you mean `{m['sugg']}`?" if m["sugg"] else ""
        return [error("link-not-found", f, line, url=m["url"], suggestion=sugg)]
    if m := _UNRECOGNIZED.match(message):
        f, text = where(m["src"])
        return [error("link-unrecognized", f, find_line(text, m["url"]), url=m["url"])]
    if m := _ABSOLUTE.match(message):
        f, text = where(m["src"])
        return [error("link-absolute", f, find_line(text, m["url"]), url=m["url"])]
    if m := _ANCHOR.match(message):
        f, text = where(m["src"])
        anchor = m["anchor"] or urlsplit(m["url"]).fragment
        target = f"{docs_label}/{m['target']}" if m["target"] else "this page"
        return [error("link-anchor", f, find_line(text, m["url"]), url=m["url"],
                      anchor=anchor, target=target)]
    if m := _OMITTED.match(message):
        pages = [p.strip().removeprefix("- ").strip() for p in m["pages"].splitlines() if p.strip()]
        return [error("nav-omitted", f"{docs_label}/{p}", None) for p in pages]
    return []


class MkDocsMessageFilter(logging.Filter):
    """Rewords MkDocs' link and nav warnings in place (level unchanged)."""

    def __init__(self, docs_dir: pathlib.Path, docs_label: str):
        super().__init__()
        self.docs_dir = docs_dir
        self.docs_label = docs_label
        self.seen: set[str] = set()  # each message once per build, across languages

    def _read(self, src_uri: str) -> str | None:
        try:
            return (self.docs_dir / src_uri).read_text(encoding="utf-8")
        except OSError:
            return None

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            errs = mkdocs_message_to_errors(record.getMessage(), self.docs_label, self._read)
        except Exception:  # never lose MkDocs' own message
            return True
        if errs:
            text = "\n".join(e.format() for e in errs)
            if text in self.seen:
                return False  # the same page again, in another language's build
            self.seen.add(text)
            record.msg = text
            record.args = ()
        return True


_FILTER_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")


def reword_mkdocs_messages(docs: pathlib.Path, docs_label: str) -> None:
    """Put one MkDocsMessageFilter on MkDocs' page and nav loggers (again for
    each build: the filter remembers what it reported)."""
    for name in _FILTER_LOGGERS:
        logger = logging.getLogger(name)
        for f in [f for f in logger.filters if isinstance(f, MkDocsMessageFilter)
                  or type(f).__name__ == "MkDocsMessageFilter"]:
            logger.removeFilter(f)
        logger.addFilter(MkDocsMessageFilter(docs, docs_label))


# --- Serve mode (mkdocs-static-i18n, MkDocs) -----------------------------------

def undo_unfinished_language_build(utils, clean_directory, loggers) -> list[str]:
    """Undo what mkdocs-static-i18n leaves behind when a language build fails.

    While it builds the other languages, the plugin replaces
    `mkdocs.utils.clean_directory` with a function that does nothing, and
    adds a filter that hides "Documentation built in ..." from MkDocs' log.
    It puts both back only when every language built. Under `mkdocs serve`,
    after a build that failed in another language (a broken catalog line,
    say), every later rebuild would then keep the files of deleted or renamed
    pages in the site, and hide the "built in" line.

    *utils* is the `mkdocs.utils` module, *clean_directory* the function
    MkDocs defines (None if unknown), *loggers* the loggers to clean.
    Returns what was undone, for the log.
    """
    undone = []
    if clean_directory is not None and utils.clean_directory is not clean_directory:
        utils.clean_directory = clean_directory
        undone.append("clean_directory")
    for logger in loggers:
        for f in [f for f in logger.filters if type(f).__name__ == "I18nLoggingFilter"]:
            logger.removeFilter(f)
            undone.append(f"{logger.name} filter")
    return undone


def _mkdocs_clean_directory():
    """MkDocs' own clean_directory, as this hook file is loaded (before any build)."""
    try:
        import mkdocs.utils
    except ImportError:  # the plain functions above need no MkDocs
        return None
    func = mkdocs.utils.clean_directory
    return func if getattr(func, "__module__", None) == "mkdocs.utils" else None


_CLEAN_DIRECTORY = _mkdocs_clean_directory()


def _startup(*, command, dirty):
    mode.set_command(command)


def _serve_config(config, **_):
    if not mode.nested_language_build(config):  # a new build (serve rebuilds)
        import mkdocs.utils

        undo_unfinished_language_build(mkdocs.utils, _CLEAN_DIRECTORY,
                                       [logging.getLogger("mkdocs.commands.build")])
    if not mode.is_serve():
        return config
    i18n = config.plugins.get("i18n")
    if i18n is None or mode.nested_language_build(config):
        return config
    languages = i18n.config.languages
    default = next((lang.locale for lang in languages if lang.default), languages[0].locale)
    keep = mode.serve_languages([lang.locale for lang in languages], default)
    for lang in languages:
        if lang.locale not in keep:
            lang.build = False
    return config


# --- The workarounds as steps (kb_mkdocs/hooks.py STEPS) ---------------------

serve_mode = SimpleNamespace(__name__="serve_mode", on_startup=_startup, on_config=_serve_config)

search_duplicates = SimpleNamespace(__name__="search_duplicates", on_config=_patch_search_duplicates)
language_links = SimpleNamespace(__name__="language_links", on_post_page=_page_without_language_links,
                                 on_post_template=_template_without_language_links)
html_dir = SimpleNamespace(__name__="html_dir", on_post_page=_html_dir)
