"""The site built with Zensical (`make zensical`, into site-zensical/),
compared with the MkDocs build.

Zensical runs no MkDocs hooks and no mkdocs-static-i18n; kb/stage writes
docs/ out with their work done first (see DEVELOPING.md, "Building with
Zensical"). These tests show the Zensical site carries what the hooks add:

- no raw `<!-- kb:` marker and no raw `[^key]` citation in any page;
- per page, as many footnote references, tables and <abbr> as MkDocs makes;
- the review, translation, sign-off and last-updated notices where MkDocs has them;
- lang and dir right on Polish and Arabic pages;
- a non-empty search index per language;
- the CSP scan passes over the Zensical site;
- the build ran strict, and strict fails on a broken link.

`make test` runs `make zensical` first. Run on its own:
`make zensical && .venv/bin/python -m pytest tests/build/test_zensical.py`.
Without site-zensical/ the tests fail, unless KB_SKIP_ZENSICAL=1 says to
skip them (never in CI).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SITE = ROOT / "site-zensical"
STAGE = ROOT / "build" / "zensical"
VENV = ROOT / ".venv-zensical"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def zsite() -> Path:
    if not (SITE / "index.html").is_file():
        if os.environ.get("KB_SKIP_ZENSICAL") == "1":
            pytest.skip("site-zensical/ is not built and KB_SKIP_ZENSICAL=1 says to skip: "
                        "run `make zensical` to test the Zensical build")
        pytest.fail("site-zensical/ is not built: run `make zensical` first "
                    "(`make test` does), or set KB_SKIP_ZENSICAL=1 to skip these tests")
    return SITE


def pages(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in site.rglob("*.html"))


def content_pages(site: Path) -> list[Path]:
    """Pages that are built from docs/ (not redirects, not the 404 page)."""
    out = []
    for rel in pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text or rel.name == "404.html":
            continue
        out.append(rel)
    return out


def article(html: str) -> str:
    m = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    return m.group(1) if m else html


COUNTED = {
    "footnote references": r'<sup id="fnref[^"]*"',
    "tables": r"<table[\s>]",
    "abbreviations": r"<abbr[\s>]",
    "focusable abbreviations": r'<abbr tabindex="0"',
}

NOTICES = {
    "review line": "data-kb-review-line",
    "review banner": "data-kb-review-banner",
    "translation notice": '<aside class="kb-translation"',
    "sign-off": "data-kb-approval",
    "last updated": "data-kb-updated",
    "printable sheet": "data-kb-sheet",
    "English fallback": 'class="kb-lang-en"',
}


def test_every_mkdocs_page_is_built_by_zensical(zsite, built_site):
    missing = [str(p) for p in content_pages(built_site) if not (zsite / p).is_file()]
    assert not missing, f"pages MkDocs builds but Zensical does not: {missing}"


def test_no_raw_markers_or_citations(zsite):
    bad = []
    for rel in pages(zsite):
        text = article((zsite / rel).read_text(encoding="utf-8"))
        text = re.sub(r"<(code|pre)[^>]*>.*?</\1>", "", text, flags=re.S)
        for what, pattern in (("marker", r"<!--\s*kb:|&lt;!--\s*kb:|\u27e6kb-"),
                              ("citation", r"\[\^[a-z0-9][a-z0-9-]*\]")):
            for m in re.finditer(pattern, text):
                bad.append(f"{rel}: raw {what} {m.group(0)!r}")
    assert not bad, "\n".join(bad[:20])


@pytest.mark.parametrize("what", list(COUNTED))
def test_same_counts_per_page_as_mkdocs(zsite, built_site, what):
    pattern = COUNTED[what]
    differ, total = [], 0
    for rel in content_pages(built_site):
        mine = zsite / rel
        if not mine.is_file():
            continue
        expected = len(re.findall(pattern, article((built_site / rel).read_text(encoding="utf-8"))))
        found = len(re.findall(pattern, article(mine.read_text(encoding="utf-8"))))
        total += expected
        if expected != found:
            differ.append(f"{rel}: MkDocs {expected}, Zensical {found}")
    assert total > 0, f"the MkDocs site has no {what}: the comparison proves nothing"
    assert not differ, f"{what} differ:\n" + "\n".join(differ)


def test_cited_on_lists_match_mkdocs(zsite, built_site):
    """The all-sources page lists the pages citing each source (per language
    tree), as the MkDocs build does; no token is left in a page or search index."""
    pattern = re.compile(r"Cited on:.*?</p>", re.S)
    for folder in ("", "pl/", "ar/"):
        want = pattern.findall((built_site / f"{folder}sources.html").read_text(encoding="utf-8"))
        got = pattern.findall((zsite / f"{folder}sources.html").read_text(encoding="utf-8"))
        assert len(want) > 10 and got == want, folder
        assert "\u27e6" not in (zsite / folder / "search.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("what", list(NOTICES))
def test_notices_where_mkdocs_has_them(zsite, built_site, what):
    needle = NOTICES[what]
    differ, seen = [], 0
    for rel in content_pages(built_site):
        mine = zsite / rel
        if not mine.is_file():
            continue
        expected = needle in (built_site / rel).read_text(encoding="utf-8")
        seen += expected
        if expected != (needle in mine.read_text(encoding="utf-8")):
            differ.append(f"{rel}: MkDocs {'has' if expected else 'has no'} {what}")
    assert seen, f"no MkDocs page has a {what}: the comparison proves nothing"
    assert not differ, "\n".join(differ)


def test_translation_notice_text_matches_mkdocs(zsite, built_site):
    """The notices are the same text (ui-text.yml, in the page's language)."""
    pattern = re.compile(r'<aside class="kb-translation".*?</aside>', re.S)
    checked = 0
    for rel in content_pages(built_site):
        if rel.parts[0] not in ("pl", "ar") or not (zsite / rel).is_file():
            continue
        want = pattern.findall((built_site / rel).read_text(encoding="utf-8"))
        got = pattern.findall((zsite / rel).read_text(encoding="utf-8"))
        assert got == want, rel
        checked += bool(want)
    assert checked > 10


@pytest.mark.parametrize("lang,rtl", [("pl", False), ("ar", True)])
def test_language_and_direction(zsite, lang, rtl):
    checked = 0
    for rel in content_pages(zsite / lang):
        html = (zsite / lang / rel).read_text(encoding="utf-8")
        tag = re.search(r"<html[^>]*>", html).group(0)
        assert f'lang="{lang}"' in tag, f"{lang}/{rel}: {tag}"
        assert ('dir="rtl"' in tag) == rtl, f"{lang}/{rel}: {tag}"
        body = re.search(r"<body[^>]*>", html).group(0)
        assert ('dir="rtl"' in body) == rtl, f"{lang}/{rel}: {body}"
        checked += 1
    assert checked > 30


def test_english_pages_are_english(zsite):
    for rel in content_pages(zsite):
        if rel.parts[0] in ("pl", "ar"):
            continue
        tag = re.search(r"<html[^>]*>", (zsite / rel).read_text(encoding="utf-8")).group(0)
        assert 'lang="en"' in tag and "rtl" not in tag, f"{rel}: {tag}"


@pytest.mark.parametrize("folder", ["", "pl", "ar"])
def test_each_language_has_its_own_search_index(zsite, folder):
    index = json.loads((zsite / folder / "search.json").read_text(encoding="utf-8"))
    items = index.get("items") or index.get("docs") or []
    assert len(items) > 30, f"{folder or 'en'}: {len(items)} entries"
    locations = [i.get("location", "") for i in items]
    prefix = f"{folder}/" if folder else ""
    text = json.dumps(items, ensure_ascii=False)
    if folder == "pl":
        assert "Kontakty" in text
    if folder == "ar":
        assert "جهات الاتصال" in text
    # Each index is its own language's tree: no other language's pages in it
    assert not any(loc.startswith(("pl/", "ar/")) for loc in locations), prefix


def test_csp_scan_passes(zsite):
    """The same scan as the MkDocs build's (kb/site/csp.py), against the inline
    code Zensical's templates write, and the hashes it wrote match it."""
    from kb.postbuild.csp import read_hashes, scan_site, source_texts
    from kb.stage.postbuild import zensical_template_dirs

    hashes, errors = scan_site(zsite, source_texts(ROOT / "docs", str),
                               zensical_template_dirs(VENV, STAGE))
    assert not [e.format() for e in errors if e.severity == "error"]
    assert hashes.scripts, "no inline script found: the scan proves nothing"
    assert read_hashes(zsite).to_json() == hashes.to_json()


def test_no_file_loaded_from_another_host(zsite):
    bad = []
    for rel in pages(zsite):
        html = (zsite / rel).read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//[^"]+"',
                             html):
            if "<link" in m.group(0) and 'rel="stylesheet"' not in m.group(0) \
                    and 'rel="preload"' not in m.group(0) and "preconnect" not in m.group(0):
                continue
            bad.append(f"{rel}: {m.group(0)[:120]}")
    assert not bad, "\n".join(bad[:10])


