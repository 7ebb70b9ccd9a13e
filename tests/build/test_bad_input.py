"""The bad-input corpus: break the fixture site as an editor would, and check
that the strict build fails with the right file, line and message, and
leaves the last good site/ exactly as it was.

Each folder in tests/fixtures/bad/ holds the files that replace or join those
of tests/fixtures/good/ and an expect.yml listing the errors. The same cases
also run through scripts/check_content.py, which must report the same thing
without MkDocs, each message once and in plain words.

expect.yml may also say
- `steps: [contacts, ...]`: steps (kb_mkdocs/hooks.py STEPS) the case needs besides the
  fixture's own (added before kb/data/sources.py);
- `build: false`: check the case with scripts/check_content.py only (CPU is
  scarce; a few representative cases of each family go through the build).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kb.checks.content import check_tree, read_config
from kb.core.messages import BY_CODE
from tests.conftest import ROOT, build_site

FIXTURES = ROOT / "tests" / "fixtures"
BASE = FIXTURES / "good"
BAD = FIXTURES / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if (p / "expect.yml").is_file())


def settings(case: str) -> dict:
    return yaml.safe_load((BAD / case / "expect.yml").read_text())


BUILD_CASES = [c for c in CASES if settings(c).get("build", True)]
#: Pydantic's and PyYAML's own wording, which editors must never see.
LEAKS = ("Input should", "String should", "validation error", "pydantic", "Value error",
         "Traceback", "yaml.", "ValueError", "UnicodeDecodeError", "TemplateNotFound",
         "For further information")


def make_site(tmp: Path, case: str | None) -> Path:
    """Copy the good fixture site, apply one bad case, point it at our hooks."""
    site = tmp / "fixture"
    shutil.copytree(BASE, site)
    config = site / "mkdocs.yml"  # a case may bring its own (more hooks)
    if case:
        for src in (BAD / case).rglob("*"):
            if src.is_symlink():  # kept as a link, as an editor's commit would
                dest = site / src.relative_to(BAD / case)
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.symlink(os.readlink(src), dest)
            elif src.is_file() and src.name != "expect.yml":
                dest = site / src.relative_to(BAD / case)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, dest)
        extra = "".join(f"{name}, " for name in settings(case).get("steps", []))
        text = config.read_text()
        config.write_text(text.replace("kb_steps: [content, ", "kb_steps: [content, " + extra))
    config.write_text(config.read_text().replace("../../../kb_mkdocs/", f"{ROOT}/kb_mkdocs/"))
    return site


def expected(case: str) -> list[dict]:
    return settings(case)["errors"]


def last_good_site(site: Path) -> dict[str, bytes]:
    """A stand-in for the last good site/, to show that a failed run leaves it alone."""
    out = site / "site"
    out.mkdir()
    (out / "index.html").write_text("<p>The last good build.</p>\n")
    return snapshot(out)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_plain_and_once(output: str) -> None:
    """No message twice, and nothing of pydantic's or PyYAML's own wording."""
    messages = [line for line in output.splitlines() if line.startswith(("docs/", "WARNING"))
                and ": " in line]
    repeated = {m for m in messages if messages.count(m) > 1}
    assert not repeated, f"printed more than once: {sorted(repeated)}"
    for leak in LEAKS:
        assert leak not in output, f"{leak!r} reached the editor:\n{output}"


def static_prefix(template: str) -> str:
    return template.split("{", 1)[0]


def assert_reported(output: str, exp: dict) -> None:
    """The output has a message line `file:line: ...text...` followed by its fix."""
    where = f"{exp['file']}:{exp['line']}: " if exp["line"] else f"{exp['file']}: "
    lines = output.splitlines()
    hits = [i for i, line in enumerate(lines) if where in line and exp["text"] in line]
    assert hits, f"expected {where!r} with {exp['text']!r} in:\n{output}"
    fix = "How to fix: " + (exp.get("fix") or static_prefix(BY_CODE[exp["code"]].fix))
    assert any(i + 1 < len(lines) and fix in lines[i + 1] for i in hits), \
        f"expected the fix {fix!r} after {where!r} in:\n{output}"


def test_good_fixture_builds(tmp_path):
    site = make_site(tmp_path, None)
    proc = build_site(tmp_path / "out", site / "mkdocs.yml", check=False)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "out" / "page.html").read_text()
    assert "Serious Violence Strategy" in html  # citation filled from the registry


def build_fixture(site: Path) -> tuple[subprocess.CompletedProcess, str]:
    """Build a fixture site the way editors do (scripts/build.py, strict, atomic)."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "-f", str(site / "mkdocs.yml"),
         "-d", str(site / "site")],
        capture_output=True, text=True, cwd=site, timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return proc, proc.stdout + proc.stderr


