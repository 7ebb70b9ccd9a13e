"""MkDocs events of the csp step: they wire kb.postbuild.csp into a MkDocs build."""

from __future__ import annotations

import pathlib
from kb.core.errors import report
from kb.postbuild.csp import scan_site, source_texts, write_hashes


# --- MkDocs events ---

import mkdocs.plugins


# After mkdocs-static-i18n (-100) has built every language, so the one scan
# sees the whole site; nested language builds skip it.
@mkdocs.plugins.event_priority(-200)
def on_post_build(config, **kwargs) -> None:
    from kb_mkdocs.mode import is_serve, nested_language_build

    if is_serve() or nested_language_build(config):
        return  # `mkdocs serve` sends no CSP header; full builds scan once
    site_dir = pathlib.Path(config["site_dir"])
    docs_dir = pathlib.Path(config["docs_dir"])
    root = pathlib.Path(config.config_file_path).resolve().parent

    def label(path: pathlib.Path) -> str:
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    hashes, errors = scan_site(site_dir, source_texts(docs_dir, label))
    report(errors)
    write_hashes(site_dir, hashes)
