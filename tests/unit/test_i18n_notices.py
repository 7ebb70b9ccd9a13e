"""Every translation notice, in every site language, puts 999 first.

A reader who cannot read English and has a child in danger must never be
told to read the English version first. These tests read the real
docs/_data/ui-text.yml and render the real notices.
"""

from __future__ import annotations

import itertools
import pathlib
import re

import pytest
from bs4 import BeautifulSoup

from kb.i18n.translations import (PageStatus, notice_html, parse_ui_text, sheet_text,
                                without_shared_start)
from scripts.translation_report import site_languages

ROOT = pathlib.Path(__file__).resolve().parents[2]
STRINGS, ERRORS = parse_ui_text((ROOT / "docs/_data/ui-text.yml").read_text(encoding="utf-8"))
LANGUAGES, DEFAULT = site_languages(ROOT / "mkdocs.yml")
NOTICE_KEYS = ["draft_text", "stale_text", "fallback_text", "sheet_draft", "sheet_stale"]
# How each language names the English version: 999 must come before it.
ENGLISH_WORD = {"en": "English", "pl": "angielsk", "ar": "الإنجليزية"}
FIRST_SENTENCE = re.compile(r"^.*?[.!?؟](?:\s|$)")


def test_ui_text_is_valid_and_has_every_language():
    assert ERRORS == []
    assert set(LANGUAGES) >= {"en", "pl", "ar"}


@pytest.mark.parametrize("key,lang", list(itertools.product(NOTICE_KEYS, LANGUAGES)))
def test_every_notice_string_starts_with_999(key, lang):
    text = STRINGS[key].get(lang)
    assert text, f"{key} has no {lang} text: it would fall back to English"
    first = FIRST_SENTENCE.match(text).group(0)
    assert "999" in first, f"{key}.{lang} does not start with the 999 sentence: {text!r}"
    # Then: the English version is the one to follow (a fallback page: it is
    # shown in English, and the English is the version to follow).
    word = ENGLISH_WORD[lang]
    assert word in text and text.index("999") < text.index(word), (key, lang)
    follow = {"en": "English version is the one to follow", "pl": "Obowiązuje wersja angielska",
              "ar": "النسخة الإنجليزية هي المعتمدة"}
    if lang in follow:
        assert follow[lang] in text, (key, lang)


STATUSES = [("translation", "draft", False), ("translation", "draft", True),
            ("translation", "reviewed", True), ("fallback", None, False)]


@pytest.mark.parametrize("lang,state", list(itertools.product(
    [x for x in LANGUAGES if x != DEFAULT], STATUSES)))
def test_rendered_notices_put_999_first_once(lang, state):
    kind, status, stale = state
    st = PageStatus(kind, lang, status=status, stale=stale)
    soup = BeautifulSoup(notice_html(st, "../signs.html", STRINGS), "html.parser")
    bodies = [div.select("p")[1].get_text() for div in soup.select(".kb-translation-notice")]
    assert len(bodies) == len(st.notices) >= 1
    assert FIRST_SENTENCE.match(bodies[0]).group(0).count("999") == 1
    text = " ".join(bodies)
    assert text.count("999") == 1, "the emergency sentence is repeated"
    sheet = sheet_text(st, None, STRINGS)["note"]
    if kind == "translation":
        assert sheet.startswith(FIRST_SENTENCE.match(sheet).group(0)) and "999" in \
            FIRST_SENTENCE.match(sheet).group(0)
        assert sheet.count("999") == 1


def test_english_link_has_hreflang_but_no_lang():
    st = PageStatus("translation", "ar", status="draft")
    link = BeautifulSoup(notice_html(st, "../signs.html", STRINGS), "html.parser").a
    assert link["hreflang"] == "en" and link["href"] == "../signs.html"
    assert not link.has_attr("lang"), "the link text is Arabic: lang=en makes it read in English"
    assert link.get_text() == STRINGS["english_link"]["ar"]


def test_second_notice_drops_only_the_shared_sentences():
    a = "Call 999. Do not wait. Old page."
    assert without_shared_start(a, "Call 999. Do not wait. A draft.") == "A draft."
    assert without_shared_start(a, "Something else. Call 999.") == "Something else. Call 999."
    assert without_shared_start(a, a) == "Old page."  # never empty


def _review_banner(lang: str) -> BeautifulSoup:
    """The real review banner (overrides/partials/review.html) of an overdue page."""
    import jinja2

    from kb.i18n.translations import review_text

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)
    macros = env.get_template("partials/review.html").module
    page = type("Page", (), {"meta": {
        "kb_review": {"due": "2026-01-01", "due_uk": "1 January 2026", "overdue": True,
                      "owner": "Knowledge base editors", "text": review_text(lang, STRINGS),
                      "last_reviewed": "2025-01-01", "last_reviewed_uk": "1 January 2025"},
        "kb_translation": None if lang == DEFAULT else {"lang": lang}}})()
    return BeautifulSoup(str(macros.banner(page)), "html.parser")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_review_overdue_banner_puts_999_first(lang):
    soup = _review_banner(lang)
    body = " ".join(soup.select(".admonition p")[1].get_text().split())
    assert FIRST_SENTENCE.match(body).group(0).count("999") == 1, body
    assert body.count("999") == 1
    assert soup.select_one(".admonition")["aria-label"] == STRINGS["review_label"][lang]
    english = [s.get_text() for s in soup.select("span[lang=en]")]
    if lang == DEFAULT:
        assert english == []
    else:  # the English names are marked as English
        assert "HIPS Procedures" in english and "Knowledge base editors" in english
        if lang == "ar":
            assert all(s.get("dir") == "ltr" for s in soup.select("span[lang=en]"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_review_strings_live_in_ui_text(lang):
    from kb.i18n.translations import REVIEW_KEYS

    assert all(STRINGS.get(f"review_{k}", {}).get(lang) for k in REVIEW_KEYS), lang
    template = (ROOT / "overrides/partials/review.html").read_text(encoding="utf-8")
    assert "act on it" not in template and "HIPS" not in template
