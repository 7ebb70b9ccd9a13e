"""MkDocs events of the termbase step: they wire kb.checks.termbase into a MkDocs build."""

from __future__ import annotations

import pathlib
from kb.checks.termbase import LANGUAGES, check_docs


# --- MkDocs events ------------------------------------------------------------

def on_config(config, **_):
    # mkdocs-static-i18n runs the build again for each language: check once.
    plugin = config.plugins.get("i18n") if hasattr(config, "plugins") else None
    if plugin is not None and getattr(plugin, "building", False):
        return config
    from kb.core.errors import report

    root = pathlib.Path(config.docs_dir).parent
    languages = tuple(x for x in (plugin.build_languages if plugin else LANGUAGES)
                      if x != (plugin.default_language if plugin else "en"))
    report(check_docs(root, tuple(x for x in languages if x in LANGUAGES)))
    return config