def test_post_build_files_match_mkdocs(zsite, built_site):
    """review.json and the print manifests: the same as the MkDocs build's."""
    for name in ["review.json"] + [f"print/manifest.{lang}.json" for lang in ("en", "pl", "ar")]:
        mine = json.loads((zsite / name).read_text(encoding="utf-8"))
        theirs = json.loads((built_site / name).read_text(encoding="utf-8"))
        assert mine == theirs, name


def test_the_build_ran_strict_and_clean(zsite):
    """make zensical logs zensical-i18n's output: every language was built
    and Zensical's link validation found nothing."""
    log = (STAGE / "zensical-build.log").read_text(encoding="utf-8")
    for lang in ("en", "pl", "ar"):
        assert f"Building '{lang}'" in log
    assert log.count("No issues found") >= 3, log
    assert "issues found" not in log.replace("No issues found", ""), log
    config = (STAGE / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config
    assert "strict: true" in config


def test_strict_zensical_fails_on_a_broken_link(tmp_path):
    """The strict option as make zensical spells it really stops the build."""
    if not (VENV / "bin" / "zensical").is_file():
        pytest.fail("no .venv-zensical: run `make zensical-venv`")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[broken](missing.md)\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    env = {**os.environ, "NO_COLOR": "1"}
    cmd = [str(VENV / "bin" / "zensical"), "build", "--strict", "-f", "mkdocs.yml"]
    proc = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode != 0, proc.stdout + proc.stderr
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    shutil.rmtree(tmp_path / "site", ignore_errors=True)
    proc = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
