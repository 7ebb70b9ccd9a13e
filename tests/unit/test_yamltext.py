"""kb/core/yamltext.py, the one YAML loader, and the rules that go with it:
plain messages for wrong types, dates that cannot be in the future, page
templates, and each message reported once per build."""

from __future__ import annotations

import datetime as dt
import logging
import time

import pytest

from kb.core import dates, yamltext
from kb.core.errors import ContentError, report, reset_reported
from kb.checks.frontmatter import check_front_matter, page_templates
from kb.core.messages import plain_validation_problem
from tests.conftest import ROOT


def load(text: str, **options):
    data, locate, errors = yamltext.load(text, "docs/_data/x.yml", **options)
    return data, locate, [(e.code, e.line) for e in errors], errors


@pytest.mark.parametrize("text, code, line", [
    ("a: 1\nb:\n\t- x\n", "yaml-tab", 3),
    ("a: &x 1\nb: *x\n", "yaml-alias", 1),
    ("a: 1\nb: *x\n", "yaml-alias", 2),        # an alias without its anchor
    ("a:\n  <<: {b: 1}\n", "yaml-alias", 2),   # a merge key
    ("a: !!str 12\n", "yaml-tag", 1),
    ("a: !!python/object/apply:os.system [ls]\n", "yaml-tag", 1),
    ("a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", 3),
    ("- a: 1\n  a: 2\n", "yaml-duplicate-key", 2),
    ("no: 1\n", "yaml-key", 1),
    ("12: x\n", "yaml-key", 1),
    ("# only a comment\n\n", "yaml-empty", 1),
    ("", "yaml-empty", 1),
    ("a: b: c\n", "data-yaml", 1),
    ("a: b\x07\n", "data-yaml", 1),
    ("a: 1\n---\nb: 2\n", "data-yaml", 2),
])
def test_refused(text, code, line):
    data, _, found, errors = load(text)
    assert data is None
    assert found[0] == (code, line)
    assert all(e.fix for e in errors)


def test_every_repeated_key_is_named_with_both_lines():
    _, _, _, errors = load("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert [(e.line, e.message) for e in errors] == [
        (4, "`c` is given twice (first on line 3): YAML would silently keep only the last one."),
        (5, "`a` is given twice (first on line 1): YAML would silently keep only the last one."),
    ]


def test_an_alias_bomb_is_refused_without_expanding():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    start = time.monotonic()
    data, _, found, _ = load("\n".join(lines))
    assert time.monotonic() - start < 1
    assert data is None and found == [("yaml-alias", 1)]


def test_impossible_dates_stay_text_real_ones_are_dates():
    data, _, found, _ = load("a: 2026-13-01\nb: 2026-02-30\nc: 2026-11-21 25:00:00\nd: 2026-11-21\n")
    assert found == []
    assert data == {"a": "2026-13-01", "b": "2026-02-30", "c": "2026-11-21 25:00:00",
                    "d": dt.date(2026, 11, 21)}


def test_empty_is_allowed_when_the_caller_says_so():
    assert load("# nothing yet\n", empty_ok=True)[:1] == (None,)
    assert load("# nothing yet\n", empty_ok=True)[2] == []


def test_lines_count_from_first_line():
    # Front matter starts on line 2 of the page.
    data, locate, _, _ = load("title: x\ntags:\n  - a\n", first_line=2)
    assert locate(["title"]) == 2 and locate(["tags"]) == 3 and locate(["tags", 0]) == 4
    assert locate.value(["tags"]) == 4 and locate.value(["missing"]) is None
    _, _, found, _ = load("a: 1\na: 2\n", first_line=2)
    assert found == [("yaml-duplicate-key", 3)]


def test_non_utf8_bytes_give_the_line_and_the_byte():
    text, errors = yamltext.decode(b"a: 1\nb: 2\nc: caf\xe9\n", "docs/_data/x.yml")
    assert text is None
    assert errors[0].line == 3 and errors[0].code == "text-encoding"
    assert "0xE9" in errors[0].message and "character 7" in errors[0].message
    assert yamltext.decode("\ufeffa: é\n".encode(), "x")[0] == "a: é\n"


@pytest.mark.parametrize("value, words", [
    (False, "YAML reads it as false"),
    (3005551384, "YAML reads it as a number"),
    (None, "it is empty"),
    (["a"], "it is a list"),
    ({"a": 1}, "group of `name: value` settings"),
    (dt.date(2026, 1, 1), "YAML reads it as a date"),
])
def test_wrong_types_in_plain_words(value, words):
    from pydantic import BaseModel, ValidationError

    class M(BaseModel):
        text: str

    with pytest.raises(ValidationError) as exc:
        M.model_validate({"text": value})
    message = plain_validation_problem(exc.value.errors()[0])
    assert message.startswith("it should be text, but ") and words in message
    assert "Input should" not in message
    if isinstance(value, (bool, int, dt.date)):
        assert message.endswith("put the text in double quotes")


def test_dates_in_the_future_are_refused(monkeypatch):
    """Future: after both the real date and KB_TODAY (kb.core.dates.latest_day),
    so a what-if build set in the past still accepts work done since."""
    real = dt.date.today()
    tomorrow = real + dt.timedelta(days=1)
    monkeypatch.setenv("KB_TODAY", (real - dt.timedelta(days=200)).isoformat())
    assert dates.past_date(real.isoformat()) == real
    with pytest.raises(ValueError, match=rf"{tomorrow.isoformat()} is in the future"):
        dates.past_date(tomorrow)
    monkeypatch.setenv("KB_TODAY", (real + dt.timedelta(days=5)).isoformat())
    assert dates.past_date(tomorrow) == tomorrow
    with pytest.raises(ValueError, match="2026-02-30 is not a real date"):
        dates.past_date("2026-02-30")
    page = ("---\ntitle: T\ndescription: D.\nowner: O\nlast_reviewed: 2099-07-01\n"
            "review_interval_months: 12\n---\n")
    _, errors = check_front_matter("docs/p.md", page)
    assert [(e.code, e.line) for e in errors] == [("frontmatter-invalid", 5)]
    assert "2099-07-01 is in the future" in errors[0].message


