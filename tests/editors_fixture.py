"""A copy of the project with a short, dated git history, for the editors' tests.

`make_history_project(dest)` copies what a build needs (docs/, kb/, kb_mkdocs/,
overrides/, mkdocs.yml, DEVELOPING.md) into *dest*, then commits three times
with fixed dates:

1. 10 January 2026: everything, as it is now.
2. 3 February 2026: a redirect `old-signs.md` -> `signs.md` in
   docs/_data/redirects.yml.
3. 4 March 2026: a new page made by scripts/new_page.py (no edits).

`shallow_clone(src, dest, depth)` clones it with `git clone --depth`, as a CI
checkout does: with depth 2, commit 2 is the shallow boundary and only
commit 3 is a trustworthy change.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ("docs", "kb", "kb_mkdocs", "overrides", "mkdocs.yml", "DEVELOPING.md")
NEW_TITLE = "Exploitation in sport and leisure"
NEW_PAGE = "worried/exploitation-in-sport-and-leisure.md"
DATES = ("2026-01-10T09:00:00+00:00", "2026-02-03T09:00:00+00:00", "2026-03-04T09:00:00+00:00")


def git(cwd: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test Editor", "GIT_AUTHOR_EMAIL": "editor@example.invalid",
           "GIT_COMMITTER_NAME": "Test Editor", "GIT_COMMITTER_EMAIL": "editor@example.invalid"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def make_history_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    cache = ROOT / ".cache" / "flowchart"
    if cache.is_dir():  # Graphviz layouts: a cache only, speeds the build up
        shutil.copytree(cache, dest / ".cache" / "flowchart")
    (dest / ".gitignore").write_text(".cache/\nsite/\n__pycache__/\n", encoding="utf-8")
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "Start", date=DATES[0])

    redirects = dest / "docs" / "_data" / "redirects.yml"
    redirects.write_text("redirects:\n  - from: old-signs.md\n    to: signs.md\n", encoding="utf-8")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "Redirect the old signs page", date=DATES[1])

    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "new_page.py"), "--root", str(dest),
                           "--title", NEW_TITLE, "--section", "worried", "--today", "2026-03-04"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"new_page.py failed: {proc.stdout}{proc.stderr}")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "Add a page on exploitation in sport",
        "-m", "Change-note: New page on exploitation in sport.", date=DATES[2])
    return dest


def shallow_clone(src: Path, dest: Path, depth: int) -> Path:
    proc = subprocess.run(["git", "clone", "-q", f"--depth={depth}", src.resolve().as_uri(), str(dest)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"git clone failed: {proc.stderr}")
    cache = src / ".cache"
    if cache.is_dir():
        shutil.copytree(cache, dest / ".cache")
    return dest
