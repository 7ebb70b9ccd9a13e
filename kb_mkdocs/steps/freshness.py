"""MkDocs events of the freshness step: they wire kb.pagemeta.freshness into a MkDocs build."""

from __future__ import annotations

from kb_mkdocs import build
from kb_mkdocs.build import StepState

import pathlib
from kb.core.errors import LOG, report
from kb.core.messages import error
from kb.pagemeta.freshness import (
    ChangesMarkers,
    History,
    REDIRECTS_FILE,
    html_path,
    last_changed,
    load_redirects,
    read_history,
    redirect_html,
    updated_for,
)
from kb_mkdocs.mode import nested_language_build


# --- MkDocs events -------------------------------------------------------------

_STATE = StepState("freshness")  # this build's state (kb_mkdocs/build.py)


def _i18n(config):
    return config.plugins.get("i18n") if hasattr(config.plugins, "get") else None


def _language(config) -> str:
    return getattr(_i18n(config), "current_language", None) or "en"


def _local(lang: str):
    from kb.core.dates import local_date
    return lambda day: local_date(day, lang)


def on_pre_build(config, **kwargs):
    if nested_language_build(config) and _STATE:
        return
    docs = pathlib.Path(config["docs_dir"])
    history = read_history(docs)
    _STATE.clear()
    _STATE.update(history=history, dates=last_changed(history), titles={}, markers={},
                  redirects=[], scanned=False, docs=docs)
    if history.shallow:
        LOG.info("freshness: shallow clone; pages not changed in the fetched commits show "
                 "their last review date instead of the last change")


def on_files(files, config, **kwargs):
    if _STATE.get("scanned"):
        return files
    from kb.data.datafile import iter_markers
    from kb.core.frontmatter import read_front_matter
    titles: dict[str, str] = {}
    markers: dict[str, set[str]] = {}
    for f in files.documentation_pages():
        try:
            text = f.content_string
        except (OSError, UnicodeDecodeError):
            continue
        meta = read_front_matter(text)
        titles[f.src_uri] = str(meta.get("title") or f.src_uri)
        if "kb:" in text:
            markers[f.src_uri] = {name for _, name, _ in iter_markers(text)}
    _STATE.update(titles=titles, markers=markers, scanned=True)
    # kb:changes, rendered by kb_mkdocs/steps/render.py
    build.current().render.add(ChangesMarkers(_STATE.get("history") or History(), titles, markers))
    path = pathlib.Path(config["docs_dir"]) / "_data" / "redirects.yml"
    if path.exists():
        from kb.core.yamltext import read_text
        text, errors = read_text(path, REDIRECTS_FILE)
        redirects = []
        if text is not None:
            redirects, errors = load_redirects(text, set(titles),
                                               languages=set(_language_folders(config)) - {"en"})
        report(errors)
        _STATE["redirects"] = redirects
    return files


def _docs_path(page, config) -> str:
    """The page's source file relative to docs/ (translations keep their .pl.md name)."""
    try:
        return pathlib.Path(page.file.abs_src_path).resolve().relative_to(
            pathlib.Path(config["docs_dir"]).resolve()).as_posix()
    except (TypeError, ValueError):
        return page.file.src_uri


def on_page_context(context, page, config, **kwargs):
    updated = updated_for(_docs_path(page, config), _STATE.get("dates", {}), page.meta)
    page.meta["kb_updated"] = updated.as_meta(_local(_language(config)))
    return context


def _language_folders(config) -> dict[str, str]:
    """language -> folder in the site ('' for the default language)."""
    plugin = _i18n(config)
    out = {"en": ""}
    for lang in getattr(getattr(plugin, "config", None), "languages", None) or []:
        locale = getattr(lang, "locale", None) or (lang.get("locale") if isinstance(lang, dict) else None)
        default = getattr(lang, "default", None) if not isinstance(lang, dict) else lang.get("default")
        build = getattr(lang, "build", True) if not isinstance(lang, dict) else lang.get("build", True)
        if locale and build and not default:
            out[locale] = locale
    return out


from mkdocs.plugins import event_priority


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config, **kwargs):
    if nested_language_build(config):
        return
    site = pathlib.Path(config["site_dir"])
    titles = _STATE.get("titles", {})
    for r in _STATE.get("redirects", []):
        for lang, folder in _language_folders(config).items():
            root = site / folder if folder else site
            if not (root / html_path(r.to)).exists():
                continue
            out = root / html_path(r.from_)
            if out.exists():  # last line of defence: never replace a built file
                report([error("redirect-replaces-page", REDIRECTS_FILE, None, from_=r.from_,
                              page=f"the built page `{out.relative_to(site).as_posix()}`")])
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(redirect_html(r.from_, r.to, titles.get(r.to, r.to), lang),
                           encoding="utf-8")
