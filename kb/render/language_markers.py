"""The data markers of a translated page, rendered in its language."""

from __future__ import annotations

from kb.core.ui_text import ui_text
from kb.data.contacts import contacts_records, render_contacts, render_emergency
from kb.data.datafile import replace_markers
from kb.data.indicators import render_group

DATA_MARKERS = {"indicators", "contacts", "emergency", "poster-contacts"}


def render_language_markers(markdown: str, lang: str, data, strings: dict[str, dict[str, str]]) -> str:
    """Render the data markers of a translated page in *lang*. *data* is
    (indicators, contacts, sources) in that language, as
    kb.i18n.translations.language_data gives them. Markers it cannot render
    are left as they are, for their own step to report."""
    if "kb:" not in markdown:
        return markdown
    ind, con, sources = data

    def t(key: str) -> str:
        return ui_text(key, lang, strings)

    def render(name, args, index):
        if name == "emergency":
            return render_emergency(con, lang, t), []
        if name == "contacts" and con is not None:
            return render_contacts(con, sources, lang, t), []
        if name == "poster-contacts" and con is not None:
            known = {g.id for g in con.groups}
            if all(a in known for a in args):  # else kb/render/sheets.py reports the error
                from kb.render.sheets import render_poster_contacts
                return render_poster_contacts(
                    contacts_records(con, sources), args or None, lang, t), []
        if name == "indicators" and ind is not None and len(args) == 1 and ind.group(args[0]):
            return render_group(ind.group(args[0]), sources, lang, t), []
        return f"<!-- kb:{name} {' '.join(args)} -->".replace("  ", " "), []  # left to its step

    text, _ = replace_markers(markdown, DATA_MARKERS, render)
    return text
