"""MkDocs events of the translations step: they wire kb.i18n.translations into a MkDocs build."""

from __future__ import annotations

from kb.core.paths import page_label
from kb.i18n.translations import language_data, translation_meta
from kb.render.language_markers import LanguageMarkers

from kb_mkdocs import build
from kb_mkdocs.build import StepState

import xml.etree.ElementTree as etree

from kb.i18n.translations import mark_english
import pathlib
from kb.i18n.translations import (
    DEFAULT_LANGUAGE,
    PageStatus,
    UI_TEXT_FILE,
    parse_ui_text,
    phrase_pattern,
    translation_status,
    wrap_english,
)
from kb.core import pagetree


# --- MkDocs events ----------------------------------------------------------

from mkdocs.plugins import event_priority

_state = StepState("translations")  # this build's state (kb_mkdocs/build.py)


def _i18n(config):
    """(default language, build languages, current language) from the i18n plugin."""
    plugin = config.plugins.get("i18n") if hasattr(config, "plugins") else None
    if plugin is None:
        lang = config.theme.get("language", DEFAULT_LANGUAGE) if hasattr(config, "theme") else DEFAULT_LANGUAGE
        return lang, [lang], lang
    return plugin.default_language, plugin.build_languages, plugin.current_language


def page_tree(root: etree.Element, md) -> None:
    """Each page's tree (kb.core.pagetree): mark a translated page's English parts."""
    page = _state.get("page")
    info = page.meta.get("kb_translation") if page is not None else None
    if info and info["kind"] != "fallback":
        mark_english(root, info.get("dir") == "rtl", md,
                     _state.get("phrases", {}).get(info["lang"]))


def on_config(config, **_):
    from kb.core.errors import report

    docs = pathlib.Path(config.docs_dir)
    default, languages, _ = _i18n(config)
    path = docs / "_data" / "ui-text.yml"
    strings, errors = ({}, [])
    if path.exists():
        from kb.core.yamltext import read_text
        text, errors = read_text(path, UI_TEXT_FILE)
        if text is not None:
            strings, errors = parse_ui_text(text, UI_TEXT_FILE, tuple(languages))
    from kb_mkdocs.mode import nested_language_build

    if not nested_language_build(config):  # once per build, not per language
        report(errors)
    _state.update(strings=strings, docs=docs, default=default, data={}, phrases={}, missing={})
    pagetree.install(config, "translations", page_tree)
    return config


def on_page_markdown(markdown, *, page, config, files):
    from kb.core.errors import report

    f = page.file
    _state["page"] = page  # for page_tree(), which runs while this page renders
    lang = getattr(f, "locale_alternate_of", None) or _state.get("default", DEFAULT_LANGUAGE)
    default = _state.get("default", DEFAULT_LANGUAGE)
    if lang == default:
        return None
    english_src = getattr(f, "norm_src_uri", f.src_uri)
    english_file = f.alternates.get(default) if hasattr(f, "alternates") else None
    english_url = None
    if english_file is not None:
        from mkdocs.utils import get_relative_url
        english_url = get_relative_url(english_file.url, f.url)
    if getattr(f, "localization", None) is None:
        status = PageStatus("fallback", lang)
    else:
        eng_path = pathlib.Path(config.docs_dir) / english_src
        data = eng_path.read_bytes() if eng_path.exists() else None
        status = translation_status(page_label(f.src_uri), page.meta, data, lang,
                                    page_label(english_src))
        report(status.errors)
    if status.kind == "translation":
        if "kb:" in markdown and lang not in build.current().render.languages:
            # its data markers, in its language: kb_mkdocs/steps/render.py
            build.current().render.languages[lang] = LanguageMarkers(
                lang, _data_for(lang, config), _state.get("strings", {}))
        phrases = _state.setdefault("phrases", {})
        if lang not in phrases:
            from kb.i18n import catalogs as i18n_data
            catalog, _ = i18n_data.load_catalog(lang, pathlib.Path(config.docs_dir).parent)
            # Data text with no catalog entry is shown in English: marked too.
            _data_for(lang, config)
            english = set(i18n_data.english_phrases(catalog)) | set(_state.get("missing", {}).get(lang, ()))
            phrases[lang] = phrase_pattern(sorted(english, key=lambda x: (-len(x), x)))
    page.meta["kb_translation"] = translation_meta(status, english_url,
                                                   page.meta.get("last_reviewed"),
                                                   _state.get("strings", {}))
    return markdown





def _data_for(lang: str, config):
    """(indicators, contacts, sources) for *lang*, loaded once per build."""
    from kb.core.errors import report

    cache = _state.setdefault("data", {})
    if lang in cache:
        return cache[lang]
    root = pathlib.Path(config.docs_dir).parent
    ind, con, sources, missing, errors = language_data(lang, root)
    report(errors)
    _state.setdefault("missing", {})[lang] = missing
    cache[lang] = (ind, con, sources)
    return cache[lang]


def on_page_content(html, *, page, config, files):
    info = page.meta.get("kb_translation")
    if not info or info["kind"] != "fallback":
        return None  # translated pages are marked in their tree: page_tree()
    return wrap_english(html)


@event_priority(-50)  # after kb/pagemeta/review.py has set page.meta.kb_review
def on_page_context(context, *, page, config, nav):
    # Dates on the review line and banner (kb/pagemeta/review.py), in the page's language.
    info = page.meta.get("kb_translation")
    review = page.meta.get("kb_review")
    if info and isinstance(review, dict):
        import datetime as dt
        from kb.core.dates import local_date
        for key in ("last_reviewed", "due"):
            try:
                review[f"{key}_local"] = local_date(dt.date.fromisoformat(review[key]), info["lang"])
            except (KeyError, TypeError, ValueError):
                pass
    return context


