"""kb/render/language_markers.py: a translated page's data markers, in its language."""

import pathlib

from kb.core.ui_text import ui_strings, ui_text
from kb.i18n.translations import language_data
from kb.render.language_markers import render_language_markers

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_emergency_callout_and_contacts_in_polish():
    data = language_data("pl", ROOT)[:3]
    strings = ui_strings()
    out = render_language_markers("<!-- kb:emergency -->\n\n<!-- kb:contacts -->\n", "pl", data,
                                  strings)
    assert "<!-- kb:" not in out and "999" in out
    assert ui_text("contacts_service", "pl", strings) in out  # the table's heading, in Polish
    assert ui_text("contacts_service", "pl", strings) != ui_text("contacts_service", "en", strings)


def test_a_marker_it_cannot_render_is_left_for_its_own_step():
    data = language_data("ar", ROOT)[:3]
    text = "<!-- kb:indicators no-such-group -->\n"
    assert render_language_markers(text, "ar", data, ui_strings()) == text
    assert render_language_markers("No markers.\n", "ar", data, ui_strings()) == "No markers.\n"
