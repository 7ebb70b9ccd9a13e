"""Duplicate heading ids, symbolic links out of docs/, and redirects that would
replace a page in some language (issue 15)."""

from __future__ import annotations

import os
import pathlib

import pytest

from kb.checks.content import check_heading_ids, check_symlinks, check_tree, outside
from kb.pagemeta.freshness import check_file as check_redirects_file, load_redirects, replaced_page


# --- duplicate explicit ids -------------------------------------------------

def test_duplicate_heading_id_names_both_lines():
    body = "# Title\n\n## One {#same}\n\nText.\n\n## Two { #same }\n"
    (e,) = check_heading_ids("docs/p.md", body, 10)
    assert (e.code, e.file, e.line) == ("heading-id-duplicate", "docs/p.md", 16)
    assert "`#same`" in e.message and "line 12" in e.message


@pytest.mark.parametrize("second", ["{: #same }", "## B {#same .wide}", "Para.{ #same }",
                                    "## B {: .x #same data-y=1 }"])
def test_every_attr_list_form_counts(second):
    errors = check_heading_ids("docs/p.md", f"## A {{#same}}\n\n{second}\n")
    assert [(e.code, e.line) for e in errors] == [("heading-id-duplicate", 3)]


def test_different_ids_code_and_other_braces_pass():
    body = ("## A {#one}\n\n## B {#two}\n\n```\n## C {#one}\n```\n\n`{#one}`\n\n"
            "Set {#one} mid-line is text.\n\n## D { .class }\n")
    assert check_heading_ids("docs/p.md", body) == []


def test_an_explicit_id_that_a_raw_html_element_has_names_both_lines():
    body = 'Intro.\n\n<div id="zz" markdown>\nText.\n</div>\n\n## B {#zz}\n'
    (e,) = check_heading_ids("docs/p.md", body, 10)
    assert (e.code, e.line) == ("heading-id-duplicate", 16)
    assert "`#zz`" in e.message and "line 12" in e.message


def test_an_explicit_id_that_steals_a_headings_automatic_id_names_both_lines():
    body = "## General signs\n\nText.\n\n## Another { #general-signs }\n"
    (e,) = check_heading_ids("docs/p.md", body, 20)
    assert (e.code, e.line) == ("heading-id-automatic", 24)
    assert "line 20" in e.message and "General signs" in e.message
    # Headings with their own ids, or other automatic ids, are fine.
    assert check_heading_ids("docs/p.md", "## General signs {#signs}\n\n## B {#general-signs}\n"
                             "\n## Other signs\n") == []
    assert check_heading_ids("docs/p.md", "## Signs\n\n## Signs\n") == []


def test_three_uses_give_two_errors_pointing_at_the_first():
    errors = check_heading_ids("docs/p.md", "## A {#x}\n## B {#x}\n## C {#x}\n")
    assert [(e.line, "line 1" in e.message) for e in errors] == [(2, True), (3, True)]


# --- symbolic links ----------------------------------------------------------

def make_docs(tmp_path: pathlib.Path) -> pathlib.Path:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n")
    (tmp_path / "secret.txt").write_text("private\n")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "page.md").write_text("# Outside\n")
    return docs


def label(root):
    return lambda p: p.resolve().relative_to(root.resolve()).as_posix()


def test_links_outside_docs_are_named(tmp_path):
    docs = make_docs(tmp_path)
    os.symlink(tmp_path / "secret.txt", docs / "sub" / "notes.txt")
    os.symlink(tmp_path / "outside", docs / "more")
    os.symlink("/etc/passwd", docs / "passwd.md")
    os.symlink(docs / "index.md", docs / "sub" / "same.md")  # inside docs: refused too
    errors = check_symlinks(docs, label(tmp_path))
    assert sorted(e.file for e in errors if e.code == "symlink-outside") == [
        "docs/more", "docs/passwd.md", "docs/sub/notes.txt"]
    assert [e.file for e in errors if e.code == "symlink-inside"] == ["docs/sub/same.md"]
    assert all(e.line is None for e in errors)
    (passwd,) = [e for e in errors if e.file == "docs/passwd.md"]
    assert "`/etc/passwd`" in passwd.message


def test_broken_link_is_refused(tmp_path):
    docs = make_docs(tmp_path)
    os.symlink(tmp_path / "missing", docs / "gone.md")
    assert [e.file for e in check_symlinks(docs, label(tmp_path))] == ["docs/gone.md"]


def test_outside(tmp_path):
    docs = make_docs(tmp_path)
    os.symlink(tmp_path / "outside", docs / "more")
    assert outside(docs, docs / "more" / "page.md")
    assert not outside(docs, docs / "index.md")


def test_check_tree_reports_the_link_and_never_reads_through_it(tmp_path):
    docs = make_docs(tmp_path)
    (tmp_path / "outside" / "page.md").write_text("<script>alert(1)</script>\n")
    os.symlink(tmp_path / "outside", docs / "more")
    errors = check_tree(docs, tmp_path)
    assert [e.code for e in errors if e.code == "symlink-outside"] == ["symlink-outside"]
    assert not [e for e in errors if "more/" in e.file]


