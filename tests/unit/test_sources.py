"""kb/data/sources.py: the registry, citations and the all-sources page."""

import pathlib

import pytest

from kb.data.sources import (CITED_BY_TOKEN, data_file_keys, check_citations, cited_by_html, citation_text,
                           cited_keys, fill_citations, format_date, load_registry,
                           load_registry_file, render_all_sources, unused_sources)

REG = """\
- key: dfe-cse-2017
  title: Child sexual exploitation
  publisher: Department for Education
  date: 2017-02-16
  url: https://www.gov.uk/cse
  checked: {method: not-checked}
  kind: definition
  quotes:
    - "A quoted sentence."
  quote_checked: {method: not-checked}
- key: hmg-svs-2018
  title: Serious Violence Strategy
  publisher: HM Government
  date: 2018-04
  url: https://www.gov.uk/svs
  checked:
    method: stored-copy
    compared: the GOV.UK publication page
    by: knowledge base editor
    when: 2026-11-21
"""


@pytest.fixture
def reg():
    registry, errors = load_registry(REG)
    assert errors == []
    return registry


def test_real_registry_is_valid():
    root = pathlib.Path(__file__).resolve().parents[2]
    registry, errors = load_registry_file(root / "docs" / "_data" / "sources.yml")
    assert errors == [], [e.format() for e in errors]
    for key in ("dfe-cse-2017", "hmg-svs-2018", "ho-county-lines", "un-palermo-2000"):
        assert registry.get(key).quotes, key


def test_missing_field_points_at_the_entry():
    _, errors = load_registry(REG.replace("  url: https://www.gov.uk/svs\n", ""))
    assert [(e.code, e.line) for e in errors] == [("registry-missing-field", 11)]
    assert "`hmg-svs-2018` has no `url`" in errors[0].message


@pytest.mark.parametrize("old,new,field,line", [
    ("date: 2018-04", "date: April 2018", "date", 14),
    ("url: https://www.gov.uk/svs", "url: gov.uk/svs", "url", 15),
    ("checked: {method: not-checked}\n  kind", "checked: {method: soon}\n  kind", "checked", 6),
    ("when: 2026-11-21", "when: 2099-01-01", "checked", 17),
    ("    by: knowledge base editor\n", "", "checked", 17),
    ("kind: definition", "kind: opinion", "kind", 7),
    ("- key: hmg-svs-2018", "- key: HMG SVS", "key", 11),
])
def test_invalid_field_points_at_its_line(old, new, field, line):
    _, errors = load_registry(REG.replace(old, new))
    assert [(e.code, e.line) for e in errors] == [("registry-invalid-field", line)]
    assert f"`{field}`" in errors[0].message


def test_unknown_field_and_duplicate():
    _, errors = load_registry(REG.replace("  kind: definition", "  knd: definition"))
    assert [(e.code, e.line) for e in errors] == [("registry-unknown-field", 7)]
    assert "Did you mean `kind`?" in errors[0].message
    _, errors = load_registry(REG + REG.split("- key: hmg")[0])
    assert [(e.code, e.line) for e in errors] == [("registry-duplicate", 21)]
    assert "first on line 1" in errors[0].message


def test_yaml_error_and_not_a_list():
    errors = load_registry("- key: [x\n")[1]
    assert errors[0].code == "registry-yaml" and errors[0].line >= 1
    assert load_registry("key: x\n")[1][0].code == "registry-not-list"


def test_format_date():
    assert format_date("2017-02-16") == "16 February 2017"
    assert format_date("2018-04") == "April 2018"
    assert format_date("2000") == "2000"
    assert format_date("undated") == "Undated web page"


def test_undated_source_is_valid_and_never_given_a_date():
    registry, errors = load_registry(REG.replace("date: 2018-04", "date: undated"))
    assert errors == []
    text = citation_text(registry.get("hmg-svs-2018"))
    assert "Undated web page" in text and "2018" not in text
    _, errors = load_registry(REG.replace("date: 2018-04", "date: sometime"))
    assert errors and "undated" in errors[0].fix + errors[0].message


