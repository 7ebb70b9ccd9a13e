"""Unit tests for kb/data/datafile.py: YAML line numbers and marker scanning."""

from __future__ import annotations

from kb.data import datafile as df

YAML = "a: 1\nlist:\n  - x: 1\n  - x: 2\n    y:\n      - deep\n"


def test_locate_walks_keys_and_indexes():
    _, locate, errors = df.load_yaml(YAML, "f.yml")
    assert errors == []
    assert locate(("a",)) == 1
    assert locate(("list", 1, "x")) == 4
    assert locate(("list", 1, "y", 0)) == 6
    # A missing key points at the deepest node that exists.
    assert locate(("list", 1, "missing")) == 4


def test_iter_markers_reads_fences_as_the_content_checks_do():
    # "```text" inside a ``` fence is a line of code, not the closing fence.
    md = "```\n```text\n<!-- kb:a -->\n```\n<!-- kb:glossary -->\n"
    assert list(df.iter_markers(md)) == [(4, "glossary", [])]
    # The integrity check sees the same: no marker error inside the code.
    from kb.checks.content import check_markers
    assert check_markers("x.md", md.replace("kb:a", "kb:nope")) == []


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


def test_replace_markers_passes_the_index_in_the_markdown_by_default():
    seen = []
    md = "a\n<!-- kb:x 1 -->\nb\n<!-- kb:y -->\n<!-- kb:x 2 -->\n"
    out, errors = df.replace_markers(md, {"x"}, lambda n, a, i: (seen.append((a, i)) or "X", []))
    assert seen == [(["1"], 1), (["2"], 4)]
    assert out == "a\nX\nb\n<!-- kb:y -->\nX\n" and errors == []


def test_replace_markers_maps_to_source_lines_with_raw_body():
    raw = "a\n<!-- kb:y -->\n<!-- kb:x -->\n<!-- kb:x -->\n"
    expanded = "a\n1\n2\n3\n<!-- kb:x -->\n<!-- kb:x -->\n"  # kb:y became three lines
    seen = []
    df.replace_markers(expanded, {"x"}, lambda n, a, i: (seen.append(10 + i + 1) or "", []),
                       line_offset=10, raw_body=raw)
    assert seen == [13, 14]  # body line 3 and 4, after 10 lines of front matter


def test_repeated_names_each_later_use_and_the_first():
    assert df.repeated(["a", "b", "a", "c", "b", "a"]) == [(2, 0), (4, 1), (5, 0)]
    assert df.repeated([]) == []


def test_one_converter_gives_each_place_its_kind():
    """kb.core.messages.validation_problems: the one reading of pydantic's errors."""
    from pydantic import BaseModel, ConfigDict, ValidationError

    from kb.core.messages import validation_problems

    class Check(BaseModel):
        model_config = ConfigDict(extra="forbid")
        method: str

    class Item(BaseModel):
        model_config = ConfigDict(extra="forbid")
        name: str
        size: str | list[str]
        checked: Check

    data = {"nmae": "x", "size": 12, "last_checked": "2026-01-01"}
    try:
        Item.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, data)
    kinds = {(p.kind, p.loc) for p in problems}
    assert ("unknown", ("nmae",)) in kinds and ("missing", ("name",)) in kinds
    assert ("date-without-method", ("last_checked",)) in kinds
    assert not any(p.loc == ("checked",) for p in problems)  # the bare date says it all
    (size,) = [p for p in problems if p.loc == ("size",)]  # a union: one problem, not two
    assert size.kind == "invalid" and " or " in size.message and "Input should" not in size.message


def test_validate_keeps_the_place_of_each_error():
    from pydantic import BaseModel, ConfigDict

    class Row(BaseModel):
        model_config = ConfigDict(extra="forbid")
        number: str

    class Table(BaseModel):
        rows: list[Row]

    data, locate, _ = df.load_yaml("rows:\n  - number: 1\n  - nubmer: '2'\n", "t.yml")
    _, errors = df.validate(Table, data, locate, "t.yml", "fix it", "t", known_keys=["number"])
    by_loc = {e.loc: e for e in errors}
    assert by_loc[("rows", 0, "number")].line == 2
    assert "did you mean 'number'" in by_loc[("rows", 1, "nubmer")].message
