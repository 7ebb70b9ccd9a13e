"""Search quality on the built index, ranked the way Material's worker ranks.

kb.postbuild.search.MaterialSearch rebuilds the lunr index from the built
search/search_index.json with lunr.py, using Material's tokeniser (its
separator, text outside tags only), the configured pipeline, the field
boosts and document boosts, Material's query transform (a trailing * on each
word) and its post-query boost. tests/browser/test_search.py checks that the
real search box in Chromium agrees with it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from kb.postbuild import search as s
from scripts.search_eval import read_queries
from tests.unit.test_search import _plugin_config, _tiny_index  # noqa: E402  (one copy)

ROOT = Path(__file__).resolve().parents[2]
MIN_HIT_AT_3 = 0.90




@pytest.fixture(scope="module")
def index(built_site) -> dict:
    return s.load_index(built_site)


# --- the query table -----------------------------------------------------------

def test_query_table_has_40_queries_and_every_expected_page_exists(built_site):
    queries = read_queries()
    assert len(queries) >= 40
    assert len({q for q, _ in queries}) == len(queries), "a query is listed twice"
    for query, expected in queries:
        assert (built_site / expected).is_file(), f"{query!r}: {expected} is not a built page"


def test_hit_at_3_is_at_least_90_percent(index):
    result = s.evaluate(index, read_queries(), k=3)
    misses = "\n".join(f"  {m['query']!r}: expected {m['expected']}, got {m['top']}"
                       for m in result["misses"])
    print(f"hit@3 {result['hit_at_k']:.1%}, MRR {result['mrr']:.3f}\n{misses}")
    assert result["hit_at_k"] >= MIN_HIT_AT_3, f"hit@3 {result['hit_at_k']:.1%}; misses:\n{misses}"




# --- the index the browser gets ------------------------------------------------------

def test_index_config_is_the_plugin_config(index):
    plugin = _plugin_config()
    config = index["config"]
    assert config["separator"] == plugin["separator"]
    assert config["pipeline"] == plugin["pipeline"]
    assert "stemmer" not in config["pipeline"]
    for field in ("title", "text", "tags", s.KEYWORD_FIELD, s.FORMS_FIELD):
        assert config["fields"][field] == plugin["fields"][field]


def test_english_index_holds_english_pages_only(index):
    assert index["docs"]
    assert not [d["location"] for d in index["docs"] if re.match(r"^(pl|ar)/", d["location"])]


def test_front_matter_keywords_are_indexed_on_the_page_doc_only(index):
    docs = {d["location"]: d for d in index["docs"]}
    county = docs["understanding/county-lines.html"]
    for word in ("cuckooing", "trap house", "deal line"):
        assert word in county[s.KEYWORD_FIELD]
    nrm = docs["worried/trafficking-nrm.html"][s.KEYWORD_FIELD]
    assert "National Referral Mechanism" in nrm  # glossary-driven
    sections = [d for loc, d in docs.items() if loc.startswith("understanding/county-lines.html#")]
    assert sections and not any("trap house" in d.get(s.KEYWORD_FIELD, "") for d in sections)


def test_keywords_are_not_hidden_text_on_the_page(built_site):
    """Keywords only go to the search index: the page HTML is unchanged."""
    html = (built_site / "understanding" / "county-lines.html").read_text(encoding="utf-8")
    assert "trap house" not in html.lower() or "trap house" in _visible_text(html).lower()
    assert 'name="keywords"' not in html


def _visible_text(html: str) -> str:
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "lxml")
    for hidden in soup.select("[hidden], script, style, template"):
        hidden.decompose()
    return soup.get_text(" ")


def test_search_index_js_matches_json_for_file_urls(built_site):
    """The offline plugin's search_index.js carries the enriched index too."""
    js = built_site / "search" / "search_index.js"
    assert js.is_file()
    text = js.read_text(encoding="utf-8")
    assert text.startswith("var __index = ")
    assert json.loads(text[len("var __index = "):]) == s.load_index(built_site)


# --- stemming ------------------------------------------------------------------------





def test_stemming_on_the_real_index(index):
    engine = s.MaterialSearch(index)
    for query in ("exploited", "exploiting"):
        pages = [p for p, _ in engine.search(query)]
        assert len(pages) >= 5, f"{query!r} finds only {pages}"
    assert [p for p, _ in engine.search("trafficked")][:3].count("understanding/trafficking.html") == 1




# --- Material's tokeniser and query transform ------------------------------------







