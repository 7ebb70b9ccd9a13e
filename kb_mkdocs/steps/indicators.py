"""MkDocs events of the indicators step: they wire kb.data.indicators into a MkDocs build."""

from __future__ import annotations

import pathlib

from kb.core.errors import report
from kb.data.indicators import INDICATORS_FILE, IndicatorsMarkers, load_indicators
from kb.data.load import load_with_sources
from kb_mkdocs import build


# --- MkDocs events ---------------------------------------------------------

def on_pre_build(config, **kwargs):
    """Load indicators.yml; kb_mkdocs/steps/render.py renders its markers."""
    root = pathlib.Path(config["docs_dir"]).parent
    data, sources, errors = load_with_sources(root, INDICATORS_FILE, load_indicators)
    report(errors)
    build.current().render.add(IndicatorsMarkers(data, sources))
