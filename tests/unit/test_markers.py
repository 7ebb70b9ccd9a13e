"""kb/core/markers.py: the table of markers is the one contract."""

import pathlib

from kb.checks.content import check_markers
from kb.core.markers import KNOWN_MARKERS, MARKERS, markdown_table

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_names_are_unique_and_owned_by_a_real_module():
    assert len(set(KNOWN_MARKERS)) == len(MARKERS)
    for m in MARKERS:
        assert (ROOT / m.owner).is_file(), m


def test_the_page_check_accepts_exactly_the_table():
    for name in KNOWN_MARKERS:
        assert check_markers("d.md", f"<!-- kb:{name} -->\n") == [], name
    (e,) = check_markers("d.md", "<!-- kb:not-a-marker -->\n")
    assert e.code == "marker-unknown"


def test_developing_md_shows_the_table():
    assert markdown_table() in (ROOT / "DEVELOPING.md").read_text(encoding="utf-8")
