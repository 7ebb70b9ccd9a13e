"""The termbase (docs/_data/translations/terms.yml) and its check (kb/checks/termbase.py)."""

from __future__ import annotations

import pathlib

from kb.checks.termbase import (TERMS_FILE, check_catalog, check_docs, check_translation,
                            check_ui_text, nav_translations, parse_termbase)

ROOT = pathlib.Path(__file__).resolve().parents[2]

SMALL = """\
status: draft
provenance: test
terms:
  - en: criminal exploitation
    pl:
      write: wykorzystywanie do działalności przestępczej
      use: ["do działalności przestępczej"]
      avoid: ["wykorzystywa* przestępcz*"]
    ar:
      write: الاستغلال في الأنشطة الإجرامية
      use: ["في الأنشطة الإجرامية"]
      avoid: ["الاستغلال الإجرامي"]
  - en: trafficking
    match: ["traffick*"]
    pl:
      write: handel ludźmi
      use: ["handl* ludźmi"]
    ar:
      write: الاتجار بالبشر
      use: ["الاتجار بالبشر"]
      avoid: ["re:اتجار(?!\\\\s*بالبشر)"]
  - en: emergency
    ignore: ["Emergency Duty Service"]
    pl:
      write: nagły wypadek
      use: ["nagł* wypad*"]
    ar:
      write: حالة طوارئ
      use: ["طوارئ"]
"""


def base():
    tb, errors = parse_termbase(SMALL, "terms.yml")
    assert errors == [] and tb is not None
    return tb


def test_the_real_termbase_loads_is_a_draft_and_covers_the_key_terms():
    tb, errors = parse_termbase((ROOT / TERMS_FILE).read_text(encoding="utf-8"))
    assert errors == []
    assert tb.status == "draft" and "review" in tb.provenance
    terms = {t.en for t in tb.terms}
    assert terms >= {"child sexual exploitation", "criminal exploitation", "county lines",
                     "trafficking", "grooming", "consent", "victim", "referral",
                     "duty to notify", "children's services", "safeguarding", "missing",
                     "young person", "emergency", "professionals", "the public"}


def test_bad_termbase_gives_errors_with_lines():
    tb, errors = parse_termbase("status: draft\nprovenance: x\nterms:\n  - en: victim\n    pl:\n"
                                "      write: ofiara\n      use: []\n", "terms.yml")
    assert tb is None and errors
    assert all(e.file == "terms.yml" and e.line for e in errors)
    tb, errors = parse_termbase(SMALL + SMALL[SMALL.index("  - en: emergency"):], "terms.yml")
    assert [e.message for e in errors] == ["the term 'emergency' is listed twice"]


def test_forbidden_rendering_is_a_warning_with_file_and_line():
    english = "# Signs\n\nSigns of criminal exploitation.\n"
    page = "# Oznaki\n\nOznaki wykorzystywania\nprzestępczego i do działalności przestępczej.\n"
    [w] = check_translation(page, english, "pl", "docs/signs.pl.md", "docs/signs.md", base())
    assert (w.file, w.line, w.severity) == ("docs/signs.pl.md", 3, "warning")
    assert "wykorzystywania\nprzestępczego" in w.message and "do działalności przestępczej" in w.fix


def test_arabic_forbidden_ignores_vowel_marks_and_reads_across_lines():
    english = "Trafficking.\n"
    page = "ضحية الاتجار\nبالبشر.\n\nوالاتِّجار وحده.\n"
    [w] = check_translation(page, english, "ar", "docs/a.ar.md", "docs/a.md", base())
    assert w.line == 4


def test_missing_approved_rendering_once_per_page_at_the_title():
    english = "---\ntitle: X\n---\n\n# X\n\nCriminal exploitation. Criminal exploitation again.\n"
    page = "---\ntitle: Y\n---\n\n# Y\n\nCoś innego.\n"
    [w] = check_translation(page, english, "pl", "docs/x.pl.md", "docs/x.md", base())
    assert (w.line, w.severity) == (2, "warning")
    assert "docs/x.md uses 'criminal exploitation'" in w.message


def test_ignored_phrases_comments_and_quotes_do_not_count():
    english = "<!-- kb:emergency -->\n\nCall the Emergency Duty Service.\n"
    assert check_translation("Zadzwoń.\n", english, "pl", "p.pl.md", "p.md", base()) == []
    quoted = "> criminal exploitation wykorzystywanie przestępcze\n\ndo działalności przestępczej\n"
    assert check_translation(quoted, "criminal exploitation", "pl", "p.pl.md", "p.md", base()) == []


