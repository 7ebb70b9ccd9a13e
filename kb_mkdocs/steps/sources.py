"""MkDocs events of the sources step: they wire kb.data.sources into a MkDocs build."""

from __future__ import annotations

from kb.core.paths import page_label
from kb_mkdocs import build
from kb_mkdocs.build import StepState

import pathlib
from kb.core.messages import error
from kb.data.sources import (
    CITED_BY_TOKEN,
    cited_by_html,
    cited_keys,
    data_file_keys,
    load_registry_file,
    unused_sources,
)


# --- MkDocs events ---------------------------------------------------------

_state = StepState("sources")  # this build's state (kb_mkdocs/build.py)


def on_config(config, **_):
    from kb_mkdocs.mode import nested_language_build

    if nested_language_build(config) and _state:
        # mkdocs-static-i18n: another language of the same run. Keep what was
        # reported; start the citations of this language afresh.
        _state.update(cited={}, sources_pages=[])
        return
    root = pathlib.Path(config.config_file_path).resolve().parent
    docs = pathlib.Path(config.docs_dir)
    rel = docs.joinpath("_data", "sources.yml")
    try:
        label = rel.resolve().relative_to(root).as_posix()
    except ValueError:
        label = rel.as_posix()
    registry, _errors = load_registry_file(rel, label)  # kb/checks/content.py reports these
    _state.clear()
    _state.update(registry=registry, label=label, cited={}, pages={}, sources_pages=[],
                  data_keys=data_file_keys(docs.joinpath("_data"), registry))
    build.current().render.registry = registry  # citations filled by kb_mkdocs/steps/render.py


def page_rendered(page, out) -> None:
    """Record the citations of a page kb/render/extension.py has rendered
    (*out*: kb.render.pipeline.Rendered), and report any cited key that a
    marker generated and the registry lacks."""
    from kb.core.errors import report
    from kb.core.frontmatter import split_front_matter

    registry = _state["registry"]
    keys = out.cited
    for key in keys:
        _state["cited"].setdefault(key, {})[page.file.src_uri] = page
    # Citations that markers generated: keys not present in the page source.
    original = set(cited_keys(split_front_matter(page.file.content_string).body))
    reported = _state.setdefault("reported", set())
    for k in keys:
        if k not in registry and k not in original and (page.file.abs_src_path, k) not in reported \
                and k not in registry.broken and not registry.unreadable:
            reported.add((page.file.abs_src_path, k))
            report([error("citation-generated-unknown", page_label(page.file.src_uri), None, key=k)])
    if out.lists_sources:
        _state["sources_pages"].append(page)


def on_env(env, *, config, files):
    from mkdocs.utils import get_relative_url
    from kb.core.errors import report

    registry = _state["registry"]
    for page in _state["sources_pages"]:
        content = page.content or ""
        for key in registry.sources:
            citing = sorted(
                ((get_relative_url(p.file.url, page.file.url), p.title or p.file.src_uri)
                 for p in _state["cited"].get(key, {}).values() if p is not page),
                key=lambda t: t[1].lower())
            content = content.replace(CITED_BY_TOKEN.format(key=key), cited_by_html(
                key, citing, _state["data_keys"].get(key, [])))
        page.content = content
    if not _state.get("unused_reported"):
        used = set(_state["cited"]) | set(_state["data_keys"])
        report(unused_sources(registry, used, _state["label"]))
        _state["unused_reported"] = True
    # mkdocs-static-i18n runs one build per language: start the next one afresh.
    _state.update(cited={}, sources_pages=[])
    return env
