"""Build mode: a full build, or `mkdocs serve` rebuilding after each edit.

`mkdocs serve` rebuilds the whole site after every save. The site-wide work
that only matters for a published build (hashing every page's inline code for
the Content-Security-Policy, the search index word forms) can wait for a full
build, so the editing loop stays fast. Each heavy hook asks `is_serve()` and
skips that work when it says True.

- `mkdocs build` (and `make build`, the tests, the benchmark): everything runs.
- `mkdocs serve` (`make serve`): the site-wide extras are skipped; every page
  is still checked and rendered, and errors still show.
- `mkdocs serve --clean` counts as a build (MkDocs says so too).
- `KB_FULL_CHECKS=1 mkdocs serve`: serve, but run everything on each reload.
- `KB_SERVE_LANGUAGES=en mkdocs serve`: while serving, build only the listed
  languages (comma-separated locales; the default language is always built).
  All languages are built by default.

The command is the session's state: kb_mkdocs/workarounds.py (serve_mode)
sets it when MkDocs starts, and it outlives each build of `mkdocs serve`.
"""

from __future__ import annotations

import os


FULL_CHECKS_ENV = "KB_FULL_CHECKS"
SERVE_LANGUAGES_ENV = "KB_SERVE_LANGUAGES"

_STATE: dict = {"command": None}


def set_command(command: str | None) -> None:
    """Record what MkDocs is doing: "build", "serve" or "gh-deploy"."""
    _STATE["command"] = command


def is_serve(environ=None) -> bool:
    """True while `mkdocs serve` rebuilds for an editor (site-wide extras may be skipped)."""
    environ = os.environ if environ is None else environ
    if environ.get(FULL_CHECKS_ENV, "").strip().lower() in ("1", "true", "yes"):
        return False
    return _STATE["command"] == "serve"


def nested_language_build(config) -> bool:
    """True inside mkdocs-static-i18n's builds of the other languages of the
    same run (MkDocs runs every event again for each language). Site-wide
    work that must see every language runs only when this is False."""
    plugins = getattr(config, "plugins", None)
    plugin = plugins.get("i18n") if hasattr(plugins, "get") else None
    return bool(getattr(plugin, "building", False))


def serve_languages(all_locales: list[str], default: str, environ=None) -> list[str]:
    """The locales to build while serving: all of them unless KB_SERVE_LANGUAGES says."""
    environ = os.environ if environ is None else environ
    wanted = [x.strip() for x in environ.get(SERVE_LANGUAGES_ENV, "").split(",") if x.strip()]
    if not wanted:
        return list(all_locales)
    return [loc for loc in all_locales if loc in wanted or loc == default]


def languages(config) -> tuple[str, str]:
    """(language being built, default language) under mkdocs-static-i18n."""
    lang = config["theme"].get("language") or "en"
    default = lang
    plugin = (config.get("plugins") or {}).get("i18n")
    if plugin is not None:
        default = getattr(plugin, "default_language", None) or default
        lang = getattr(plugin, "current_language", None) or default
    return lang, default
