"""MkDocs events of the opendata step: they wire kb.postbuild.opendata into a MkDocs build."""

from __future__ import annotations

from kb.core.paths import is_translation

from kb_mkdocs.build import StepState

import json
import pathlib
from kb.core.errors import report
from kb.postbuild.opendata import FOLDER, collect, render_files, unpublished


# --- MkDocs events ---------------------------------------------------------------

import hashlib
import os
import tempfile

def _title(file) -> str:
    from mkdocs.utils import meta as mkdocs_meta
    try:
        _, data = mkdocs_meta.get_data(file.content_string)
    except Exception:
        data = {}
    title = data.get("title") if isinstance(data, dict) else None
    return str(title) if title else file.src_uri


_STATE = StepState("opendata")  # this build's state (kb_mkdocs/build.py)


def _translation_language(config) -> str | None:
    """The language mkdocs-static-i18n is building, if it is not the default one."""
    i18n = config.plugins.get("i18n")
    current = getattr(i18n, "current_language", None)
    default = getattr(i18n, "default_language", None)
    return current if current and default and current != default else None


def on_files(files, config):
    from mkdocs.structure.files import File

    language = _translation_language(config)
    if language:
        # A translated tree (/pl/, /ar/) links to its own copy of the files,
        # which are the ones the default-language build made.
        for path, target in _STATE.get("written", {}).items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            file = File.generated(config, path, abs_src_path=str(target))
            file.dest_uri = f"{language}/{path}"
            files.append(file)
        return files

    root = pathlib.Path(config.config_file_path or "mkdocs.yml").resolve().parent
    pages = {}
    for f in files.documentation_pages():
        if is_translation(f.src_uri):  # translations (page.pl.md)
            continue
        try:
            pages[f.src_uri] = (f.url, _title(f), f.content_string)
        except (OSError, UnicodeDecodeError):
            continue
    datasets, errors = collect(root, pages, config["site_name"])
    report(errors)
    # Backed by real files, because mkdocs-static-i18n needs an abs_src_path:
    # .cache/opendata/<hash>/ (git-ignored), rewritten atomically on each build.
    tag = hashlib.sha256(f"{config['docs_dir']}|{config['site_name']}".encode()).hexdigest()[:12]
    folder = root / ".cache" / "opendata" / tag
    _STATE["written"] = {}
    out = render_files(datasets, config["site_name"])
    # A dataset whose data file has errors (reported by its own hook, which
    # fails the strict build) still gets a file, saying so: otherwise every
    # link to it would be reported too, as a broken link on another page.
    for name in unpublished(errors):
        for ext in (".json", ".schema.json"):
            out.setdefault(f"{FOLDER}/{name}{ext}", json.dumps(
                {"published": False, "reason": f"docs/_data/{name}.yml has errors"}) + "\n")
    for path, text in out.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, target)
        files.append(File.generated(config, path, abs_src_path=str(target)))
        _STATE["written"][path] = target
    return files
