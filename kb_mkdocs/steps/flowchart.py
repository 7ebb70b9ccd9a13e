"""MkDocs events of the flowchart step: they wire kb.data.flowchart into a MkDocs build."""

from __future__ import annotations

from kb_mkdocs.build import StepState

import pathlib
from kb.core.errors import ContentError
from kb.data.datafile import page_body, replace_markers
from kb.data.flowchart import (
    DATA_FILE,
    MARKER,
    MISSING_DOT,
    RendererMissing,
    dot_available,
    load_project_chart,
    render_block,
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
    chart = _STATE["chart"]
    body, offset = page_body(page.file.content_string)

    def render(name, args, index):
        line = index + 1 + offset
        if len(args) != 1:
            return "", [ContentError(
                f"docs/{src}", line, "the flowchart marker needs exactly one route name",
                "Write <!-- kb:flowchart ROUTE --> with ROUTE one of the route ids in "
                f"{DATA_FILE}.", code="flowchart-marker")]
        if chart is None:  # the data file has errors, already reported
            return "", []
        try:
            return render_block(chart, args[0]), []
        except KeyError:
            return "", [ContentError(
                f"docs/{src}", line, f"unknown flowchart route '{args[0]}'",
                f"Use one of: {', '.join(r.id for r in chart.routes)}.",
                code="flowchart-marker")]
        except RendererMissing as exc:
            raise PluginError(str(exc)) from exc

    markdown, errors = replace_markers(markdown, {MARKER}, render, offset, body)
    report(errors)
    return markdown
