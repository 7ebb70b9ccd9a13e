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

MkDocs loads this file as a hook under the name "hooks/mode.py"; other hooks
import it as `hooks.mode`. The state lives in the `hooks.mode` module, which
`on_startup` below sets whichever way this file was loaded.
"""

from __future__ import annotations

import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))


def event_priority(priority: float):
    """The same as ``mkdocs.plugins.event_priority`` (it sets ``mkdocs_priority``
    on the event function), without importing MkDocs: modules whose pure
    functions are also used without MkDocs (kb/stage) can be imported where
    MkDocs is not installed."""
    def decorator(event_method):
        event_method.mkdocs_priority = priority
        return event_method
    return decorator

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


def undo_unfinished_language_build(utils, clean_directory, loggers) -> list[str]:
    """Undo what mkdocs-static-i18n leaves behind when a language build fails.

    While it builds the other languages, the plugin replaces
    `mkdocs.utils.clean_directory` with a function that does nothing, and
    adds a filter that hides "Documentation built in ..." from MkDocs' log.
    It puts both back only when every language built. Under `mkdocs serve`,
    after a build that failed in another language (a broken catalog line,
    say), every later rebuild would then keep the files of deleted or renamed
    pages in the site, and hide the "built in" line.

    *utils* is the `mkdocs.utils` module, *clean_directory* the function
    MkDocs defines (None if unknown), *loggers* the loggers to clean.
    Returns what was undone, for the log.
    """
    undone = []
    if clean_directory is not None and utils.clean_directory is not clean_directory:
        utils.clean_directory = clean_directory
        undone.append("clean_directory")
    for logger in loggers:
        for f in [f for f in logger.filters if type(f).__name__ == "I18nLoggingFilter"]:
            logger.removeFilter(f)
            undone.append(f"{logger.name} filter")
    return undone


def _mkdocs_clean_directory():
    """MkDocs' own clean_directory (None without MkDocs, or if it was replaced)."""
    try:
        import mkdocs.utils
    except ImportError:  # the plain functions above need no MkDocs
        return None
    func = mkdocs.utils.clean_directory
    return func if getattr(func, "__module__", None) == "mkdocs.utils" else None


_CAPTURED: list = []


def _original_clean_directory():
    """MkDocs' own clean_directory, read once, on first use (the first
    on_config, before any language build), so that importing this module
    does not import MkDocs (kb/stage imports the hooks without it)."""
    if not _CAPTURED:
        _CAPTURED.append(_mkdocs_clean_directory())
    return _CAPTURED[0]


def __getattr__(name: str):
    if name == "_CLEAN_DIRECTORY":  # the name tests and older callers read
        return _original_clean_directory()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- MkDocs events ---------------------------------------------------------

def on_startup(*, command, dirty):
    from hooks import mode  # the copy the other hooks import

    mode.set_command(command)
    set_command(command)


def on_config(config, **_):
    from hooks import mode

    if not mode.nested_language_build(config):  # a new build (serve rebuilds)
        import logging
        import mkdocs.utils

        undo_unfinished_language_build(mkdocs.utils, _original_clean_directory(),
                                       [logging.getLogger("mkdocs.commands.build")])
    if not mode.is_serve():
        return config
    i18n = config.plugins.get("i18n")
    if i18n is None or mode.nested_language_build(config):
        return config
    languages = i18n.config.languages
    default = next((lang.locale for lang in languages if lang.default), languages[0].locale)
    keep = serve_languages([lang.locale for lang in languages], default)
    for lang in languages:
        if lang.locale not in keep:
            lang.build = False
    return config
