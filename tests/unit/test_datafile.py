"""Unit tests for hooks/datafile.py: YAML line numbers and marker scanning."""

from __future__ import annotations

from hooks import datafile as df

YAML = "a: 1\nlist:\n  - x: 1\n  - x: 2\n    y:\n      - deep\n"


def test_locate_walks_keys_and_indexes():
    _, locate, errors = df.load_yaml(YAML, "f.yml")
    assert errors == []
    assert locate(("a",)) == 1
    assert locate(("list", 1, "x")) == 4
    assert locate(("list", 1, "y", 0)) == 6
    # A missing key points at the deepest node that exists.
    assert locate(("list", 1, "missing")) == 4


def test_iter_markers_skips_fences_and_reads_args():
    md = "<!-- kb:a -->\n~~~\n<!-- kb:b -->\n~~~\n  <!-- kb:c  x y -->\ntext <!-- kb:d -->\n"
    assert list(df.iter_markers(md)) == [(0, "a", []), (4, "c", ["x", "y"])]


def test_body_line_offset_matches_mkdocs():
    raw = "---\ntitle: x\n---\n\n\n# Heading\n"
    assert df.body_line_offset(raw) == 5
    assert raw.split("\n")[df.body_line_offset(raw)] == "# Heading"
    assert df.body_line_offset("# No front matter\n") == 0


def test_split_front_matter():
    meta, body = df.split_front_matter("---\ntitle: x\n---\nBody\n")
    assert meta == {"title": "x"} and body == "Body\n"
    assert df.split_front_matter("---\n: : bad\n---\nBody")[0] == {}
    assert df.split_front_matter("# Plain\n") == ({}, "# Plain\n")
