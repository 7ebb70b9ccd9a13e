"""MkDocs events of the search_languages step: they wire kb.postbuild.search_languages into a MkDocs build."""

from __future__ import annotations

from kb_mkdocs.build import StepState

import functools
import json
import mkdocs.plugins
import pathlib
from jinja2 import pass_context
from kb.postbuild.search_languages import (
    INDEX_PATH,
    lang_of,
    language_base,
    rebase_config,
    split_index,
    write_indexes,
)
from markupsafe import Markup


# --- MkDocs events ----------------------------------------------------------

_state = StepState("search_languages", {"fallbacks": {}, "404": None})  # this build's state (kb_mkdocs/build.py)


def _i18n(config):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return None, "en", ["en"], "en"
    return plugin, plugin.default_language, plugin.build_languages, plugin.current_language


def on_config(config, **_):
    plugin, default, _langs, current = _i18n(config)
    if plugin is None or not plugin.building:  # the first (default-language) build
        _state["fallbacks"] = {}
        _state["404"] = None
    return config


def on_page_context(context, *, page, config, nav):
    info = page.meta.get("kb_translation") if page.meta else None
    if info and info.get("kind") == "fallback":
        _, default, languages, _ = _i18n(config)
        lang, rest = lang_of(page.url, languages, default)
        _state["fallbacks"].setdefault(lang, set()).add(rest)
    return context


@functools.lru_cache(maxsize=256)
def _rebased(fragment: str, base: str) -> Markup:
    return Markup(rebase_config(fragment, base))


def on_env(env, *, config, files):
    @pass_context
    def kb_search_base(context, fragment: str) -> Markup:
        """Material's `#__config` block of one page (overrides/main.html), with
        `base` at the page's language root, where that language's search
        index is. The block is the same on every page at the same depth."""
        plugin, default, _languages, current = _i18n(config)
        page = context.get("page")
        if plugin is None or current in (None, default) or page is None:
            return Markup(fragment)
        return _rebased(str(fragment), language_base(page.url, current, default))

    env.filters["kb_search_base"] = kb_search_base
    return env


def on_post_template(output_content, *, template_name, config):
    # Every language build writes Material's 404.html into the site root, so
    # the last language would win: keep the default language's one.
    plugin, default, _langs, current = _i18n(config)
    if template_name == "404.html" and plugin is not None and not plugin.building:
        _state["404"] = output_content
    return output_content


@mkdocs.plugins.event_priority(-200)  # after the i18n merge (-100) and kb/postbuild/search.py (-110)
def on_post_build(config):
    plugin, default, languages, current = _i18n(config)
    if plugin is None or plugin.building:
        return  # a nested language build: the outermost build splits at the end
    site = pathlib.Path(config.site_dir)
    if _state.get("404") is not None:
        (site / "404.html").write_text(_state["404"], encoding="utf-8")
    path = site / INDEX_PATH
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    indexes = split_index(index, languages, default, _state.get("fallbacks"))
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    with_js = (bool(offline and offline.config.enabled)
               or (site / "search" / "search_index.js").exists())
    write_indexes(site, indexes, default, with_js)
