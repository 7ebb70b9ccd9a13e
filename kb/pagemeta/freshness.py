"""Freshness: "Last updated" from git, the "What's changed" page, and redirects.

Three jobs, all fed by data read once per build:

- **Last updated.** One `git log --name-only` over the docs folder gives the
  date of the last commit that touched each file (the first time a path
  appears, newest first). The build stays linear: one git call for the whole
  tree, never one per page. In a shallow clone the oldest fetched commit
  ("boundary") looks as if it added every file, so a date that comes from a
  boundary commit is not trusted: the page falls back to its front matter
  `last_reviewed`, labelled as such.
- **What's changed.** The marker `<!-- kb:changes -->` renders the recent
  content changes (date, page, and the commit's `Change-note:` trailer if it
  has one) from the same git log.
  Changes to a data file are listed against the pages that show that data.
- **Redirects.** `docs/_data/redirects.yml` lists renamed or moved pages
  (`from: old.md`, `to: new.md`). After the build, each old address gets a
  small HTML page with a meta refresh and a plain link to the new page, in
  every language folder. URLs are relative, so redirects work under a
  sub-path and from file://; there is no script (CSP).

Pure functions first; the "MkDocs events" section is at the bottom.
"""

from __future__ import annotations

from kb.core.paths import REDIRECTS_FILE, english_path, is_translation, translation_language  # noqa: F401 (written once, in kb/core/paths.py)
from kb.core.mdtext import MD_FORMATTING, md_literal


import posixpath
import subprocess
import pathlib
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable


from kb.data.datafile import load_yaml, validate
from kb.core.errors import ContentError
from kb.core.messages import error
from kb.model.redirects import Redirect  # noqa: F401 (the schemas live in kb/model)

MARKERS = {"changes"}
CHANGES_LIMIT = 40

# Which pages show a data file: the marker that renders it.
DATA_MARKERS = {
    "_data/contacts.yml": ("contacts",),
    "_data/indicators.yml": ("indicators",),
    "_data/glossary.yml": ("glossary",),
    "_data/sources.yml": ("all-sources",),
    "_data/flowchart.yml": ("flowchart",),
}


# --- Git history -------------------------------------------------------------

@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    day: date
    subject: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class History:
    """What git knows about the docs folder (paths relative to it)."""

    commits: tuple[Commit, ...] = ()
    shallow: bool = False
    available: bool = False

    def trusted(self, commit: Commit) -> bool:
        """A boundary commit of a shallow clone lists every file: not a real change."""
        return not (self.shallow and not commit.parents)


RECORD = "\x1e"
FIELD = "\x1f"
# The last field is the reader's note: the commit's `Change-note:` trailer(s),
# not its title, so that developer commit titles never reach the page.
LOG_FORMAT = f"{RECORD}%H{FIELD}%P{FIELD}%cs{FIELD}%(trailers:key=Change-note,valueonly,separator=%x3B )"


def parse_git_log(text: str, prefix: str = "") -> tuple[Commit, ...]:
    """Parse `git log --format=LOG_FORMAT --name-only` output.

    Paths are made relative to *prefix* (the docs folder inside the repo,
    for example "docs/"); paths outside it are dropped.
    """
    commits = []
    for record in text.split(RECORD):
        if not record.strip():
            continue
        header, _, names = record.partition("\n")
        parts = header.split(FIELD)
        if len(parts) != 4:
            continue
        sha, parents, day, subject = parts
        try:
            when = date.fromisoformat(day.strip())
        except ValueError:
            continue
        files = []
        for name in names.splitlines():
            name = name.strip()
            if name and name.startswith(prefix):
                files.append(name[len(prefix):])
        commits.append(Commit(sha, tuple(parents.split()), when, subject.strip(), tuple(files)))
    return tuple(commits)


def last_changed(history: History) -> dict[str, date | None]:
    """path -> date of the newest commit touching it (None: not known).

    Commits come newest first, so the first time a path appears wins. In a
    shallow clone, a path first seen in a boundary commit gets None.
    """
    out: dict[str, date | None] = {}
    for commit in history.commits:
        trusted = history.trusted(commit)
        for path in commit.files:
            if path not in out:
                out[path] = commit.day if trusted else None
    return out


def _git(args: list[str], cwd: pathlib.Path) -> str | None:
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd,
                              capture_output=True, text=True, encoding="utf-8", timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def read_history(docs_dir: pathlib.Path) -> History:
    """Two git calls for the whole docs tree: where and what kind of repository, then the log."""
    docs_dir = docs_dir.resolve()
    info = _git(["rev-parse", "--show-toplevel", "--is-shallow-repository"], docs_dir)
    if not info:
        return History()
    lines = info.strip().splitlines()
    if len(lines) < 2:
        return History()
    top = pathlib.Path(lines[0]).resolve()
    shallow = lines[1].strip() == "true"
    try:
        rel = docs_dir.relative_to(top).as_posix()
    except ValueError:
        return History()
    prefix = "" if rel == "." else rel + "/"
    out = _git(["log", f"--format={LOG_FORMAT}", "--name-only", "--no-renames",
                "--", rel], top)
    if out is None:
        return History()
    return History(parse_git_log(out, prefix), shallow, True)


