"""kb/core/ui_text.py: the site's own words in every language."""

from kb.core.ui_text import parse_ui_text, text_direction, ui_strings, ui_text


def test_parse_requires_english_and_collapses_white_space():
    strings, errors = parse_ui_text("greeting:\n  en: Hello  there\n  pl: Cześć\nbare:\n  pl: Tylko\n",
                                    "docs/_data/ui-text.yml")
    assert strings == {"greeting": {"en": "Hello there", "pl": "Cześć"}}
    (e,) = errors
    assert (e.file, e.line, e.code) == ("docs/_data/ui-text.yml", 4, "ui-text")
    assert "'bare' has no English text" in e.message


def test_an_empty_translation_is_an_error_with_its_line():
    _, (e,) = parse_ui_text("k:\n  en: Fine\n  ar: ''\n", "u.yml")
    assert (e.line, e.message) == (3, "'k.ar' is empty")


def test_lookup_falls_back_to_english_then_to_the_key():
    strings = {"k": {"en": "English", "pl": "Polski"}}
    assert ui_text("k", "pl", strings) == "Polski"
    assert ui_text("k", "ar", strings) == "English"
    assert ui_text("k", None, strings) == "English"
    assert ui_text("missing", "pl", strings) == "missing"


def test_the_real_file_has_the_notices_in_every_language():
    strings = ui_strings()
    for key in ("sheet_preview", "review_label"):
        assert {"en", "pl", "ar"} <= set(strings[key]), key


def test_text_direction():
    assert text_direction("ar") == "rtl" and text_direction("ar-EG") == "rtl"
    assert text_direction("pl") == "ltr" and text_direction(None) == "ltr"
