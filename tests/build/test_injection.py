"""Hostile text in every data file and in a page's front matter stays text.

One temporary copy of the project gets the payloads below in every text
field of every data file (contacts, flowchart, glossary, indicators, sources,
ui-text, both translation catalogs) and in the front matter of three pages
(title, description, owner, tags, keywords). It is built once, strict, and
the built site, the search indexes included, must hold no element or
attribute that came from them, while the text reads as written:
`<Referral A> & B` is shown as `<Referral A> & B`.

Not injected: the registered statutory `quotes` (pages quote them word for
word, so a changed quote is a quote error, tested elsewhere), and the fields
that are not free text (ids, keys, addresses, numbers, dates, choices).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest
import yaml

from kb.checks.safety import is_script_url
from tests.conftest import ROOT, build_site

READS_AS = "<Referral A> & B"
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "&#106;avascript:alert(1)",
    READS_AS,
]
PAYLOAD = " ".join(PAYLOADS)

# Free-text fields, by data file (keys anywhere in the file).
TEXT_KEYS = {
    # `compared` and `by` are the text of the provenance records (`checked:`).
    "contacts.yml": {"emergency", "title", "intro", "service", "hours", "note", "compared", "by"},
    "flowchart.yml": {"label", "title", "summary", "text", "confirm"},
    "glossary.yml": {"term", "expansion", "explanation"},
    "indicators.yml": {"title", "intro", "items"},
    "sources.yml": {"title", "publisher", "note", "quote_version", "compared", "by"},
}
PAGES = ["signs.md", "understanding/index.md", "print/spot-the-signs.md"]


def _inject(value, keys, key=None):
    if isinstance(value, dict):
        return {k: _inject(v, keys, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_inject(v, keys, key) for v in value]
    if isinstance(value, str) and (keys is None or key in keys):
        return f"{value} {PAYLOAD}"
    return value


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000),
                    encoding="utf-8")


def make_hostile_copy(dest: Path) -> Path:
    for name in ("mkdocs.yml", "DEVELOPING.md"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("docs", "overrides", "kb", "kb_mkdocs"):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    data = dest / "docs" / "_data"
    for name, keys in TEXT_KEYS.items():
        _dump(data / name, _inject(yaml.safe_load((data / name).read_text()), keys))
    ui = yaml.safe_load((data / "ui-text.yml").read_text())
    _dump(data / "ui-text.yml", _inject(ui, None))
    for catalog in (data / "translations").glob("*.yml"):
        entries = yaml.safe_load(catalog.read_text())
        # The English key follows the English data text; the translation gets it too.
        _dump(catalog, _inject(entries, {"en", "text"}))
    for page in PAGES:
        path = dest / "docs" / page
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        for key in ("title", "description", "owner"):
            meta[key] = f"{meta[key]} {PAYLOAD}"
        meta["tags"] = list(meta.get("tags") or []) + PAYLOADS
        meta["keywords"] = list(meta.get("keywords") or []) + PAYLOADS
        path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False,
                                                 width=10_000) + "---\n" + body, encoding="utf-8")
    return dest / "mkdocs.yml"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("hostile")
    config = make_hostile_copy(project)
    site = project / "site"
    proc = build_site(site, config, check=False)
    assert proc.returncode == 0, f"the hostile copy should build:\n{proc.stdout}\n{proc.stderr}"
    return site


def _live(root) -> list[str]:
    """Elements and attributes the payloads would create, if any were live."""
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag == "script" and "alert(1)" in (el.text or ""):
            found.append("<script>alert(1)</script>")
        if tag == "img" and el.get("src") == "x":
            found.append("<img src=x>")
        if tag in ("svg", "referral"):
            if tag == "referral" or el.get("onload") is not None:
                found.append(f"<{tag}>")
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{name}= on <{tag}>")
            if name.lower() in ("href", "src", "action", "formaction") and is_script_url(value):
                found.append(f"{name}={value!r} on <{tag}>")
    return found


def test_no_payload_is_live_in_any_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 50
    problems = {}
    for path in pages:
        live = _live(lxml.html.document_fromstring(path.read_bytes()))
        if live:
            problems[path.relative_to(hostile_site).as_posix()] = live
    assert problems == {}


def _text(path: Path) -> str:
    return lxml.html.document_fromstring(path.read_bytes()).text_content()


@pytest.mark.parametrize("page", [
    "contacts.html", "pl/contacts.html", "ar/contacts.html",   # contacts, catalogs, ui-text
    "glossary.html", "signs.html", "pl/signs.html",            # glossary, indicators
    "responding/police-actions.html",                          # flowchart text version
    "sources.html", "print/who-to-contact.html",               # sources, poster contacts
    "understanding/index.html",
])
def test_the_text_reads_as_written(hostile_site, page):
    text = _text(hostile_site / page)
    assert READS_AS in text
    assert "<script>alert(1)</script>" in text  # shown, not run


def test_front_matter_reads_as_written_in_head_title_and_menu(hostile_site):
    root = lxml.html.document_fromstring((hostile_site / "signs.html").read_bytes())
    (description,) = root.xpath("//meta[@name='description']/@content")
    assert description.endswith(PAYLOAD)  # a quote does not cut it short
    assert root.findtext(".//title").startswith("Signs and indicators " + PAYLOAD)
    topic = root.xpath("string(//*[@data-md-component='header-topic'])")
    assert " ".join(topic.split()).endswith(PAYLOAD)
    # The owner reads as written in the review line (whose own words, such as
    # "by", come from ui-text.yml and carry the payload too in this copy).
    assert "Knowledge base editors " + PAYLOAD in " ".join(
        root.xpath("string(//*[@data-kb-review-line])").split())
    # Another page's footer shows the next page's title (page.title) as written.
    home = lxml.html.document_fromstring((hostile_site / "index.html").read_bytes())
    (link,) = home.xpath("//a[contains(@class, 'md-footer__link--next')]")
    assert link.get("aria-label").endswith(PAYLOAD)
    assert " ".join(link.text_content().split()).endswith(PAYLOAD)


def test_printed_sheet_owner_reads_as_written(hostile_site):
    root = lxml.html.document_fromstring((hostile_site / "print" / "spot-the-signs.html").read_bytes())
    review = " ".join(root.xpath("string(//*[contains(@class, 'kb-sheet__review')])").split())
    assert PAYLOAD in review


@pytest.mark.parametrize("index", ["search/search_index.json", "pl/search/search_index.json",
                                   "ar/search/search_index.json"])
def test_search_index_is_inert_when_material_renders_it_as_html(hostile_site, index):
    docs = json.loads((hostile_site / index).read_text(encoding="utf-8"))["docs"]
    shown = 0
    for doc in docs:
        for field in ("title", "text"):
            # Material sets each field as innerHTML; parse it the same way.
            frag = lxml.html.fragment_fromstring(doc.get(field) or " ", create_parent="div")
            assert _live(frag) == [], (doc["location"], field)
        for tag in doc.get("tags", []):
            frag = lxml.html.fragment_fromstring(tag, create_parent="span")
            assert _live(frag) == [], (doc["location"], tag)
        if PAYLOAD in lxml.html.fragment_fromstring(doc["title"] or " ", create_parent="div").text_content():
            shown += 1
    assert shown, "the hostile title should be in the index, as text"
    tagged = [d for d in docs if d.get("tags")]
    assert tagged and all(
        READS_AS in [lxml.html.fragment_fromstring(t, create_parent="span").text_content()
                     for t in d["tags"]] for d in tagged if any("Referral" in t for t in d["tags"]))


def test_json_files_hold_the_text_as_written(hostile_site):
    reviews = json.loads((hostile_site / "review.json").read_text(encoding="utf-8"))
    rows = reviews["pages"] if isinstance(reviews, dict) else reviews
    assert any(r["title"] == "Signs and indicators " + PAYLOAD for r in rows)
    # The newest open data version (data/v1/, data/v2/, …).
    (contacts,) = sorted(hostile_site.glob("data/v*/contacts.json"))[-1:]
    assert json.dumps(PAYLOAD)[1:-1] in contacts.read_text(encoding="utf-8")


def test_a_quick_exit_address_that_is_not_a_web_address_stops_the_build(tmp_path):
    from tests.build.test_bad_input import make_site

    site = make_site(tmp_path, None)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text() + "extra:\n  quick_exit_url: !ENV [QUICK_EXIT_URL, "
                      '"https://www.bbc.co.uk/weather"]\n')
    proc = build_site(tmp_path / "out", config, env={"QUICK_EXIT_URL": "javascript:alert(1)"},
                      check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert ("mkdocs.yml:" in output and "`extra.quick_exit_url` in mkdocs.yml is "
            "`javascript:alert(1)`" in output), output
