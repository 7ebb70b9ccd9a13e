"""Tests without a build (moved from tests/build/test_search_eval.py)."""

import re
from pathlib import Path
import pytest
import yaml
from kb.postbuild import search as s
ROOT = Path(__file__).resolve().parents[2]
def _plugin_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "search" in plugin:
            return plugin["search"]
    raise AssertionError("no search plugin in mkdocs.yml")
def _tiny_index(enrich: bool) -> dict:
    plugin = _plugin_config()
    index = {"config": {"lang": ["en"], "separator": plugin["separator"],
                        "pipeline": plugin["pipeline"], "fields": plugin["fields"]},
             "docs": [
                 {"location": "a.html", "title": "Types of harm", "text": "<p>Child exploitation is abuse.</p>"},
                 {"location": "b.html", "title": "Contacts", "text": "<p>Phone numbers for police.</p>"},
             ]}
    return s.enrich_index(index, {}) if enrich else index


def test_evaluation_can_fail():
    """With the expected pages shuffled, the score collapses."""
    docs = [{"location": f"p{i}.html", "title": t, "text": f"<p>{t}</p>"}
            for i, t in enumerate(["cuckooing", "sextortion", "grooming"])]
    index = {"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"],
                        "fields": {"title": {"boost": 1000}, "text": {"boost": 1}}}, "docs": docs}
    good = s.evaluate(index, [("cuckooing", "p0.html"), ("sextortion", "p1.html")], k=1)
    bad = s.evaluate(index, [("cuckooing", "p1.html"), ("sextortion", "p0.html")], k=1)
    assert good["hit_at_k"] == 1.0 and good["mrr"] == 1.0
    assert bad["hit_at_k"] == 0.0 and bad["misses"]


@pytest.mark.parametrize("query", ["exploited", "exploiting", "exploits", "abused"])
def test_inflected_words_find_the_base_word(query):
    assert [p for p, _ in s.MaterialSearch(_tiny_index(True)).search(query)] == ["a.html"]
    # Material's own index (no word forms) finds nothing: the test can fail.
    assert s.MaterialSearch(_tiny_index(False)).search(query) == []


def test_word_forms_are_real_inflections():
    forms = s.candidate_forms(s.stem("exploitation"))
    assert {"exploited", "exploiting", "exploits"} <= forms
    assert {"groomed", "grooming"} <= s.candidate_forms(s.stem("grooming"))
    assert "running" in s.candidate_forms(s.stem("run"))
    assert all(s.stem(f) == "exploit" for f in forms)


def test_tokeniser_reads_text_outside_tags_only():
    sep = re.compile(_plugin_config()["separator"])
    assert s.material_tokens('<p>Call <a href="x">999</a>, or the NSPCC.</p>', sep) == [
        "call", "999", "or", "the", "nspcc"]
    assert s.material_tokens(["County lines", "CCE"], sep) == ["county", "lines", "cce"]
    assert s.material_tokens(None, sep) == []


def test_query_transform_matches_material():
    engine = s.MaterialSearch(_tiny_index(False))
    assert engine.transform("trap house") == "trap* house*"
    assert engine.transform('"duty to notify"') == "+duty +to +notify"
    assert engine.transform("went-missing") == "went* missing*"
    assert engine.transform("-police care") == "-police care*"


def test_other_languages_get_no_english_word_forms():
    index = _tiny_index(False)
    index["docs"].append({"location": "pl/a.html", "title": "Wyzysk", "text": "<p>exploitation</p>"})
    docs = {d["location"]: d for d in s.enrich_index(index, {}, no_forms=("pl/",))["docs"]}
    assert "exploited" in docs["a.html"][s.FORMS_FIELD]
    assert s.FORMS_FIELD not in docs["pl/a.html"]


def test_keyword_checks():
    assert s.check_keywords(["cuckooing", "trap house"], "docs/x.md") == []
    assert s.check_keywords("not a list", "docs/x.md") == []  # kb/core/frontmatter.py reports it
    [error] = s.check_keywords(["ok", " ", "x" * 61], "docs/x.md", 7)
    assert (error.file, error.line) == ("docs/x.md", 7) and error.fix
    assert s.keywords_line("---\ntitle: T\nkeywords: [a]\n---\n") == 3
    assert s.page_keywords(["NRM", "NRM"], [("NRM", "National Referral Mechanism")]) == [
        "NRM", "National Referral Mechanism"]
