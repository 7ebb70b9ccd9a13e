"""scripts/build.py: a failed build leaves the last good site exactly as it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.build.test_bad_input import make_site
from tests.conftest import ROOT

BUILD = ROOT / "scripts" / "build.py"


def run_build(config: Path, dest: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BUILD), "-f", str(config), "-d", str(dest), *extra],
                          capture_output=True, text=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_help():
    proc = subprocess.run([sys.executable, str(BUILD), "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "-d" in proc.stdout and "-f" in proc.stdout


def test_failed_build_leaves_last_good_site_byte_for_byte(tmp_path):
    site = make_site(tmp_path, None)
    dest = tmp_path / "public" / "site"
    good = run_build(site / "mkdocs.yml", dest)
    assert good.returncode == 0, good.stdout + good.stderr
    before = snapshot(dest)
    assert "page.html" in before

    # An editor breaks a page: the build must fail and leave site/ untouched.
    page = site / "docs" / "page.md"
    page.write_text(page.read_text() + "\nA fact.[^no-such-source]\n\n<script>x()</script>\n")
    bad = run_build(site / "mkdocs.yml", dest)
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0
    assert "docs/page.md:" in output and "no-such-source" in output  # errors are printed
    assert "left exactly as it was" in output
    assert snapshot(dest) == before
    # No temporary folders are left behind.
    assert sorted(p.name for p in dest.parent.iterdir()) == ["site"]


def test_quiet_build_still_fails_on_warnings(tmp_path):
    site = make_site(tmp_path, "broken-link")
    dest = tmp_path / "site"
    proc = run_build(site / "mkdocs.yml", dest, "-q")
    assert proc.returncode != 0
    assert "The link `sings.md`" in proc.stderr
    assert "INFO" not in proc.stderr
    assert not dest.exists()


def test_successful_build_replaces_the_site(tmp_path):
    site = make_site(tmp_path, None)
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "stale.html").write_text("old")
    proc = run_build(site / "mkdocs.yml", dest)
    assert proc.returncode == 0, proc.stderr
    assert not (dest / "stale.html").exists()
    assert (dest / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".build-tmp", "site."))) == []
