"""kb/stage: pages in, staged Markdown out (no build).

The stage writes docs/ out for Zensical with the MkDocs hooks' work done:
markers rendered, citations filled, page data in the front matter, one file
per page and language. tests/build/test_zensical.py checks the built site.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import subprocess
import sys

import pytest
import yaml
from markupsafe import Markup

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kb.stage.pages import (Page, Project, fallback_markdown, front_matter, page_data,  # noqa: E402
                            page_status, relative_url, site_pages, stage_markdown, stage_page)
from kb.stage.postbuild import mark_rtl  # noqa: E402
from kb.stage.tree import copy_theme, languages, zensical_config  # noqa: E402


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(ROOT, ["en", "pl", "ar"], "en", base_url="http://intranet.example/kb/",
                   today=dt.date(2026, 12, 1))


def with_page(project: Project, src: str, text: str, norm: str | None = None) -> Page:
    """Add a page to the loaded project (its text only) and return it."""
    project.raw[src] = text
    from kb.core.frontmatter import read_front_matter
    project.meta[src] = read_front_matter(text)
    lang = src.split(".")[-2] if src.count(".") > 1 else "en"
    return Page(src, norm or src, lang)


# --- Pages and languages ---------------------------------------------------

def test_page_addresses_and_kinds():
    assert Page("signs.md", "signs.md", "en").url == "signs.html"
    pl = Page("signs.pl.md", "signs.md", "pl")
    assert (pl.url, pl.staged, pl.kind, pl.locale) == ("pl/signs.html", "signs.pl.md",
                                                       "translation", "pl")
    fb = Page("about.md", "about.md", "ar")
    assert (fb.url, fb.staged, fb.kind, fb.locale) == ("ar/about.html", "about.ar.md",
                                                       "fallback", "en")
    assert relative_url("signs.html", "pl/worried/index.html") == "../../signs.html"


def test_every_english_page_in_every_language(tmp_path):
    docs = tmp_path / "docs"
    (docs / "_data").mkdir(parents=True)
    for name in ("index.md", "index.pl.md", "a/b.md", "_data/x.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# T\n")
    got = [(p.lang, p.src, p.staged) for p in site_pages(docs, ["en", "pl", "ar"])]
    assert got == [("en", "a/b.md", "a/b.md"), ("en", "index.md", "index.md"),
                   ("pl", "a/b.md", "a/b.pl.md"), ("pl", "index.pl.md", "index.pl.md"),
                   ("ar", "a/b.md", "a/b.ar.md"), ("ar", "index.md", "index.ar.md")]


# --- Markdown --------------------------------------------------------------

def test_markers_are_rendered_and_citations_filled(project):
    page = with_page(project, "stage-test.md",
                     "---\ntitle: T\n---\n\n# T\n\nA claim.[^dfe-cse-2017]\n\n"
                     "<!-- kb:emergency -->\n\n<!-- kb:indicators general -->\n")
    out, errors = stage_markdown(project, page)
    assert errors == []
    assert "kb:" not in out
    assert '!!! danger "' in out and "[999](tel:999)" in out     # kb/data/contacts.py
    assert "[^dfe-cse-2017]:" in out                               # kb/data/sources.py
    assert out.index("## Sources") < out.index("[^dfe-cse-2017]:")
    assert "---" not in out.split("# T")[0], "the front matter is not part of the body"


def test_a_translation_renders_its_markers_in_its_language(project):
    page = Page("contacts.pl.md", "contacts.md", "pl")
    out, _ = stage_markdown(project, page, page_status(project, page))
    english, _ = stage_markdown(project, Page("contacts.md", "contacts.md", "en"))
    assert "kb:" not in out
    assert out != english
    assert "Źródła" in out  # the Sources heading in Polish


def test_a_bad_marker_says_where_and_how_to_fix(project):
    page = with_page(project, "stage-bad.md",
                     "---\ntitle: T\n---\n\n# T\n\n<!-- kb:indicators nosuch -->\n")
    out, errors = stage_markdown(project, page)
    assert [(e.file, e.line) for e in errors] == [("docs/stage-bad.md", 7)]
    assert "nosuch" in errors[0].message and "Use one of" in errors[0].fix
    assert "kb:" not in out


def test_a_fallback_page_is_marked_as_english():
    out = fallback_markdown("# Title\n\nText.\n")
    assert out.startswith('<div class="kb-lang-en" lang="en" dir="ltr" markdown="1">\n\n# Title')
    assert out.rstrip().endswith("</div>")


# --- Page data in the front matter -----------------------------------------

def test_front_matter_is_plain_yaml():
    text = front_matter({"title": Markup("A &amp; B"), "last_reviewed": dt.date(2026, 11, 21),
                         "kb_review": {"text": {"title": Markup("<b>x</b>")}}})
    assert text.startswith("---\n") and text.endswith("---\n\n")
    assert "last_reviewed: 2026-11-21\n" in text  # unquoted: read back as a date
    data = yaml.safe_load(text.strip().strip("-"))
    assert data["kb_review"]["text"]["title"] == "<b>x</b>"
    assert data["last_reviewed"] == dt.date(2026, 11, 21)


def test_translated_page_data(project):
    page = Page("contacts.ar.md", "contacts.md", "ar")
    data = page_data(project, page, page_status(project, page))
    tr = data["kb_translation"]
    assert (tr["kind"], tr["lang"], tr["dir"]) == ("translation", "ar", "rtl")
    assert data["kb_review"]["due_local"] and data["kb_review"]["due"]
    assert data["kb_updated"]["source"] in ("git", "reviewed", None)


def test_fallback_page_data_has_the_not_translated_notice(project):
    page = Page("about.md", "about.md", "pl")
    data = page_data(project, page, page_status(project, page))
    assert data["kb_translation"]["kind"] == "fallback"
    assert "kb-translation-notice--fallback" in data["kb_translation"]["html"]
    assert 'aria-label="Informacja o tłumaczeniu"' in data["kb_translation"]["html"]  # Polish


def test_english_page_has_no_translation_data(project):
    data = page_data(project, Page("contacts.md", "contacts.md", "en"),
                     page_status(project, Page("contacts.md", "contacts.md", "en")))
    assert "kb_translation" not in data
    assert data["kb_review"]["owner"]


def test_a_printable_sheet_gets_its_print_data(project):
    text, data, errors = stage_page(project, Page("print/spot-the-signs.md",
                                                  "print/spot-the-signs.md", "en"))
    assert not [e for e in errors if e.severity == "error"]
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["kb_print"]["kind"] == "poster"
    assert meta["kb_print"]["online_url"].startswith("http://intranet.example/kb/")
    assert "<svg" in meta["kb_print"]["qr_svg"]


# --- Config, theme, post-build ---------------------------------------------

def test_zensical_config():
    config = {"hooks": ["hooks/x.py"], "theme": {"name": "material", "custom_dir": "overrides"},
              "markdown_extensions": ["abbr", {"footnotes": {"PLACE_MARKER": "X"}}],
              "extra_css": ["a.css", "b.css"],
              "plugins": [{"search": {"lang": "en", "separator": "[ ]+", "pipeline": []}},
                          {"i18n": {"languages": [{"locale": "en", "default": True},
                                                  {"locale": "ar", "build": False}]}}]}
    out = zensical_config(config, {"NRM": "National Referral Mechanism"}, ["k.css"])
    assert "hooks" not in out
    assert out["theme"]["custom_dir"] == "theme" and out["docs_dir"] == "docs"
    assert out["markdown_extensions"][0] == {"abbr": {"glossary": {"NRM": "National Referral Mechanism"}}}
    assert "abbr" not in out["markdown_extensions"][1:]
    assert out["plugins"][0] == {"search": {"separator": "[ ]+"}}
    assert out["extra_css"] == ["k.css"]
    assert languages(config) == (["en"], "en")


def test_the_theme_leaves_out_materials_search_partial(tmp_path):
    src = tmp_path / "overrides"
    (src / "partials").mkdir(parents=True)
    (src / "main.html").write_text("m")
    (src / "partials" / "search.html").write_text("s")
    copy_theme(src, tmp_path / "theme")
    assert (tmp_path / "theme" / "main.html").is_file()
    assert not (tmp_path / "theme" / "partials" / "search.html").exists()


def test_right_to_left_pages_get_dir_on_html(tmp_path):
    (tmp_path / "ar").mkdir()
    (tmp_path / "ar" / "a.html").write_text('<html lang="ar" class="no-js"><body></body></html>')
    (tmp_path / "b.html").write_text('<html lang="en" class="no-js"></html>')
    n = mark_rtl(tmp_path, [{"url": "ar/a.html", "lang": "ar"}, {"url": "b.html", "lang": "en"}])
    assert n == 1
    assert '<html lang="ar" dir="rtl" class="no-js">' in (tmp_path / "ar" / "a.html").read_text()
    assert "rtl" not in (tmp_path / "b.html").read_text()


def test_the_stage_does_not_import_mkdocs_or_material():
    code = ("import sys; sys.path.insert(0, '.'); import kb.stage.tree, kb.stage.postbuild, "
            "kb.stage.__main__; bad = sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('mkdocs', 'material', 'mkdocs_static_i18n')); "
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_cli_without_a_project_says_so_plainly(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kb.stage", "--root", str(tmp_path),
                           "--out", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2
    assert "no mkdocs.yml here" in proc.stderr and "Traceback" not in proc.stderr


def test_abbreviations_become_focusable_outside_links_and_buttons():
    from kb.stage.postbuild import focusable_abbreviations

    html = ('<p>The <abbr title="National Referral Mechanism">NRM</abbr> and '
            '<a href="x"><abbr title="Child sexual exploitation">CSE</abbr></a> '
            '<abbr>bare</abbr> <abbr tabindex="-1" title="T">T</abbr></p>'
            '<script>var s = "<abbr title=no>";</script><button><abbr title="B">B</abbr></button>'
            '<abbr title="After">A</abbr>')
    out = focusable_abbreviations(html)
    assert '<abbr tabindex="0" title="National Referral Mechanism">NRM</abbr>' in out
    assert '<a href="x"><abbr title="Child sexual exploitation">' in out  # inside a link: no
    assert "<abbr>bare</abbr>" in out and '<abbr tabindex="-1" title="T">' in out
    assert '"<abbr title=no>"' in out and '<button><abbr title="B">' in out
    assert '<abbr tabindex="0" title="After">' in out  # after the button closed
    assert focusable_abbreviations(out) == out