def test_check_citations(reg):
    body = "A.[^dfe-cse-2017] B.[^dfe-cse-2071]\n\n`[^in-code]`\n\n[^hmg-svs-2018]: by hand\n"
    errors = check_citations("d.md", body, 10, reg)
    assert [(e.code, e.line) for e in errors] == [("citation-handwritten", 14),
                                                  ("citation-unknown", 10)]
    assert "Did you mean `dfe-cse-2017`?" in errors[1].message


def test_fill_citations_adds_sources_section(reg):
    out = fill_citations("Fact.[^hmg-svs-2018] Again.[^hmg-svs-2018]\n", reg)
    assert "## Sources" in out and "///SOURCES///" in out
    assert out.count("[^hmg-svs-2018]:") == 1
    assert "HM Government, [*Serious Violence Strategy*](<https://www.gov.uk/svs>), April 2018." in out
    assert ("Compared with a stored copy of the GOV.UK publication page by a knowledge "
            "base editor on 21 November 2026.") in out
    assert "Details checked" not in out


def test_a_date_without_a_method_is_an_error():
    bad = REG.replace("  checked: {method: not-checked}\n", "  last_checked: 2026-11-21\n")
    _, errors = load_registry(bad)
    assert [(e.code, e.line) for e in errors] == [("check-date-without-method", 6)]
    assert "`last_checked`, a date without a method" in errors[0].message


def test_quotes_need_their_own_check_record():
    bad = REG.replace("  quote_checked: {method: not-checked}\n", "")
    _, errors = load_registry(bad)
    assert [(e.code, e.line) for e in errors] == [("registry-quote-unchecked", 1)]


def test_unchecked_source_says_so_and_never_claims_a_check(reg):
    text = citation_text(reg.get("dfe-cse-2017"))
    assert "Details not yet checked against the source." in text
    assert "Wording not yet compared with the original document." in text


def test_fill_citations_leaves_pages_without_citations_alone(reg):
    assert fill_citations("No sources here.\n", reg) == "No sources here.\n"


def test_cited_keys_ignore_code_and_definitions():
    assert cited_keys("a[^x] b[^y]\n\n```\n[^z]\n```\n[^w]: def\n") == ["x", "y"]


def test_all_sources_and_cited_by(reg):
    md = render_all_sources(reg)
    assert "## Definitions" in md and "## Other sources" in md
    assert CITED_BY_TOKEN.format(key="hmg-svs-2018") in md
    assert cited_by_html("k", []) == "no page directly."
    assert cited_by_html("k", [], ["contacts.yml"]) == \
        "no page directly; also used in the data file <code>contacts.yml</code>."
    assert cited_by_html("k", [("a.html", "A & B")]) == '<a href="a.html">A &amp; B</a>.'


def test_unused_sources_are_warnings(reg):
    warnings = unused_sources(reg, {"dfe-cse-2017"})
    assert [(w.code, w.severity, w.line) for w in warnings] == [("registry-unused", "warning", 11)]


def test_citation_text_escapes_markdown(reg):
    src = reg.get("dfe-cse-2017").model_copy(update={"title": "A *bold* [title]"})
    assert "\\*bold\\* \\[title\\]" in citation_text(src)


def test_data_file_keys(reg, tmp_path):
    (tmp_path / "contacts.yml").write_text(
        "groups:\n  - contacts:\n      - source: hmg-svs-2018\n      - source: {title: x}\n")
    (tmp_path / "broken.yml").write_text("a: [\n")
    (tmp_path / "sources.yml").write_text("- source: dfe-cse-2017\n")
    assert data_file_keys(tmp_path, reg) == {"hmg-svs-2018": ["contacts.yml"]}
