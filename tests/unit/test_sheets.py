"""Unit tests of kb/render/sheets.py's pure functions (posters and handouts)."""

from __future__ import annotations

import re

import pytest

from kb.render import sheets as kbprint
from pathlib import Path
import yaml
from tests.conftest import DATA, DOCS, ROOT
from kb.render.pipeline import PageRef, RenderData, render_markers as _render_markers


def render(markdown, group, src, offset=0, raw_body=None):
    """*group*'s markers rendered by the one marker pass (kb/render/pipeline.py)."""
    data = RenderData()
    data.add(group)
    return _render_markers(markdown, data, PageRef(src, offset=offset, raw_body=raw_body))


GOOD_LIST = """\
items:
  - page: print/a.md
    online: signs.md
    sizes: [A4, A3]
  - page: print/b.md
    online: contacts.md
    orientation: landscape
"""


def test_load_print_items_reads_defaults():
    items, errors = kbprint.load_print_items(GOOD_LIST)
    assert errors == []
    assert [i.page for i in items] == ["print/a.md", "print/b.md"]
    assert items[0].sizes == ["A4", "A3"]
    assert items[1].sizes == ["A4"] and items[1].orientation == "landscape"
    assert items[1].one_page is True and items[1].text_size == "standard"


@pytest.mark.parametrize("text, line, words", [
    ("items:\n  - page: print/a.md\n    online: x.md\n    sizes: [A5]\n", 4, "sizes"),
    ("items:\n  - page: print/a.md\n    onlin: x.md\n", 3, "unknown key 'onlin'"),
    ("items:\n  - page: print/a.md\n", 2, "'online' is missing"),
    ("items:\n  - page: print/a.md\n    online: x.md\n  - page: print/a.md\n    online: y.md\n",
     4, "listed twice"),
    ("items: [\n", 2, "YAML is not valid"),
])
def test_load_print_items_errors_name_the_line(text, line, words):
    items, errors = kbprint.load_print_items(text)
    matching = [e for e in errors if words in e.message]
    assert matching, [e.message for e in errors]
    assert matching[0].file == "docs/_data/print.yml"
    assert matching[0].line == line
    assert matching[0].fix


def test_check_print_pages_both_ways():
    items, _ = kbprint.load_print_items(GOOD_LIST)
    pages = {
        "print/a.md": {"template": "poster.html"},
        "print/b.md": {"template": "handout.html"},
        "print/c.md": {"template": "poster.html"},   # not listed
        "signs.md": {},
        # contacts.md missing: the online page of print/b.md
    }
    errors = kbprint.check_print_pages(items, pages)
    messages = [(e.file, e.message) for e in errors]
    assert ("docs/print/c.md", "The page uses 'poster.html' but is not in docs/_data/print.yml.") in messages
    assert any("'contacts.md' for 'print/b.md' does not exist" in m for _, m in messages)
    assert len(errors) == 2


def test_check_print_pages_handouts_are_a4_only_and_need_a_template():
    items, _ = kbprint.load_print_items(
        "items:\n  - page: print/h.md\n    online: s.md\n    sizes: [A4, A3]\n"
        "  - page: print/p.md\n    online: s.md\n")
    errors = kbprint.check_print_pages(items, {"print/h.md": {"template": "handout.html"},
                                               "print/p.md": {}, "s.md": {}})
    text = " ".join(e.message for e in errors)
    assert "handouts are A4 only" in text
    assert "has no print template" in text


def test_pdf_names_loop_over_languages():
    assert kbprint.pdf_name("spot", "A3", "portrait", "en", "en") == "spot-a3.pdf"
    assert kbprint.pdf_name("spot", "A4", "portrait", "pl", "en") == "spot-a4.pl.pdf"
    assert kbprint.pdf_name("police", "A4", "landscape", "en", "en") == "police-a4-landscape.pdf"
    assert kbprint.slug_of("print/spot-the-signs.pl.md") == "spot-the-signs"


def test_manifest_entry_landscape_swaps_the_paper():
    items, _ = kbprint.load_print_items(GOOD_LIST)
    entry = kbprint.manifest_entry(src_uri="print/b.md", page_url="print/b.html", title="B",
                                   kind="handout", pm=items[1], online="http://x/c.html",
                                   lang="en", default_lang="en")
    (render,) = entry["renders"]
    assert (render["width_mm"], render["height_mm"]) == (297, 210)
    assert render["pdf"] == "print/pdf/b-a4-landscape.pdf"
    assert render["png"] == "print/pdf/b-a4-landscape.png"


def test_online_url_joins_base_and_page():
    assert kbprint.online_url("http://intra/kb", "signs.html") == "http://intra/kb/signs.html"
    assert kbprint.online_url("http://intra/kb/", "pl/signs.html") == "http://intra/kb/pl/signs.html"


