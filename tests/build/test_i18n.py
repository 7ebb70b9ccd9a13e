"""Polish and Arabic: the language trees, lang/dir, the switcher, notices,
stale detection, per-language search indexes and the translated data.

Most tests look at the real site (the shared `built_site` fixture). The stale
test builds a small fixture site of its own from a temporary copy of a docs
folder, so it can edit the English page.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kb.i18n.catalogs import long_numbers, parse_catalog  # noqa: E402
from kb.i18n.translations import (ROOT as _R, parse_ui_text, source_hash,  # noqa: E402,F401
                                split_suffix, translation_report, ui_text)
from kb.postbuild.search_languages import language_base, split_index  # noqa: E402
from tests.conftest import build_site  # noqa: E402

DOCS = ROOT / "docs"
LANGS = {"pl": "ltr", "ar": "rtl"}
STRINGS = parse_ui_text((DOCS / "_data" / "ui-text.yml").read_text(encoding="utf-8"))[0]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def english_pages() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                  if not p.relative_to(DOCS).as_posix().startswith("_data/")
                  and split_suffix(p.name)[1] is None)


def translations(lang: str) -> list[str]:
    """English page paths (docs-relative) that have a *lang* translation."""
    return sorted(split_suffix(p.relative_to(DOCS).as_posix())[0]
                  for p in DOCS.rglob(f"*.{lang}.md"))


def html_of(page: str) -> str:
    return page[:-3] + ".html"


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


# --- the trees, lang and dir ----------------------------------------------------

def test_every_page_is_built_in_every_language(built_site):
    for page in english_pages():
        assert (built_site / html_of(page)).is_file(), page
        for lang in LANGS:
            assert (built_site / lang / html_of(page)).is_file(), f"{lang}/{html_of(page)}"


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_required_pages_are_translated(lang):
    required = {"index.md", "signs.md", "contacts.md", "staying-safe-online.md",
                "worried/index.md", "print/spot-the-signs.md", "print/who-to-contact.md"}
    assert required <= set(translations(lang))


def test_lang_and_dir_on_every_page(built_site):
    checked = 0
    for path in built_site.rglob("*.html"):
        rel = path.relative_to(built_site).as_posix()
        lang = rel.split("/", 1)[0] if rel.split("/", 1)[0] in LANGS else "en"
        page = soup(path)
        assert page.html.get("lang") == lang, rel
        assert page.body.get("dir") == LANGS.get(lang, "ltr"), rel
        if lang == "ar":
            assert page.html.get("dir") == "rtl", rel
        checked += 1
    assert checked > 3 * len(english_pages()) - 3


def test_root_404_page_stays_english(built_site):
    assert soup(built_site / "404.html").html.get("lang") == "en"


# --- the language switcher ------------------------------------------------------

def _resolve(page_rel: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), href.split("#")[0]))


def test_switcher_links_resolve_to_the_same_page(built_site):
    checked = 0
    for path in built_site.rglob("*.html"):
        rel = path.relative_to(built_site).as_posix()
        if rel == "404.html":
            continue
        first = rel.split("/", 1)[0]
        base = rel.split("/", 1)[1] if first in LANGS else rel
        page = soup(path)
        links = page.select("a.md-select__link")
        assert {a["hreflang"] for a in links} == {"en", *LANGS}, rel
        for a in links + page.select("link[rel=alternate][hreflang]"):
            href = a["href"]
            assert not href.startswith(("/", "http:", "https:")), f"{rel}: {href} is not relative"
            target = _resolve(rel, href)
            assert (built_site / target).is_file(), f"{rel}: {href} -> {target} does not exist"
            want = base if a["hreflang"] == "en" else f"{a['hreflang']}/{base}"
            assert target == want, f"{rel}: the {a['hreflang']} link goes to {target}"
            checked += 1
    assert checked > 0


# --- notices --------------------------------------------------------------------

@pytest.mark.parametrize("lang", sorted(LANGS))
def test_fallback_notice_on_an_untranslated_page(built_site, lang):
    untranslated = [p for p in english_pages() if p not in translations(lang)]
    assert untranslated, "every page is translated: nothing to fall back"
    for page in untranslated:  # posters and handouts too (on screen, not on the sheet)
        html = soup(built_site / lang / html_of(page))
        notice = html.select_one(".kb-translation-notice--fallback")
        assert notice is not None, f"{lang}/{page}: no fallback notice"
        assert ui_text("fallback_title", lang, STRINGS) in text(notice)
        assert ui_text("fallback_title", lang, STRINGS) != ui_text("fallback_title", "en", STRINGS)
        body = html.select_one("article .kb-lang-en")
        assert body is not None and body.get("lang") == "en" and body.get("dir") == "ltr"
        assert html.select_one(".kb-translation-notice--draft") is None


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_draft_banner_on_translated_pages(built_site, lang):
    for page in translations(lang):
        html = soup(built_site / lang / html_of(page))
        if page.startswith("print/"):
            note = html.select_one(".kb-sheet__translation")
            assert note is not None and ui_text("sheet_draft", lang, STRINGS) in text(note), page
            continue
        banner = html.select_one(".kb-translation-notice--draft")
        assert banner is not None, f"{lang}/{page}: no draft banner"
        assert ui_text("draft_title", lang, STRINGS) in text(banner)
        assert html.select_one(".kb-translation-notice--fallback") is None
        english = banner.select_one("a[hreflang=en]")
        assert (built_site / _resolve(f"{lang}/{html_of(page)}", english["href"])).is_file()


def test_english_pages_have_no_translation_notices(built_site):
    for page in english_pages():
        assert soup(built_site / html_of(page)).select_one(".kb-translation") is None, page


# --- translations keep anchors, numbers and legal text --------------------------

def test_translated_pages_keep_the_english_heading_ids(built_site):
    for lang in LANGS:
        for page in translations(lang):
            en = soup(built_site / html_of(page)).select("article [id]")
            tr = {n["id"] for n in soup(built_site / lang / html_of(page)).select("article [id]")}
            # "sources" is the citations heading that kb/data/sources.py adds in
            # each page's own language; nothing links to it.
            ids = {n["id"] for n in en if n.name in ("h2", "h3", "h4")} - {"sources"}
            assert ids <= tr, f"{lang}/{page} lacks {sorted(ids - tr)}"


def _numbers(data) -> set[str]:
    out = set()
    for group in data["groups"]:
        for c in group["contacts"]:
            if c.get("number"):
                out.add(c["number"])
    return out


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_every_contact_number_is_on_the_translated_contacts_page(built_site, lang):
    data = yaml.safe_load((DOCS / "_data" / "contacts.yml").read_text(encoding="utf-8"))
    html = soup(built_site / lang / "contacts.html")
    shown = {text(a) for a in html.select("article a[href^='tel:']")}
    assert _numbers(data) <= shown
    # Every number keeps its own tel: link, exactly as on the English page.
    en = {(text(a), a["href"]) for a in soup(built_site / "contacts.html").select("article a[href^='tel:']")}
    tr = {(text(a), a["href"]) for a in html.select("article a[href^='tel:']")}
    assert en == tr
    heads = [text(th) for th in html.select("article table th")]
    assert ui_text("contacts_phone", lang, STRINGS) in heads


def test_arabic_numbers_are_kept_left_to_right(built_site):
    html = soup(built_site / "ar" / "contacts.html")
    groups = [a for a in html.select("article a[href^='tel:']") if " " in text(a)]
    assert groups
    for a in groups:
        assert a.find_parent(attrs={"dir": "ltr"}) or a.find(attrs={"dir": "ltr"}), text(a)




def test_statutory_quotes_stay_in_english(built_site):
    registry = yaml.safe_load((DOCS / "_data" / "sources.yml").read_text(encoding="utf-8"))
    quotes = {" ".join(q.split()) for e in registry if isinstance(e, dict) for q in e.get("quotes") or []}
    found = 0
    for lang in LANGS:
        for page in translations(lang):
            for bq in soup(built_site / lang / html_of(page)).select("article blockquote"):
                assert bq.get("lang") == "en" and bq.get("dir") == "ltr"
                found += 1
                words = text(bq)
                assert any(q[:60] in words for q in quotes), f"{lang}/{page}: {words[:80]}"
    if not found:
        pytest.skip("no translated page quotes a statutory definition yet")


# --- stale translations ----------------------------------------------------------

FIXTURE_CONFIG = """
site_name: Fixture
docs_dir: docs
use_directory_urls: false
strict: true
exclude_docs: |
  _data/
