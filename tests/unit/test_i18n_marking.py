"""Language and direction marking in translated pages and the search index."""

from __future__ import annotations

from kb.postbuild.search_languages import LRI, PDI, split_index
from tests.unit.test_translations import _translated


def test_arabic_inline_english_gets_lang_en_and_ltr():
    out = _translated("هم في رعاية السلطة المحلية (looked after)، و«خطوط المقاطعات»\n"
                      "(county lines) وفريق CRT والنموذج (inter-agency\nreferral form).\n", rtl=True)
    spans = {s.get_text(): (s.get("lang"), s.get("dir")) for s in out.select("span[lang]")}
    assert spans == {"looked after": ("en", "ltr"), "county lines": ("en", "ltr"),
                     "CRT": ("en", "ltr"), "inter-agency\nreferral form": ("en", "ltr")}
    # The Arabic comma and the parentheses stay outside, in the Arabic text.
    assert "(looked after)" not in str(out) and "، و" in out.get_text()


def test_arabic_marking_skips_code_quotes_and_raw_html_placeholders():
    out = _translated("> English quote\n\nنص `code A` و<b>HTML</b>\n", rtl=True)
    assert out.code.span is None and out.blockquote.span is None
    assert [s.get_text() for s in out.select("p span[lang=en]")] == ["HTML"]


def test_polish_inline_english_keeps_the_translators_span():
    out = _translated('pod opieką władz (<span lang="en">looked after</span>)\n', rtl=False)
    assert out.select_one("span[lang=en]").get_text() == "looked after"
    # Polish is left to right: nothing else is marked.
    assert _translated("Zadzwoń do CRT (county lines).\n", rtl=False).select("span") == []


def test_arabic_search_index_isolates_phone_numbers():
    index = {"config": {"separator": "[\\s]+"}, "docs": [
        {"location": "ar/contacts.html", "title": "023 8083 3004", "text": "اتصل 023 8083 3004 و 999"},
        {"location": "pl/contacts.html", "title": "x", "text": "Zadzwoń 023 8083 3004"},
        {"location": "contacts.html", "title": "x", "text": "Call 023 8083 3004"}]}
    out = split_index(index, ["en", "pl", "ar"], "en")
    ar = out["ar"]["docs"][0]
    assert ar["text"] == f"اتصل {LRI}023 8083 3004{PDI} و 999"
    assert ar["title"] == f"{LRI}023 8083 3004{PDI}"
    assert LRI not in out["pl"]["docs"][0]["text"] and LRI not in out["en"]["docs"][0]["text"]
    assert LRI in out["ar"]["config"]["separator"] and PDI in out["ar"]["config"]["separator"]


def test_arabic_search_index_isolates_every_contacts_number_whole():
    """Each number in docs/_data/contacts.yml is isolated whole: a figure
    after it ("24 hours") stays out, and two numbers stay two."""
    from kb.data.contacts import get_contacts
    from kb.postbuild.search_languages import isolate_numbers

    numbers = [c.number for g in get_contacts().groups for c in g.contacts if c.number and " " in c.number]
    assert len(numbers) > 5
    for n in numbers:
        assert isolate_numbers(f"اتصل {n} 24 ساعة") == f"اتصل {LRI}{n}{PDI} 24 ساعة"
        assert isolate_numbers(f"({n}) {n}") == f"({LRI}{n}{PDI}) {LRI}{n}{PDI}"
    # Not phone numbers: left alone.
    assert isolate_numbers("من 12 إلى 17 و 2024 10") == "من 12 إلى 17 و 2024 10"


