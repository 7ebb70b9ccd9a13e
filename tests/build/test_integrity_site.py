"""Integrity on the real site and on a two-language fixture."""

from __future__ import annotations

import subprocess
import sys

from bs4 import BeautifulSoup

from kb.data.sources import CITED_BY_TOKEN
from tests.build.test_bad_input import make_site
from tests.conftest import DOCS, ROOT, build_site


def test_real_content_passes_check_content():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_content.py"), str(DOCS)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_real_site_citations_are_filled(built_site):
    sources = BeautifulSoup((built_site / "sources.html").read_text(), "lxml")
    text = sources.get_text()
    assert CITED_BY_TOKEN.split(":")[0] not in text
    assert "Cited on:" in text
    cse = BeautifulSoup((built_site / "understanding" / "cse.html").read_text(), "lxml")
    heading = cse.find(id="sources")
    assert heading is not None and heading.name == "h2"
    footnotes = heading.find_next("div", class_="footnote")
    assert footnotes is not None
    assert footnotes.find(id="fn:dfe-cse-2017") is not None
    for page in built_site.rglob("*.html"):
        assert "[^" not in BeautifulSoup(page.read_text(), "lxml").get_text(), page


def test_two_languages_every_error_once(tmp_path):
    site = make_site(tmp_path, "broken-link")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("hooks:\n", """plugins:
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      languages:
        - {locale: en, name: English, default: true, build: true}
        - {locale: pl, name: Polski, build: true}
hooks:
"""))
    (site / "docs" / "index.pl.md").write_text(
        (site / "docs" / "index.md").read_text() + "\n<iframe src='https://example.org'></iframe>\n")
    proc = build_site(tmp_path / "out", config, check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert out.count("docs/index.pl.md:17: Raw HTML `<iframe>`") == 1, out
    assert out.count("docs/page.md:11: The link `sings.md`") == 1, out


def test_check_content_reports_broken_data_files(tmp_path):
    import shutil

    shutil.copytree(DOCS, tmp_path / "docs")
    contacts = tmp_path / "docs" / "_data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace(
        "source: ", "source: no-such-source-", 1), encoding="utf-8")
    indicators = tmp_path / "docs" / "_data" / "indicators.yml"
    indicators.write_text("groups: 3\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_content.py"),
                           str(tmp_path / "docs"), "--no-nav"],
                          capture_output=True, text=True, cwd=tmp_path)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "docs/_data/contacts.yml:" in out and "no-such-source-" in out
    assert "docs/_data/indicators.yml:" in out


def test_every_quoted_definition_says_what_it_was_compared_with(built_site):
    """On pages and printed sheets, in every language, under every registered quote."""
    from kb.core.dates import local_date, uk_date
    from kb.checks.quotes import quote_note
    from kb.data.sources import load_registry_file
    from kb.core.ui_text import ui_text

    registry, _ = load_registry_file(DOCS / "_data" / "sources.yml")
    seen = 0
    for page in built_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(), "lxml")
        lang = soup.html.get("lang", "en")
        for quote in soup.select("article blockquote"):
            keys = [a["href"].split("fn:")[-1] for a in quote.select('a[href*="#fn:"]')]
            src = next((registry.sources[k] for k in keys if k in registry
                        and registry.sources[k].quotes), None)
            if src is None:
                continue
            note = quote.find_next_sibling()
            assert note is not None and "kb-quote-version" in note.get("class", []), page
            text = " ".join(note.get_text().split())
            # The same record, in English (English pages and untranslated
            # fallbacks) or in the language of a translated page.
            assert text in (quote_note(src, lambda k: ui_text(k, "en"), uk_date),
                            quote_note(src, lambda k: ui_text(k, lang),
                                       lambda d: local_date(d, lang))), page
            seen += 1
    assert seen >= 8  # four definitions on their pages, the handout and the poster
