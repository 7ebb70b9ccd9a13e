"""Open data: each published JSON file validates against its published JSON
Schema, and carries what the data files say (no more, no less)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from kb.postbuild import opendata

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "docs" / "_data"
DATASETS = ["definitions", "indicators", "glossary", "contacts", "flowchart"]


def _load(site: Path, name: str) -> dict:
    return json.loads((site / opendata.FOLDER / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", DATASETS)
def test_file_validates_against_its_schema(built_site, name):
    data = _load(built_site, f"{name}.json")
    schema = _load(built_site, f"{name}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(data)
    assert data["version"] == opendata.VERSION and data["dataset"] == name
    assert data["schema"] == f"{name}.schema.json"


@pytest.mark.parametrize("name", DATASETS)
def test_schema_rejects_broken_data(built_site, name):
    """The schemas are strict enough to catch a missing or unknown field."""
    data = _load(built_site, f"{name}.json")
    validator = jsonschema.Draft202012Validator(_load(built_site, f"{name}.schema.json"))
    missing = {k: v for k, v in data.items() if k != "dataset"}
    assert not validator.is_valid(missing)
    assert not validator.is_valid({**data, "surprise": 1})
    assert not validator.is_valid({**data, "version": "2"})  # a v2 file is not a v3 file


def test_index_lists_every_file(built_site):
    index = _load(built_site, "index.json")
    assert [d["name"] for d in index["datasets"]] == DATASETS
    for entry in index["datasets"]:
        assert (built_site / opendata.FOLDER / entry["file"]).is_file()
        assert (built_site / opendata.FOLDER / entry["schema"]).is_file()


def test_definitions_are_the_registered_quotes_with_citations(built_site):
    sources = {s["key"]: s for s in yaml.safe_load((DATA / "sources.yml").read_text())}
    data = _load(built_site, "definitions.json")
    by_key = {d["key"]: d for d in data["definitions"]}
    for key in ("dfe-cse-2017", "hmg-svs-2018", "ho-county-lines", "un-palermo-2000"):
        d = by_key[key]
        assert d["paragraphs"] == [" ".join(q.split()) for q in sources[key]["quotes"]]
        assert d["quote_version"] == sources[key].get("quote_version")
        assert d["citation"]["url"] == sources[key]["url"]
        assert d["quoted_on"], f"{key} is not quoted on any page"
        for page in d["quoted_on"]:
            assert (built_site / page["url"]).is_file()
    assert len(by_key["ho-county-lines"]["paragraphs"]) == 2


def test_indicators_are_grouped_with_sources(built_site):
    raw = yaml.safe_load((DATA / "indicators.yml").read_text())
    data = _load(built_site, "indicators.json")
    assert [g["id"] for g in data["groups"]] == [g["id"] for g in raw["groups"]]
    for out, src in zip(data["groups"], raw["groups"]):
        assert out["items"] == src["items"]
        assert out["source"]["key"] == src["source"] and out["source"]["url"].startswith("http")


def test_glossary_links_to_built_pages(built_site):
    raw = yaml.safe_load((DATA / "glossary.yml").read_text())
    data = _load(built_site, "glossary.json")
    assert sorted(t["term"] for t in data["terms"]) == sorted(e["term"] for e in raw)
    for term in data["terms"]:
        assert (built_site / term["page"]["url"].split("#")[0]).is_file()


def test_contacts_keep_numbers_sources_and_checked_dates(built_site):
    raw = yaml.safe_load((DATA / "contacts.yml").read_text())
    data = _load(built_site, "contacts.json")
    assert data["emergency"] == raw["emergency"]
    out = {c["id"]: c for g in data["groups"] for c in g["contacts"]}
    for group in raw["groups"]:
        for c in group["contacts"]:
            o = out[c["id"]]
            assert o["number"] == c.get("number")
            assert o["status"] == c["status"]
            assert o["checked"]["method"] == c["checked"]["method"]
            assert o["checked"]["says"]
            assert "last_checked" not in o
            assert o["source"]["title"]
            if c["status"] == "to-be-confirmed" and c.get("number") is None:
                assert o["tel"] is None


def test_contact_status_is_published_or_to_be_confirmed_never_confirmed(built_site):
    """v3 renamed `confirmed` to `published`: next to "Not yet confirmed with
    the service" the old word contradicted the check (issue 14 review)."""
    schema = json.dumps(_load(built_site, "contacts.schema.json"))
    assert '"published"' in schema and '"to-be-confirmed"' in schema
    assert '"confirmed"' not in schema
    data = _load(built_site, "contacts.json")
    statuses = {c["status"] for g in data["groups"] for c in g["contacts"]}
    assert statuses == {"published", "to-be-confirmed"}
    validator = jsonschema.Draft202012Validator(_load(built_site, "contacts.schema.json"))
    old = json.loads(json.dumps(data))
    old["groups"][0]["contacts"][0]["status"] = "confirmed"
    assert not validator.is_valid(old)


def test_flowchart_routes_and_citations(built_site):
    raw = yaml.safe_load((DATA / "flowchart.yml").read_text())
    data = _load(built_site, "flowchart.json")
    assert [r["id"] for r in data["routes"]] == [r["id"] for r in raw["routes"]]
    cited = {k for r in data["routes"] for n in r["nodes"]
             for k in ([n["source"]] if isinstance(n.get("source"), str) else n.get("source") or [])}
    assert cited and cited <= set(data["citations"])


def test_open_data_page_links_to_every_file(built_site):
    for page in ("open-data.html", "pl/open-data.html"):
        path = built_site / page
        if not path.exists():
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        hrefs = {a["href"] for a in soup.select("article a[href]")}
        for name in DATASETS:
            for suffix in (".json", ".schema.json"):
                href = next(h for h in hrefs if h.endswith(f"{opendata.FOLDER}/{name}{suffix}"))
                assert (path.parent / href).resolve().is_file(), f"{page}: {href}"