def test_page_templates_are_the_themes_page_layouts():
    assert page_templates(ROOT / "overrides") == ["main.html", "handout.html", "poster.html"]
    assert page_templates(None) == ["main.html"]
    page = ("---\ntitle: T\ndescription: D.\nowner: O\nlast_reviewed: 2026-01-01\n"
            "review_interval_months: 12\ntemplate: sheet.html\n---\n")
    _, errors = check_front_matter("docs/p.md", page, page_templates(ROOT / "overrides"))
    assert [(e.code, e.line, e.message) for e in errors] == [
        ("frontmatter-template", 7, "The page template `sheet.html` does not exist.")]
    assert "main.html, handout.html, poster.html" in errors[0].fix


def test_each_message_is_reported_once_per_build(caplog):
    err = ContentError("docs/_data/x.yml", 3, "A problem.", "Fix it.")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.kb"):
        assert report([err, err]) == 1
        assert report([err]) == 0  # another language's build of the same run
        reset_reported()  # a new build
        assert report([err]) == 1
    assert sum("A problem." in r.getMessage() for r in caplog.records) == 2


def test_check_content_checks_every_data_file(tmp_path):
    """scripts/check_content.py reads each data file, not only sources,
    contacts and indicators."""
    import shutil
    import subprocess
    import sys

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "tests" / "fixtures" / "good" / "docs", docs)
    broken = {
        "glossary.yml": "- term: A\n  term: B\n",
        "flowchart.yml": "actors: !!set {}\n",
        "print.yml": "items:\n\t- page: x.md\n",
        "redirects.yml": "redirects: &r []\n",
        "ui-text.yml": "no:\n  en: x\n",
        "translations/pl.yml": "- en: a\n  text: b\n  en: c\n",
    }
    for name, text in broken.items():
        path = docs / "_data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_content.py"), str(docs),
                           "--no-nav"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1
    files = [line.split(":", 1)[0] for line in proc.stdout.splitlines()
             if line.startswith("docs/")]
    assert sorted(files) == sorted(f"docs/_data/{name}" for name in broken), proc.stdout


def test_a_text_read_again_is_not_parsed_again_and_each_caller_gets_its_own_copy():
    text = "# a comment\nitems:\n  - name: one\n  - name: two\n"
    before = yamltext.PARSES[text]
    data, locate, errors = yamltext.load(text, "docs/_data/a.yml")
    assert errors == [] and yamltext.PARSES[text] == before + 1
    data["items"].append("changed by the first caller")
    again, locate2, errors2 = yamltext.load(text, "docs/_data/b.yml", first_line=2)
    assert yamltext.PARSES[text] == before + 1  # not parsed again
    assert again == {"items": [{"name": "one"}, {"name": "two"}]}  # not the first caller's copy
    assert locate(("items", 1)) == 4 and locate2(("items", 1)) == 5  # its own line numbers


def test_text_with_errors_is_parsed_each_time_and_worded_for_each_file():
    text = "a: 1\na: 2\n"
    (e1,) = yamltext.load(text, "docs/_data/one.yml")[2]
    (e2,) = yamltext.load(text, "docs/_data/two.yml")[2]
    assert (e1.file, e2.file) == ("docs/_data/one.yml", "docs/_data/two.yml")
    assert e1.line == e2.line == 2
    # An empty text is an error unless the caller allows it, cached or not.
    assert yamltext.load("# only a comment\n", "x.yml", empty_ok=True)[2] == []
    assert yamltext.load("# only a comment\n", "x.yml")[2][0].code == "yaml-empty"


def test_line_numbers_count_only_newlines_as_an_editor_does():
    """YAML also reads NEL, LS and PS as line breaks; the messages' lines must
    still point into the file (a property test found a line past the end)."""
    text = 'a: "x\x85y"\nb: "\u2028"\nc: [\n'
    _, _, (err,) = yamltext.load(text, "d.yml")
    assert err.line <= text.count("\n") + 1
    good = 'a: "x\x85\x85y"\nb: 1\nb: 2\n'
    (dup,) = yamltext.load(good, "d.yml")[2]
    assert (dup.code, dup.line) == ("yaml-duplicate-key", 3)
    data, locate, errors = yamltext.load('a: "x\u2029y"\nb: 1\n', "d.yml")
    assert errors == [] and locate(("b",)) == 2 and locate.value(("b",)) == 2


def test_the_whole_text_is_searched_for_odd_line_breaks_once(monkeypatch):
    """Each key's line used to search the whole text again: quadratic in the
    size of sources.yml. The search now runs once per text, however many keys."""
    from kb.core import yamltext

    searched = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, text):
            searched.append(len(text))
            return self.pattern.search(text)

    monkeypatch.setattr(yamltext, "_OTHER_BREAKS", Counting(yamltext._OTHER_BREAKS))
    yamltext._has_other_breaks.cache_clear()
    text = "".join(f"- key: k{i}\n  title: A & B {i}\n" for i in range(300))
    data, locate, errors = yamltext.load(text, "docs/_data/x.yml")
    assert errors == [] and len(data) == 300
    assert len(searched) == 1