def test_polish_english_names_from_the_catalog_are_marked():
    from kb.i18n.catalogs import english_phrases
    from kb.i18n.translations import mark_english, phrase_pattern
    import markdown
    from bs4 import BeautifulSoup
    from kb.core import pagetree

    catalog = {"Hampshire Children's Services": "Służby ds. dzieci w Hampshire (Hampshire Children's Services)",
               "Referrals go to the Children's Reception Team (CRT).":
                   "Zgłoszenia trafiają do Children's Reception Team (CRT).",
               "Call 023 8083 3004 now": "Zadzwoń 023 8083 3004 teraz",
               "Childline": "Childline (telefon zaufania)"}
    phrases = english_phrases(catalog)
    assert phrases == ["Hampshire Children's Services", "Children's Reception Team"]
    pattern = phrase_pattern(phrases)
    config = {"markdown_extensions": [], "mdx_configs": {}}
    pagetree.install(config, "translations", lambda root, md: mark_english(root, False, md, pattern))
    html = markdown.markdown(
        "Zadzwoń do Children's Reception\nTeam albo `Hampshire Children's Services`.\n\n"
        '<p>Hampshire Children\'s Services</p>\n', extensions=config["markdown_extensions"])
    soup = BeautifulSoup(html, "html.parser")
    assert [(s.get_text(), s.get("dir")) for s in soup.select("span[lang=en]")] == [
        ("Children's Reception\nTeam", None), ("Hampshire Children's Services", None)]
    assert soup.code.span is None


def test_arabic_abbreviation_and_the_english_beside_it_are_one_run():
    import markdown
    from bs4 import BeautifulSoup
    from kb.core import pagetree
    from kb.i18n.translations import mark_english

    config = {"markdown_extensions": ["abbr"], "mdx_configs": {}}
    pagetree.install(config, "translations", lambda root, md: mark_english(root, True, md))
    html = markdown.markdown("وإجراءات HIPS (HIPS Procedures).\n\n*[HIPS]: Hampshire\n",
                             extensions=config["markdown_extensions"])
    soup = BeautifulSoup(html, "html.parser")
    runs = [s for s in soup.select("span[lang=en]") if s.abbr is not None]
    # "HIPS (HIPS Procedures)" in one left-to-right span, so it is not shown reversed.
    assert [(s.get_text(), s["dir"]) for s in runs] == [("HIPS (HIPS Procedures)", "ltr")]


def _arabic(markdown_text: str):
    import markdown
    from bs4 import BeautifulSoup
    from kb.core import pagetree
    from kb.i18n.translations import mark_english

    config = {"markdown_extensions": ["abbr"], "mdx_configs": {}}
    pagetree.install(config, "translations", lambda root, md: mark_english(root, True, md))
    return BeautifulSoup(markdown.markdown(markdown_text, extensions=config["markdown_extensions"]),
                         "html.parser")


def _top_runs(soup):
    """The outermost English spans, as text."""
    return [s.get_text() for s in soup.select("span[lang=en]")
            if s.find_parent("span", attrs={"lang": "en"}) is None]


def test_arabic_english_phrase_in_pieces_is_one_run():
    """Each English phrase is one left-to-right span, however many pieces
    (abbreviations, quotation marks, brackets, figures) it has: marked apart,
    Chromium showed "(CSE ,child sexual exploitation)"."""
    out = _arabic("الاستغلال الجنسي للأطفال (child sexual exploitation, CSE) هو اعتداء.\n\n"
                  "*[CSE]: Child sexual exploitation\n")
    assert _top_runs(out) == ["child sexual exploitation, CSE"]
    assert "(" + _top_runs(out)[0] + ")" in out.get_text()  # the brackets stay Arabic
    out = _arabic('قورن مع نسخة محفوظة من Hampshire County Council\'s "Report child abuse" page '
                  "(knowledge base developer، 1 ديسمبر 2026).\n")
    # The bracket opens before the Arabic comma closes it: two phrases.
    assert _top_runs(out) == ['Hampshire County Council\'s "Report child abuse" page',
                              "knowledge base developer"]
    out = _arabic('مقتبس: February 2017 definition ("What is child sexual exploitation?", '
                  "which the guide's contents list puts on page 5). النص\n")
    assert _top_runs(out) == ['February 2017 definition ("What is child sexual exploitation?", '
                              "which the guide's contents list puts on page 5)"]
    out = _arabic("متاح 24 hours a day, 7 days a week للمختصين.\n")
    assert _top_runs(out) == ["24 hours a day, 7 days a week"]
    # Arabic between English words keeps them apart; a number stays its own island.
    out = _arabic("اتصل 999 ثم Childline على 0800 1111 أو NSPCC.\n")
    assert _top_runs(out) == ["Childline", "NSPCC"]
    assert [s.get_text() for s in out.select("span.kb-ltr")] == ["0800 1111"]
