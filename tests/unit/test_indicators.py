"""Unit tests for kb/data/indicators.py (pure functions, no MkDocs)."""

from __future__ import annotations

import textwrap

from kb.data import indicators as ind
from kb.render.pipeline import PageRef, RenderData, render_markers as _render_markers


def render(markdown, group, src, offset=0, raw_body=None):
    """*group*'s markers rendered by the one marker pass (kb/render/pipeline.py)."""
    data = RenderData()
    data.add(group)
    return _render_markers(markdown, data, PageRef(src, offset=offset, raw_body=raw_body))


GOOD = textwrap.dedent("""\
    groups:
      - id: general
        title: General signs
        source: iowscp-child-exploitation
        items:
          - Going missing
          - Mood swings
      - id: online
        title: Online
        source: understanding-child-exploitation
        items:
          - Secretive online behaviour
    """)
SOURCES = {"iowscp-child-exploitation": {"title": "Child Exploitation", "url": "https://x.example/"}}


def test_good_file_loads_and_checks_source_keys():
    data, errors = ind.load_indicators(GOOD, source_keys={"iowscp-child-exploitation",
                                                          "understanding-child-exploitation"})
    assert errors == [] and [g.id for g in data.groups] == ["general", "online"]


def test_unknown_source_key_points_at_the_line():
    _, errors = ind.load_indicators(GOOD, source_keys={"iowscp-child-exploitation"})
    assert len(errors) == 1
    assert errors[0].line == GOOD.splitlines().index("    source: understanding-child-exploitation") + 1
    assert "understanding-child-exploitation" in errors[0].message


def test_empty_items_and_misspelt_keys_are_errors():
    bad = GOOD.replace("      - Mood swings\n", "      - ''\n").replace("title: Online", "titel: Online")
    data, errors = ind.load_indicators(bad)
    assert data is None
    messages = " | ".join(e.message for e in errors)
    assert "item 2 is empty" in messages
    assert "unknown key 'titel'" in messages
    assert "'title' is missing" in messages


def test_render_is_a_list_with_a_citation_footnote():
    data, _ = ind.load_indicators(GOOD)
    md = ind.render_group(data.group("general"), SOURCES)
    assert md.splitlines()[:2] == ["- Going missing", "- Mood swings"]
    assert "Source: *Child Exploitation*[^iowscp-child-exploitation]" in md
    # Without a known title the footnote reference is still there.
    assert "[^understanding-child-exploitation]" in ind.render_group(data.group("online"))


def test_markers_unknown_group_and_missing_argument():
    data, _ = ind.load_indicators(GOOD)
    page = "Intro\n<!-- kb:indicators general -->\n<!-- kb:indicators nope -->\n<!-- kb:indicators -->\n"
    text, errors = render(page, ind.IndicatorsMarkers(data, None), "signs.md", 6)
    assert "- Going missing" in text and "<!-- kb:indicators general -->" not in text
    assert [(e.line, e.message) for e in errors] == [
        (9, "unknown indicators group 'nope'"),
        (10, "the kb:indicators marker needs exactly one group name"),
    ]
    assert "general, online" in errors[0].fix


def test_real_indicators_file_has_the_four_groups():
    data = ind.get_indicators()
    assert {"general", "criminal", "online", "trafficking"} <= {g.id for g in data.groups}
    records = ind.indicators_records(data)
    assert all(r["items"] and r["source_key"] for r in records)


def test_check_file_on_the_real_tree_and_a_broken_copy(tmp_path):
    assert ind.check_file() == []
    data = tmp_path / "docs" / "_data"
    data.mkdir(parents=True)
    (data / "indicators.yml").write_text(GOOD.replace("source: iowscp-child-exploitation",
                                                      "source: nope"))
    (data / "sources.yml").write_text("- key: understanding-child-exploitation\n")
    errors = ind.check_file(tmp_path)
    assert [(e.file, e.line) for e in errors] == [("docs/_data/indicators.yml", 4)]


def test_error_lines_come_from_the_source_even_after_other_markers_expanded():
    data, _ = ind.load_indicators(GOOD)
    raw = "# Signs\n<!-- kb:contacts -->\n<!-- kb:indicators nope -->\n"
    expanded = raw.replace("<!-- kb:contacts -->", "a\nb\nc\nd")  # another hook ran first
    _, errors = render(expanded, ind.IndicatorsMarkers(data, None), "signs.md", 4, raw)
    assert [e.line for e in errors] == [7]
