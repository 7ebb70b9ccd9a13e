"""MkDocs events of the flowchart step: they wire kb.data.flowchart into a MkDocs build."""

from __future__ import annotations

from kb.data.flowchart import render_markers

from kb_mkdocs.build import StepState

import pathlib
from kb.data.datafile import page_body
from kb.data.flowchart import (
    MARKER,
    MISSING_DOT,
    RendererMissing,
    dot_available,
    load_project_chart,
)


# --- MkDocs events ---------------------------------------------------------

_STATE = StepState("flowchart", {"chart": None})  # this build's state (kb_mkdocs/build.py)


def on_config(config, **kwargs):
    from mkdocs.exceptions import PluginError
    from kb.core.errors import report

    root = pathlib.Path(config["config_file_path"]).resolve().parent
    chart, errors = load_project_chart(root)
    report(errors)
    _STATE.update(chart=chart)
    if chart is not None and not dot_available():
        raise PluginError(MISSING_DOT)
    return config


def on_page_markdown(markdown, *, page, config, files):
    from mkdocs.exceptions import PluginError
    from kb.core.errors import report

    src = page.file.src_uri
    if f"kb:{MARKER}" not in markdown:
        return markdown
    body, offset = page_body(page.file.content_string)
    try:
        markdown, errors = render_markers(markdown, _STATE["chart"], f"docs/{src}", offset, body)
    except RendererMissing as exc:
        raise PluginError(str(exc)) from exc
    report(errors)
    return markdown
