"""MkDocs events of the glossary step: they wire kb.data.glossary into a MkDocs build."""

from __future__ import annotations

from kb.core.paths import page_label
from kb_mkdocs import build
from kb_mkdocs.build import StepState

import xml.etree.ElementTree as etree

from kb.data.glossary import make_abbr_focusable, undefined_abbreviations
import pathlib
from kb.core.errors import report
from kb.data.datafile import ROOT, body_line_offset
from kb.data.glossary import (
    check_pages,
    load_glossary,
    missing_abbreviation_warnings,
    GlossaryMarkers,
    use_abbreviations,
)
from kb.core import pagetree


# --- MkDocs events ---------------------------------------------------------

_STATE = StepState("glossary", {"entries": [], "known": set(), "titles": {}})  # this build's state (kb_mkdocs/build.py)


def _page_title(file) -> str | None:
    from mkdocs.utils import meta as mkdocs_meta
    try:
        _, data = mkdocs_meta.get_data(file.content_string)
    except Exception:  # unreadable file: fall back to the path
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return str(title) if title else None


def _glossary_path(config) -> tuple[pathlib.Path, pathlib.Path]:
    root = pathlib.Path(config.config_file_path or ROOT / "mkdocs.yml").resolve().parent
    return pathlib.Path(config["docs_dir"]) / "_data" / "glossary.yml", root


def page_tree(root: etree.Element, md) -> None:
    """Each page's tree (kb.core.pagetree): find missing terms, focus abbreviations.
    While glossary.yml has errors (reported once) no page is told that its
    abbreviations are missing from it."""
    _STATE["undefined"] = undefined_abbreviations(
        root, _STATE["known"], raw=pagetree.raw_html_blocks(md)) if _STATE.get("loaded", True) else []
    make_abbr_focusable(root)


def on_config(config):
    path, root = _glossary_path(config)
    entries, errors = load_glossary(path, root)
    report(errors)
    _STATE["file"] = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    _STATE["entries"] = entries
    _STATE["known"] = {e.term for e in entries}
    _STATE["loaded"] = not any(e.severity == "error" for e in errors)
    use_abbreviations(config, entries)
    pagetree.install(config, "glossary", page_tree)
    return config


def on_files(files, config):
    pages = {f.src_uri: f for f in files.documentation_pages()}
    path, _ = _glossary_path(config)
    text = path.read_bytes().decode("utf-8", "replace") if path.exists() else ""
    report(check_pages(_STATE["entries"], set(pages), file=_STATE["file"], text=text))
    _STATE["titles"] = {}
    for entry in _STATE["entries"]:
        file = pages.get(entry.page)
        if file is not None and entry.page not in _STATE["titles"]:
            _STATE["titles"][entry.page] = _page_title(file) or entry.page
    build.current().render.add(GlossaryMarkers(_STATE["entries"], _STATE["titles"]))
    return files


def on_page_content(html, page, config, files):
    markdown = page.markdown or ""  # as written: the markers render inside Markdown
    try:
        offset = body_line_offset(page.file.content_string)
    except Exception:
        offset = 0
    report(missing_abbreviation_warnings(
        _STATE.pop("undefined", []), markdown, page_label(page.file.src_uri), offset))
    return html
