"""Hostile YAML, everywhere: only ContentErrors may come out.

Hypothesis puts values of every type and shape (odd text, numbers, booleans,
null, dates real and impossible, lists, mappings, nested) into every field of
every schema: front matter, sources, contacts, glossary, indicators,
flowchart, print list, redirects, interface text and translation catalogs.
A value goes in either as YAML would write the Python value, or as raw
scalar text typed straight into the file (an unquoted `no`, `2026-02-30`,
`0300 555 1384`, an anchor, a tag, an unclosed quote...). Whole lines are
also repeated (duplicate keys) or indented with a tab.

The text goes through the real loader (kb/core/yamltext.py, via each module's
own loading function) and, when it loads, through the real renderers. The
only allowed outcome is data or ContentErrors with a file, a line (or none)
and a message in plain words: no exception, and none of pydantic's wording.

The fields are read from the pydantic models themselves, so a field added to
a schema is fuzzed too without changing this test.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from kb.data import contacts, flowchart, glossary, indicators, sources

from kb.i18n import catalogs as i18n_data, translations

from kb.pagemeta import review
from kb.render import sheets as kbprint
from kb.checks.content import check_page
from kb.core.errors import ContentError
from kb.pagemeta.freshness import load_redirects, redirect_html
from kb.core.frontmatter import read_front_matter
from kb.checks.frontmatter import FrontMatter, check_front_matter
from kb.core.yamltext import decode, load
from tests.conftest import ROOT

SETTINGS = settings(max_examples=40, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PLACEHOLDER = "KBVALUEPLACEHOLDER"
#: Words from pydantic's and PyYAML's own messages that editors must never see.
LEAKS = ("Input should", "String should", "List should", "Value error", "validation error",
         "pydantic", "Dictionary should", "Assertion failed", "ScalarNode", "MappingNode")

# --- values -----------------------------------------------------------------

odd_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
dates = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
                  st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99))
times = st.builds(lambda day, h, m, s: f"{day} {h:02d}:{m:02d}:{s:02d}",
                  dates, st.integers(0, 99), st.integers(0, 99), st.integers(0, 99))
python_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    odd_text, st.dates(), st.datetimes(), dates, st.sampled_from(["", " ", "no", "0300 555 1384"]))
python_values = st.recursive(python_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.one_of(odd_text, st.integers(), st.booleans()), inner, max_size=3)),
    max_leaves=8)
#: Text typed straight into the file, unquoted.
raw_scalars = st.one_of(
    dates, times, odd_text.filter(lambda t: "\n" not in t and "\r" not in t),
    st.sampled_from([
        "no", "yes", "off", "ON", "true", "~", "null", "", "0300 555 1384", "01234", "0o17",
        "1e400", ".nan", "-.inf", "0x1F", "12:30", "1_000", "=", "@home", "`code`", "%x",
        "[a, b", "{a: 1", "[a, {b: c}]", "{a: [1, 2]}", "'unclosed", '"unclosed', "a: b: c",
        "- a", "? a", "&anchor value", "*alias", "&a [*a]", "!!binary aGk=", "!tag x",
        "!!python/object/apply:os.system [ls]", "<<: {a: 1}", "| \n  block", ">-", "#comment",
        "2026-11-21T10:00:00Z", "2026-11-21 25:00:00", "2026-13-01", "2026-02-30", "0000-00-00",
        "\u200b", "\x07", "\ufeff", "\x85", "\u2028", "é", "<script>x</script>",
    ]))


def value_strategy():
    """(kind, value): a Python value to dump, or raw text to type into the file."""
    return st.one_of(st.tuples(st.just("python"), python_values),
                     st.tuples(st.just("raw"), raw_scalars))


# --- documents --------------------------------------------------------------

def paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in *doc* a value can go: each key, each list item, and the
    list or mapping as a whole."""
    out = [prefix] if prefix else []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += paths(v, prefix + (i,))
    return out


