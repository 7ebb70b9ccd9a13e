"""kb/core/frontmatter.py: split, parse and validate page front matter."""

import datetime as dt

import pytest

from kb.core.frontmatter import read_front_matter, split_front_matter


from kb.checks.frontmatter import check_front_matter
GOOD = """---
title: Signs
description: What to look out for.
owner: Knowledge base editors
last_reviewed: 2026-11-21
review_interval_months: 12
tags: [signs]
keywords: [cuckooing]
audience: public
---

# Signs
"""


def codes(errors):
    return [(e.code, e.line) for e in errors]


def test_good_front_matter_parses():
    fm, errors = check_front_matter("docs/signs.md", GOOD)
    assert errors == []
    assert fm.last_reviewed == dt.date(2026, 11, 21)
    assert fm.review_interval_months == 12 and fm.audience == "public"


def test_split_keeps_body_line():
    split = split_front_matter(GOOD)
    assert split.body_line == 11
    assert split.body.splitlines()[1] == "# Signs"


def test_no_front_matter():
    _, errors = check_front_matter("d.md", "# Title\n")
    assert codes(errors) == [("frontmatter-none", 1)]


def test_unclosed_front_matter():
    _, errors = check_front_matter("d.md", "---\ntitle: x\n")
    assert codes(errors) == [("frontmatter-unclosed", 1)]


def test_invalid_yaml_points_at_line():
    _, errors = check_front_matter("d.md", GOOD.replace("owner: Knowledge", "owner: [Knowledge"))
    assert errors[0].code == "frontmatter-yaml"
    assert errors[0].line in (4, 5)


def test_missing_key():
    _, errors = check_front_matter("d.md", GOOD.replace("owner: Knowledge base editors\n", ""))
    assert codes(errors) == [("frontmatter-missing", 1)]
    assert "`owner`" in errors[0].message and "owner:" in errors[0].fix


def test_misspelt_key_names_closest_and_hides_the_missing_error():
    _, errors = check_front_matter("d.md", GOOD.replace("last_reviewed:", "last_reveiwed:"))
    assert codes(errors) == [("frontmatter-unknown", 5)]
    assert "Did you mean `last_reviewed`?" in errors[0].message


@pytest.mark.parametrize("line,replacement,key", [
    ("review_interval_months: 12", "review_interval_months: 48", "review_interval_months"),
    ("review_interval_months: 12", "review_interval_months: twelve", "review_interval_months"),
    ("last_reviewed: 2026-11-21", "last_reviewed: 21/11/2026", "last_reviewed"),
    ("audience: public", "audience: everyone", "audience"),
])
def test_invalid_values(line, replacement, key):
    text = GOOD.replace(line, replacement)
    _, errors = check_front_matter("d.md", text)
    assert [e.code for e in errors] == ["frontmatter-invalid"]
    assert f"`{key}`" in errors[0].message
    assert errors[0].line == text.splitlines().index(replacement) + 1


def test_read_front_matter_never_raises():
    assert read_front_matter("---\n: : :\n---\n") == {}
    assert read_front_matter(GOOD)["title"] == "Signs"


@pytest.mark.parametrize("word,value", [("no", "false"), ("yes", "true"), ("off", "false")])
def test_a_word_yaml_reads_as_true_or_false_gets_a_hint(word, value):
    """Issue 15: `audience: no` is false to YAML; the editor is told so."""
    _, errors = check_front_matter("d.md", GOOD.replace("audience: public", f"audience: {word}"))
    (e,) = errors
    assert (e.code, e.line) == ("frontmatter-invalid", 9)
    assert f"YAML reads `{word}` without quotes as {value}" in e.fix
    assert f'`audience: "{word}"`' in e.fix
    assert "Write `public` or `staff`." in e.fix


def test_other_invalid_values_get_no_true_or_false_hint():
    _, errors = check_front_matter("d.md", GOOD.replace("audience: public", "audience: everyone"))
    assert "YAML reads" not in errors[0].fix
