"""MkDocs events of the indicators step: they wire kb.data.indicators into a MkDocs build."""

from __future__ import annotations

from kb_mkdocs.build import StepState

import pathlib
from kb.core.errors import report
from kb.data.datafile import page_body
from kb.data.load import load_with_sources
from kb.data.indicators import INDICATORS_FILE, load_indicators, render_markers


# --- MkDocs events ---------------------------------------------------------

_STATE = StepState("indicators")  # this build's state (kb_mkdocs/build.py)


def on_pre_build(config, **kwargs):
    root = pathlib.Path(config["docs_dir"]).parent
    data, sources, errors = load_with_sources(root, INDICATORS_FILE, load_indicators)
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
