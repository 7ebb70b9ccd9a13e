"""Text from data files and front matter is escaped wherever it lands.

Each renderer is fed hostile text and its output is rendered the way the
site renders it (Python-Markdown with the site's extensions, or Jinja as
MkDocs runs it, autoescape off); the result must hold no element or
attribute from the text, and the text must read as written.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import jinja2
import lxml.html
import markdown
import pytest
from markupsafe import Markup

from kb.data import contacts, glossary, indicators
from kb_mkdocs.escape import html_text, template_meta
from kb.core.mdtext import md_attr, md_text
from kb.postbuild.search import escape_index

ROOT = Path(__file__).resolve().parents[2]
READS_AS = "<Referral A> & B"
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "&#106;avascript:alert(1)",
    READS_AS,
]
PAYLOAD = " ".join(HOSTILE)
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
              "tables", "toc"]


def render(md_text_: str) -> lxml.html.HtmlElement:
    html = markdown.markdown(md_text_, extensions=EXTENSIONS)
    return lxml.html.fragment_fromstring(html, create_parent="div")


def live(root) -> list[str]:
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("script", "svg", "referral") or (el.tag == "img" and el.get("src") == "x"):
            found.append(el.tag)
        found += [f"{el.tag}@{name}" for name in el.attrib if name.startswith("on")]
        found += [f"{el.tag}@{name}" for name, v in el.attrib.items()
                  if name in ("href", "src") and "avascript" in v and not v.startswith("&")]
    return found


def text(root) -> str:
    return " ".join(root.text_content().split())


# --- the Markdown helper ----------------------------------------------------------

def test_md_text_makes_raw_html_inert_and_reads_as_written():
    root = render(md_text(PAYLOAD))
    assert live(root) == []
    assert text(root) == PAYLOAD


@pytest.mark.parametrize("plain", [
    "Modern Slavery & Exploitation Helpline",
    "Call **999** or see [the page](signs.md).",
    "Compare `<b>` with 3 > 2.",
])
def test_md_text_leaves_ordinary_text_and_markdown_alone(plain):
    assert markdown.markdown(md_text(plain)) == markdown.markdown(plain)


def test_md_attr_also_escapes_quotes_for_admonition_titles():
    root = render(f'!!! warning "{md_attr(PAYLOAD)}"\n\n    Body.\n')
    assert live(root) == []
    assert root.findtext(".//p[@class='admonition-title']") == PAYLOAD


# --- renderers that write Markdown -------------------------------------------------

# A provenance record whose free text (what was compared, by whom) is hostile.
CHECK = {"method": "web-page", "compared": f"Compared {PAYLOAD}", "by": f"By {PAYLOAD}",
         "when": "2026-11-21"}


def _contacts():
    contact = contacts.Contact(
        id="x", service=f"Service {PAYLOAD}", number="0300 555 1384",
        hours=f"Hours {PAYLOAD}", audience="all", note=f"Note {PAYLOAD}", status="published",
        source={"title": f"Source {PAYLOAD}", "url": "https://example.org/"},
        checked=CHECK)
    tbc = contact.model_copy(update={"id": "y", "number": None, "status": "to-be-confirmed"})
    group = contacts.Group(id="g", title=f"Group {PAYLOAD}", intro=f"Intro {PAYLOAD}",
                           contacts=[contact, tbc])
    return contacts.ContactsData(emergency=f"Call 999. {PAYLOAD}", groups=[group])


def test_contacts_table_and_notice_escape_every_field():
    data = _contacts()
    labels = {"contacts_tbc": f"TBC {PAYLOAD}", "contacts_tbc_text": f"Text {PAYLOAD}",
              "prov_compared": "Checked against {what} by {by} on {on}."}
    t = lambda key: labels.get(key, f"{key} {PAYLOAD}")  # noqa: E731 - interface text too
    root = render(contacts.render_contacts(data, {}, t=t))
    assert live(root) == []
    shown = text(root)
    for field in ("Service", "Hours", "Note", "Source", "Group", "Intro", "TBC", "Text",
                  "contacts_service", "contacts_notes", "Compared", "By"):
        assert f"{field} {PAYLOAD}" in shown, field
    assert root.xpath("//a[@href='tel:+443005551384']")


def test_emergency_callout_escapes_its_text_and_title():
    root = render(contacts.render_emergency(_contacts(), t=lambda key: f"{key} {PAYLOAD}"))
    assert live(root) == []
    assert f"emergency_title {PAYLOAD}" in text(root)
    assert root.xpath("//a[@href='tel:999']")


def test_glossary_escapes_term_expansion_explanation_and_title():
    entry = glossary.GlossaryEntry(term=f"T{PAYLOAD}", expansion=f"E {PAYLOAD}",
                                   explanation=f"X {PAYLOAD}", page="signs.md")
    root = render(glossary.render_glossary([entry], {"signs.md": f"Signs {PAYLOAD}"}))
    assert live(root) == []
    assert root.findtext(".//dt") == f"T{PAYLOAD}"
    assert f"E {PAYLOAD}" in text(root) and f"Signs {PAYLOAD}" in text(root)


def test_indicators_escape_title_intro_items_and_source():
    group = indicators.IndicatorGroup(id="g", title=f"T {PAYLOAD}", intro=f"I {PAYLOAD}",
                                      items=[f"Item {PAYLOAD}"], source="s")
    out = indicators.render_group(group, {"s": {"title": f"Src {PAYLOAD}"}},
                                  t=lambda key: f"Label {PAYLOAD}") + "\n[^s]: x\n"
    root = render(out)
    assert live(root) == []
    assert root.findtext(".//li") == f"Item {PAYLOAD}"
    assert f"I {PAYLOAD}" in text(root) and f"Src {PAYLOAD}" in text(root)


def test_citations_escape_text_and_keep_the_address_inside_its_brackets():
    from kb.data.sources import Source, citation_text

    src = Source(key="src-key", title=f"T {PAYLOAD}", publisher=f"P {PAYLOAD}", date="2020",
                 url="https://example.org/a><img/src=x/onerror=alert(1)>",
                 checked=CHECK, quote_version=f"Q {PAYLOAD}")
    root = render(citation_text(src))
    assert live(root) == []
    assert f"T {PAYLOAD}" in text(root) and f"P {PAYLOAD}" in text(root)
    assert f"Compared {PAYLOAD}" in text(root) and f"By {PAYLOAD}" in text(root)
    (link,) = root.iter("a")
    assert link.get("href").startswith("https://example.org/a%3E")


def test_changes_list_escapes_commit_titles():
    from kb.pagemeta.freshness import _md_line as _md_escape

    root = render(_md_escape(PAYLOAD))
    assert live(root) == [] and text(root) == PAYLOAD


# --- front matter in templates ---------------------------------------------------------

def test_template_meta_escapes_text_settings_once():
    meta = {"title": PAYLOAD, "description": 'Say "hi"', "tags": [PAYLOAD, 3],
            "last_reviewed": date(2026, 1, 1), "kb_translation": {"html": "<aside>"}}
    out = template_meta(meta)
    title = lxml.html.fragment_fromstring(out["title"], create_parent="div")
    assert isinstance(out["title"], Markup) and live(title) == [] and text(title) == PAYLOAD
    assert out["description"] == "Say &quot;hi&quot;"
    assert out["tags"] == [html_text(PAYLOAD), 3]
    assert out["last_reviewed"] == meta["last_reviewed"]
    assert out["kb_translation"] == {"html": "<aside>"}  # hook-built HTML is left alone
    assert meta["title"] == PAYLOAD  # the page's own front matter is not changed
    assert html_text("What's changed") == "What's changed"  # ordinary titles unchanged
    # Jinja's `| e` (autoescape off, as in MkDocs) does not escape twice.
    env = jinja2.Environment()
    page = env.from_string('<meta content="{{ d }}"><p>{{ t | e }}</p>').render(
        d=out["description"], t=out["title"])
    root = lxml.html.fragment_fromstring(page, create_parent="div")
    assert root.find("meta").get("content") == 'Say "hi"'
    assert live(root) == [] and root.findtext("p") == PAYLOAD


class _Page:
    def __init__(self, owner, lang=None):
        self.meta = {"kb_translation": {"lang": lang} if lang else None, "kb_review": {"owner": owner, "due": "2027-01-01", "due_uk": "1 January 2027",
                                   "last_reviewed": "2026-01-01",
                                   "last_reviewed_uk": "1 January 2026", "overdue": True}}


def test_review_partial_escapes_the_owner_with_autoescape_off():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))  # as MkDocs
    macros = env.get_template("partials/review.html").module
    pages = [_Page(f"Owner {PAYLOAD}"), _Page(f"Owner {PAYLOAD}", "pl")]  # English, translated
    for html in [str(m(page)) for page in pages for m in (macros.banner, macros.line)]:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        assert live(root) == []
        assert f"Owner {PAYLOAD}" in text(root)


def test_project_partials_turn_autoescaping_on():
    """Every partial that prints page or config values escapes them itself."""
    for name in ("review.html", "freshness.html", "quick-exit.html", "print-sheet.html",
                 "translation.html"):
        source = (ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8")
        assert re.search(r"\{%-? autoescape true", source), name


# --- the search index ---------------------------------------------------------------

def test_search_index_escapes_front_matter_title_and_tags_only():
    index = {"config": {}, "docs": [
        {"location": "signs.html", "title": PAYLOAD, "text": "&lt;b&gt;", "tags": [PAYLOAD]},
        {"location": "signs.html#part", "title": "A &amp; B heading", "text": ""},
        {"location": "other.html", "title": "Other", "text": ""},
    ]}
    out = escape_index(index, {"signs.html": PAYLOAD, "other.html": "Other"})
    first, heading, other = out["docs"]
    for value in (first["title"], first["tags"][0]):
        root = lxml.html.fragment_fromstring(value, create_parent="div")
        assert live(root) == [] and text(root) == PAYLOAD
    assert first["text"] == "&lt;b&gt;"  # already escaped by Material
    assert heading["title"] == "A &amp; B heading"  # a heading, escaped by Material
    assert other["title"] == "Other"
    assert index["docs"][0]["title"] == PAYLOAD  # a new index; the old one is unchanged
    json.dumps(out)
