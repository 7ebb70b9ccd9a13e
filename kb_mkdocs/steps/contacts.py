"""MkDocs events of the contacts step: they wire kb.data.contacts into a MkDocs build."""

from __future__ import annotations

from kb_mkdocs.build import StepState

import pathlib
from kb.core.errors import report
from kb.data.contacts import CONTACTS_FILE, load_contacts, render_markers
from kb.data.datafile import page_body
from kb.data.load import load_with_sources


# --- MkDocs events ---------------------------------------------------------

_STATE = StepState("contacts")  # this build's state (kb_mkdocs/build.py)


def on_pre_build(config, **kwargs):
    root = pathlib.Path(config["docs_dir"]).parent
    data, sources, errors = load_with_sources(root, CONTACTS_FILE, load_contacts)
    report(errors)
    _STATE.update(data=data, sources=sources)


def on_page_markdown(markdown, page, config, files, **kwargs):
    if "kb:" not in markdown:
        return markdown
    body, offset = page_body(page.file.content_string)
    text, errors = render_markers(markdown, _STATE.get("data"), _STATE.get("sources", {}),
                                  "docs/" + page.file.src_uri, offset, body)
    report(errors)
    return text