@pytest.mark.parametrize("case", BUILD_CASES)
def test_bad_input_fails_build_with_file_line_and_message(tmp_path, case):
    site = make_site(tmp_path, case)
    before = last_good_site(site)
    proc, output = build_fixture(site)
    assert proc.returncode != 0, f"{case}: the build should fail:\n{output}"
    assert "Aborted with" in output
    for exp in expected(case):
        assert_reported(output, exp)
    assert snapshot(site / "site") == before, "a failed build must leave site/ as it was"
    assert_plain_and_once(output)
    for path in settings(case).get("absent", []):
        assert not (site / "site" / path).exists(), f"{case}: {path} must not be built"


@pytest.mark.parametrize("case", CASES)
def test_check_content_reports_the_same_without_mkdocs(tmp_path, case):
    site = make_site(tmp_path, case)
    before = last_good_site(site)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_content.py"), str(site / "docs"),
         "-f", str(site / "mkdocs.yml")],
        capture_output=True, text=True, cwd=site, timeout=60)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for exp in expected(case):
        assert_reported(proc.stdout, exp)
    assert_plain_and_once(proc.stdout + proc.stderr)
    assert snapshot(site / "site") == before


def test_several_errors_are_all_reported_in_one_run(tmp_path):
    site = make_site(tmp_path, "several-errors")
    proc = build_site(tmp_path / "out", site / "mkdocs.yml", check=False)
    output = proc.stdout + proc.stderr
    exp = expected("several-errors")
    assert len(exp) >= 5
    for e in exp:
        assert_reported(output, e)
    # Two files, every error counted by strict mode.
    assert proc.returncode != 0


def test_check_tree_matches_the_good_fixture(tmp_path):
    site = make_site(tmp_path, None)
    problems = check_tree(site / "docs", site, read_config(site / "mkdocs.yml").get("nav"))
    assert [p for p in problems if p.severity == "error"] == []


def test_unused_source_is_a_warning_not_a_failure(tmp_path):
    site = make_site(tmp_path, None)
    reg = site / "docs" / "_data" / "sources.yml"
    reg.write_text(reg.read_text() + """
- key: never-cited
  title: An uncited report
  publisher: Nobody
  date: 2020
  url: https://example.org/report
  checked:
    method: not-checked
""")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs.yml"),
         "-d", str(tmp_path / "out")],
        capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin"})
    assert proc.returncode == 0, proc.stderr
    assert "Source `never-cited` is not cited on any page." in proc.stderr


def test_a_link_to_a_folder_stops_the_build_before_mkdocs_walks_it(tmp_path):
    """Issue 15: MkDocs follows links to folders, and a link to a folder above
    is a loop of copies. The build lists the errors and stops before reading
    the pages (the link is made here: a looping link in the repository would
    trip up other tools)."""
    site = make_site(tmp_path, None)
    (site / "docs" / "understanding").mkdir()
    os.symlink("..", site / "docs" / "understanding" / "up")
    before = last_good_site(site)
    proc, output = build_fixture(site)
    assert proc.returncode != 0, output
    assert_reported(output, {"file": "docs/understanding/up", "line": None,
                             "code": "symlink-inside", "text": "is a symbolic link to `..`"})
    assert "The build stopped before reading the pages" in output
    assert "understanding/up/" not in output  # nothing was read through the link
    assert snapshot(site / "site") == before
    assert_plain_and_once(output)
