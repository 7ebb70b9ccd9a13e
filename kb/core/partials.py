"""HTML from Jinja partials, with autoescaping on: the one way kb writes HTML.

Each partial is a file in kb/core/partials/. A value is escaped unless it is
already markup (``markupsafe.Markup``: an SVG drawn by Graphviz, or the output
of another partial). ``trim_blocks`` and ``lstrip_blocks`` let a partial be
laid out on several lines without putting those line breaks in its output.

Nothing here imports an engine: MkDocs, ProperDocs and the Zensical stage
get the same HTML.
"""

from __future__ import annotations

import functools
import pathlib

import jinja2
from markupsafe import Markup

FOLDER = pathlib.Path(__file__).with_name("partials")


@functools.cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(FOLDER), autoescape=True, trim_blocks=True,
        lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def partial(template: str, /, **context) -> str:
    """The partial *template* (``"posters.html"``) rendered with *context*, as
    text. Pass it to another partial as ``Markup(text)``, so that it is not
    escaped again."""
    return environment().get_template(template).render(**context)


__all__ = ["FOLDER", "Markup", "environment", "partial"]
