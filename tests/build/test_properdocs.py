"""ProperDocs parity: ProperDocs 1.6.7 builds this project unchanged.

ProperDocs is a maintained continuation of MkDocs 1.6. This test builds the
real site twice, with `properdocs build --strict -f mkdocs.yml` (from
.venv-properdocs, pinned in requirements-properdocs.txt) and with the default
`mkdocs build --strict` (from .venv), with the same environment, and shows:

- the ProperDocs venv holds exactly the pinned packages, ProperDocs 1.6.7
  and no real MkDocs, so the build ran on ProperDocs alone;
- both builds write the same files;
- every HTML page, in every language, is identical apart from the one
  `<meta name="generator">` line, whose two values are checked exactly;
- every other file is identical byte for byte;
- the ProperDocs build logs no warning apart from one known, harmless one.

`make test` makes the venv first (`make properdocs-venv`). Run on its own:
`make properdocs-venv && .venv/bin/python -m pytest tests/build/test_properdocs.py`.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.conftest import build_day  # noqa: E402

pytestmark = pytest.mark.slow

VENV = ROOT / ".venv-properdocs"
VENV_PY = VENV / "bin" / "python"
PROPERDOCS = VENV / "bin" / "properdocs"
REQUIREMENTS = ROOT / "requirements-properdocs.txt"
PINNED = "1.6.7"

# The generator line as each engine writes it (Material's base.html:
# content="mkdocs-{{ mkdocs_version }}, mkdocs-material-<version>"). Only a
# line with exactly these contents is normalised; any other difference fails.
GENERATOR_LINE = re.compile(r'^(\s*)<meta name="generator" content="([^"]*)">\s*$')
MKDOCS_GENERATOR = f"mkdocs-{version('mkdocs')}, mkdocs-material-{version('mkdocs-material')}"
PROPERDOCS_GENERATOR = f"mkdocs-ProperDocs {PINNED}, mkdocs-material-{version('mkdocs-material')}"

# mkdocs-static-i18n logs this when it is imported, before the strict counter
# starts: it lists lunr.js languages from the files of the `mkdocs`
# distribution, which this venv does not have, and falls back to a built-in
# list. test_the_known_warning_is_harmless shows the two lists are the same.
KNOWN_WARNING = "WARNING -  mkdocs_static_i18n: Unable to detect lunr languages from mkdocs distribution"

SHOWN_FILES = 10  # how many differing files a failure shows in full
SHOWN_LINES = 20  # how many diff lines per file
SHOWN_WIDTH = 240  # how many characters of a long diff line


def need_venv() -> None:
    """Fail (never skip) when the ProperDocs venv is missing."""
    if not PROPERDOCS.exists():
        pytest.fail(f"The ProperDocs venv is missing: {PROPERDOCS} does not exist. "
                    "Run `make properdocs-venv` (`make test` does it first); it installs "
                    "requirements-properdocs.txt into .venv-properdocs/.")


def venv_run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_PY), *args], cwd=ROOT, capture_output=True, text=True)


def pins(path: Path) -> dict[str, str]:
    """{normalised name: version} of the `name==version` lines of a requirements file."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, ver = line.partition("==")
            out[re.sub(r"[-_.]+", "-", name).lower()] = ver
    return out


@pytest.fixture(scope="module")
def both_sites(tmp_path_factory, built_site):
    """(mkdocs site, properdocs site, properdocs log).

    The MkDocs side is the session's build of the real site (shared with the
    other test folders); ProperDocs builds with KB_TODAY and
    SOURCE_DATE_EPOCH set to the day that build was made, so a run that
    crosses midnight does not show a date change as a difference.
    """
    need_venv()
    env = build_day(built_site)
    base = tmp_path_factory.mktemp("properdocs")
    mkdocs_site, properdocs_site = built_site, base / "properdocs"
    proc = subprocess.run(
        [str(PROPERDOCS), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(properdocs_site)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env})
    assert proc.returncode == 0, f"properdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    return mkdocs_site, properdocs_site, proc.stdout + proc.stderr


