"""The data markers of a translated page, rendered in its language."""

from __future__ import annotations

from kb.core.ui_text import ui_text
from kb.data.contacts import contacts_records, render_contacts, render_emergency
from kb.data.indicators import render_group

DATA_MARKERS = frozenset({"indicators", "contacts", "emergency", "poster-contacts"})


class LanguageMarkers:
    """The data markers of one language's translated pages (kb/render/pipeline.py).

    *data* is (indicators, contacts, sources) in that language, as
    kb.i18n.translations.language_data gives them. A marker it cannot render
    gets None, and is left to its owner's group, which renders it in English
    or reports what is wrong with it.
    """

    names = DATA_MARKERS

    def __init__(self, lang: str, data, strings: dict[str, dict[str, str]]) -> None:
        self.lang, self.data, self.strings = lang, data, strings

    def t(self, key: str) -> str:
        return ui_text(key, self.lang, self.strings)

    def render(self, page, name: str, args: list[str], line: int):
        ind, con, sources = self.data
        lang, t = self.lang, self.t
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
        return None
