"""kb_mkdocs/mode.py: full build or `mkdocs serve`, and the languages built while serving."""

import pytest

from kb_mkdocs import mode, workarounds


@pytest.fixture(autouse=True)
def _restore():
    before = mode._STATE["command"]
    yield
    mode.set_command(before)


def test_serve_is_detected_and_build_is_not():
    mode.set_command("serve")
    assert mode.is_serve({}) is True
    mode.set_command("build")
    assert mode.is_serve({}) is False
    mode.set_command(None)  # scripts and tests that never start MkDocs
    assert mode.is_serve({}) is False


def test_full_checks_while_serving():
    mode.set_command("serve")
    assert mode.is_serve({"KB_FULL_CHECKS": "1"}) is False
    assert mode.is_serve({"KB_FULL_CHECKS": "0"}) is True


def test_on_startup_sets_the_shared_state():
    workarounds.serve_mode.on_startup(command="serve", dirty=False)
    assert mode.is_serve({}) is True
    workarounds.serve_mode.on_startup(command="build", dirty=False)
    assert mode.is_serve({}) is False


def test_serve_languages():
    every = ["en", "pl", "ar"]
    assert mode.serve_languages(every, "en", {}) == every
    assert mode.serve_languages(every, "en", {"KB_SERVE_LANGUAGES": "en"}) == ["en"]
    assert mode.serve_languages(every, "en", {"KB_SERVE_LANGUAGES": " pl, xx "}) == ["en", "pl"]
    assert mode.serve_languages(every, "en", {"KB_SERVE_LANGUAGES": ""}) == every


def test_nested_language_build_follows_the_i18n_plugin():
    import types

    from kb_mkdocs.mode import nested_language_build

    def config(plugins):
        return types.SimpleNamespace(plugins=plugins)

    assert nested_language_build(config({"i18n": types.SimpleNamespace(building=True)}))
    assert not nested_language_build(config({"i18n": types.SimpleNamespace(building=False)}))
    assert not nested_language_build(config({}))  # no i18n plugin: one build only


def test_an_unfinished_language_build_is_undone():
    """mkdocs-static-i18n's no-op clean_directory and log filter, left after a
    failed language build, are taken away before the next build."""
    import logging
    import types

    import mkdocs.utils
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    assert workarounds._CLEAN_DIRECTORY is mkdocs.utils.clean_directory  # MkDocs' own
    utils = types.SimpleNamespace(clean_directory=lambda path: path)  # the plugin's no-op
    logger = logging.getLogger("tests.unit.test_mode.build")
    logger.addFilter(I18nLoggingFilter())
    assert workarounds.undo_unfinished_language_build(utils, workarounds._CLEAN_DIRECTORY, [logger]) \
        == ["clean_directory", f"{logger.name} filter"]
    assert utils.clean_directory is mkdocs.utils.clean_directory
    assert not logger.filters
    # After a build that finished, there is nothing to undo.
    assert workarounds.undo_unfinished_language_build(utils, workarounds._CLEAN_DIRECTORY, [logger]) == []
    assert utils.clean_directory is mkdocs.utils.clean_directory


def test_the_hook_file_passes_startup_to_serve_mode():
    """MkDocs sends on_startup before any configuration is read: every step
    gets it, so `mkdocs serve` is known to be serving (the site-wide extras
    wait for a full build)."""
    import importlib.util
    import pathlib

    from kb_mkdocs import build

    path = pathlib.Path(__file__).resolve().parents[2] / "kb_mkdocs" / "hooks.py"
    spec = importlib.util.spec_from_file_location("kb_mkdocs/hooks.py", path)
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    before = mode._STATE["command"]
    try:
        build.start()
        hooks.on_startup(command="serve", dirty=False)
        assert mode.is_serve({}) is True
        hooks.on_startup(command="build", dirty=False)
        assert mode.is_serve({}) is False
    finally:
        mode.set_command(before)
