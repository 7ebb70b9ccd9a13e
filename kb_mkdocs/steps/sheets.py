"""MkDocs events of the sheets step: they wire kb.render.sheets into a MkDocs build."""

from __future__ import annotations

from kb.render.sheets import flowchart_renderer, print_meta

from kb_mkdocs.build import StepState

import json
import pathlib
from kb.core.errors import ContentError, report
from kb.data.datafile import SOURCES_FILE, page_body
from kb.data.sources import load_source_index
from kb.render.sheets import (
    MANIFEST_DIR,
    PRINT_FILE,
    TEMPLATES,
    check_print_pages,
    is_preview,
    load_print_items,
    manifest_entry,
    online_url,
    replace_markers,
)
from typing import Any


# --- MkDocs events ---------------------------------------------------------------

_STATE = StepState("sheets", {"entries": [], "lang": "en"})  # this build's state (kb_mkdocs/build.py)


def _lang(config) -> tuple[str, str]:
    """(language being built, default language) under mkdocs-static-i18n."""
    lang = config["theme"].get("language") or "en"
    default = lang
    plugin = (config.get("plugins") or {}).get("i18n")
    if plugin is not None:
        default = getattr(plugin, "default_language", None) or default
        lang = getattr(plugin, "current_language", None) or default
    return lang, default


def collect_entries(files, config) -> tuple[list[dict], list[ContentError]]:
    """Every poster and handout of the language being built."""
    from mkdocs.utils import meta as meta_utils
    root = pathlib.Path(config["docs_dir"]).parent
    path = root / PRINT_FILE
    if not path.exists():
        return [], []
    from kb.core.yamltext import read_text
    text, errors = read_text(path, PRINT_FILE)
    items, more = load_print_items(text) if text is not None else ([], [])
    errors += more
    lang, default = _lang(config)
    base = config["extra"].get("print_base_url") or ""
    pages: dict[str, dict] = {}
    by_norm = {}
    for f in files.documentation_pages():
        norm = getattr(f, "norm_src_uri", f.src_uri)
        meta = {}
        if norm.startswith("print/"):
            _, meta = meta_utils.get_data(f.content_string)
        pages[norm] = meta
        by_norm[norm] = f
    if lang == default and not errors:  # once, not per language; not on a list that failed
        errors += check_print_pages(items, pages)
    entries = []
    for item in items:
        f, target = by_norm.get(item.page), by_norm.get(item.online)
        meta = pages.get(item.page) or {}
        if f is None or target is None or meta.get("template") not in TEMPLATES:
            continue
        entry = manifest_entry(
            src_uri=f.src_uri, page_url=f.url, title=str(meta.get("title") or f.name),
            kind=TEMPLATES[meta["template"]], pm=item, online=online_url(base, target.url),
            lang=lang, default_lang=default)
        # An English page standing in for a missing translation keeps its
        # sheet on screen but is not rendered to PDF again.
        entry["fallback"] = getattr(f, "locale", lang) != lang
        entries.append(entry)
    return entries, errors


def on_nav(nav, config, files):
    """Collect the posters and handouts once the (translated) file list is final."""
    entries, errors = collect_entries(files, config)
    _STATE.update(entries=entries, lang=_lang(config)[0])
    _STATE.pop("data", None)  # a new build: reload the data files on first use
    report(errors)
    return nav




def _build_data(root: pathlib.Path) -> dict[str, Any]:
    """The sources, contacts and flowchart the markers need, loaded once per
    language build (on_nav starts each build afresh)."""
    if "data" not in _STATE:
        from kb.data.contacts import contacts_records, get_contacts
        from kb.core.errors import ContentErrors

        sources = load_source_index(root / SOURCES_FILE)
        try:
            contacts = contacts_records(get_contacts(root), sources)
        except (ContentErrors, FileNotFoundError):
            contacts = []  # kb/data/contacts.py reports the data file's errors
        _STATE["data"] = {"sources": sources, "contacts": contacts,
                          "flowchart": flowchart_renderer(root)}
    return _STATE["data"]


def on_page_markdown(markdown, *, page, config, files):
    if "kb:" not in markdown:
        return markdown
    data = _build_data(pathlib.Path(config["docs_dir"]).parent)
    body, offset = page_body(page.file.content_string)
    out, errors = replace_markers(
        markdown, f"docs/{page.file.src_uri}", sources=data["sources"],
        contacts=data["contacts"], flowchart=data["flowchart"],
        entries=[e for e in _STATE["entries"] if not e.get("fallback")], page_url=page.url,
        line_offset=offset, raw_body=body)
    report(errors)
    return out


def on_page_context(context, *, page, config, nav):
    """Give the poster and handout templates their QR code and footer data."""
    entry = next((e for e in _STATE["entries"] if e["html"] == page.url), None)
    if entry is not None:
        page.meta["kb_print"] = print_meta(
            entry, page.meta.get("last_reviewed"), config["extra"].get("print_base_url"),
            (page.meta.get("kb_translation") or {}).get("lang") or _STATE["lang"])
    return context


def on_post_build(config):
    """Write the manifest that scripts/render_print.py reads, one per language."""
    out = pathlib.Path(config["site_dir"]) / MANIFEST_DIR
    out.mkdir(parents=True, exist_ok=True)
    lang = _STATE["lang"]
    base = config["extra"].get("print_base_url")
    data = {"version": 1, "lang": lang, "base_url": base, "preview": is_preview(base),
            "items": [e for e in _STATE["entries"] if not e.get("fallback")]}
    (out / f"manifest.{lang}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
