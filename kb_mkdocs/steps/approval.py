"""MkDocs events of the approval step: they wire kb.pagemeta.approval into a MkDocs build."""

from __future__ import annotations

from kb.pagemeta.approval import approval_meta

from kb_mkdocs.build import StepState

import pathlib
from kb.pagemeta.approval import (
    PROCEDURES_KEY,
    english_path,
    parse_approval,
)


# --- MkDocs events ---------------------------------------------------------------

_STATE = StepState("approval")  # this build's state (kb_mkdocs/build.py)


def on_config(config, **kwargs):
    from kb.core import yamltext
    from kb.data.sources import load_source_index

    docs = pathlib.Path(config["docs_dir"])
    chart = None
    # kb/data/flowchart.py reports a missing or broken file; here it only has no state.
    path = docs / "_data" / "flowchart.yml"
    data = yamltext.load_file(path, "docs/_data/flowchart.yml")[0] if path.is_file() else None
    chart = parse_approval(data.get("approval")) if isinstance(data, dict) else None
    source = load_source_index(docs / "_data" / "sources.yml").get(PROCEDURES_KEY) or {}
    _STATE.update(docs=docs, chart=chart, url=str(source.get("url") or ""), english={})
    return config


def _english_meta(page) -> dict:
    """The front matter of the page's English source (a translation follows it)."""
    from kb.core.frontmatter import read_front_matter

    src = page.file.src_uri
    english = getattr(page.file, "norm_src_uri", None) or english_path(src)
    if english == src:
        return page.meta
    cache = _STATE.setdefault("english", {})
    if english not in cache:
        try:
            text = (_STATE["docs"] / english).read_text(encoding="utf-8")
        except OSError:
            text = ""
        cache[english] = read_front_matter(text)
    return cache[english]


def on_page_context(context, *, page, config, nav):
    info = page.meta.get("kb_translation") or {}
    meta = approval_meta(_english_meta(page), page.file.content_string or "", _STATE.get("chart"),
                         info.get("lang") or "en", _STATE.get("url", ""))
    if meta is not None:
        page.meta["kb_approval"] = meta
    return context