# --- Last updated --------------------------------------------------------------

@dataclass(frozen=True)
class Updated:
    day: date | None
    source: str  # "git": from the history; "reviewed": fallback to last_reviewed; "none"

    def as_meta(self, local) -> dict[str, Any]:
        return {"date": self.day.isoformat() if self.day else None,
                "date_local": local(self.day) if self.day else None,
                "source": self.source}


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def updated_for(path: str, dates: dict[str, date | None], meta: dict) -> Updated:
    """The date a page last changed, or the labelled fallback."""
    day = dates.get(path)
    if day is not None:
        return Updated(day, "git")
    reviewed = _as_date(meta.get("last_reviewed")) if meta else None
    if reviewed is not None:
        return Updated(reviewed, "reviewed")
    return Updated(None, "none")


# --- What's changed -------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    day: date
    path: str          # docs-relative page path
    title: str
    summaries: tuple[str, ...]


def recent_changes(history: History, titles: dict[str, str],
                   data_pages: dict[str, list[str]], limit: int = CHANGES_LIMIT) -> list[Change]:
    """One entry per (day, page), newest first, from trusted commits only.

    *titles* maps the current English pages to their titles; files that no
    longer exist are skipped. A data file's change is listed against the
    pages in *data_pages*.
    """
    entries: dict[tuple[date, str], list[str]] = {}
    order: list[tuple[date, str]] = []
    for commit in history.commits:
        if not history.trusted(commit):
            continue
        pages: list[str] = []
        for path in commit.files:
            if path in titles and not is_translation(path):
                pages.append(path)
            pages.extend(data_pages.get(path, []))
        for page in dict.fromkeys(pages):
            key = (commit.day, page)
            if key not in entries:
                if len(order) >= limit:
                    continue
                entries[key] = []
                order.append(key)
            if commit.subject and commit.subject not in entries[key] and len(entries[key]) < 3:
                entries[key].append(commit.subject)
    return [Change(day, page, titles[page], tuple(entries[(day, page)])) for day, page in order]


def render_changes(changes: list[Change], from_page: str, history: History, local) -> str:
    """Markdown for the marker: a list per day, newest first, with notes on gaps."""
    out: list[str] = []
    if not history.available:
        return ('!!! note "Change history not available"\n\n'
                "    This copy of the site was built without its change history, so "
                "recent changes cannot be listed. Each page still shows when it was "
                "last reviewed.\n")
    if history.shallow:
        out += ['!!! note "Partial change history"', "",
                "    This copy of the site was built from part of its change history. "
                "Older changes are not listed.", ""]
    if not changes:
        out.append("No content changes are recorded yet.")
        return "\n".join(out) + "\n"
    base = posixpath.dirname(from_page)
    day = None
    for change in changes:
        if change.day != day:
            day = change.day
            out += ["", f"## {local(day)}", ""]  # straight under the h1 (heading order)
        link = posixpath.relpath(change.path, base or ".")
        text = f"- [{_md_line(change.title)}]({link})"
        if change.summaries:
            text += ": " + "; ".join(_md_line(s) for s in change.summaries)
        out.append(text)
    return "\n".join(out).lstrip("\n") + "\n"


def data_file_pages(markers_by_page: dict[str, set[str]]) -> dict[str, list[str]]:
    """data file -> English pages whose markers render it."""
    out: dict[str, list[str]] = {}
    for data_file, names in DATA_MARKERS.items():
        pages = sorted(p for p, found in markers_by_page.items()
                       if not is_translation(p) and found & set(names))
        if pages:
            out[data_file] = pages
    return out


# --- Redirects ---------------------------------------------------------------


REDIRECT_FIX = ("Each entry is `- from: old-name.md` with `to: new-name.md` on the next "
                "line, both relative to docs/. See CONTRIBUTING.md, 'Renaming or moving a page'.")


def replaced_page(from_: str, pages: set[str], languages: Iterable[str] = ()) -> str | None:
    """What a redirect from *from_* would overwrite in some language, or None.

    *pages* are docs-relative page files, translations (`signs.pl.md`)
    included. The redirect page is written at `from_` in every language
    folder, so it may not be a translation's name, nor a path inside a
    language folder (`pl/signs.md`), nor the English name of a page that
    exists only as a translation.
    """
    langs = set(languages) | {lang for p in pages if (lang := translation_language(p))}
    stem = from_[:-3]
    if (lang := translation_language(from_)) and lang in langs:
        if from_ in pages:
            return f"the translation `docs/{from_}`"
        return f"the address of the `{lang}` translation of `{english_path(from_)}`"
    for lang in sorted(langs):
        if f"{stem}.{lang}.md" in pages:
            return f"the translation `docs/{stem}.{lang}.md` (built as `{lang}/{stem}.html`)"
        head, _, rest = from_.partition("/")
        if head == lang and rest and (rest in pages or f"{rest[:-3]}.{lang}.md" in pages):
            return f"the `{lang}` version of `docs/{rest}`, built as `{lang}/{rest[:-3]}.html`"
    return None


