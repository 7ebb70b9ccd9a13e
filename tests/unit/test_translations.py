"""Unit tests for kb/i18n/translations.py, kb/i18n/catalogs.py and kb/postbuild/search_languages.py."""

from __future__ import annotations

import hashlib
import json

from bs4 import BeautifulSoup

from kb.i18n.catalogs import localise_indicators, parse_catalog, translate
from kb.postbuild.search_languages import rebase_config
from kb.data.indicators import load_indicators
from kb.i18n.translations import (PageStatus, mark_english, notice_html, parse_ui_text,
                                source_hash, split_suffix, translation_status, ui_text,
                                wrap_english)
from pathlib import Path
import pytest
from kb.i18n.catalogs import long_numbers
from kb.postbuild.search_languages import language_base, split_index

ENGLISH = b"---\ntitle: Signs\n---\n\n# Signs\n"
STRINGS = {"draft_title": {"en": "Draft translation", "pl": "Tłumaczenie robocze"},
           "draft_text": {"en": "A draft."}, "stale_title": {"en": "Changed", "pl": "Zmiana"},
           "stale_text": {"en": "Old."}, "fallback_title": {"en": "Not translated"},
           "fallback_text": {"en": "In English."}, "english_link": {"en": "English"},
           "notice_label": {"en": "About this translation"}}


def test_source_hash_is_sha256_of_the_bytes_with_lf_line_endings():
    assert source_hash(ENGLISH) == hashlib.sha256(ENGLISH).hexdigest()[:12]
    assert source_hash(ENGLISH.replace(b"\n", b"\r\n")) == source_hash(ENGLISH)
    assert source_hash(ENGLISH.decode()) == source_hash(ENGLISH)
    assert source_hash(ENGLISH + b"x") != source_hash(ENGLISH)


def test_split_suffix():
    assert split_suffix("signs.pl.md") == ("signs.md", "pl")
    assert split_suffix("worried/index.ar.md") == ("worried/index.md", "ar")
    assert split_suffix("signs.md") == ("signs.md", None)


def test_current_draft_translation():
    st = translation_status("docs/signs.pl.md", {"translation_of": source_hash(ENGLISH),
                                                 "translation_status": "draft"},
                            ENGLISH, "pl", "docs/signs.md")
    assert st.errors == [] and not st.stale and st.notices == ["draft"]


def test_stale_translation_is_a_warning_naming_the_file():
    st = translation_status("docs/signs.pl.md", {"translation_of": "000000000000",
                                                 "translation_status": "reviewed",
                                                 "translation_reviewed_by": "qualified translator",
                                                 "translation_reviewed_on": "2026-12-01"},
                            ENGLISH, "pl", "docs/signs.md")
    assert st.stale and st.notices == ["stale"]
    [err] = st.errors
    assert err.severity == "warning" and err.file == "docs/signs.pl.md"
    assert "stale translation" in err.message and "docs/signs.md" in err.message
    assert source_hash(ENGLISH) in err.fix


def test_missing_fields_and_orphans_are_errors():
    st = translation_status("docs/a.pl.md", {}, ENGLISH, "pl", "docs/a.md")
    assert sorted(e.code for e in st.errors) == ["translation-of-missing",
                                                 "translation-status-missing"]
    assert all(e.severity == "error" for e in st.errors)
    orphan = translation_status("docs/b.pl.md", {}, None, "pl", "docs/b.md")
    assert [e.code for e in orphan.errors] == ["translation-orphan"]


def test_notices_are_in_the_readers_language_with_english_fallback():
    html = notice_html(PageStatus("translation", "pl", status="draft", stale=True),
                       "../signs.html", STRINGS)
    soup = BeautifulSoup(html, "html.parser")
    kinds = [d["data-kb-translation"] for d in soup.select("[data-kb-translation]")]
    assert kinds == ["stale", "draft"]
    assert "Tłumaczenie robocze" in soup.get_text() and "Zmiana" in soup.get_text()
    assert "A draft." in soup.get_text()  # no Polish text: English
    assert soup.select_one("a[hreflang=en]")["href"] == "../signs.html"
    assert notice_html(PageStatus("translation", "pl", status="reviewed"), None, STRINGS) == ""
    assert ui_text("missing-key", "pl", STRINGS) == "missing-key"


