"""MkDocs events of the review step: they wire kb.pagemeta.review into a MkDocs build."""

from __future__ import annotations

from kb.pagemeta.review import review_meta

from kb_mkdocs.build import StepState

import pathlib
from kb.core.dates import today
from kb.core.errors import LOG
from kb.pagemeta.review import (
    REVIEW_JSON,
    compute_review,
    overdue_summary,
    reviews_json,
)
from kb_mkdocs.mode import nested_language_build
from mkdocs.plugins import event_priority


# --- MkDocs events ---------------------------------------------------------

_STATE = StepState("review", {"reviews": {}})  # this build's state (kb_mkdocs/build.py)


def _i18n(config):
    return config.plugins.get("i18n") if hasattr(config, "plugins") else None


def on_pre_build(config, **kwargs):
    if nested_language_build(config):
        return  # keep collecting pages across languages
    _STATE["reviews"] = {}
    _STATE["today"] = today()
    _STATE["site_dir"] = config["site_dir"]


def _review_text(language: str) -> dict:
    from kb.i18n.translations import review_text  # the banner's text, ui-text.yml
    return review_text(language)


def on_page_context(context, page, config, nav, **kwargs):
    on = _STATE.get("today") or today()
    language = getattr(_i18n(config), "current_language", None) or "en"
    r = compute_review(page.meta, on, page.file.src_uri, page.url,
                       page.meta.get("title") or page.title, language)
    if r is None:
        return context
    _STATE["reviews"][page.url] = r
    page.meta["kb_review"] = review_meta(r, language)
    return context


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config, **kwargs):
    if nested_language_build(config):
        return
    reviews = list(_STATE["reviews"].values())
    on = _STATE.get("today") or today()
    out = pathlib.Path(_STATE.get("site_dir") or config["site_dir"]) / REVIEW_JSON
    out.write_text(reviews_json(reviews, on), encoding="utf-8")
    summary = overdue_summary(reviews)
    if summary:
        LOG.info("%s", summary)  # information only: never fails the build
