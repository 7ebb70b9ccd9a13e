"""MkDocs events of the search step: they wire kb.postbuild.search into a MkDocs build."""

from __future__ import annotations

from kb.core.paths import page_label
from kb_mkdocs.build import StepState

import json
import pathlib
from kb.core.errors import ContentError, report
from kb.postbuild.search import (
    INDEX_PATH,
    check_fields,
    check_keywords,
    enrich_index,
    escape_index,
    keywords_line,
    page_keywords,
)


# --- MkDocs events -------------------------------------------------------------

import mkdocs.plugins

_STATE = StepState("search", {"keywords": {}, "glossary": {}, "titles": {}})  # this build's state (kb_mkdocs/build.py)


def on_config(config):
    from kb_mkdocs.mode import nested_language_build

    # The keywords and titles of every language are written into the one
    # index after the last language build, so they are kept through the i18n
    # plugin's nested builds and start afresh with each build (`mkdocs serve`
    # rebuilds in the same process: a keyword removed from a page must leave).
    if not nested_language_build(config):
        _STATE["keywords"] = {}
        _STATE["titles"] = {}
    _STATE["glossary"] = {}
    search = config["plugins"].get("material/search") or config["plugins"].get("search")
    if search is not None:
        report(check_fields(dict(search.config)))
    try:
        from kb.data.glossary import load_glossary
        entries, _ = load_glossary(pathlib.Path(config["docs_dir"]) / "_data" / "glossary.yml")
    except Exception:  # the glossary hook reports glossary errors itself
        entries = []
    for entry in entries:
        _STATE["glossary"].setdefault(entry.page, []).append((entry.term, entry.expansion))
    return config


def on_page_markdown(markdown, page, config, files):
    if isinstance(page.meta.get("title"), str):
        _STATE["titles"][page.url] = page.meta["title"]
    meta_keywords = page.meta.get("keywords")
    errors = check_keywords(meta_keywords, page_label(page.file.src_uri))
    if errors:
        line = keywords_line(page.file.content_string)
        report([ContentError(e.file, line, e.message, e.fix, e.code) for e in errors])
    words = page_keywords(meta_keywords if isinstance(meta_keywords, list) else None,
                          _STATE["glossary"].get(page.file.src_uri, ()))
    if words:
        _STATE["keywords"][page.url] = words
    return markdown


def _translation_prefixes(config) -> tuple[str, ...]:
    """URL folders of the non-default languages built by mkdocs-static-i18n."""
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None)
    try:
        locales = [lang.locale for lang in i18n.config.languages]
    except AttributeError:
        return ()
    return tuple(f"{loc}/" for loc in locales if loc != default)


# After the search plugin and the i18n merge (-100) wrote the index, before
# kb/postbuild/search_languages.py (-200) splits it into one index per language.
@mkdocs.plugins.event_priority(-110)
def on_post_build(config):
    from kb_mkdocs.mode import nested_language_build

    if nested_language_build(config):
        return  # a language build inside mkdocs-static-i18n: the merged index comes later
    path = pathlib.Path(config["site_dir"]) / INDEX_PATH
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    enriched = enrich_index(index, _STATE["keywords"], _translation_prefixes(config))
    enriched = escape_index(enriched, _STATE["titles"])
    text = json.dumps(enriched, separators=(",", ":"), ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    script = path.with_name("search_index.js")  # Material's offline plugin copy
    if script.exists():
        script.write_text(f"var __index = {text}", encoding="utf-8")
