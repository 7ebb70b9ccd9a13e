"""kb/render/citations.py: a page's sources filled in (Markdown in, Markdown out)."""

from kb.render.citations import page_sources
from tests.registry_fixture import REGISTRY


def test_a_citation_gets_its_footnote_under_a_sources_heading():
    out, listed = page_sources("A fact.[^nspcc-cse]\n", REGISTRY)
    assert not listed
    assert "[^nspcc-cse]: NSPCC Learning" in out and "Child sexual exploitation" in out
    assert out.index("A fact.") < out.index("[^nspcc-cse]:")


def test_the_sources_heading_is_in_the_page_language():
    out_pl, _ = page_sources("Fakt.[^nspcc-cse]\n", REGISTRY, "pl")
    out_ar, _ = page_sources("حقيقة.[^nspcc-cse]\n", REGISTRY, "ar")
    assert "Źródła" in out_pl and "المصادر" in out_ar


def test_the_all_sources_marker_lists_the_registry():
    out, listed = page_sources("# Sources\n\n<!-- kb:all-sources -->\n", REGISTRY)
    assert listed and "<!-- kb:all-sources -->" not in out and "NSPCC Learning" in out


def test_a_page_without_citations_is_unchanged():
    assert page_sources("Nothing cited.\n", REGISTRY) == ("Nothing cited.\n", False)
