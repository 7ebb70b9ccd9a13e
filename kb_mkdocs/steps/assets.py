"""MkDocs events of the assets step: they wire kb.postbuild.assets into a MkDocs build."""

from __future__ import annotations

from kb_mkdocs.build import StepState

import functools
import pathlib
from kb.core.errors import ContentError, report
from kb.postbuild.assets import (
    check_joinable,
    css_bundle_name,
    defer_scripts,
    join_css,
    resolve_css,
)


# --- MkDocs events ---------------------------------------------------------

_state = StepState("assets")  # this build's state (kb_mkdocs/build.py)


@functools.lru_cache(maxsize=64)  # keyed on the file's text: each language build and each reload asks again
def _joinable_errors(name: str, css: str) -> tuple[ContentError, ...]:
    return tuple(check_joinable(name, css))


ROOT = pathlib.Path(__file__).resolve().parents[2]


def _relative(path: pathlib.Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _search_dirs(config) -> list[pathlib.Path]:
    dirs = [pathlib.Path(config["docs_dir"])]
    dirs += [pathlib.Path(d) for d in config["theme"].dirs]
    return dirs


def on_config(config, **_):
    # mkdocs-static-i18n runs this again, on the same config, for each
    # language: keep the original list from the first pass.
    current = list(config["extra_css"])
    if _state.get("bundle") and [str(c) for c in current] == [_state["bundle"]]:
        return config
    sources, errors = [], []
    for entry in current:
        name = str(entry)
        if "://" in name:  # another host: leave it to the CSP and link checks
            return config
        path = resolve_css(name, _search_dirs(config))
        if path is None:
            return config  # MkDocs itself reports a missing file
        text = path.read_text(encoding="utf-8")
        errors += _joinable_errors(_relative(path), text)
        sources.append((name, text))
    if errors or len(sources) < 2:
        report(errors)
        _state.clear()
        return config
    css = join_css(sources)
    _state.update(bundle=css_bundle_name(css), css=css, sources=[n for n, _ in sources])
    config["extra_css"] = [_state["bundle"]]
    return config


def on_env(env, *, config, files):
    env.filters["kb_defer"] = defer_scripts
    return env


def on_post_build(config, **_):
    if not _state.get("bundle"):
        return
    from kb_mkdocs.mode import nested_language_build

    if nested_language_build(config):
        return  # a nested language build: pages there link to the root's copy
    out = pathlib.Path(config["site_dir"]) / _state["bundle"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(_state["css"], encoding="utf-8")