def load_redirects(text: str, pages: set[str], file: str = REDIRECTS_FILE,
                   languages: Iterable[str] = ()) -> tuple[list[Redirect], list[ContentError]]:
    """Parse and check the redirects file against the current *pages* (docs-relative).

    *pages* may include translations (`signs.pl.md`); a redirect may not
    replace a page in any language (see `replaced_page`).
    """
    all_pages = set(pages)
    pages = {p for p in all_pages if not is_translation(p)}
    data, locate, errors = load_yaml(text, file, empty_ok=True)  # no redirects yet
    if errors:
        return [], errors
    if data is None:
        return [], []
    if not isinstance(data, dict) or set(data) - {"redirects"} or not isinstance(
            data.get("redirects") or [], list):
        return [], [ContentError(file, locate(()), "The file must hold one list called `redirects`.",
                                 REDIRECT_FIX, code="redirects")]
    items: list[Redirect] = []
    item_lines: list[int | None] = []
    for i, item in enumerate(data.get("redirects") or []):
        if isinstance(item, dict):
            item = {("from_" if k == "from" else k): v for k, v in item.items()}
        model, errs = validate(Redirect, item, lambda loc, i=i: locate(("redirects", i, *loc)),
                               file, REDIRECT_FIX, code="redirects")
        for e in errs:
            errors.append(ContentError(e.file, e.line, f"Redirect {i + 1}: "
                                       + e.message.replace("from_", "from"), e.fix, e.code))
        if model is not None:
            items.append(model)
            item_lines.append(locate(("redirects", i)))
    out: list[Redirect] = []
    seen: dict[str, int] = {}
    sources = {r.from_ for r in items}
    for r, line in zip(items, item_lines):
        if r.from_ in seen:
            errors.append(ContentError(
                file, line, f"`{r.from_}` is redirected twice (first on line {seen[r.from_]}).",
                "Keep one entry for each old address.", code="redirects"))
            continue
        seen[r.from_] = line or 0
        if r.from_ in pages:
            errors.append(ContentError(
                file, line, f"`{r.from_}` is still a page, so it cannot also be a redirect.",
                "Remove this entry, or finish the rename by moving the page.", code="redirects"))
            continue
        if (page := replaced_page(r.from_, all_pages, languages)):
            errors.append(error("redirect-replaces-page", file, line, from_=r.from_, page=page))
            continue
        if r.to not in pages:
            hint = (f" `{r.to}` is itself redirected: point straight at its new address."
                    if r.to in sources else "")
            errors.append(ContentError(
                file, line, f"The redirect from `{r.from_}` points to `{r.to}`, which is not a "
                f"page.{hint}",
                "Write the new page's file name as it is in docs/, for example "
                "`worried/missing.md`.", code="redirects"))
            continue
        out.append(r)
    return out, errors


def check_file(docs_dir: pathlib.Path, file: str = REDIRECTS_FILE,
               languages: Iterable[str] = ()) -> list[ContentError]:
    """Every problem in the redirects file, for scripts/check_content.py. [] if absent."""
    path = docs_dir / "_data" / "redirects.yml"
    if not path.is_file():
        return []
    pages = set()
    for p in docs_dir.rglob("*.md"):
        rel = p.relative_to(docs_dir).as_posix()
        if not rel.startswith("_data/") and not any(x.startswith(".") for x in rel.split("/")):
            pages.add(rel)
    return load_redirects(path.read_text(encoding="utf-8"), pages, file, languages)[1]


def html_path(src: str) -> str:
    """The built file of a page with use_directory_urls: false."""
    return src[:-3] + ".html"


def redirect_html(from_src: str, to_src: str, title: str, lang: str = "en") -> str:
    """A small page that sends the reader on; relative URL, no script."""
    target = posixpath.relpath(html_path(to_src), posixpath.dirname(html_path(from_src)) or ".")
    from kb.core.partials import partial

    return partial("redirect.html", lang=lang, title=title, url=target) + "\n"


class ChangesMarkers:
    """The kb:changes group (kb/render/pipeline.py): recent content changes
    from *history*, titled from *titles* (page -> title); *markers* (page ->
    the markers it holds) says which pages a data file change touches."""

    owner = "kb/pagemeta/freshness.py"
    names = frozenset(MARKERS)

    def __init__(self, history: "History", titles: dict[str, str],
                 markers: dict[str, set[str]]) -> None:
        self.history, self.titles, self.markers = history, titles, markers
        self._changes: list | None = None

    @property
    def changes(self) -> list:
        if self._changes is None:
            self._changes = recent_changes(self.history, self.titles, data_file_pages(self.markers))
        return self._changes

    def render(self, page, name, args, line):
        if args:
            return "", [ContentError(page.file, line,
                                     "the kb:changes marker takes no arguments",
                                     "Write the line as <!-- kb:changes -->.", code="marker")]
        from kb.core.dates import local_date
        return render_changes(self.changes, page.src, self.history,
                              lambda day: local_date(day, page.lang)), []


def _md_line(text: str) -> str:
    """A commit subject or page title in the changes list, shown as written."""
    return md_literal(text, MD_FORMATTING + "|")
