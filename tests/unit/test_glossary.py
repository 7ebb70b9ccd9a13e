"""kb/data/glossary.py: the glossary file, its page, and the abbreviations on
every page (parsed and rendered without a build)."""

import textwrap
from pathlib import Path

from bs4 import BeautifulSoup

from kb.data import glossary as g

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "_data" / "glossary.yml"
GOOD = textwrap.dedent("""\
    - term: NRM
      expansion: National Referral Mechanism
      explanation: The way to refer a possible victim of trafficking.
      page: worried/trafficking-nrm.md
    - term: CSE
      expansion: Child sexual exploitation
      explanation: A form of child sexual abuse.
      page: understanding/cse.md
      anchor: definition
    """)


def test_good_glossary_parses():
    entries, errors = g.parse_glossary(GOOD)
    assert errors == []
    assert [e.term for e in entries] == ["NRM", "CSE"]


def test_missing_key_is_reported_with_its_line():
    text = GOOD.replace("  explanation: A form of child sexual abuse.\n", "")
    entries, errors = g.parse_glossary(text)
    assert entries == []
    assert len(errors) == 1
    assert errors[0].file == "docs/_data/glossary.yml"
    assert errors[0].line == 5  # the "- term: CSE" item
    assert "explanation" in errors[0].message and errors[0].fix


def test_unknown_key_and_bad_page_are_reported():
    text = GOOD.replace("page: understanding/cse.md", "page: /understanding/cse")
    text += "  colour: red\n"
    _, errors = g.parse_glossary(text)
    messages = " ".join(e.message for e in errors)
    assert "colour" in messages and "page" in messages
    assert all(e.line for e in errors)


def test_duplicate_term_is_an_error():
    text = GOOD + GOOD.split("- term: CSE")[0].replace("NRM", "nrm", 1)
    _, errors = g.parse_glossary(text)
    assert [e.code for e in errors] == ["glossary"]
    assert "twice" in errors[0].message and errors[0].line == 10


def test_link_to_a_missing_page_is_an_error():
    entries, _ = g.parse_glossary(GOOD)
    errors = g.check_pages(entries, {"understanding/cse.md"}, text=GOOD)
    assert len(errors) == 1
    assert "worried/trafficking-nrm.md" in errors[0].message and errors[0].line == 4


def test_real_glossary_is_valid_and_complete():
    entries, errors = g.load_glossary(GLOSSARY)
    assert errors == []
    terms = {e.term for e in entries}
    for term in ("CSE", "CCE", "NRM", "ICTG", "METRAC", "CERAF", "MASH", "HIPS"):
        assert term in terms


def _render(markdown_text: str, entries) -> tuple[str, list[str]]:
    """Render Markdown as MkDocs does with the glossary hook's on_config:
    the abbr glossary and the page tree pass. Returns (html, undefined words)."""
    import markdown
    config = {"markdown_extensions": ["attr_list"], "mdx_configs": {}}
    g.use_abbreviations(config, entries)
    from kb.core import pagetree
    from kb_mkdocs.steps import glossary as step
    step._STATE["known"] = {e.term for e in entries}
    pagetree.install(config, "glossary", step.page_tree)
    html = markdown.markdown(markdown_text, extensions=config["markdown_extensions"],
                             extension_configs=config["mdx_configs"])
    return html, step._STATE.pop("undefined")


def test_glossary_renders_sorted_with_relative_links():
    entries, _ = g.parse_glossary(GOOD)
    md = g.render_glossary(entries, {"understanding/cse.md": "Child sexual exploitation (CSE)"},
                           from_page="glossary.md")
    assert md.index("CSE\n") < md.index("NRM\n")
    assert "[Child sexual exploitation (CSE)](understanding/cse.md#definition)" in md
    assert "(worried/trafficking-nrm.md)" in md
    assert g.relative_link("reference/glossary.md", "understanding/cse.md") == "../understanding/cse.md"


def test_every_glossary_term_is_an_abbreviation_on_every_page():
    entries, _ = g.parse_glossary(GOOD)
    assert g.abbreviation_glossary(entries) == {
        "NRM": "National Referral Mechanism", "CSE": "Child sexual exploitation"}
    config = {"markdown_extensions": ["tables"], "mdx_configs": {"abbr": {"x": 1}}}
    g.use_abbreviations(config, entries)
    assert config["markdown_extensions"] == ["tables", "abbr"]
    assert config["mdx_configs"]["abbr"] == {"x": 1, "glossary": g.abbreviation_glossary(entries)}
    html, _ = _render("Make an NRM referral.\n", entries)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.abbr["title"] == "National Referral Mechanism" and soup.abbr.text == "NRM"


def test_undefined_abbreviations_skip_code_abbr_paths_and_roman_numerals():
    html = ("<p>The <abbr title='x'>NRM</abbr> and the XYZ team, Part II, "
            "resolution A/RES/55/25, 4LSAB.</p><pre><code>ABC</code></pre><!-- QQQ -->")
    assert g.undefined_abbreviations(html, known={"NRM"}) == ["XYZ", "4LSAB"]
    assert g.undefined_abbreviations(html, known={"NRM", "XYZ", "4LSAB"}) == []


def test_undefined_abbreviations_are_found_in_the_tree_and_in_raw_html():
    entries, _ = g.parse_glossary(GOOD)
    text = ("The NRM and the XYZ team, `ABC` code.\n\n"
            '<p class="kb-lead">Ask the QQZ team, not <code>DEF</code>.</p>\n\n'
            "A CSE case.\n")
    html, undefined = _render(text, entries)
    assert undefined == ["XYZ", "QQZ"]
    assert '<p class="kb-lead">Ask the QQZ team' in html  # raw HTML untouched


def test_missing_abbreviation_is_a_warning_with_file_and_line():
    md = "# Title\n\nSome text.\n\nThe XYZ team.\n"
    warnings = g.missing_abbreviation_warnings(["XYZ"], md, "docs/x.md", offset=6)
    assert len(warnings) == 1
    w = warnings[0]
    assert (w.file, w.line, w.severity) == ("docs/x.md", 11, "warning")
    assert "XYZ" in w.message and "glossary.yml" in w.fix


def test_abbr_gets_tabindex_except_inside_interactive_elements():
    entries, _ = g.parse_glossary(GOOD)
    html, _ = _render("The NRM and [the NRM](x.md).\n", entries)
    soup = BeautifulSoup(html, "html.parser")
    outside, inside = soup.find_all("abbr")
    assert outside.get("tabindex") == "0"
    assert inside.find_parent("a") is not None and inside.get("tabindex") is None