def test_ui_text_needs_english():
    strings, errors = parse_ui_text("a:\n  pl: tylko polski\nb:\n  en: B\n  pl: ''\n", "ui.yml")
    assert [(e.line, e.code) for e in errors] == [(1, "ui-text"), (5, "ui-text")]
    assert strings == {"b": {"en": "B", "pl": ""}}


def _translated(markdown_text: str, rtl: bool, parse: bool = True):
    """Render Markdown with the translations hook's page tree pass."""
    import markdown

    from kb.core import pagetree
    config = {"markdown_extensions": ["footnotes", "md_in_html"], "mdx_configs": {}}
    pagetree.install(config, "translations", lambda root, md: mark_english(root, rtl, md))
    html = markdown.markdown(markdown_text, extensions=config["markdown_extensions"])
    return BeautifulSoup(html, "html.parser") if parse else html


def test_mark_english_fallback_blockquotes_and_rtl_numbers():
    assert wrap_english("<p>x</p>") == '<div class="kb-lang-en" lang="en" dir="ltr"><p>x</p></div>'
    out = _translated("> Legal 0300 555 1384[^a]\n\nاتصل 023 8083 3004 أو 999\n\n"
                      "[^a]: Home Office 2023\n", rtl=True)
    assert out.blockquote["lang"] == "en" and out.blockquote["dir"] == "ltr"
    assert out.select_one("div.footnote > ol")["lang"] == "en"
    assert [s.get_text() for s in out.select("span[dir=ltr]")] == ["023 8083 3004"]
    assert "أو 999" in out.get_text()
    # Left to right pages keep their numbers as they are.
    assert _translated("Call 023 8083 3004.\n", rtl=False).select("span") == []


def test_marked_translation_of_a_definition_is_not_marked_english():
    import markdown

    from kb.core import pagetree
    config = {"markdown_extensions": ["footnotes", "admonition", "pymdownx.details"],
              "mdx_configs": {}}
    pagetree.install(config, "translations", lambda root, md: mark_english(root, False, md))
    text = ('> Legal text.[^a]\n\n!!! translation "Tłumaczenie"\n\n    > Tekst.[^a]\n\n'
            '??? translation "Tłumaczenie"\n\n    > Tekst dwa.[^a]\n\n[^a]: Home Office\n')
    out = BeautifulSoup(markdown.markdown(text, extensions=config["markdown_extensions"]),
                        "html.parser")
    quotes = out.find_all("blockquote")
    assert [q.get("lang") for q in quotes] == ["en", None, None]


def test_rtl_numbers_in_code_text_after_elements_and_raw_html():
    out = _translated(
        "Zadzwoń `0300 555 1384` lub **teraz** 023 8083 3004.\n\n"
        '<p class="kb-lead">رقم 023 8083 3004 <a href="tel:1" dir="ltr">0300 555 1384</a> 01 02</p>\n\n'
        '<div markdown dir="ltr">Stays 0300 555 1384</div>\n', rtl=True)
    assert out.code.get_text() == "0300 555 1384" and out.code.span is None
    assert [s.get_text() for s in out.select("span.kb-ltr")] == ["023 8083 3004", "023 8083 3004", "01 02"]
    assert out.select_one("p.kb-lead a").span is None  # already left to right


def test_raw_svg_is_never_rewritten():
    svg = '<svg viewBox="0 0 10 10"><text>01 02</text></svg>'
    out = _translated(f"<div>{svg} 0300 555 1384</div>\n", rtl=True, parse=False)
    assert out == f"<div>{svg} 0300 555 1384</div>"  # BeautifulSoup would lower-case viewBox


def test_catalog_keeps_numbers_and_translates_data():
    catalog, errors = parse_catalog(
        "- en: Missing school\n  text: Opuszczanie szkoły\n"
        "- en: Call 101\n  text: Zadzwoń\n"
        "- en: Open 8.30am to 5pm\n  text: Otwarte 8.30–17.00\n", "pl.yml")
    # 101 dropped: an error on the `text` line; times may be rewritten.
    assert [(e.code, e.line) for e in errors] == [("catalog-number", 4)]
    assert set(catalog) == {"Missing school", "Open 8.30am to 5pm"}
    data, _ = load_indicators("groups:\n  - id: t\n    title: Signs of trafficking\n"
                              "    source: k\n    items: [Missing school, Other]\n")
    catalog, _ = parse_catalog("- en: Missing school\n  text: Opuszczanie szkoły\n", "pl.yml")
    local, missing = localise_indicators(data, catalog)
    assert local.groups[0].items == ["Opuszczanie szkoły", "Other"]
    assert missing == ["Signs of trafficking", "Other"]
    assert data.groups[0].items == ["Missing school", "Other"]  # the source is untouched
    assert translate(None, catalog, []) is None


