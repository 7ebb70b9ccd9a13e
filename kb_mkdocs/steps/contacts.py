"""MkDocs events of the contacts step: they wire kb.data.contacts into a MkDocs build."""

from __future__ import annotations

import pathlib

from kb.core.errors import report
from kb.data.contacts import CONTACTS_FILE, ContactsMarkers, load_contacts
from kb.data.load import load_with_sources
from kb_mkdocs import build


# --- MkDocs events ---------------------------------------------------------

def on_pre_build(config, **kwargs):
    """Load contacts.yml; kb_mkdocs/steps/render.py renders its markers."""
    root = pathlib.Path(config["docs_dir"]).parent
    data, sources, errors = load_with_sources(root, CONTACTS_FILE, load_contacts)
    report(errors)
    build.current().render.add(ContactsMarkers(data, sources))
