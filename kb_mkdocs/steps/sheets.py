"""MkDocs events of the sheets step: they wire kb.render.sheets into a MkDocs build."""

from __future__ import annotations

from kb.render.sheets import flowchart_renderer, print_meta

from kb_mkdocs import build
from kb_mkdocs.mode import languages
from kb_mkdocs.build import StepState

import json
import pathlib
from kb.core.errors import ContentError, report
from kb.data.datafile import SOURCES_FILE
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
    SheetMarkers,
)


# --- MkDocs events ---------------------------------------------------------------

_STATE = StepState("sheets", {"entries": [], "lang": "en"})  # this build's state (kb_mkdocs/build.py)


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
    lang, default = languages(config)
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
    """Collect the posters and handouts once the (translated) file list is
    final; kb_mkdocs/steps/render.py renders their markers."""
    entries, errors = collect_entries(files, config)
    lang = languages(config)[0]
    _STATE.update(entries=entries, lang=lang)
    root = pathlib.Path(config["docs_dir"]).parent
    build.current().render.add(SheetMarkers({lang: entries}, data=lambda: _build_data(root)))
    report(errors)
    return nav


def _build_data(root: pathlib.Path):
    """(sources, contacts, flowchart renderer) for the markers, loaded on
    first use in each language build."""
    from kb.data.contacts import contacts_records, get_contacts
    from kb.core.errors import ContentErrors

    sources = load_source_index(root / SOURCES_FILE)
    try:
        contacts = contacts_records(get_contacts(root), sources)
    except (ContentErrors, FileNotFoundError):
        contacts = []  # kb/data/contacts.py reports the data file's errors
    return sources, contacts, flowchart_renderer(root)


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