def test_rebase_config_changes_only_the_base():
    config = {"base": "..", "features": [], "search": "../assets/x.js", "translations": {"a": "<b>"}}
    text = json.dumps(config).replace("<", "\\u003c").replace(">", "\\u003e")
    page = f'<html><body><p>x</p><script id="__config" type="application/json">{text}</script></body></html>'
    out = rebase_config(page, ".")
    script = BeautifulSoup(out, "html.parser").select_one("#__config").string
    assert json.loads(script) == {**config, "base": "."}
    assert out.replace(script, "") == page.replace(text, "")
    assert rebase_config("<p>no config</p>", ".") == "<p>no config</p>"


def test_reviewed_translation_needs_reviewer_role_and_date():
    meta = {"translation_of": source_hash(ENGLISH), "translation_status": "reviewed"}
    st = translation_status("docs/signs.pl.md", meta, ENGLISH, "pl", "docs/signs.md")
    assert [e.code for e in st.errors] == ["translation-reviewer-missing"]
    meta.update(translation_reviewed_by="qualified Polish translator (DPSI)",
                translation_reviewed_on="2026-12-01")
    st = translation_status("docs/signs.pl.md", meta, ENGLISH, "pl", "docs/signs.md")
    assert st.errors == [] and st.notices == []  # reviewed: the draft notice is gone


def test_polish_older_partner_sign_does_not_read_as_elderly():
    """„osoba starsza” reads as "an elderly person": the sign is about someone
    older than the child, whom the child may call a boyfriend or girlfriend."""
    import pathlib
    import re

    from kb.i18n import catalogs as i18n_data

    catalog, errors = i18n_data.load_catalog("pl", pathlib.Path(__file__).resolve().parents[2])
    text = catalog["A relationship with an older person (they may call them a boyfriend or girlfriend)"]
    assert re.search(r"osob\w* starsz", text) is None, text
    assert text.startswith("Związek z kimś starszym")


ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGS = {"pl": "ltr", "ar": "rtl"}


def test_catalogs_never_change_a_number():
    for lang in LANGS:
        path = DOCS / "_data" / "translations" / f"{lang}.yml"
        _, errors = parse_catalog(path.read_text(encoding="utf-8"), str(path))
        assert errors == []
    bad = "- en: Call 0800 1111 now.\n  text: Zadzwoń pod 0800 1112 teraz.\n"
    _, errors = parse_catalog(bad, "x.yml")
    assert [e.code for e in errors] == ["catalog-number"]
    assert errors[0].line == 2
    assert long_numbers("Call 023 8083 3004 or 999, open 8.30am") == ["023 8083 3004", "999"]


def test_split_index_unit():
    merged = {"config": {"lang": ["en", "ar"], "separator": "[\\s]+", "pipeline": ["trimmer"]},
              "docs": [{"location": "a.html", "title": "A", "text": "x"},
                       {"location": "b.html", "title": "B", "text": "y"},
                       {"location": "pl/a.html", "title": "A pl", "text": "x"},
                       {"location": "ar/a.html#s", "title": "A ar", "text": "x"}]}
    out = split_index(merged, ["en", "pl", "ar"], "en", {"pl": {"b.html"}, "ar": {"b.html"}})
    assert [d["location"] for d in out["en"]["docs"]] == ["a.html", "b.html"]
    assert [(d["location"], d.get("boost")) for d in out["pl"]["docs"]] == [
        ("a.html", None), ("b.html", pytest.approx(1e-4))]
    assert out["ar"]["docs"][0]["location"] == "a.html#s"
    assert out["en"]["config"]["lang"] == ["en"]
    assert language_base("pl/worried/index.html", "pl", "en") == ".."
    assert language_base("pl/index.html", "pl", "en") == "."
