"""kb/data/load.py: a data file read with the sources it may cite."""

import pathlib

from kb.data.contacts import CONTACTS_FILE, load_contacts
from kb.data.load import load_data_file, load_with_sources, source_keys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_real_contacts_load_with_the_registry():
    data, sources, errors = load_with_sources(ROOT, CONTACTS_FILE, load_contacts)
    assert errors == [] and data is not None and data.groups
    assert sources and all("title" in s for s in sources.values())
    assert source_keys(ROOT) >= set(sources)


def test_a_missing_optional_file_is_none_without_errors(tmp_path):
    assert load_data_file(tmp_path, "docs/_data/none.yml", load_contacts, required=False) == (None, [])
    assert source_keys(tmp_path) is None  # no registry: citations are not checked


def test_citations_are_checked_against_the_given_keys(tmp_path):
    (tmp_path / "docs/_data").mkdir(parents=True)
    (tmp_path / CONTACTS_FILE).write_text((ROOT / CONTACTS_FILE).read_text(encoding="utf-8"),
                                          encoding="utf-8")
    _, errors = load_data_file(tmp_path, CONTACTS_FILE, load_contacts, keys={"only-this-key"})
    assert errors and all(e.file == CONTACTS_FILE and e.line for e in errors)
