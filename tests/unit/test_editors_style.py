"""Formatting and spelling: `make test` fails when a page is not formatted or
has a typo or an American spelling.

- Markdown formatting: mdformat with the settings in .mdformat.toml, over
  every Markdown file in docs/ and CONTRIBUTING.md. Fix with
  `.venv/bin/mdformat docs CONTRIBUTING.md`.
- British English spelling: codespell with .codespellrc (typos, and American
  spellings from .codespell/en-US_to_en-GB.txt). A correct word that is
  flagged goes in .codespell/words.txt.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FORMAT_PATHS = ["docs", "CONTRIBUTING.md"]
# The editors' text. README.md and DEVELOPING.md are developer notes, not checked.
SPELL_PATHS = ["docs", "CONTRIBUTING.md"]


def run(*cmd: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(list(cmd), cwd=cwd, capture_output=True, text=True)


def mdformat(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", "mdformat", *args, cwd=cwd)


def codespell(*args: str) -> subprocess.CompletedProcess:
    return run(str(BIN / "codespell"), "--config", str(ROOT / ".codespellrc"), *args)


def test_markdown_is_formatted():
    paths = [p for p in FORMAT_PATHS if (ROOT / p).exists()]
    proc = mdformat("--check", *paths)
    assert proc.returncode == 0, (
        "Some Markdown files are not formatted. Run `.venv/bin/mdformat "
        + " ".join(paths) + "` and look at the changes:\n" + proc.stderr)


def write_config_copy(tmp_path: Path) -> None:
    (tmp_path / ".mdformat.toml").write_text((ROOT / ".mdformat.toml").read_text(encoding="utf-8"),
                                             encoding="utf-8")


def test_formatter_catches_bad_layout_and_keeps_ours(tmp_path):
    write_config_copy(tmp_path)
    bad = tmp_path / "bad.md"
    bad.write_text("# Title\n* a star list\n+ another\n\n\n\nText   after.\n", encoding="utf-8")
    assert mdformat("--check", str(bad), cwd=tmp_path).returncode != 0
    # The constructs the pages use must come through untouched.
    good = tmp_path / "good.md"
    text = (
        "---\ntitle: Test\ntags: [a, b]\n---\n\n# Heading\n\n"
        "A fact with a citation.[^dfe-cse-2017] Another line\nkept where it was.\n\n"
        "<!-- kb:contacts -->\n\n"
        '!!! warning "Call 999"\n\n    If a child is in immediate danger, call 999.\n\n'
        "- A list item that goes on\n  to a second line.\n\n"
        "1. First\n2. Second\n\n"
        "| a | b |\n| -- | -- |\n| 1 | 2 |\n\n"
        "Term\n:   Definition.\n\n"
        "> Quoted text.[^dfe-cse-2017]\n\n"
        "*[HIPS]: Hampshire, Isle of Wight, Portsmouth and Southampton\n"
    )
    good.write_text(text, encoding="utf-8")
    proc = mdformat("--check", str(good), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    mdformat(str(good), cwd=tmp_path)
    assert good.read_text(encoding="utf-8") == text


def test_spelling_is_british_and_free_of_typos():
    paths = [p for p in SPELL_PATHS if (ROOT / p).exists()]
    proc = codespell(*paths)
    assert proc.returncode == 0, (
        "Spelling problems (British English). Correct them, or add a correct word "
        "(a name or a place) to .codespell/words.txt:\n" + proc.stdout + proc.stderr)


@pytest.mark.parametrize("word, british", [
    ("organization", "organisation"), ("behavior", "behaviour"), ("center", "centre"),
    ("recognize", "recognise"), ("teh", "the"),
])
def test_spelling_check_flags_american_and_typos(tmp_path, word, british):
    page = tmp_path / "page.md"
    page.write_text(f"The {word} is here.\n", encoding="utf-8")
    proc = codespell(str(page))
    assert proc.returncode != 0 and british in proc.stdout, proc.stdout


@pytest.mark.parametrize("text", [
    "Practice guidance for the Isle of Wight.",       # British noun; a place name
    "The `titel` key is a deliberate typo in code.",  # code spans are not prose
    "the United Nations Convention against Transnational Organized Crime",
])
def test_spelling_check_leaves_correct_text_alone(tmp_path, text):
    page = tmp_path / "page.md"
    page.write_text(text + "\n", encoding="utf-8")
    proc = codespell(str(page))
    assert proc.returncode == 0, proc.stdout


def test_spelling_dictionary_matches_pinned_codespell():
    proc = run(sys.executable, str(ROOT / "scripts" / "spelling_dictionary.py"), "--check")
    assert proc.returncode == 0, proc.stderr
