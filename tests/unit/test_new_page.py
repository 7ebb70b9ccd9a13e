"""scripts/new_page.py: the scaffold passes the checks and the nav edit is one line.

The full proof (the new page builds strict, with no edits) is in
tests/build/test_editors_freshness.py, which builds a project made with it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kb.checks.content import read_config
from kb.checks.frontmatter import check_front_matter
from kb.editing.new_page import add_to_nav, find_section, page_text, sections, yaml_scalar
from scripts.new_page import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path):
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    return tmp_path


def test_sections_come_from_the_real_nav():
    found = {s.key: s for s in sections(read_config(ROOT / "mkdocs.yml")["nav"])}
    assert {"understanding", "worried", "responding", "about", "print"} <= set(found)
    assert found["worried"].folder == "worried"
    assert found["about"].folder == ""


@pytest.mark.parametrize("wanted", ["worried", "What to do if you are worried", "WHAT TO DO"])
def test_find_section(wanted):
    all_sections = sections(read_config(ROOT / "mkdocs.yml")["nav"])
    assert find_section(all_sections, wanted).key == "worried"


@pytest.mark.parametrize("title", ["Plain title", "County lines: what to look for",
                                   "A # hash", "'quoted'", "- dash first", "yes"])
def test_scaffold_passes_front_matter_checks(title):
    section = sections(read_config(ROOT / "mkdocs.yml")["nav"])[0]
    text = page_text(title, section, "Knowledge base editors", dt.date(2026, 11, 21), 12, ["x"])
    model, errors = check_front_matter("docs/x.md", text)
    assert errors == [] and model.title == title
    assert model.description and model.owner and model.last_reviewed == dt.date(2026, 11, 21)


def test_yaml_scalar_reads_back():
    for value in ["a: b", "#x", "yes", "null", "1.0", "plain words", "it's"]:
        assert yaml.safe_load(f"k: {yaml_scalar(value)}") == {"k": value}


def test_nav_edit_adds_exactly_one_line_and_keeps_comments_and_env_tags():
    before = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    after = add_to_nav(before, "Responding", "New: page", "responding/new-page.md")
    b, a = before.split("\n"), after.split("\n")
    assert len(a) == len(b) + 1
    added = [line for line in a if line not in b]
    assert added == ['      - "New: page": responding/new-page.md']
    assert "!ENV" in after and "# Relative URLs only" in after
    nav = read_config_text(after)["nav"]
    responding = next(item["Responding"] for item in nav if "Responding" in item)
    assert responding[-1] == {"New: page": "responding/new-page.md"}


def read_config_text(text):
    from kb.checks.content import _AnyTagLoader
    return yaml.load(text, Loader=_AnyTagLoader)


def test_main_creates_page_and_nav_entry(project, capsys):
    assert main(["--root", str(project), "--title", "Peer abuse", "--section", "about",
                 "--today", "2026-01-02"]) == 0
    page = project / "docs" / "peer-abuse.md"
    assert page.exists()
    assert "last_reviewed: 2026-01-02" in page.read_text(encoding="utf-8")
    nav = read_config_text((project / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    about = next(item["About"] for item in nav if "About" in item)
    assert about[-1] == {"Peer abuse": "peer-abuse.md"}
    out = capsys.readouterr().out
    assert "What to do next" in out
    # A second run refuses to overwrite.
    assert main(["--root", str(project), "--title", "Peer abuse", "--section", "about"]) == 1


def test_unknown_section_lists_the_choices(project, capsys):
    assert main(["--root", str(project), "--title", "X", "--section", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert "worried (What to do if you are worried)" in err
    assert not list((project / "docs").rglob("*.md"))


def test_help():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "new_page.py"), "--help"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "--section" in proc.stdout and "--title" in proc.stdout
