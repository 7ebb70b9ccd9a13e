"""kb/render/pipeline.py: the one marker pass, its table and its citations."""

import pytest

from kb.core.markers import KNOWN_MARKERS
from kb.data.contacts import ContactsMarkers
from kb.data.flowchart import FlowchartMarkers
from kb.data.glossary import GlossaryMarkers
from kb.data.indicators import IndicatorsMarkers
from kb.pagemeta.freshness import ChangesMarkers
from kb.render.pipeline import CITATIONS_OWNER, OWNERS, PageRef, RenderData, render_markers, render_page
from kb.render.sheets import SheetMarkers
from tests.registry_fixture import REGISTRY

GROUPS = (ContactsMarkers, IndicatorsMarkers, FlowchartMarkers, SheetMarkers, ChangesMarkers,
          GlossaryMarkers)


class Echo:
    """A group that writes what it was asked, and cites a source."""

    owner = "kb/data/contacts.py"
    names = frozenset({"contacts", "emergency"})

    def __init__(self):
        self.calls = []

    def render(self, page, name, args, line):
        self.calls.append((name, args, line))
        return f"{name} on line {line}.[^nspcc-cse]", []


def test_the_table_gives_every_marker_one_renderer():
    assert set(OWNERS) == set(KNOWN_MARKERS)
    rendered = {}
    for group in GROUPS:
        assert group.names == {n for n, owner in OWNERS.items() if owner == group.owner}
        for name in group.names:
            assert name not in rendered, f"{name} has two renderers"
            rendered[name] = group
    assert set(KNOWN_MARKERS) - set(rendered) == {n for n, o in OWNERS.items()
                                                   if o == CITATIONS_OWNER}


def test_a_group_naming_a_marker_it_does_not_own_is_refused():
    class Wrong(Echo):
        names = frozenset({"contacts", "glossary"})

    with pytest.raises(ValueError, match="glossary"):
        RenderData().add(Wrong())


def test_one_pass_with_lines_from_the_page_as_written():
    data, echo = RenderData(), Echo()
    data.add(echo)
    raw = "# T\n\n<!-- kb:contacts -->\n\n<!-- kb:emergency x -->\n"
    out, errors = render_markers(raw, data, PageRef("t.md", offset=4, raw_body=raw))
    assert echo.calls == [("contacts", [], 7), ("emergency", ["x"], 9)]
    assert "kb:" not in out and errors == []


def test_a_marker_whose_group_is_not_loaded_is_left_alone():
    text = "<!-- kb:indicators general -->\n<!-- kb:glossary -->\n"
    data = RenderData()
    data.add(Echo())
    assert render_markers(text, data, PageRef("t.md"))[0] == text


def test_markers_in_code_are_left_alone():
    text = "```\n<!-- kb:contacts -->\n```\n"
    data = RenderData()
    data.add(Echo())
    assert render_markers(text, data, PageRef("t.md"))[0] == text


def test_a_translated_page_asks_its_language_first():
    class Polish:
        names = frozenset({"contacts", "emergency"})

        def render(self, page, name, args, line):
            return ("po polsku", []) if name == "emergency" else None

    data = RenderData()
    data.add(Echo())
    data.languages["pl"] = Polish()
    text = "<!-- kb:emergency -->\n<!-- kb:contacts -->\n"
    out, _ = render_markers(text, data, PageRef("t.pl.md", lang="pl", translated=True))
    assert out.split("\n")[:2] == ["po polsku", "contacts on line 2.[^nspcc-cse]"]
    out, _ = render_markers(text, data, PageRef("t.md", lang="pl"))  # English text in pl
    assert "po polsku" not in out


def test_citations_are_filled_after_the_markers_when_there_is_a_registry():
    data = RenderData()
    data.add(Echo())
    without = render_page("<!-- kb:contacts -->\n", data, PageRef("t.md"))
    assert without.cited == [] and "[^nspcc-cse]:" not in without.markdown
    data.registry = REGISTRY
    out = render_page("<!-- kb:contacts -->\n", data, PageRef("t.md"))
    assert out.cited == ["nspcc-cse"] and "[^nspcc-cse]: NSPCC Learning" in out.markdown
    assert not out.lists_sources
    assert render_page("<!-- kb:all-sources -->\n", data, PageRef("s.md")).lists_sources
