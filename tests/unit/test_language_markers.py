"""kb/render/language_markers.py: a translated page's data markers, in its language."""

import pathlib

from kb.core.ui_text import ui_strings, ui_text
from kb.i18n.translations import language_data
from kb.render.language_markers import LanguageMarkers
from kb.render.pipeline import PageRef, RenderData, render_markers

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _render(text, lang, translated=True):
    data = RenderData()
    data.languages[lang] = LanguageMarkers(lang, language_data(lang, ROOT)[:3], ui_strings())
    return render_markers(text, data, PageRef(f"x.{lang}.md", lang=lang, locale=lang,
                                              translated=translated))[0]


def test_the_emergency_callout_and_contacts_in_polish():
    strings = ui_strings()
    out = _render("<!-- kb:emergency -->\n\n<!-- kb:contacts -->\n", "pl")
    assert "<!-- kb:" not in out and "999" in out
    assert ui_text("contacts_service", "pl", strings) in out  # the table's heading, in Polish
    assert ui_text("contacts_service", "pl", strings) != ui_text("contacts_service", "en", strings)


def test_a_marker_it_cannot_render_is_left_for_its_own_step():
    text = "<!-- kb:indicators no-such-group -->\n"
    assert _render(text, "ar") == text
    assert _render("No markers.\n", "ar") == "No markers.\n"


def test_only_a_translated_page_gets_its_language():
    text = "<!-- kb:emergency -->\n"
    assert _render(text, "pl", translated=False) == text  # no English group here: left alone
    assert _render(text, "pl") != text
