"""MkDocs events of the flowchart step: they wire kb.data.flowchart into a MkDocs build."""

from __future__ import annotations

import pathlib

from kb.data.flowchart import MISSING_DOT, FlowchartMarkers, dot_available, load_project_chart
from kb_mkdocs import build


# --- MkDocs events ---------------------------------------------------------

def on_config(config, **kwargs):
    """Load flowchart.yml; kb_mkdocs/steps/render.py renders its markers."""
    from mkdocs.exceptions import PluginError
    from kb.core.errors import report

    root = pathlib.Path(config["config_file_path"]).resolve().parent
    chart, errors = load_project_chart(root)
    report(errors)
    build.current().render.add(FlowchartMarkers(chart))
    if chart is not None and not dot_available():
        raise PluginError(MISSING_DOT)
    return config