def test_catalog_entries_are_checked_with_their_line():
    catalog = ("- en: Signs of trafficking\n  text: Oznaki handlu ludźmi\n"
               "- en: Signs of criminal exploitation\n  text: Oznaki wykorzystywania przestępczego\n"
               "- en: Trafficking\n  text: Coś\n")
    warnings = check_catalog(catalog, "pl", "docs/_data/translations/pl.yml", base())
    assert [(w.line, "avoid" if "not to use" in w.message else "missing") for w in warnings] == [
        (4, "avoid"), (6, "missing")]


def test_ui_text_values_are_checked_with_their_line():
    ui = ("draft_title:\n  en: Draft\n  pl: Robocze\n"
          "emergency_title:\n  en: Emergency\n  pl: Pilne\n  ar: حالة طوارئ\n"
          "trafficking_title:\n  en: Trafficking\n  pl: Ofiary handlu ludźmi\n  ar: اتجار\n")
    pl = check_ui_text(ui, "pl", "docs/_data/ui-text.yml", base())
    assert [(w.file, w.line, w.severity) for w in pl] == [("docs/_data/ui-text.yml", 6, "warning")]
    assert "'Emergency' uses 'emergency'" in pl[0].message
    [ar] = check_ui_text(ui, "ar", "docs/_data/ui-text.yml", base())
    assert ar.line == 11 and "not to use" in ar.message


def test_nav_translations_in_mkdocs_yml_are_checked_with_their_line(tmp_path):
    mkdocs = ("site_name: x\nextra:\n  v: !ENV [X, 1]\nplugins:\n  - i18n:\n      languages:\n"
              "        - locale: en\n          default: true\n"
              "        - locale: pl\n          nav_translations:\n            Home: Strona główna\n"
              "            Trafficking: Przemyt\n          theme:\n            language: pl\n"
              "        - locale: ar\n          nav_translations:\n            \"Trafficking\": اتجار\n")
    navs = nav_translations(mkdocs)
    assert navs == {"pl": [("Home", "Strona główna", 11), ("Trafficking", "Przemyt", 12)],
                    "ar": [("Trafficking", "اتجار", 17)]}
    (tmp_path / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    (tmp_path / TERMS_FILE).parent.mkdir(parents=True)
    (tmp_path / TERMS_FILE).write_text(SMALL, encoding="utf-8")
    warnings = check_docs(tmp_path)
    assert [(w.file, w.line) for w in warnings] == [("mkdocs.yml", 12), ("mkdocs.yml", 17)]


def test_arabic_young_person_avoids_every_form_of_shab():
    tb, _ = parse_termbase((ROOT / TERMS_FILE).read_text(encoding="utf-8"))
    english = "A young person.\n"
    for word in ("الشباب", "شاب", "شابة", "شبان", "للشباب", "والشابات"):
        warnings = check_translation(f"# ع\n\n{word} يافع.\n", english, "ar", "a.ar.md", "a.md", tb)
        assert [w.line for w in warnings if "young person" in w.message] == [3], word
    # Not the word: «تشابه» (a likeness), «شابه» (resembled).
    assert check_translation("# ع\n\nتشابه وشابه يافع.\n", english, "ar", "a.ar.md", "a.md", tb) == []


def test_current_pages_and_catalogs_show_no_warnings():
    problems = check_docs(ROOT)
    assert problems == [], "\n".join(p.format() for p in problems)


def test_translation_report_lists_termbase_warnings(tmp_path):
    from scripts.translation_report import term_rows

    (tmp_path / "docs/_data/translations").mkdir(parents=True)
    (tmp_path / TERMS_FILE).write_text(SMALL, encoding="utf-8")
    (tmp_path / "docs/a.md").write_text("# A\n\nCriminal exploitation.\n", encoding="utf-8")
    (tmp_path / "docs/a.pl.md").write_text("# A\n\nWykorzystywanie przestępcze.\n", encoding="utf-8")
    rows = term_rows("pl", tmp_path)
    assert [(r.page, r.state) for r in rows] == [("docs/a.pl.md:3", "term"), ("docs/a.pl.md:1", "term")]
    assert "not to use" in rows[0].detail and "approved pl rendering" in rows[1].detail


def test_a_stale_translation_is_not_asked_for_renderings_of_new_english():
    english = "Child criminal exploitation is a crime.\n"
    stale = check_translation("Zadzwoń.\n", english, "pl", "p.pl.md", "p.md", base(), current=False)
    assert stale == []
    assert check_translation("Zadzwoń.\n", english, "pl", "p.pl.md", "p.md", base())  # current
    forbidden = "Wykorzystywanie przestępcze.\n"
    assert check_translation(forbidden, english, "pl", "p.pl.md", "p.md", base(), current=False)
