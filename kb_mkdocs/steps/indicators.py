"""MkDocs events of the indicators step: they wire kb.data.indicators into a MkDocs build."""

from __future__ import annotations

from kb_mkdocs.build import StepState

import pathlib
from kb.core.errors import report
from kb.data.datafile import SOURCES_FILE, page_body
from kb.data.load import load_data_file
from kb.data.sources import load_source_index
from kb.data.indicators import INDICATORS_FILE, load_indicators, render_markers
from typing import Any


# --- MkDocs events ---------------------------------------------------------

_STATE = StepState("indicators")  # this build's state (kb_mkdocs/build.py)


def on_pre_build(config, **kwargs):
    root = pathlib.Path(config["docs_dir"]).parent
    sources = load_source_index(root / SOURCES_FILE)
    data, errors = load_data_file(root, INDICATORS_FILE, load_indicators, required=False,
                                  keys=set(sources) or None)
    report(errors)
    _STATE.update(data=data, sources=sources)


def on_page_markdown(markdown, page, config, files, **kwargs):
    if "kb:indicators" not in markdown:
        return markdown
    body, offset = page_body(page.file.content_string)
    text, errors = render_markers(markdown, _STATE.get("data"), "docs/" + page.file.src_uri,
                                  offset, _STATE.get("sources"), body)
    report(errors)
    return text
