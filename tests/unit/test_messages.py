"""kb/core/messages.py: every message documented in README.md, generated from code."""

import pathlib
import string

import pytest

from kb.core.messages import BY_CODE, MESSAGES, README_BEGIN, README_END, error, readme_table

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_readme_table_matches_the_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert README_BEGIN in readme and README_END in readme, \
        "README.md lacks the generated messages table; run scripts/check_content.py --readme"
    start = readme.index(README_BEGIN)
    end = readme.index(README_END) + len(README_END)
    assert readme[start:end] == readme_table(), \
        "README.md's messages table is out of date; run scripts/check_content.py --readme"


def test_codes_are_unique_and_every_message_has_a_fix():
    assert len(BY_CODE) == len(MESSAGES)
    for m in MESSAGES:
        assert m.message.strip() and m.fix.strip()
        assert m.fix.rstrip().endswith(".") or m.fix == "{hint}", m.code


@pytest.mark.parametrize("m", MESSAGES, ids=lambda m: m.code)
def test_examples_fill_every_placeholder(m):
    fields = {f for _, f, _, _ in string.Formatter().parse(m.message + m.fix) if f}
    assert fields <= set(m.example) | {"suggestion"}, m.code
    e = error(m.code, "docs/x.md", 3, **m.example)
    assert e.format().startswith("docs/x.md:3: ")
    assert "How to fix: " in e.format()
    assert e.severity == m.severity


@pytest.mark.parametrize("problem,plain", [
    ("mapping values are not allowed here", "a colon is in the wrong place"),
    ("found character '\\t' that cannot start any token", "there is a tab; use spaces"),
    ("expected <block end>, but found '-'", "the indentation is uneven"),
    ("something new", "something new"),
])
def test_plain_yaml_problem(problem, plain):
    from kb.core.messages import plain_yaml_problem
    assert plain_yaml_problem(problem).startswith(plain)


def test_registry_yaml_error_names_the_line():
    from kb.data.sources import load_registry
    (e,) = load_registry("- key: a\n  title: b\n  url: c: d\n")[1]
    assert (e.code, e.line) == ("registry-yaml", 3)
    assert "colon is in the wrong place" in e.message