theme:
  name: material
  custom_dir: {overrides}
  language: en
plugins:
  - search
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      reconfigure_material: true
      languages:
        - locale: en
          name: English
          default: true
          build: true
        - locale: pl
          name: Polski
          build: true
          theme:
            language: pl
hooks:
  - {hooks}/hooks.py
extra:
  kb_steps: [translations, search_languages]
nav:
  - index.md
  - page.md
"""

PAGE = """---
title: A page
description: One page.
---

# A page

Original English text.
"""


@pytest.fixture
def fixture_site(tmp_path):
    docs = tmp_path / "docs"
    (docs / "_data").mkdir(parents=True)
    shutil.copy(DOCS / "_data" / "ui-text.yml", docs / "_data" / "ui-text.yml")
    (docs / "index.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    (docs / "page.md").write_text(PAGE, encoding="utf-8")
    (docs / "page.pl.md").write_text(textwrap.dedent(f"""\
        ---
        title: Strona
        description: Jedna strona.
        translation_of: {source_hash(PAGE)}
        translation_status: draft
        ---

        # Strona

        Tekst.
        """), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(FIXTURE_CONFIG.format(
        overrides=ROOT / "overrides", hooks=ROOT / "kb_mkdocs"), encoding="utf-8")
    return tmp_path


def test_editing_the_english_page_flags_its_translation_as_stale(fixture_site):
    site = fixture_site / "site"
    proc = build_site(site, config=fixture_site / "mkdocs.yml")
    assert "stale translation" not in proc.stderr
    assert soup(site / "pl" / "page.html").select_one(".kb-translation-notice--stale") is None

    page = fixture_site / "docs" / "page.md"
    page.write_text(PAGE.replace("Original", "Changed"), encoding="utf-8")
    proc = build_site(site, config=fixture_site / "mkdocs.yml")  # strict: must still pass
    assert "docs/page.pl.md" in proc.stderr and "stale translation" in proc.stderr
    html = soup(site / "pl" / "page.html")
    stale = html.select_one(".kb-translation-notice--stale")
    assert stale is not None
    assert ui_text("stale_title", "pl", STRINGS) in text(stale)
    assert html.select_one(".kb-translation-notice--draft") is not None

    rows = translation_report(fixture_site / "docs", ["en", "pl"])
    assert [(r.page, r.state) for r in rows] == [("index.md", "missing"), ("page.md", "stale")]


def test_a_translation_without_translation_of_fails_the_build(fixture_site):
    tr = fixture_site / "docs" / "page.pl.md"
    tr.write_text(re.sub(r"translation_of: \w+\n", "", tr.read_text(encoding="utf-8")),
                  encoding="utf-8")
    proc = build_site(fixture_site / "site", config=fixture_site / "mkdocs.yml", check=False)
    assert proc.returncode != 0
    assert "docs/page.pl.md" in proc.stderr
    assert f"translation_of: {source_hash(PAGE)}" in proc.stderr


def test_translation_scripts(fixture_site):
    script = ROOT / "scripts" / "translation_hash.py"
    out = subprocess.run([sys.executable, str(script), str(fixture_site / "docs" / "page.md")],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == source_hash(PAGE)
    report = ROOT / "scripts" / "translation_report.py"
    for s in (script, report):
        assert "usage" in subprocess.run([sys.executable, str(s), "--help"],
                                         capture_output=True, text=True).stdout
    proc = subprocess.run([sys.executable, str(report), "--no-data", "--csv",
                           "--docs", str(fixture_site / "docs")],
                          capture_output=True, text=True, check=True)
    assert "pl,draft,page.md" in proc.stdout and "pl,missing,index.md" in proc.stdout


# --- per-language search ---------------------------------------------------------

def _index(site: Path, lang: str) -> dict:
    folder = site if lang == "en" else site / lang
    return json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_each_language_has_its_own_search_index(built_site):
    for lang in ("en", *LANGS):
        index = _index(built_site, lang)
        tree = built_site if lang == "en" else built_site / lang
        assert index["docs"]
        for doc in index["docs"]:
            loc = doc["location"].split("#")[0]
            assert not loc.startswith(("pl/", "ar/")), f"{lang}: {loc}"
            assert (tree / (loc or "index.html")).is_file(), f"{lang}: {loc}"
        translated = {html_of(p) for p in translations(lang)} if lang != "en" else set()
        for doc in index["docs"]:
            loc = doc["location"].split("#")[0]
            if lang != "en" and loc not in translated:
                assert doc.get("boost", 1) < 0.01, f"{lang}: fallback {loc} not demoted"
        if lang != "en":
            locs = {d["location"].split("#")[0] for d in index["docs"] if d.get("boost", 1) >= 1}
            assert translated - {p for p in translated if p.startswith("print/")} <= locs | translated
    assert _index(built_site, "ar")["config"]["lang"] == ["ar", "en"]
    assert "trimmer" not in _index(built_site, "pl")["config"]["pipeline"]


def test_pages_load_the_search_index_of_their_language(built_site):
    for rel, base in [("index.html", "."), ("worried/index.html", ".."),
                      ("pl/index.html", "."), ("pl/worried/index.html", ".."),
                      ("ar/signs.html", ".")]:
        config = json.loads(soup(built_site / rel).select_one("script#__config").string)
        assert config["base"] == base, rel




def test_inline_english_notice_link_and_search_marking(built_site):
    """Inline English carries lang=en (and dir=ltr in Arabic); the link to the
    English version has hreflang but no lang; the review line's owner is
    marked; the Arabic search index isolates phone numbers."""
    ar = soup(built_site / "ar" / "vulnerability.html")
    gloss = [s for s in ar.select("article span[lang=en]") if s.get_text() == "looked after"]
    assert gloss and gloss[0].get("dir") == "ltr"
    pl = soup(built_site / "pl" / "vulnerability.html")
    assert [s.get_text() for s in pl.select("article span[lang=en]") if s.get_text() == "looked after"]
    pl_worried = soup(built_site / "pl" / "worried" / "index.html")
    assert "Children's Reception Team" in [s.get_text() for s in pl_worried.select("article span[lang=en]")]
    for html in (ar, pl):
        link = html.select_one(".kb-translation a[hreflang=en]")
        assert link is not None and not link.has_attr("lang")
        owner = html.select_one(".kb-review-line span[lang=en]")
        assert owner is not None and owner.get_text() == "Knowledge base editors"
    assert "؛" in text(ar.select_one(".kb-review-line"))
    poster = soup(built_site / "ar" / "print" / "spot-the-signs.html")
    assert ui_text("sheet_tools_poster", "ar", STRINGS) in text(poster.select_one(".kb-sheet-tools"))
    numbers = [d["text"] for d in _index(built_site, "ar")["docs"] if "023 8083 3004" in d["text"]]
    assert numbers and all("\u2066023 8083 3004\u2069" in t for t in numbers)


def test_search_index_keeps_every_contacts_number_whole(built_site):
    """In every language's search index, each number in contacts.yml that a
    page shows is whole: not glued to the figures before or after it (the
    poster contact lists once read "0800 043 430324 hours a day"); in Arabic
    each one is isolated whole."""
    import re
    from kb.data.contacts import get_contacts

    numbers = [c.number for g in get_contacts().groups for c in g.contacts if c.number and " " in c.number]
    for lang in ("en", "pl", "ar"):
        docs = _index(built_site, lang)["docs"]
        sheet = " ".join(d["text"] for d in docs if d["location"].startswith("print/who-to-contact.html"))
        assert sheet, lang
        for n in numbers:
            digits = re.escape(n).replace("\\ ", "[ \u00a0]")
            glued = re.compile(rf"\d{digits}|{digits}\d")
            for d in docs:
                bare = d["text"].replace("\u2066", "").replace("\u2069", "")
                assert not glued.search(bare), (lang, d["location"], n)
                if lang == "ar":
                    for m in re.finditer(digits, d["text"]):
                        assert d["text"][m.start() - 1:m.start()] == "\u2066", (d["location"], n)
                        assert d["text"][m.end():m.end() + 1] == "\u2069", (d["location"], n)
        assert any(n in sheet for n in numbers), lang


def test_untranslated_sheets_show_the_fallback_notice(built_site):
    """A poster or handout with no translation, under pl/ or ar/, tells the
    reader in their language that it is not translated, 999 first; the
    notice stays off the printed sheet."""
    for lang in ("pl", "ar"):
        page = soup(built_site / lang / "print" / "county-lines-poster.html")
        notice = page.select_one(".kb-translation-notice--fallback")
        assert notice is not None, lang
        body = notice.select("p")[1].get_text()
        assert body.startswith(ui_text("fallback_text", lang, STRINGS)[:20]) and "999" in body.split(".")[0]
        assert notice.find_parent(class_="kb-sheet-frame") is None
        banner = page.select_one(".kb-review-banner .admonition p:nth-of-type(2)")
        assert banner is not None and "999" in banner.get_text().split(".")[0]


def test_polish_english_from_data_and_nav_is_marked(built_site):
    """In a Polish page, English that comes from the data (a contact with no
    catalog entry), the quoted-version line and the "how it was checked"
    values carry lang="en"; so do the navigation titles of untranslated
    pages, in Polish and Arabic."""
    contacts = soup(built_site / "pl" / "contacts.html")
    english = [s.get_text() for s in contacts.select("article span[lang=en]")]
    # Data text with no Polish catalog entry stays English and is marked so.
    from kb.data.contacts import get_contacts
    from kb.i18n.catalogs import load_catalog, localise_contacts
    catalog, _ = load_catalog("pl")
    _, missing = localise_contacts(get_contacts(), catalog)
    services = {c.service for g in get_contacts().groups for c in g.contacts}
    for text in set(missing) & services:
        assert text in english, text
    assert any(s.startswith("knowledge base") for s in english)
    cse = soup(built_site / "pl" / "understanding" / "cse.html")
    assert cse.select_one(".kb-quote-version span[lang=en]") is not None
    for lang in ("pl", "ar"):
        page = soup(built_site / lang / "print" / "county-lines-poster.html")
        titles = [a for a in page.select(".md-nav--primary a.md-nav__link")
                  if (a.get("href") or "").endswith("county-lines-poster.html")]
        assert titles, lang
        for a in titles:
            span = a.select_one("span[lang=en]")
            assert span is not None and span.get_text().strip(), lang
            assert span.get("dir") == ("ltr" if lang == "ar" else None)
        translated = soup(built_site / lang / "contacts.html")
        link = [a for a in translated.select(".md-nav--primary a.md-nav__link")
                if (a.get("href") or "").endswith("contacts.html") and "county" not in a["href"]]
        assert link and all(a.select_one("span[lang=en]") is None for a in link), lang