def test_qr_svg_is_inline_scalable_and_named():
    svg = kbprint.qr_svg("http://intra/kb/signs.html", "QR code: http://intra/kb/signs.html")
    assert svg.startswith("<svg ") and "<?xml" not in svg
    assert 'role="img"' in svg and "<title>QR code: http://intra/kb/signs.html</title>" in svg
    assert "viewBox" in svg and not re.search(r'\swidth="', svg)
    # Different addresses give different codes.
    assert svg != kbprint.qr_svg("http://intra/kb/contacts.html", "x").replace("<title>x</title>", "")


SOURCES = {
    "ho-county-lines": {"key": "ho-county-lines", "quotes": ["First   paragraph.", "Second paragraph."],
                        "quote_version": "2018 wording"},
    "no-quotes": {"key": "no-quotes"},
}


def test_render_definition_word_for_word_with_citation():
    out, errors = kbprint.render_definition("ho-county-lines", SOURCES, "docs/x.md", 3)
    assert errors == []
    assert out.startswith("> First paragraph.\n>\n> Second paragraph.[^ho-county-lines]\n")
    # The version and provenance line is added under every quote by kb/checks/quotes.py.
    assert "kb-quote-version" not in out
    out, _ = kbprint.render_definition("ho-county-lines", SOURCES, "docs/x.md", 3, [2])
    assert "First" not in out and "> Second paragraph.[^ho-county-lines]" in out


@pytest.mark.parametrize("key, parts, words", [
    ("nope", None, "Unknown source key 'nope'"),
    ("no-quotes", None, "has no 'quotes'"),
    ("ho-county-lines", [3], "there is no number 3"),
])
def test_render_definition_errors(key, parts, words):
    out, errors = kbprint.render_definition(key, SOURCES, "docs/x.md", 7, parts)
    assert out == ""
    assert errors[0].line == 7 and words in errors[0].message


RECORDS = [
    {"group": "national", "group_title": "National", "service": "Helpline", "number": "0800 1111",
     "tel": "tel:08001111", "status": "published", "to_be_confirmed": False,
     "audience": "all", "confirmed_with_service": False},
    {"group": "south", "group_title": "Southampton", "service": "Public line", "number": None,
     "tel": None, "status": "to-be-confirmed", "to_be_confirmed": True, "audience": "public",
     "note": "To be confirmed. Two pages give 023 8083 3004 and 023 8083 3336.",
     "confirmed_with_service": False},
    {"group": "iow", "group_title": "Isle of Wight", "service": "Referrals", "number": None,
     "tel": None, "status": "to-be-confirmed", "to_be_confirmed": True, "audience": "professionals",
     "note": "Referrals go to the CRT. No number was verified.", "confirmed_with_service": False},
]


def test_poster_contacts_never_show_a_guessed_number():
    out = kbprint.render_poster_contacts(RECORDS)
    assert '<a class="kb-tel" href="tel:08001111" dir="ltr">0800 1111</a>' in out
    assert "023 8083 3004" not in out and "023 8083 3336" not in out
    assert out.count("Number to be confirmed.") == 2
    assert "Referrals go to the CRT." in out and "No number was verified" not in out
    assert "For professionals." in out
    assert "No number here has been confirmed with its service yet." in out
    assert "last checked" not in out.lower()


def test_poster_contacts_keep_each_number_apart_in_the_text():
    """The text of the list (search previews, screen readers, copying) has a
    space between a service, its number and its hours: never "0800 1111Free"."""
    from bs4 import BeautifulSoup

    records = [dict(RECORDS[0], hours="24 hours a day")]
    text = BeautifulSoup(kbprint.render_poster_contacts(records), "html.parser").get_text()
    assert "Helpline 0800 1111 24 hours a day." in " ".join(text.split())
    assert re.search(r"0800 1111\S", text) is None


def test_poster_says_confirmed_only_when_every_number_was_rung():
    rung = [dict(r, confirmed_with_service=True) for r in RECORDS]
    assert "Every number here has been confirmed with its service." in \
        kbprint.render_poster_contacts(rung)
    one_not = rung[:2] + [dict(rung[2], confirmed_with_service=False)]
    out = kbprint.render_poster_contacts(one_not)
    assert "Every number here" not in out and "Not every number" in out


def test_poster_contacts_filter_groups():
    out = kbprint.render_poster_contacts(RECORDS, ["national"])
    assert "Helpline" in out and "Southampton" not in out and "Isle of Wight" not in out


def test_marker_errors_and_unknown_groups():
    md = ("# T\n\n<!-- kb:definition -->\n\n<!-- kb:poster-contacts mars -->\n\n"
          "<!-- kb:posters extra -->\n\n<!-- kb:flowchart-diagram nowhere -->\n")

    def flowchart(route):
        raise KeyError(route)

    out, errors = render(md, kbprint.SheetMarkers({}, sources=SOURCES, contacts=RECORDS,
                                                       flowchart=flowchart), "print/x.md", 10)
    assert [e.line for e in errors] == [13, 15, 17, 19]
    assert "unknown contacts group 'mars'" in errors[1].message
    assert "takes no arguments" in errors[2].message
    assert "unknown flowchart route 'nowhere'" in errors[3].message
    assert "kb:" not in out


