"""MkDocs events of the render step: kb/render/extension.py in every page's Markdown.

The data steps add their marker groups to the build's RenderData
(kb_mkdocs/build.py); this step puts the one Python-Markdown extension that
runs them, and fills the citations, into MkDocs' Markdown extensions, and
tells it which page is being converted. It always runs (kb_mkdocs/hooks.py).
"""

from __future__ import annotations

from kb_mkdocs import build
from kb_mkdocs.build import StepState
from kb_mkdocs.mode import languages

_STATE = StepState("render", {"page": None})  # this build's state (kb_mkdocs/build.py)


def _page_ref():
    from kb.data.datafile import page_body
    from kb.render.pipeline import PageRef

    page = _STATE["page"]
    if page is None:
        return None
    import kb_mkdocs
    if kb_mkdocs.STEP_SECONDS is not None:  # the benchmark's per-step times (scripts/bench.py)
        import time
        _STATE["started"] = time.perf_counter()
    body, offset = page_body(page.file.content_string)
    kind = (page.meta.get("kb_translation") or {}).get("kind")
    return PageRef(src=page.file.src_uri, url=page.url, lang=_STATE["lang"],
                   locale=getattr(page.file, "locale", None) or "en",
                   translated=kind == "translation", raw_body=body, offset=offset)


def _rendered(ref, out) -> None:
    """The sources step records the page's citations, if it runs (it set the registry).
    The marker pass ran inside Python-Markdown, not in a step's event: its time
    is added to the render step's here."""
    if build.current().render.registry is not None:
        from kb_mkdocs.steps import sources

        sources.page_rendered(_STATE["page"], out)
    import kb_mkdocs
    if kb_mkdocs.STEP_SECONDS is not None and "started" in _STATE:
        import time
        seconds = kb_mkdocs.STEP_SECONDS
        seconds["render"] = seconds.get("render", 0.0) + time.perf_counter() - _STATE.pop("started")


def _fail(exc: Exception) -> Exception:
    from kb.data.flowchart import RendererMissing

    if isinstance(exc, RendererMissing):
        from mkdocs.exceptions import PluginError
        return PluginError(str(exc))
    return exc


def on_config(config, **kwargs):
    from kb.core.errors import report
    from kb.render.extension import KbMarkdownExtension, install

    install(config["markdown_extensions"], KbMarkdownExtension(
        data=lambda: build.current().render, page=_page_ref, report=report,
        rendered=_rendered, fail=_fail))
    return config


def on_page_markdown(markdown, *, page, config, files):
    _STATE.update(page=page, lang=languages(config)[0])  # the page MkDocs converts next
    return markdown


def on_page_content(html, *, page, config, files):
    _STATE["page"] = None  # other Markdown is not a page
    return html
