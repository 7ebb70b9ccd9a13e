"""The one MkDocs hook file: it wires the engine-neutral `kb` package into MkDocs.

`mkdocs.yml` lists only this file under `hooks:`. MkDocs loads it by path (as
the module "kb_mkdocs/hooks.py"); every other module is imported once, by its
package name, so no module is loaded twice.

STEPS is the order in which the steps see each MkDocs event, written once
here. A step's event may carry an `event_priority` (for example "after
mkdocs-static-i18n has built the other languages"); the events of one
priority are grouped into one handler that runs the steps in STEPS order,
and MkDocs runs the groups by priority among its plugins, as it did when
each step was a hook of its own.
"""

from __future__ import annotations

import pathlib
import sys

_ROOT = str(pathlib.Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from mkdocs.plugins import CombinedEvent, event_priority

from kb_mkdocs.steps import (
    approval, assets, contacts, content, csp, flowchart, freshness, glossary, indicators,
    opendata, render, review, search, search_languages, sheets, sources, termbase, translations)
from kb_mkdocs import build, escape, mode, workarounds

STEPS = (
    content,        # integrity checks on the original page source: first
    workarounds.serve_mode,  # full build or `mkdocs serve`
    workarounds.search_duplicates,  # linear search de-duplication for mkdocs-static-i18n
    translations,   # translation status and notices (pl, ar)
    workarounds.html_dir,  # dir="rtl" on <html> of right-to-left pages
    termbase,       # key terms in translations: warns
    approval,       # sign-off of procedure content
    # The data steps load what their markers draw on into the build's
    # RenderData; the render step's Markdown extension renders every marker
    # in one pass, then fills the citations (kb/render/pipeline.py).
    contacts,
    indicators,
    flowchart,
    sheets,         # posters and handouts
    review,
    freshness,      # last updated (git), kb:changes, redirects
    csp,
    glossary,
    search,
    opendata,
    sources,        # the source registry, and the cited-on lists
    render,         # the Markdown extension that renders markers and citations: always runs
    workarounds.language_links,  # no hreflang <link>s: before search_languages, which keeps 404.html
    search_languages,  # one search index per language: after search
    assets,         # one stylesheet for extra_css, deferred scripts
    escape,         # front matter text escaped for the templates: last
)

#: The step every build runs, whichever steps a config chooses.
ALWAYS = "render"

EVENTS = ("startup", "shutdown", "serve", "config", "pre_build", "files", "nav", "env",
          "post_build", "build_error", "pre_template", "template_context", "post_template",
          "pre_page", "page_read_source", "page_markdown", "page_content", "page_context",
          "post_page")


def step_name(step) -> str:
    return step.__name__.rsplit(".", 1)[-1]


def _chosen_steps(config) -> set[str]:
    """All steps, or the ones a test or benchmark config names in
    `extra: {kb_steps: [content, sources]}` (in STEPS order regardless)."""
    names = {step_name(s) for s in STEPS}
    wanted = (config.get("extra") or {}).get("kb_steps")
    if wanted is None:
        return names
    wanted = [*wanted, ALWAYS]
    unknown = sorted(set(map(str, wanted)) - names)
    if unknown:
        from mkdocs.exceptions import ConfigurationError
        raise ConfigurationError(
            f"extra.kb_steps names {', '.join(unknown)}, which is not a step. "
            f"Use names from: {', '.join(step_name(s) for s in STEPS)}.")
    return set(map(str, wanted))


def _call(name: str, handler, item, kwargs):
    """MkDocs' calling rule: the event's item first, if it has one."""
    import kb_mkdocs

    if kb_mkdocs.STEP_SECONDS is None:
        return handler(**kwargs) if item is None else handler(item, **kwargs)
    import time

    start = time.perf_counter()
    try:
        return handler(**kwargs) if item is None else handler(item, **kwargs)
    finally:
        seconds = kb_mkdocs.STEP_SECONDS
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start


def _group(event: str, priority: float, handlers: list, starts_build: bool = False):
    """One handler for the steps' *event* handlers of one priority, with
    MkDocs' own rule: a handler that returns something other than None
    replaces the event's item for the next one. The first configuration
    handler starts a new Build (not for mkdocs-static-i18n's other
    languages, which belong to this build) and records its steps."""

    def run(item=None, **kwargs):
        if starts_build:
            if not mode.nested_language_build(item):
                build.start()
            build.current().steps = _chosen_steps(item)
        active = build.current().steps  # None before a configuration is read: every step
        for name, handler in handlers:
            if active is None or name in active:
                result = _call(name, handler, item, kwargs)
                if result is not None:
                    item = result
        return item

    run.__name__ = f"_{event}_{'m' if priority < 0 else ''}{abs(priority):g}"
    return event_priority(priority)(run)


def _wire(steps) -> dict:
    events = {}
    for event in EVENTS:
        by_priority: dict[float, list] = {}
        for step in steps:
            handler = getattr(step, f"on_{event}", None)
            if handler is not None:
                by_priority.setdefault(getattr(handler, "mkdocs_priority", 0), []).append(
                    (step_name(step), handler))
        if not by_priority:
            continue
        if event == "page_read_source":  # MkDocs allows one reader of page sources
            (only,) = by_priority.values()
            ((name, reader),) = only

            def read_source(*, page, config, _name=name, _reader=reader):
                active = build.current().steps
                return _reader(page=page, config=config) if active is None or _name in active else None
            events[f"on_{event}"] = read_source
            continue
        order = sorted(by_priority.items(), reverse=True)
        groups = [_group(event, p, hs, starts_build=(event == "config" and i == 0))
                  for i, (p, hs) in enumerate(order)]
        events[f"on_{event}"] = groups[0] if len(groups) == 1 else CombinedEvent(*groups)
    return events


globals().update(_wire(STEPS))