def model_fields(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def put(doc: Any, path: tuple, value: Any) -> Any:
    doc = copy.deepcopy(doc)
    if not path:
        return value
    node = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return doc


def add_missing_fields(doc: dict, model: type[BaseModel], sample: Any = "x") -> dict:
    """The base document with every field of *model* present, so that every
    field (optional ones too) is fuzzed."""
    out = dict(doc)
    for name in model_fields(model):
        out.setdefault(name, sample)
    return out


class _Dumper(yaml.SafeDumper):
    """Writes a value used twice out in full (the loader refuses anchors)."""

    def ignore_aliases(self, data):
        return True


def dump(doc: Any) -> str:
    return yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def to_text(doc: Any, path: tuple, kind: str, value: Any) -> str:
    if kind == "python":
        return dump(put(doc, path, value))
    return dump(put(doc, path, PLACEHOLDER)).replace(PLACEHOLDER, value, 1)


def mutate_lines(text: str, how: tuple[str, int]) -> str:
    """Repeat a line (duplicate keys, list items) or indent it with a tab."""
    what, n = how
    lines = text.split("\n")
    i = n % max(len(lines), 1)
    if what == "repeat":
        lines.insert(i, lines[i])
    elif what == "tab":
        lines[i] = "\t" + lines[i].lstrip(" ")
    return "\n".join(lines)


mutations = st.one_of(st.just(("none", 0)), st.just(("none", 0)), st.just(("none", 0)),
                      st.tuples(st.sampled_from(["repeat", "tab"]), st.integers(0, 200)))


def only_content_errors(errors, file: str | None = None) -> None:
    assert isinstance(errors, list)
    for e in errors:
        assert isinstance(e, ContentError), e
        assert e.line is None or (isinstance(e.line, int) and e.line >= 1), e
        assert e.message and e.fix, e
        if file is not None:
            assert e.file == file, e
        for leak in LEAKS:
            assert leak not in e.message and leak not in e.fix, e.format()


def fuzz(base, extra_paths=()):
    """A strategy of YAML texts: *base* with one hostile value somewhere."""
    places = paths(base) + [()] + list(extra_paths)
    return st.builds(lambda path, kv, how: mutate_lines(to_text(base, path, *kv), how),
                     st.sampled_from(places), value_strategy(), mutations)


# --- the schemas, each with a valid base document ---------------------------

REGISTRY, _ = sources.load_registry_file(ROOT / "tests" / "fixtures" / "good" / "docs" / "_data"
                                         / "sources.yml")
KEYS = set(REGISTRY.sources)
SOURCE_INDEX = {k: {"title": s.title, "url": s.url} for k, s in REGISTRY.sources.items()}
TEMPLATES = ["main.html", "poster.html", "handout.html"]

FRONT_MATTER = add_missing_fields({
    "title": "A page", "description": "One sentence.", "owner": "Editors",
    "last_reviewed": dt.date(2026, 11, 21), "review_interval_months": 12, "tags": ["signs"],
    "keywords": ["a", "b"], "audience": "staff", "translation_of": "0123456789ab",
    "translation_status": "draft", "hide": ["toc"], "search": {"exclude": True, "boost": 2},
    "template": "poster.html"}, FrontMatter)

SOURCE = add_missing_fields({
    "key": "dfe-cse-2017", "title": "A title", "publisher": "A publisher", "date": "2017-02",
    "url": "https://example.org/a", "last_checked": dt.date(2026, 11, 21), "kind": "definition",
    "note": "A note.", "quotes": ["A quote."], "quote_version": "2017 wording"}, sources.Source)
SOURCES = [SOURCE, {**SOURCE, "key": "second-source", "quotes": []}]

CONTACT = add_missing_fields({
    "id": "police-101", "service": "Police", "number": "101", "hours": "Always",
    "audience": "all", "note": "A note.", "status": "published", "source": "dfe-cse-2017",
    "last_checked": dt.date(2026, 11, 21)}, contacts.Contact)
CONTACTS = {"emergency": "If a child is in immediate danger, call 999.",
            "groups": [{"id": "national", "title": "National", "intro": "Intro.",
                        "contacts": [CONTACT, {**CONTACT, "id": "other",
                                               "source": {"title": "T", "url": "https://e.org"}}]}]}

GLOSSARY = [add_missing_fields({"term": "NRM", "expansion": "National Referral Mechanism",
                                "explanation": "A framework.", "page": "page.md",
                                "anchor": "the-nrm"}, glossary.GlossaryEntry)]

INDICATORS = {"groups": [{"id": "general", "title": "General", "source": "dfe-cse-2017",
                          "intro": "Intro.", "items": ["Going missing", "Gifts"]}]}

FLOWCHART = yaml.safe_load((ROOT / "tests" / "fixtures" / "flowchart" / "good.yml")
                           .read_text(encoding="utf-8"))

PRINT = {"items": [add_missing_fields({"page": "print/a.md", "online": "page.md",
                                       "sizes": ["A4"], "orientation": "portrait",
                                       "one_page": True, "text_size": "standard"},
                                      kbprint.PrintItem)]}

REDIRECTS = {"redirects": [{"from": "old.md", "to": "page.md"}]}

UI_TEXT = {"source_label": {"en": "Source", "pl": "Źródło"}, "contacts_tbc": {"en": "TBC"}}

CATALOG = [{"en": "Going missing", "text": "Znikanie"}, {"en": "Call 999", "text": "Dzwoń 999"}]


# --- the properties ---------------------------------------------------------

@SETTINGS
@given(fuzz(FRONT_MATTER))
def test_front_matter(text):
    page = f"---\n{text}---\n\n# A page\n\nA fact.[^dfe-cse-2017]\n"
    meta, errors = check_front_matter("docs/page.md", page, TEMPLATES)
    only_content_errors(errors, "docs/page.md")
    only_content_errors(check_page("docs/page.md", page, REGISTRY, templates=TEMPLATES))
    raw = read_front_matter(page)
    assert isinstance(raw, dict)
    review.due_date(raw)
    review.compute_review(raw, dt.date(2026, 12, 1), "page.md", "page.html")


@SETTINGS
@given(fuzz(SOURCES))
def test_sources(text):
    registry, errors = sources.load_registry(text, "docs/_data/sources.yml")
    only_content_errors(errors, "docs/_data/sources.yml")
    for src in registry.sources.values():
        sources.citation_text(src)
    sources.render_all_sources(registry)
    sources.fill_citations("A fact.[^dfe-cse-2017] Another.[^second-source]\n", registry)
    only_content_errors(sources.check_citations("docs/p.md", "A.[^dfe-cse-2017]\n", 1, registry))


@SETTINGS
@given(fuzz(CONTACTS))
def test_contacts(text):
    data, errors = contacts.load_contacts(text, "docs/_data/contacts.yml", source_keys=KEYS)
    only_content_errors(errors, "docs/_data/contacts.yml")
    if data is not None:
        contacts.render_contacts(data, SOURCE_INDEX)
        contacts.render_contacts(data, SOURCE_INDEX, lang="pl")
        contacts.render_emergency(data)
        contacts.contacts_records(data, SOURCE_INDEX)
        localised, _ = i18n_data.localise_contacts(data, {"Police": "Policja"})
        contacts.render_contacts(localised, SOURCE_INDEX, lang="ar")


@SETTINGS
@given(fuzz(GLOSSARY))
def test_glossary(text):
    entries, errors = glossary.parse_glossary(text, "docs/_data/glossary.yml")
    only_content_errors(errors, "docs/_data/glossary.yml")
    glossary.render_glossary(entries, {"page.md": "A page"})
    glossary.abbreviation_glossary(entries)
    only_content_errors(glossary.check_pages(entries, {"page.md"}, text=text))


@SETTINGS
@given(fuzz(INDICATORS))
def test_indicators(text):
    data, errors = indicators.load_indicators(text, "docs/_data/indicators.yml", source_keys=KEYS)
    only_content_errors(errors, "docs/_data/indicators.yml")
    if data is not None:
        for group in data.groups:
            indicators.render_group(group, SOURCE_INDEX)
        indicators.indicators_records(data, SOURCE_INDEX)
        localised, _ = i18n_data.localise_indicators(data, {"General": "Ogólne"})
        for group in localised.groups:
            indicators.render_group(group, SOURCE_INDEX, lang="pl")


@SETTINGS
@given(fuzz(FLOWCHART))
def test_flowchart(text):
    chart, errors = flowchart.load_chart(text, "docs/_data/flowchart.yml", {"src-a", "src-b"})
    only_content_errors(errors, "docs/_data/flowchart.yml")
    if chart is not None:
        for route in chart.routes:
            flowchart.render_text(chart, route.id)
            flowchart.to_dot(chart, [route.id])
            flowchart.legend_html(chart, [route.id])


@SETTINGS
@given(fuzz(PRINT))
def test_print_list(text):
    items, errors = kbprint.load_print_items(text, "docs/_data/print.yml")
    only_content_errors(errors, "docs/_data/print.yml")
    pages = {"print/a.md": {"template": "poster.html"}, "page.md": {}}
    only_content_errors(kbprint.check_print_pages(items, pages))


@SETTINGS
@given(fuzz(REDIRECTS))
def test_redirects(text):
    redirects, errors = load_redirects(text, {"page.md", "index.md"}, "docs/_data/redirects.yml")
    only_content_errors(errors, "docs/_data/redirects.yml")
    for r in redirects:
        redirect_html(r.from_, r.to, "A page")


@SETTINGS
@given(fuzz(UI_TEXT))
def test_ui_text(text):
    strings, errors = translations.parse_ui_text(text, "docs/_data/ui-text.yml")
    only_content_errors(errors, "docs/_data/ui-text.yml")
    for key in list(strings) + ["source_label", "missing"]:
        for lang in ("en", "pl", "ar"):
            assert isinstance(translations.ui_text(key, lang, strings), str)


@SETTINGS
@given(fuzz(CATALOG))
def test_translation_catalog(text):
    catalog, errors = i18n_data.parse_catalog(text, "docs/_data/translations/pl.yml")
    only_content_errors(errors, "docs/_data/translations/pl.yml")
    data, _ = indicators.load_indicators(dump(INDICATORS), source_keys=KEYS)
    localised, missing = i18n_data.localise_indicators(data, catalog)
    for group in localised.groups:
        indicators.render_group(group, SOURCE_INDEX, lang="pl")


@SETTINGS
@given(st.binary(max_size=200), st.booleans())
def test_any_bytes(data, as_front_matter):
    """Bytes that may not be UTF-8 at all: an error with a line, never a crash."""
    text, errors = decode(data, "docs/_data/x.yml")
    only_content_errors(errors, "docs/_data/x.yml")
    if text is None:
        assert len(errors) == 1 and 1 <= errors[0].line <= data.count(b"\n") + 1
        return
    if as_front_matter:
        only_content_errors(check_front_matter("docs/p.md", f"---\n{text}\n---\n", TEMPLATES)[1])
    else:
        _, _, errors = load(text, "docs/_data/x.yml")
        only_content_errors(errors, "docs/_data/x.yml")


def test_an_alias_bomb_is_refused_at_once():
    """Nine levels of nine aliases would be 9**9 values: refused before expanding."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    import time
    start = time.monotonic()
    data, _, errors = load("\n".join(lines) + "\n", "docs/_data/x.yml")
    assert time.monotonic() - start < 2
    assert data is None and [e.code for e in errors] == ["yaml-alias"]
    assert errors[0].line == 1