def test_error_lines_come_from_the_page_as_written():
    # An earlier hook has already turned kb:emergency into four lines.
    written = "# T\n\n<!-- kb:emergency -->\n\n<!-- kb:poster-contacts mars -->\n"
    expanded = written.replace("<!-- kb:emergency -->", "!!! danger\n    Call 999.\n    Now.\n    Go.")
    _, errors = render(expanded, kbprint.SheetMarkers({}, contacts=RECORDS), "print/x.md", 10,
                         written)
    assert [e.line for e in errors] == [15]  # line 5 of the body, after 10 lines of front matter


def test_markers_inside_code_fences_are_left_alone():
    md = "```\n<!-- kb:posters -->\n```\n"
    out, errors = render(md, kbprint.SheetMarkers({}), "x.md")
    assert out == md and errors == []


def test_render_posters_links_pdfs_relative_to_the_page():
    items, _ = kbprint.load_print_items(GOOD_LIST)
    entries = [
        kbprint.manifest_entry(src_uri="print/a.md", page_url="print/a.html", title="Poster A",
                               kind="poster", pm=items[0], online="http://x/signs.html",
                               lang="en", default_lang="en"),
        kbprint.manifest_entry(src_uri="print/b.md", page_url="print/b.html", title="Handout B",
                               kind="handout", pm=items[1], online="http://x/c.html",
                               lang="en", default_lang="en"),
    ]
    out = kbprint.render_posters(entries, "print/index.html")
    assert 'href="pdf/a-a4.pdf"' in out and 'href="pdf/a-a3.pdf"' in out
    assert 'src="pdf/a-a4.png"' in out and 'href="a.html"' in out
    assert "Handout, landscape" in out and "Poster, portrait" in out
    assert out.index("Poster A") < out.index("Handout B")
    # From a translated page the same files are one folder up.
    assert 'href="../../print/pdf/a-a4.pdf"' in kbprint.render_posters(entries, "pl/print/index.html")


def test_render_flowchart_diagram_cites_each_source_once():
    out = kbprint.render_flowchart_diagram("<svg></svg>", "<div>key</div>", ["a", "b"], "Flow")
    assert '<div class="kb-sheet-diagram" role="group" aria-label="Flow">' in out
    assert out.rstrip().endswith("Follow the HIPS Procedures in every case.[^a][^b]")
    # The handout says who drew the chart, and that it is not the IOWSCP's own.
    assert "The knowledge base editors drew up this chart" in out
    assert "not the Isle of Wight Safeguarding Children Partnership's own flowchart" in out


def test_format_uk_date():
    assert kbprint.uk_date("2026-11-01") == "1 November 2026"
    assert kbprint.uk_date("not a date") == "not a date"


BASE_URL = "http://print-test.invalid/kb/"
def print_items() -> list[dict]:
    return yaml.safe_load((DATA / "print.yml").read_text(encoding="utf-8"))["items"]
def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])
def languages() -> list[str]:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.findall(r"-\s+locale:\s*(\w+)", config) or ["en"]
def expected_renders() -> list[dict]:
    """One dict per PDF: the English page and every translation of it."""
    out = []
    for item in print_items():
        page = DOCS / item["page"]
        slug = page.name.split(".", 1)[0]
        orientation = item.get("orientation", "portrait")
        for lang in languages():
            src = page if lang == "en" else page.with_name(f"{slug}.{lang}.md")
            if not src.exists():
                continue
            online = Path(item["online"]).with_suffix(".html").as_posix()
            for size in item.get("sizes", ["A4"]):
                tag = size.lower() + ("-landscape" if orientation == "landscape" else "")
                suffix = "" if lang == "en" else f".{lang}"
                out.append({
                    "slug": slug, "lang": lang, "size": size, "orientation": orientation,
                    "kind": front_matter(src)["template"].split(".")[0],
                    "title": front_matter(src)["title"],
                    "one_page": item.get("one_page", True),
                    "pdf": f"{slug}-{tag}{suffix}.pdf",
                    "url": BASE_URL + ("" if lang == "en" else f"{lang}/") + online,
                })
    return out
RENDERS = expected_renders()
DRAFT_RENDERS = [r for r in RENDERS if r["lang"] == "en" and (front_matter(
    DOCS / next(i["page"] for i in print_items() if Path(i["page"]).name.split(".", 1)[0]
                == r["slug"])).get("approval") or {}).get("state") == "draft"]


def test_every_required_poster_and_handout_is_listed():
    slugs = {(r["slug"], r["kind"], r["size"]) for r in RENDERS if r["lang"] == "en"}
    for poster in ("spot-the-signs", "county-lines-poster", "who-to-contact"):
        assert {(poster, "poster", "A4"), (poster, "poster", "A3")} <= slugs, poster
    for handout in ("definitions-handout", "signs-handout", "worried-handout"):
        assert (handout, "handout", "A4") in slugs, handout
    assert any(r["orientation"] == "landscape" and "police" in r["slug"] for r in RENDERS)


def test_some_procedure_handouts_are_drafts():
    """Control for the test below: it must have sheets to read."""
    assert any("police" in r["slug"] for r in DRAFT_RENDERS), DRAFT_RENDERS