def test_the_venv_has_exactly_the_pins_and_no_mkdocs():
    need_venv()
    proc = subprocess.run([str(PROPERDOCS), "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and f"version {PINNED}" in proc.stdout, (
        f"`properdocs --version` should say {PINNED}:\n{proc.stdout}{proc.stderr}")
    freeze = venv_run("-m", "pip", "freeze", "--all", "--exclude", "pip", "--exclude", "setuptools",
                      "--exclude", "wheel")
    assert freeze.returncode == 0, freeze.stderr
    installed = {re.sub(r"[-_.]+", "-", n).lower(): v for n, _, v in
                 (line.partition("==") for line in freeze.stdout.split())}
    assert "mkdocs" not in installed, "the real MkDocs is in .venv-properdocs: the build must not use it"
    assert installed == pins(REQUIREMENTS), (
        ".venv-properdocs does not hold exactly requirements-properdocs.txt; remove it and run "
        f"`make properdocs-venv`.\ninstalled: {installed}\npinned: {pins(REQUIREMENTS)}")
    # The pinned list is complete: pip finds nothing missing but mkdocs itself,
    # which ProperDocs provides (it answers `import mkdocs`).
    check = venv_run("-m", "pip", "check")
    problems = [line for line in check.stdout.splitlines()
                if line.strip() and not line.endswith("requires mkdocs, which is not installed.")]
    assert not problems, "requirements-properdocs.txt misses a dependency:\n" + "\n".join(problems)


def test_the_pins_are_the_main_venvs_pins():
    main = pins(ROOT / "requirements.txt")
    ours = pins(REQUIREMENTS)
    assert ours.pop("properdocs") == PINNED
    assert "mkdocs" not in ours
    different = {name: (ver, main.get(name)) for name, ver in ours.items() if main.get(name) != ver}
    assert not different, f"pins that differ from requirements.txt (ours, main): {different}"


def test_properdocs_build_logs_no_other_warning(both_sites):
    _, _, log = both_sites
    warnings = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert [w for w in warnings if w != KNOWN_WARNING] == [], "\n".join(warnings)


def test_the_known_warning_is_harmless():
    """mkdocs-static-i18n's fallback list of lunr.js languages is the list it
    reads from MkDocs 1.6.1's files, so search is set up the same."""
    need_venv()
    code = ("import json, properdocs.replacement\n"
            "from mkdocs_static_i18n.reconfigure import LUNR_LANGUAGES\n"
            "print(json.dumps(sorted(LUNR_LANGUAGES)))")
    proc = venv_run("-c", code)
    assert proc.returncode == 0, proc.stderr
    from mkdocs_static_i18n.reconfigure import LUNR_LANGUAGES  # from MkDocs' files, in .venv
    assert json.loads(proc.stdout) == sorted(LUNR_LANGUAGES)


#: What scripts/render_print.py adds to a built site (make test builds the
#: shared site through `make print`): not written by either builder.
PRINT_OUTPUT = "print/pdf/"


def files(site: Path) -> set[str]:
    return {rel for p in site.rglob("*") if p.is_file()
            and not (rel := p.relative_to(site).as_posix()).startswith(PRINT_OUTPUT)}


def test_both_builds_write_the_same_files(both_sites):
    mkdocs_site, properdocs_site, _ = both_sites
    ours, theirs = files(mkdocs_site), files(properdocs_site)
    assert ours == theirs, (f"only MkDocs wrote: {sorted(ours - theirs)}\n"
                            f"only ProperDocs wrote: {sorted(theirs - ours)}")


def normalise(text: str, generator: str) -> tuple[list[str], int]:
    """The page's lines with the generator line replaced, if it says exactly
    *generator*; and how many lines were replaced."""
    lines, replaced = [], 0
    for line in text.splitlines(keepends=True):
        match = GENERATOR_LINE.match(line)
        if match and match.group(2) == generator:
            line = f'{match.group(1)}<meta name="generator" content="(generator)">\n'
            replaced += 1
        lines.append(line)
    return lines, replaced


def short_diff(a: list[str], b: list[str], page: str) -> str:
    """A unified diff of the page, each long line cut to a window around the
    first character where the two versions differ."""
    diff = list(difflib.unified_diff(a, b, f"mkdocs/{page}", f"properdocs/{page}", n=0))[:SHOWN_LINES]
    changed = [line[1:] for line in diff[2:] if line[:1] in "-+"]
    start = 0
    if len(changed) >= 2:
        start = len(os.path.commonprefix(changed[:2]))
    out = []
    for line in diff:
        if len(line) > SHOWN_WIDTH:
            lo = max(0, min(start, len(line)) - SHOWN_WIDTH // 3)
            line = line[:1] + ("…" if lo > 1 else "") + line[max(lo, 1):lo + SHOWN_WIDTH].rstrip("\n") + "…\n"
        out.append(line)
    return "".join(out)


def test_every_page_is_identical_apart_from_the_generator_line(both_sites):
    mkdocs_site, properdocs_site, _ = both_sites
    pages = sorted(p for p in files(mkdocs_site) & files(properdocs_site) if p.endswith(".html"))
    locales = re.findall(r"^\s*- locale: (\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    by_lang: dict[str, int] = {}
    differing, generators = [], 0
    for page in pages:
        ours = (mkdocs_site / page).read_text(encoding="utf-8")
        theirs = (properdocs_site / page).read_text(encoding="utf-8")
        lang = re.search(r'<html[^>]*\blang="([^"]+)"', ours)
        if lang:
            by_lang[lang.group(1)] = by_lang.get(lang.group(1), 0) + 1
        a, n_ours = normalise(ours, MKDOCS_GENERATOR)
        b, n_theirs = normalise(theirs, PROPERDOCS_GENERATOR)
        generators += min(n_ours, n_theirs)
        if a != b:
            differing.append(short_diff(a, b, page))
    assert pages, "no HTML pages were built"
    assert sorted(by_lang) == sorted(locales), (
        f"pages compared per language {by_lang}; mkdocs.yml builds {locales}")
    assert generators, "no page had the expected generator lines: was the generator line renamed?"
    assert not differing, (
        f"{len(differing)} of {len(pages)} pages differ apart from the generator line "
        f"(the first {min(len(differing), SHOWN_FILES)} shown; \"(generator)\" stands for the "
        f"expected generator line, {MKDOCS_GENERATOR!r} or {PROPERDOCS_GENERATOR!r}):\n"
        + "\n".join(differing[:SHOWN_FILES]))


def test_every_other_file_is_identical(both_sites):
    mkdocs_site, properdocs_site, _ = both_sites
    others = sorted(p for p in files(mkdocs_site) & files(properdocs_site) if not p.endswith(".html"))
    differing = [p for p in others
                 if (mkdocs_site / p).read_bytes() != (properdocs_site / p).read_bytes()]
    assert others
    assert not differing, f"{len(differing)} of {len(others)} other files differ: {differing[:50]}"
