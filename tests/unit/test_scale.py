"""kb_mkdocs/workarounds.py: the linear search de-duplication gives the plugin's result."""

import copy
import random
import types

from mkdocs_static_i18n.reconfigure import ExtendedPlugin

from kb_mkdocs.workarounds import drop_duplicates

LANGS = ["en", "pl", "ar"]


def _entries(pages: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    english = []
    for p in range(pages):
        english.append({"location": f"s/p{p}.html", "title": f"Page {p}", "text": f"text {p}"})
        english.append({"location": f"s/p{p}.html#a", "title": "What to do", "text": f"do {p}"})
    entries = [dict(e) for e in english]
    for lang in ("pl", "ar"):
        for e in english:
            kind = rng.random()
            if kind < 0.4:  # an untranslated fallback copy: a duplicate
                entries.append({**e, "location": f"{lang}/{e['location']}"})
            elif kind < 0.5:  # same title and text, other page: not a duplicate
                entries.append({**e, "location": f"{lang}/other/{rng.randint(0, 9)}.html"})
            else:  # a real translation
                entries.append({**e, "location": f"{lang}/{e['location']}", "text": e["text"] + lang})
    return entries


def _upstream(entries: list[dict]) -> list[dict]:
    fake = types.SimpleNamespace(build_languages=LANGS)
    ExtendedPlugin.reconfigure_search_duplicates(fake, entries)
    return entries


def test_same_result_as_the_plugin():
    for seed in range(5):
        entries = _entries(60, seed)
        expected = _upstream(copy.deepcopy(entries))
        mine = copy.deepcopy(entries)
        drop_duplicates(mine, tuple(f"{lang}/" for lang in LANGS))
        assert mine == expected
        assert len(mine) < len(entries)  # the data really had duplicates


def test_nothing_to_drop():
    entries = [{"location": "a.html", "title": "A", "text": "x"}]
    drop_duplicates(entries, ("pl/",))
    assert entries == [{"location": "a.html", "title": "A", "text": "x"}]