def test_every_link_inside_docs_is_refused_and_never_read(tmp_path):
    """Issue 15: a link to a folder above (a loop) and a link to a page inside
    docs/ are refused, naming the link; the pages are checked once, under
    their own names, and nothing is read through the links."""
    docs = make_docs(tmp_path)
    (docs / "signs.md").write_text("# Signs\n\n<script>alert(1)</script>\n")
    (docs / "understanding").mkdir()
    (docs / "worried").mkdir()
    os.symlink("..", docs / "understanding" / "up")
    os.symlink("../signs.md", docs / "worried" / "signs-link.md")
    errors = check_symlinks(docs, label(tmp_path))
    assert sorted((e.file, e.code) for e in errors) == [
        ("docs/understanding/up", "symlink-inside"),
        ("docs/worried/signs-link.md", "symlink-inside")]
    assert "`..`" in errors[0].message or "`..`" in errors[1].message
    assert all("copy or move" in e.fix for e in errors)
    found = check_tree(docs, tmp_path)
    scripts = [e.file for e in found if e.code == "html-tag"]
    assert scripts == ["docs/signs.md"]  # once, under its own name
    assert not [e for e in found if "/up/" in e.file]


def test_linked(tmp_path):
    from kb.checks.content import linked, symlinked_folders

    docs = make_docs(tmp_path)
    os.symlink("..", docs / "sub" / "up")
    os.symlink("index.md", docs / "again.md")
    assert linked(docs, docs / "sub" / "up" / "index.md")
    assert linked(docs, docs / "again.md")
    assert not linked(docs, docs / "index.md")
    assert symlinked_folders(docs) == [docs / "sub" / "up"]


# --- redirects -----------------------------------------------------------------

PAGES = {"index.md", "index.pl.md", "signs.md", "signs.pl.md", "signs.ar.md", "only.pl.md"}


def redirect(frm, to="signs.md", pages=PAGES, languages=()):
    return load_redirects(f"redirects:\n  - from: {frm}\n    to: {to}\n", pages,
                          languages=languages)


@pytest.mark.parametrize("frm,what", [
    ("signs.pl.md", "the translation `docs/signs.pl.md`"),
    ("index.ar.md", "the `ar` translation of `index.md`"),
    ("pl/signs.md", "the `pl` version of `docs/signs.md`"),
    ("ar/index.md", "the `ar` version of `docs/index.md`"),
    ("only.md", "the translation `docs/only.pl.md`"),
])
def test_redirect_may_not_replace_a_page_in_any_language(frm, what):
    good, errors = redirect(frm)
    assert good == []
    (e,) = errors
    assert (e.code, e.line) == ("redirect-replaces-page", 2)
    assert f"`{frm}`" in e.message and what in e.message


def test_languages_from_the_config_count_even_without_translations():
    (e,) = redirect("pl/signs.md", pages={"signs.md"}, languages={"pl"})[1]
    assert e.code == "redirect-replaces-page"
    assert redirect("pl/signs.md", pages={"signs.md"})[1] == []


def test_redirect_of_a_removed_page_still_works():
    good, errors = redirect("old-signs.md")
    assert errors == [] and [r.from_ for r in good] == ["old-signs.md"]


def test_replaced_page_is_none_for_a_free_address():
    assert replaced_page("gone.md", PAGES) is None
    assert replaced_page("pl/gone.md", PAGES) is None


def test_check_file_reads_translations_from_the_tree(tmp_path):
    docs = tmp_path / "docs"
    (docs / "_data").mkdir(parents=True)
    for name in ("signs.md", "signs.pl.md"):
        (docs / name).write_text("# x\n")
    (docs / "_data" / "redirects.yml").write_text(
        "redirects:\n  - from: signs.pl.md\n    to: signs.md\n")
    (e,) = check_redirects_file(docs, "docs/_data/redirects.yml")
    assert (e.code, e.file, e.line) == ("redirect-replaces-page", "docs/_data/redirects.yml", 2)
    assert check_redirects_file(tmp_path / "nowhere") == []


def test_redirect_never_writes_over_a_built_file(tmp_path, caplog):
    from kb.pagemeta.freshness import Redirect
    from kb_mkdocs.steps import freshness
    site = tmp_path / "site"
    site.mkdir()
    (site / "new.html").write_text("new page")
    (site / "kept.html").write_text("a real page")
    config = {"site_dir": str(site)}

    class Config(dict):  # MkDocs' config: a mapping with .plugins (no i18n here)
        plugins: dict = {}

    saved = dict(freshness._STATE)
    try:
        freshness._STATE.update(redirects=[Redirect(from_="kept.md", to="new.md"),
                                           Redirect(from_="old.md", to="new.md")],
                                titles={"new.md": "New"})
        with caplog.at_level("WARNING", logger="mkdocs.plugins.kb"):
            freshness.on_post_build(Config(config))
    finally:
        freshness._STATE.clear()
        freshness._STATE.update(saved)
    assert (site / "kept.html").read_text() == "a real page"
    assert "moved" in (site / "old.html").read_text()
    assert "The redirect from `kept.md` would replace the built page `kept.html`." in caplog.text


def test_check_page_runs_the_heading_id_check_with_file_lines():
    from kb.checks.content import check_page
    from kb.data.sources import Registry
    page = ("---\ntitle: T\ndescription: D\nowner: O\nlast_reviewed: 2026-11-21\n"
            "review_interval_months: 12\n---\n\n## A {#a}\n\n## B {#a}\n")
    assert [(e.code, e.line) for e in check_page("docs/p.md", page, Registry())] == \
        [("heading-id-duplicate", 11)]
