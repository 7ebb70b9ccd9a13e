"""MkDocs events of the content step: they wire kb.checks.content into a MkDocs build."""

from __future__ import annotations

from kb_mkdocs.build import StepState

import pathlib
from kb.checks.content import (
    check_config_urls,
    check_page,
    check_support_files,
    check_symlinks,
    is_page,
    linked,
    outside,
    read_page,
    symlinked_folders,
)
from kb.core.frontmatter import read_front_matter
from kb.checks.frontmatter import page_templates
from kb.core.messages import error
from kb.data.sources import load_registry_file
from kb.pagemeta.approval import missing_approvals, read_print_online
from kb_mkdocs import workarounds
from kb_mkdocs.mode import nested_language_build


# --- MkDocs events ----------------------------------------------------------

_state = StepState("content")  # this build's state (kb_mkdocs/build.py)


def on_config(config, **_):
    if nested_language_build(config) and _state:
        return config
    root = pathlib.Path(config.config_file_path).resolve().parent
    docs = pathlib.Path(config.docs_dir).resolve()
    try:
        docs_label = docs.relative_to(root).as_posix()
    except ValueError:
        docs_label = docs.as_posix()
    reg_path = docs / "_data" / "sources.yml"
    registry, errors = load_registry_file(reg_path, f"{docs_label}/_data/sources.yml")
    _state.clear()
    def label(path: pathlib.Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    try:
        config_text = pathlib.Path(config.config_file_path).read_text(encoding="utf-8")
    except OSError:
        config_text = ""
    errors = errors + check_config_urls(config.get("extra") or {}, label(
        pathlib.Path(config.config_file_path).resolve()), config_text)
    _state.update(registry=registry, docs_label=docs_label, registry_errors=errors,
                  label=label, seen=set(), unreadable=set(), unreadable_meta=set(),
                  templates=page_templates(getattr(config.theme, "custom_dir", None)))
    workarounds.reword_mkdocs_messages(docs, docs_label)
    return config


def on_pre_build(*, config):
    """Check every page source once per run, translations included.

    This is one linear pass over the docs folder, before MkDocs renders
    anything, so every error in every page (in every language) is reported
    in one run, even when a later language build would not be reached.
    """
    from kb.core.errors import report

    if nested_language_build(config):
        return
    report(_state.get("registry_errors", []))
    from kb.data.contacts import contact_numbers

    docs = pathlib.Path(config.docs_dir).resolve()
    exclude = config.exclude_docs
    errors = check_symlinks(docs, _state["label"])
    numbers = contact_numbers(docs.parent)
    metas = {}
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if not is_page(rel) or not path.is_file():
            continue
        if any(part.startswith(".") for part in rel.split("/")) or linked(docs, path):
            continue
        if exclude is not None and exclude.match_file(rel):
            continue
        text, errs = read_page(path, _state["label"](path))
        if errs:
            errors += errs
            _state["unreadable"].add(path)
            continue
        found = check_page(_state["label"](path), text, _state["registry"], numbers,
                           _state["templates"])
        if any(e.code in REFUSED_YAML for e in found):
            _state["unreadable_meta"].add(path)
        errors += found
        metas[rel] = read_front_matter(text)
    errors += missing_approvals(metas, read_print_online(docs),
                                lambda rel: _state["label"](docs / rel))
    errors += check_support_files(docs, _state["label"])
    report(errors)
    if (folders := symlinked_folders(docs)):
        # MkDocs walks into linked folders (a link to a folder above is a loop
        # of copies): stop here, with every error above already listed.
        from mkdocs.exceptions import PluginError

        raise PluginError(error("symlink-folder-stop", _state["label"](folders[0]), None,
                                link=_state["label"](folders[0])).format())


def on_files(files, *, config):
    """Never publish a file that is, or is reached through, a symbolic link
    (see check_symlinks)."""
    docs = pathlib.Path(config.docs_dir).absolute()
    for f in list(files):
        if not f.abs_src_path:
            continue
        path = pathlib.Path(f.abs_src_path).absolute()
        # Theme files come from elsewhere; only files found in docs/ are checked.
        if path.is_relative_to(docs) and (outside(docs, path) or linked(docs, path)):
            files.remove(f)
    return files


def on_page_read_source(*, page, config):
    """A page that is not UTF-8 (reported above) is read with U+FFFD for the
    bytes that cannot be read, so MkDocs and the other hooks go on to the end
    of the build and strict mode fails it with every error listed, instead
    of MkDocs stopping with a traceback."""
    f = page.file
    if not f.abs_src_path or pathlib.Path(f.abs_src_path).resolve() not in _state.get("unreadable", ()):
        return None
    text = pathlib.Path(f.abs_src_path).read_bytes().decode("utf-8-sig", "replace")
    f._content = text  # page.file.content_string, which other hooks read, too
    return text


#: Front matter with anchors and aliases (refused by kb/core/yamltext.py, and
#: reported): of MkDocs' own reading of it only the single values are used,
#: so an alias bomb never reaches a template or a plugin.
REFUSED_YAML = {"yaml-alias"}


def on_page_markdown(markdown, *, page, config, files):
    """A `template:` the theme does not have (reported above) is dropped, so
    the page is built with the normal layout instead of stopping the build
    with Jinja's TemplateNotFound. Front matter that was refused is not used."""
    if page.file.abs_src_path and pathlib.Path(page.file.abs_src_path).resolve() \
            in _state.get("unreadable_meta", ()):
        for key in [k for k, v in page.meta.items() if isinstance(v, (list, dict))]:
            del page.meta[key]
    template = page.meta.get("template")
    if template is not None and template not in _state.get("templates", [template]):
        page.meta.pop("template")
    return markdown
