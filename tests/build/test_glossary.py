"""The glossary: one data file drives the glossary page, the abbreviations on
every page (hover and keyboard focus), and a non-failing build warning for
abbreviations missing from the glossary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from kb.data import glossary as g

ROOT = Path(__file__).resolve().parents[2]
from tests.unit.test_glossary import GLOSSARY, GOOD  # noqa: E402  (one copy of the fixture)


# --- data file ---------------------------------------------------------------













# --- rendering ---------------------------------------------------------------















# --- the built site ------------------------------------------------------------

def _abbrs(path: Path):
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return soup.select("article abbr")


def test_glossary_page_lists_every_term_with_a_working_link(built_site):
    entries, _ = g.load_glossary(GLOSSARY)
    soup = BeautifulSoup((built_site / "glossary.html").read_text(encoding="utf-8"), "lxml")
    terms = [dt.get_text(strip=True) for dt in soup.select("article dl dt")]
    assert sorted(terms, key=str.casefold) == sorted((e.term for e in entries), key=str.casefold)
    for dt in soup.select("article dl dt"):
        dd = dt.find_next_sibling("dd")
        link = dd.find("a", href=True)
        assert link is not None, f"no link for {dt.get_text()}"
        target = (built_site / link["href"].split("#")[0]).resolve()
        assert target.is_file(), f"{dt.get_text()} links to a missing page {link['href']}"


def test_terms_expand_on_every_page_and_are_focusable(built_site):
    entries, _ = g.load_glossary(GLOSSARY)
    expansions = {e.term: " ".join(e.expansion.split()) for e in entries}
    pages = [p for p in built_site.glob("**/*.html")
             if not p.relative_to(built_site).parts[0] in ("pl", "ar", "assets")]
    seen: set[str] = set()
    for page in pages:
        for abbr in _abbrs(page):
            term = abbr.get_text()
            assert abbr.get("title") == expansions.get(term), f"{page}: {term}"
            interactive = any(p.name in g.INTERACTIVE for p in abbr.parents)
            assert (abbr.get("tabindex") == "0") != interactive, f"{page}: {abbr}"
            seen.add(term)
    # Most terms are used somewhere in the text, and all of them expand there.
    assert len(seen) >= len(expansions) // 2
    nrm = _abbrs(built_site / "worried" / "trafficking-nrm.html")
    assert any(a.get_text() == "NRM" for a in nrm)


def test_missing_abbreviation_warns_but_does_not_fail_the_build(tmp_path):
    (tmp_path / "docs" / "_data").mkdir(parents=True)
    (tmp_path / "docs" / "_data" / "glossary.yml").write_text(GOOD.replace(
        "worried/trafficking-nrm.md", "index.md").replace("understanding/cse.md", "glossary.md"))
    (tmp_path / "docs" / "index.md").write_text(
        "# Home\n\nThe NRM.\n\nAsk the QQZ team.\n", encoding="utf-8")
    (tmp_path / "docs" / "glossary.md").write_text("# Glossary\n\n<!-- kb:glossary -->\n")
    config = {
        "site_name": "t", "docs_dir": "docs", "strict": True, "use_directory_urls": False,
        "exclude_docs": "_data/\n", "markdown_extensions": ["abbr", "def_list", "attr_list"],
        "hooks": [str(ROOT / "kb_mkdocs" / "hooks.py")], "extra": {"kb_steps": ["glossary"]},
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "docs/index.md:5: the abbreviation 'QQZ' is not in the glossary" in log
    assert "'NRM'" not in log
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<abbr tabindex="0" title="National Referral Mechanism">NRM</abbr>' in html
    glossary = (tmp_path / "site" / "glossary.html").read_text(encoding="utf-8")
    assert 'href="index.html"' in glossary


@pytest.mark.parametrize("broken", ["page: nowhere.md"])
def test_glossary_link_to_missing_page_fails_the_build(tmp_path, broken):
    (tmp_path / "docs" / "_data").mkdir(parents=True)
    (tmp_path / "docs" / "_data" / "glossary.yml").write_text(
        GOOD.replace("page: worried/trafficking-nrm.md", broken)
            .replace("understanding/cse.md", "index.md"))
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nText.\n")
    config = {"site_name": "t", "docs_dir": "docs", "strict": True,
              "exclude_docs": "_data/\n", "markdown_extensions": ["abbr"],
              "hooks": [str(ROOT / "kb_mkdocs" / "hooks.py")], "extra": {"kb_steps": ["glossary"]}}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True)
    assert proc.returncode != 0
    assert "docs/_data/glossary.yml:4: 'NRM' links to 'nowhere.md'" in proc.stdout + proc.stderr
