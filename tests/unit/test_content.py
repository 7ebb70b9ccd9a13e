"""kb/checks/content.py: the page checks together, markers, links and MkDocs messages."""

import pathlib

import pytest

from kb.checks.content import (anchor_ids, check_links, check_markers, check_page, known_markers,
                               nav_pages)
from kb_mkdocs.workarounds import mkdocs_message_to_errors
from kb.data.sources import load_registry

REG, _ = load_registry("""\
- key: dfe-cse-2017
  title: CSE
  publisher: DfE
  date: 2017
  url: https://www.gov.uk/cse
  checked:
    method: not-checked
""")

FM = """---
title: T
description: D
owner: O
last_reviewed: 2026-11-21
review_interval_months: 12
---
"""


def test_check_page_counts_lines_from_the_top_of_the_file():
    text = FM + "\n# T\n\nFact.[^nope]\n\n> Quote.\n\n<script></script>\n<!-- kb:nope -->\n"
    errors = check_page("docs/t.md", text, REG)
    assert [(e.code, e.line) for e in errors] == [
        ("citation-unknown", 11), ("quote-uncited", 13), ("html-tag", 15), ("marker-unknown", 16)]
    assert all(e.file == "docs/t.md" for e in errors)


def test_good_page_passes():
    assert check_page("docs/t.md", FM + "\n# T\n\n> Quote.[^dfe-cse-2017]\n", REG) == []


def test_markers():
    body = "<!-- kb:contacts -->\n<!-- kb:indicators general -->\ntext <!-- kb:glossary -->\n<!-- kb:contact -->\n"
    errors = check_markers("d.md", body)
    assert [(e.code, e.line) for e in errors] == [("marker-inline", 3), ("marker-unknown", 4)]
    assert "Did you mean `kb:contacts`?" in errors[1].message


def test_known_markers_come_from_the_table_in_code():
    from kb.core.markers import MARKERS, markdown_table

    assert known_markers() == tuple(m.name for m in MARKERS)
    assert "contacts" in known_markers() and "changes" in known_markers()
    # DEVELOPING.md shows the same table.
    developing = (pathlib.Path(__file__).resolve().parents[2] / "DEVELOPING.md").read_text()
    assert markdown_table() in developing
    # Each owner module exists and names its markers.
    root = pathlib.Path(__file__).resolve().parents[2]
    for m in MARKERS:
        assert m.name in (root / m.owner).read_text(), m


def test_anchor_ids():
    ids = anchor_ids(FM + "# Title\n\n## Who may be vulnerable?\n\n## Named {#custom}\n\n"
                          "<a id=\"raw\"></a>\n\n```\n## Not a heading\n```\n")
    assert {"title", "who-may-be-vulnerable", "custom", "raw"} <= ids
    assert "not-a-heading" not in ids


def test_check_links(tmp_path):
    docs = {"index.md": tmp_path / "index.md", "a/b.md": tmp_path / "b.md",
            "img/x.png": tmp_path / "x.png"}
    texts = {"index.md": "# Home\n", "a/b.md": "# B\n\n## Part two\n"}
    anchors = lambda uri: anchor_ids(texts.get(uri, ""))
    text = ("[ok](../index.md) [ok](b.md#part-two) ![i](../img/x.png) [ext](https://x.org)\n"
            "[bad](../nope.md)\n[anc](b.md#part-three)\n![img](../img/y.png)\n[abs](/index.md)\n"
            "[dir](../img)\n[ref]: ../missing.md\n[^note]: not a link\n")
    errors = check_links("docs/a/b.md", "a/b.md", text, docs, anchors)
    assert [(e.code, e.line) for e in errors] == [
        ("link-not-found", 2), ("link-anchor", 3), ("link-image", 4), ("link-absolute", 5),
        ("link-unrecognized", 6), ("link-not-found", 7)]


def test_nav_pages():
    nav = [{"Home": "index.md"}, {"Section": [{"A": "a.md"}, "b.md", {"Ext": "https://x.org"}]}]
    assert nav_pages(nav) == {"index.md", "a.md", "b.md"}


