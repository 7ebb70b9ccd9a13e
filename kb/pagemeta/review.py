"""Review dates: who reviewed each page, when, and when the next review is due.

Every page's front matter has `owner`, `last_reviewed` and
`review_interval_months` (or `review_due`). This module works out the due
date and whether the page is overdue. The template partial
overrides/partials/review.html shows the line and the overdue banner; the
banner's build-time state is the fallback for readers without JavaScript,
and overrides/assets/review.js recomputes it against today in the browser.

The build writes `review.json` (every page, its owner and due date) into the
site and logs the overdue pages. Overdue pages never fail the build.

Set the environment variable KB_TODAY=YYYY-MM-DD to build as if on that day.
"""

from __future__ import annotations

from kb.core.paths import split_suffix, translation_language

import csv
import io
import json
import pathlib
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Iterable


from dateutil.relativedelta import relativedelta

from kb.core.frontmatter import read_front_matter
from kb.core.dates import as_date as _as_date, today, uk_date  # noqa: F401  (today is re-exported)

REVIEW_JSON = "review.json"


@dataclass(frozen=True)
class Review:
    path: str              # docs-relative source path, e.g. signs.md
    url: str               # site-relative URL, e.g. signs.html
    title: str
    owner: str
    last_reviewed: date
    due: date
    overdue: bool
    language: str = "en"

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["last_reviewed"] = self.last_reviewed.isoformat()
        d["due"] = self.due.isoformat()
        return d


def due_date(meta: dict) -> date | None:
    """`review_due` if given, else `last_reviewed` plus `review_interval_months`."""
    explicit = _as_date(meta.get("review_due"))
    if explicit:
        return explicit
    last = _as_date(meta.get("last_reviewed"))
    months = meta.get("review_interval_months")
    if last is None or isinstance(months, bool) or not isinstance(months, int) or months < 1:
        return None
    try:
        return last + relativedelta(months=months)
    except (OverflowError, ValueError):  # absurd values: the front matter check reports them
        return None


def compute_review(meta: dict, on: date, path: str = "", url: str = "",
                   title: str | None = None, language: str = "en") -> Review | None:
    """The page's review state on day *on*, or None if the front matter lacks it.

    Missing or invalid keys are the front matter check's job (kb/core/frontmatter.py);
    here a page without them simply gets no review line.
    A page is overdue the day after its due date.
    """
    last = _as_date(meta.get("last_reviewed"))
    due = due_date(meta)
    owner = meta.get("owner")
    if last is None or due is None or not isinstance(owner, str) or not owner.strip():
        return None
    return Review(path=path, url=url, title=str(title or meta.get("title") or path),
                  owner=owner.strip(), last_reviewed=last, due=due, overdue=on > due,
                  language=language)


def review_line(r: Review) -> str:
    return (f"Last reviewed on {uk_date(r.last_reviewed)} by {r.owner}; "
            f"next review due {uk_date(r.due)}.")


def sort_reviews(reviews: Iterable[Review]) -> list[Review]:
    """Overdue first, then by due date (soonest first), then path and language."""
    return sorted(reviews, key=lambda r: (not r.overdue, r.due, r.path, r.language != "en",
                                          r.language, r.url))


def reviews_json(reviews: Iterable[Review], built_on: date, sign_off=None) -> str:
    """review.json; with *sign_off* (kb.pagemeta.approval.scan_sign_off) also what
    awaits sign-off by a procedure owner."""
    data = {"generated": built_on.isoformat(),
            "pages": [r.as_dict() for r in sort_reviews(reviews)]}
    if sign_off is not None:
        data["sign_off"] = [s.as_dict() for s in sign_off]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def reviews_csv(reviews: Iterable[Review], sign_off=None) -> str:
    """One row per page. With *sign_off* (kb.pagemeta.approval.scan_sign_off), the
    columns approval, approved_by and approved_on say where procedure content
    stands (a translation shows its English page's state), and data files that
    need sign-off (the flowchart) get a row of their own."""
    from kb.model.approval import english_path

    buf = io.StringIO()
    fields = ["path", "language", "title", "owner", "last_reviewed", "due", "overdue"]
    states = {s.path: s for s in sign_off or []}
    if sign_off is not None:
        fields += ["approval", "approved_by", "approved_on"]
    writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    listed = set()
    for r in sort_reviews(reviews):
        row = r.as_dict()
        row["overdue"] = "yes" if r.overdue else "no"
        s = states.get(english_path(r.path))
        if s is not None:
            row.update(approval=s.state, approved_by=s.by, approved_on=s.when)
            listed.add(s.path)
        writer.writerow(row)
    for s in sign_off or []:
        if s.path not in listed:
            writer.writerow({"path": s.path, "language": "en", "approval": s.state,
                             "approved_by": s.by, "approved_on": s.when})
    return buf.getvalue()


def reviews_table(reviews: Iterable[Review]) -> str:
    rows = [("Status", "Due", "Last reviewed", "Owner", "Page")]
    for r in sort_reviews(reviews):
        rows.append(("OVERDUE" if r.overdue else "ok", r.due.isoformat(),
                     r.last_reviewed.isoformat(), r.owner, r.path))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def page_url(src_path: str) -> str:
    """docs-relative .md path -> site URL (use_directory_urls: false, i18n suffixes).

    signs.md -> signs.html; worried/index.pl.md -> pl/worried/index.html
    """
    if not src_path.endswith(".md"):
        return src_path
    english, lang = split_suffix(src_path)
    return (f"{lang}/" if lang else "") + english[:-3] + ".html"


def scan_docs(docs_dir: pathlib.Path, on: date) -> tuple[list[Review], list[str]]:
    """Read every page's front matter under *docs_dir* (no MkDocs needed).

    Returns the reviews and the paths of pages without usable review data.
    Translations (page.xx.md) are included; the data folder is skipped.
    """
    reviews, missing = [], []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.startswith("_") or "/_" in rel:
            continue
        meta = read_front_matter(path.read_text(encoding="utf-8"))
        url = page_url(rel)
        language = translation_language(rel) or "en"
        r = compute_review(meta, on, rel, url, language=language)
        (reviews.append(r) if r else missing.append(rel))
    return reviews, missing


def overdue_summary(reviews: Iterable[Review]) -> str | None:
    """One line per overdue source file (a page shown in several languages counts once)."""
    late = list({r.path: r for r in reversed(sort_reviews(reviews)) if r.overdue}.values())[::-1]
    if not late:
        return None
    lines = [f"Pages overdue for review ({len(late)}):"]
    lines += [f"  - {r.path}: due {uk_date(r.due)} (owner: {r.owner})" for r in late]
    return "\n".join(lines)


def review_meta(r: Review, language: str) -> dict:
    """The page data the review banner and line show (page.meta.kb_review)."""
    from kb.i18n.translations import review_text  # the banner's text, ui-text.yml

    return {
        "line": review_line(r), "owner": r.owner,
        "last_reviewed": r.last_reviewed.isoformat(), "last_reviewed_uk": uk_date(r.last_reviewed),
        "due": r.due.isoformat(), "due_uk": uk_date(r.due), "overdue": r.overdue,
        "text": review_text(language),
    }
