"""Contacts and indicators rendered from the data files into the built site."""

from __future__ import annotations

from bs4 import BeautifulSoup

from kb.data.contacts import get_contacts, tel_uri, uk_date
from kb.data.datafile import ROOT, iter_markers
from kb.data.sources import load_source_index
from kb.data.indicators import get_indicators
from kb.model.provenance import sentence
from kb.core.ui_text import ui_text

SOURCES = load_source_index(ROOT / "docs/_data/sources.yml")


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def text(el):
    return " ".join(el.get_text().split())


def source_url(contact):
    if isinstance(contact.source, str):
        return SOURCES[contact.source]["url"]
    return contact.source.url


def test_contacts_page_shows_every_number_with_its_source_and_date(built_site):
    doc = soup(built_site / "contacts.html")
    data = get_contacts()
    seen = 0
    for group in data.groups:
        heading = doc.find(id=group.id)
        assert heading is not None and text(heading) == group.title
        for c in group.contacts:
            rows = [tr for tr in doc.select("article table tr")
                    if tr.find("td") and text(tr.find("td")) == c.service]
            assert len(rows) == 1, f"no single table row for {c.service!r}"
            row = rows[0]
            if c.number:
                links = row.select(f'a[href="{tel_uri(c.number)}"]')
                assert [text(a) for a in links] == [c.number], c.service
            else:
                assert row.select('a[href^="tel:"]') == [], f"{c.service} shows a number"
                assert "To be confirmed" in text(row)
            assert row.select(f'a[href="{source_url(c)}"]'), f"{c.service}: source not linked"
            # How it was checked, worded from the record alone.
            assert sentence(c.checked, "contact", lambda k: ui_text(k, "en")) in text(row)
            assert "Last checked" not in text(row)
            seen += 1
    assert seen >= 10


def test_to_be_confirmed_contacts_are_flagged_in_words(built_site):
    doc = soup(built_site / "contacts.html")
    tbc = [c for g in get_contacts().groups for c in g.contacts if c.status == "to-be-confirmed"]
    assert tbc, "the data has no to-be-confirmed entry (the Southampton conflict should be one)"
    warnings = [text(w) for w in doc.select("article .admonition.warning")
                if "To be confirmed" in text(w)]
    for c in tbc:
        assert any(c.service in w and " ".join(c.note.split()) in w for w in warnings), c.service


def test_southampton_conflict_is_shown_not_resolved(built_site):
    page = text(soup(built_site / "contacts.html"))
    assert "023 8083 3004" in page and "023 8083 3336" in page
    doc = soup(built_site / "contacts.html")
    tel = {a["href"] for a in doc.select('a[href^="tel:"]')}
    assert tel_uri("023 8083 3004") not in tel and tel_uri("023 8083 3336") not in tel


def test_emergency_callout_on_every_page_with_the_marker(built_site):
    pages = [md for md in (ROOT / "docs").rglob("*.md")
             if len(md.name.split(".")) == 2
             and any(name == "emergency" for _, name, _ in iter_markers(md.read_text(encoding="utf-8")))]
    assert any(p.name == "contacts.md" for p in pages)
    for md in pages:
        html = built_site / md.relative_to(ROOT / "docs").with_suffix(".html")
        callouts = soup(html).select("article .admonition.danger")
        assert any("If a child is in immediate danger, call 999" in text(c) for c in callouts), html
        assert any(c.select('a[href="tel:999"]') for c in callouts), html


def test_signs_page_lists_every_indicator_with_its_citation(built_site):
    doc = soup(built_site / "signs.html")
    items = {text(li) for li in doc.select("article li")}
    md = (ROOT / "docs/signs.md").read_text(encoding="utf-8")
    groups = [args[0] for _, name, args in iter_markers(md) if name == "indicators"]
    assert groups
    data = get_indicators()
    for gid in groups:
        group = data.group(gid)
        for item in group.items:
            assert " ".join(item.split()) in items, item
        refs = doc.select(f'a[href="#fn:{group.source}"]')
        assert refs, f"no citation of {group.source} for the {gid} list"
    # The footnotes were filled in by the citations hook: no literal [^key] left.
    assert "[^" not in text(doc.select_one("article"))


# --- Fixture projects: a broken data file stops the strict build ------------

import subprocess  # noqa: E402
import sys  # noqa: E402
import os  # noqa: E402

FIXTURE_CONTACTS = """\
emergency: If a child is in immediate danger, call 999.
groups:
  - id: national
    title: National helplines
    contacts:
      - id: childline
        service: Childline
        number: "0800 1111"
        status: published
        source: childline
        checked:
          method: not-checked
"""
FIXTURE_INDICATORS = """\
groups:
  - id: general
    title: General signs
    source: childline
    items:
      - Going missing
"""


def build_fixture(tmp_path, contacts_yml, indicators_yml, page):
    docs = tmp_path / "docs"
    (docs / "_data").mkdir(parents=True)
    (docs / "_data" / "contacts.yml").write_text(contacts_yml)
    (docs / "_data" / "indicators.yml").write_text(indicators_yml)
    (docs / "_data" / "sources.yml").write_text(
        "- key: childline\n  title: Childline\n  url: https://www.childline.org.uk/\n")
    (docs / "index.md").write_text(page)
    (tmp_path / "mkdocs.yml").write_text(f"""\
site_name: Data fixture
use_directory_urls: false
strict: true
exclude_docs: |
  _data/
theme:
  name: material
  font: false
hooks:
  - {ROOT / 'kb_mkdocs' / 'hooks.py'}
extra:
  kb_steps: [contacts, indicators]
markdown_extensions: [admonition, attr_list, tables, footnotes]
""")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d",
                           str(tmp_path / "site")], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


PAGE = "# Home\n\n<!-- kb:emergency -->\n\n<!-- kb:contacts -->\n\n<!-- kb:indicators general -->\n"


def test_fixture_site_renders_markers(tmp_path):
    proc = build_fixture(tmp_path, FIXTURE_CONTACTS, FIXTURE_INDICATORS,
                         PAGE + "\n[^childline]: Childline.\n")
    assert proc.returncode == 0, proc.stderr
    doc = soup(tmp_path / "site" / "index.html")
    assert [text(a) for a in doc.select('a[href="tel:+448001111"]')] == ["0800 1111"]
    assert "Going missing" in {text(li) for li in doc.select("li")}


def test_broken_contacts_and_unknown_group_fail_the_build_with_lines(tmp_path):
    bad_contacts = FIXTURE_CONTACTS.replace('"0800 1111"', '"0800 11"')
    page = "---\ntitle: Home\n---\n\n" + PAGE.replace("indicators general", "indicators genral")
    proc = build_fixture(tmp_path, bad_contacts, FIXTURE_INDICATORS, page)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert ("docs/_data/contacts.yml:8: groups[0].contacts[0].number: number '0800 11' "
            "is not a UK phone number") in log
    assert "Never guess" in log
    assert "docs/index.md:11: unknown indicators group 'genral'" in log
