"""Shared fixtures. Add fixtures here; do not remove others'."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = DOCS / "_data"


@pytest.fixture(autouse=True)
def _report_every_message_afresh():
    """kb.core.errors.report says each message once per build; each test is a new one."""
    from kb.core.errors import reset_reported
    reset_reported()
    yield


def build_site(dest: Path, config: Path | None = None, env: dict | None = None,
               check: bool = True) -> subprocess.CompletedProcess:
    """Build the site with `mkdocs build --strict` into *dest*."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    # No -q: with -q MkDocs drops warnings before its strict counter sees them,
    # so `--strict -q` passes a build that has warnings.
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict",
           "-f", str(config or ROOT / "mkdocs.yml"), "-d", str(dest)]
    proc = subprocess.run(cmd, cwd=ROOT, env=full_env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def render_print(site: Path) -> Path:
    """Run `scripts/render_print.py` on a built *site* (PDFs and thumbnails), as `make print` does."""
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/render_print.py"), "--site", str(site)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, f"render_print.py failed:\n{proc.stdout}\n{proc.stderr}"
    return site


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium for the whole test session.

    Playwright's sync API cannot start while another sync instance is running,
    so every test folder (browser and build) shares this one.
    """
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from kb.postbuild.print_pdf import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session (strict), shared by every
    test folder that reads it.

    `make test` has just built it into site/ with the same environment
    (`make build`), and says so with KB_BUILT_SITE=site: then that build is
    used instead of a second one. Without it (pytest run by hand) it is built
    here, so a test never reads a stale site/.
    """
    prebuilt = os.environ.get("KB_BUILT_SITE")
    if prebuilt:
        site = (ROOT / prebuilt).resolve()
        assert (site / "index.html").is_file(), (
            f"KB_BUILT_SITE={prebuilt} has no index.html: run `make build` first, "
            "or unset KB_BUILT_SITE to build the site in the tests")
        return site
    dest = tmp_path_factory.mktemp("built") / "site"
    build_site(dest)
    return dest


def build_day(site: Path) -> dict[str, str]:
    """The environment that builds the site as it was on the day *site* was
    built (KB_TODAY and SOURCE_DATE_EPOCH), so another build can be compared
    with it byte for byte even across midnight."""
    import datetime as dt

    built = int((site / "index.html").stat().st_mtime)
    return {"SOURCE_DATE_EPOCH": str(built),
            "KB_TODAY": dt.datetime.fromtimestamp(built, dt.timezone.utc).date().isoformat()}


@pytest.fixture(scope="session")
def review_fixture_site(tmp_path_factory):
    """A small site with an overdue page, built as if on 21 November 2026.

    Returns (site folder, build process) so tests can read the build log.
    See tests/review_fixture.py.
    """
    from tests.review_fixture import BUILD_DAY, write_review_fixture
    project = tmp_path_factory.mktemp("review-fixture")
    config = write_review_fixture(project)
    dest = project / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(dest)],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_TODAY": BUILD_DAY})
    assert proc.returncode == 0, f"fixture build failed:\n{proc.stdout}\n{proc.stderr}"
    return dest, proc


@pytest.fixture(scope="session")
def editors_history_site(tmp_path_factory):
    """A shallow clone (depth 2) of a dated copy of the project, built strict.

    See tests/editors_fixture.py. Returns (project, clone, site folder).
    """
    from tests.editors_fixture import make_history_project, shallow_clone
    base = tmp_path_factory.mktemp("editors-history")
    project = make_history_project(base / "project")
    clone = shallow_clone(project, base / "clone", depth=2)
    dest = clone / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(clone / "mkdocs.yml"),
         "-d", str(dest)],
        cwd=clone, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, f"shallow-clone build failed:\n{proc.stdout}\n{proc.stderr}"
    return project, clone, dest
