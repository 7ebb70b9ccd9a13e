"""Unit tests of kb/pagemeta/freshness.py, with real git repositories where git matters."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from kb.pagemeta.freshness import (
    FIELD, RECORD, Commit, History, last_changed, load_redirects, parse_git_log,
    read_history, recent_changes, redirect_html, render_changes, updated_for,
)
from tests.editors_fixture import git


def log_text(*commits):
    out = []
    for sha, parents, day, subject, files in commits:
        out.append(f"{RECORD}{sha}{FIELD}{parents}{FIELD}{day}{FIELD}{subject}\n\n" + "\n".join(files) + "\n")
    return "".join(out)


def test_parse_git_log_strips_prefix_and_drops_other_paths():
    text = log_text(("b" * 40, "a" * 40, "2026-03-04", "Second", ["docs/signs.md", "README.md"]),
                    ("a" * 40, "", "2026-01-10", "First", ["docs/index.md", "docs/_data/contacts.yml"]))
    commits = parse_git_log(text, "docs/")
    assert [c.subject for c in commits] == ["Second", "First"]
    assert commits[0].files == ("signs.md",)
    assert commits[0].parents == ("a" * 40,)
    assert commits[1].parents == ()
    assert commits[1].files == ("index.md", "_data/contacts.yml")


def test_newest_commit_wins_and_boundary_is_untrusted_only_when_shallow():
    commits = (Commit("c", ("b",), date(2026, 3, 4), "three", ("a.md",)),
               Commit("b", (), date(2026, 2, 3), "two", ("a.md", "b.md")))
    full = last_changed(History(commits, shallow=False, available=True))
    assert full == {"a.md": date(2026, 3, 4), "b.md": date(2026, 2, 3)}
    shallow = last_changed(History(commits, shallow=True, available=True))
    assert shallow == {"a.md": date(2026, 3, 4), "b.md": None}


def test_updated_for_fallbacks():
    dates = {"a.md": date(2026, 3, 4), "b.md": None}
    assert updated_for("a.md", dates, {"last_reviewed": "2025-01-01"}).source == "git"
    fb = updated_for("b.md", dates, {"last_reviewed": date(2025, 1, 1)})
    assert (fb.source, fb.day) == ("reviewed", date(2025, 1, 1))
    assert updated_for("c.md", dates, {}).source == "none"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """docs/a.md (10 Jan), docs/b.md (3 Feb), docs/a.md again (4 Mar)."""
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "docs" / "a.md").write_text("one\n")
    (root / "outside.md").write_text("not docs\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Add a", date="2026-01-10T10:00:00+00:00")
    (root / "docs" / "b.md").write_text("two\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Add b", date="2026-02-03T10:00:00+00:00")
    (root / "docs" / "a.md").write_text("one, changed\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Change a", date="2026-03-04T10:00:00+00:00")
    return root


def test_real_git_full_history(repo):
    history = read_history(repo / "docs")
    assert history.available and not history.shallow
    assert last_changed(history) == {"a.md": date(2026, 3, 4), "b.md": date(2026, 2, 3)}


@pytest.mark.parametrize("depth, expected", [
    (1, {"a.md": None, "b.md": None}),                    # one boundary commit lists every file
    (2, {"a.md": date(2026, 3, 4), "b.md": None}),        # b is only in the boundary
    (3, {"a.md": date(2026, 3, 4), "b.md": date(2026, 2, 3)}),
])
def test_real_shallow_clone(repo, tmp_path, depth, expected):
    clone = tmp_path / f"clone{depth}"
    subprocess.run(["git", "clone", "-q", f"--depth={depth}", repo.as_uri(), str(clone)], check=True)
    history = read_history(clone / "docs")
    assert history.shallow is True
    assert last_changed(history) == expected


def test_no_git_means_not_available(tmp_path):
    (tmp_path / "docs").mkdir()
    history = read_history(tmp_path / "docs")
    assert not history.available and last_changed(history) == {}
    out = render_changes([], "changes.md", history, str)
    assert "not available" in out


def test_recent_changes_maps_data_files_and_skips_boundary_and_translations():
    commits = (
        Commit("c", ("b",), date(2026, 3, 4), "New numbers", ("_data/contacts.yml", "signs.pl.md")),
        Commit("b", ("a",), date(2026, 3, 4), "Clearer signs", ("signs.md", "gone.md")),
        Commit("a", (), date(2026, 1, 1), "Start", ("index.md",)),
    )
    titles = {"signs.md": "Signs", "contacts.md": "Contacts", "index.md": "Home",
              "signs.pl.md": "Oznaki"}
    data = {"_data/contacts.yml": ["contacts.md"]}
    changes = recent_changes(History(commits, shallow=True, available=True), titles, data)
    assert [(c.path, c.summaries) for c in changes] == [
        ("contacts.md", ("New numbers",)), ("signs.md", ("Clearer signs",))]
    full = recent_changes(History(commits, shallow=False, available=True), titles, data)
    assert [c.path for c in full] == ["contacts.md", "signs.md", "index.md"]
    limited = recent_changes(History(commits, shallow=False, available=True), titles, data, limit=1)
    assert len(limited) == 1


def test_render_changes_links_relative_to_the_page_and_escapes():
    from kb.pagemeta.freshness import Change
    changes = [Change(date(2026, 3, 4), "worried/missing.md", "Missing children", ("Fix *typo* [x]",))]
    out = render_changes(changes, "about/changes.md", History((), False, True), lambda d: d.isoformat())
    assert out.startswith("## 2026-03-04\n")  # h2: the page's h1 comes first (heading order)
    assert "[Missing children](../worried/missing.md): Fix \\*typo\\* \\[x\\]" in out


PAGES = {"signs.md", "worried/missing.md"}


def test_redirects_valid_and_errors_with_lines():
    good, errors = load_redirects("redirects:\n  - from: old.md\n    to: signs.md\n", PAGES)
    assert errors == [] and [(r.from_, r.to) for r in good] == [("old.md", "signs.md")]
    text = ("redirects:\n"
            "  - from: old.md\n    to: sings.md\n"          # line 2: target missing
            "  - from: signs.md\n    to: worried/missing.md\n"  # line 4: still a page
            "  - from: old.md\n    to: signs.md\n"          # line 6: duplicate
            "  - from: /abs.md\n    to: signs.md\n")        # line 8: not a docs path
    good, errors = load_redirects(text, PAGES)
    assert good == []
    lines = sorted(e.line for e in errors)
    assert lines == [2, 4, 6, 8], [e.format() for e in errors]
    assert all(e.file == "docs/_data/redirects.yml" and e.fix for e in errors)
    assert any("sings.md" in e.message for e in errors)
    _, errors = load_redirects("redirects:\n  - form: a.md\n    to: signs.md\n", PAGES)
    assert {e.line for e in errors} == {2} and any("'form'" in e.message for e in errors)


def test_empty_redirect_file_is_fine():
    assert load_redirects("redirects: []\n", PAGES) == ([], [])
    assert load_redirects("# nothing yet\n", PAGES) == ([], [])


@pytest.mark.parametrize("src, dst, url", [
    ("old.md", "signs.md", "signs.html"),
    ("old/deep/page.md", "signs.md", "../../signs.html"),
    ("old.md", "worried/missing.md", "worried/missing.html"),
    ("worried/old.md", "worried/index.md", "index.html"),
])
def test_redirect_html_relative(src, dst, url):
    out = redirect_html(src, dst, "A <title>")
    assert f'content="0; url={url}"' in out
    assert f'href="{url}"' in out
    assert "<script" not in out and "style" not in out
    assert "A &lt;title&gt;" in out


def test_only_change_note_trailers_reach_readers(repo):
    """Commit titles are for developers; readers see only `Change-note:` lines."""
    (repo / "docs" / "b.md").write_text("two, clearer\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Refactor internal hook plumbing",
        "-m", "Change-note: Clearer wording on page b.", date="2026-04-01T10:00:00+00:00")
    history = read_history(repo / "docs")
    notes = {c.subject for c in history.commits}
    assert "Clearer wording on page b." in notes
    assert not any("Refactor" in n or n.startswith("Add ") for n in notes)