def test_mkdocs_messages_are_reworded_with_lines():
    pages = {"p.md": "# P\n\nSee [x](sings.md) and [y](q.md#nope) and ![i](img/a.png).\n"}
    read = pages.get
    (e,) = mkdocs_message_to_errors(
        "Doc file 'p.md' contains a link 'sings.md', but the target is not found among "
        "documentation files. Did you mean 'signs.md'?", "docs", read)
    assert (e.code, e.file, e.line) == ("link-not-found", "docs/p.md", 3)
    assert "Did you mean `signs.md`?" in e.message
    (e,) = mkdocs_message_to_errors(
        "Doc file 'p.md' contains a link 'q.md#nope', but the doc 'q.md' does not contain "
        "an anchor '#nope'.", "docs", read)
    assert (e.code, e.line) == ("link-anchor", 3) and "docs/q.md" in e.message
    (e,) = mkdocs_message_to_errors(
        "Doc file 'p.md' contains a link 'img/a.png', but the target is not found among "
        "documentation files.", "docs", read)
    assert e.code == "link-image"
    errs = mkdocs_message_to_errors(
        'The following pages exist in the docs directory, but are not included in the "nav" '
        "configuration:\n  - a.md\n  - b/c.md", "docs", read)
    assert [(e.code, e.file, e.line) for e in errs] == [("nav-omitted", "docs/a.md", None),
                                                        ("nav-omitted", "docs/b/c.md", None)]
    assert mkdocs_message_to_errors("Something else entirely.", "docs", read) == []


def test_generated_files_come_with_the_project_hook_file(tmp_path):
    from kb.postbuild.opendata import hook_generated_files as generated_files
    from kb.postbuild import opendata

    root = pathlib.Path(opendata.__file__).resolve().parents[2]
    made = generated_files(["kb_mkdocs/hooks.py"], root)
    assert made and made == {p.lstrip("/") for p in opendata.generated_files()}
    # Without the project's hook file nothing is generated.
    assert generated_files(["other/hooks.py", "kb/checks/content.py"], root) == set()


def test_check_tree_accepts_generated_files(tmp_path):
    from kb.checks.content import check_tree

    docs = tmp_path / "docs"
    (docs / "_data").mkdir(parents=True)
    (docs / "_data" / "sources.yml").write_text("[]\n")
    (docs / "index.md").write_text(FM + "\n# Home\n\n[data](data/v1/index.json)\n")
    codes = [e.code for e in check_tree(docs, tmp_path)]
    assert codes == ["link-not-found"]
    assert check_tree(docs, tmp_path, extra_files={"data/v1/index.json"}) == []


def test_every_file_mkdocs_reads_as_a_page_gets_the_page_checks():
    from mkdocs.utils import markdown_extensions

    from kb.checks.content import PAGE_SUFFIXES, is_page

    assert set(PAGE_SUFFIXES) == set(markdown_extensions)
    assert is_page("signs.md") and is_page("a/b.markdown") and is_page("X.MD")
    assert not is_page("_data/contacts.yml") and not is_page("images/a.svg")


@pytest.mark.parametrize("url,ok", [
    ("https://www.bbc.co.uk/weather", True),
    ("http://127.0.0.1:8114/", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    ("data:text/html,x", False),
    ("//example.org/", False),
    ("www.bbc.co.uk", False),
    ("https://", False),
    (" https://example.org/", False),
    ('https://example.org/"><script>alert(1)</script>', False),
    (3, False),
])
def test_configured_addresses_must_be_web_addresses(url, ok):
    from kb.checks.content import check_config_urls

    config_text = "site_name: x\nextra:\n  quick_exit_url: whatever\n"
    errors = check_config_urls({"quick_exit_url": url}, "mkdocs.yml", config_text)
    if ok:
        assert errors == []
    else:
        (e,) = errors
        assert (e.file, e.line, e.code) == ("mkdocs.yml", 3, "config-url")
        assert "QUICK_EXIT_URL" in e.fix


def test_print_base_url_is_checked_too():
    from kb.checks.content import check_config_urls

    (e,) = check_config_urls({"quick_exit_url": "https://www.bbc.co.uk/weather",
                              "print_base_url": "javascript:alert(1)//"})
    assert "extra.print_base_url" in e.message and e.line is None


def test_check_content_checks_the_configured_addresses_as_the_build_does(tmp_path):
    """Issue 15: extra.quick_exit_url / print_base_url (with !ENV, as MkDocs
    reads it) are checked by scripts/check_content.py too."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.conftest import ROOT

    site = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "good", site)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text() + "\nextra:\n  quick_exit_url: !ENV [KB_TEST_EXIT, "
                      "\"https://www.bbc.co.uk/weather\"]\n  print_base_url: javascript:alert(1)\n")

    def run(**env):
        return subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "check_content.py"), str(site / "docs"),
             "-f", str(config), "--no-nav"], capture_output=True, text=True, cwd=site,
            env={**os.environ, **env})

    proc = run()
    assert proc.returncode == 1
    assert "`extra.print_base_url` in mkdocs.yml is `javascript:alert(1)`" in proc.stdout
    assert "quick_exit_url" not in proc.stdout  # the default is a web address
    proc = run(KB_TEST_EXIT="javascript:alert(2)")
    assert "`extra.quick_exit_url` in mkdocs.yml is `javascript:alert(2)`" in proc.stdout
