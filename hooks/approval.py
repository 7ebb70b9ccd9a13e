"""Sign-off of procedure content: has a procedure owner approved it?

Pages that tell staff what to do carry an approval state in their front
matter, and so does the flowchart data (a top-level key in
docs/_data/flowchart.yml):

    approval:
      state: draft

    approval:
      state: approved
      by: HIPS Procedures Group   # the approving role, never a person's name
      when: 2026-12-01            # the day it was approved, not in the future

Which content needs it ("procedure content"): every English page under
docs/worried/ and docs/responding/, and every printed sheet in
docs/_data/print.yml whose `online` page is one of them. Translations never
carry their own state: they show their English page's.

Pure functions first (the model, the checks, the notices); the MkDocs events
at the bottom put the notice in `page.meta.kb_approval` for
overrides/partials/approval.html and overrides/partials/print-sheet.html.
The checks run in hooks/content.py (front matter, via hooks/frontmatter.py)
and hooks/flowchart.py (the flowchart data), with every other content check.
"""

from __future__ import annotations

import sys
import pathlib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import datetime as dt  # noqa: E402
import html  # noqa: E402
import re  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Any, Callable, Iterable, Literal, Optional  # noqa: E402

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator  # noqa: E402

from hooks.dates import iso_date, latest_day as build_today, local_date  # noqa: E402
from hooks.errors import ContentError  # noqa: E402
from hooks.messages import error  # noqa: E402

PROCEDURE_FOLDERS = ("worried/", "responding/")
PROCEDURES_KEY = "hips-procedures"   # sources.yml key of the HIPS Procedures
FLOWCHART_FILE = "docs/_data/flowchart.yml"
PRINT_FILE = "docs/_data/print.yml"
TRANSLATION = re.compile(r"\.([a-z]{2}(?:_[A-Z]{2})?)\.md$")
FLOWCHART_MARKER = re.compile(r"<!--\s*kb:flowchart(?:-diagram)?[\s>]")
HINT = ("Write `approval:` with `state: draft` indented below it; or, once a procedure "
        "owner has approved it, `state: approved` with `by:` (the role) and `when:` (the date).")


class Approval(BaseModel):
    """The `approval:` mapping of a page or of the flowchart data."""

    model_config = ConfigDict(extra="forbid")

    state: Literal["draft", "approved"]
    by: Optional[str] = None
    when: Optional[dt.date] = None

    @field_validator("when", mode="before")
    @classmethod
    def _iso_date(cls, v):
        return None if v is None else iso_date(v)

    @field_validator("by")
    @classmethod
    def _role(cls, v):
        return (" ".join(v.split()) or None) if isinstance(v, str) else v

    @property
    def approved(self) -> bool:
        return self.state == "approved"


DRAFT = Approval(state="draft")


def parse_approval(value: Any) -> Approval | None:
    """The approval in *value* (a front matter or data value); None if absent.

    Anything that is not a valid approval counts as a draft: the checks report
    it, and until it is fixed the reader is told the content is not approved.
    """
    if value is None:
        return None
    try:
        return Approval.model_validate(value)
    except ValidationError:
        return DRAFT


# --- which content needs sign-off ------------------------------------------

def translation_language(src_uri: str) -> str | None:
    m = TRANSLATION.search(src_uri)
    return m.group(1) if m else None


def english_path(src_uri: str) -> str:
    """worried/index.pl.md -> worried/index.md (unchanged for an English page)."""
    lang = translation_language(src_uri)
    return src_uri[: -len(f".{lang}.md")] + ".md" if lang else src_uri


def is_procedure_page(src_uri: str, print_online: dict[str, str] | None = None) -> bool:
    """Does this English page (docs-relative) need an approval state?

    *print_online* maps each printed sheet to its online page (print.yml).
    """
    if translation_language(src_uri):
        return False
    if src_uri.startswith(PROCEDURE_FOLDERS):
        return True
    online = (print_online or {}).get(src_uri)
    return bool(online) and is_procedure_page(online)


def print_online(text: str) -> dict[str, str]:
    """Printed sheet -> its online page, from print.yml's text ({} if unreadable:
    hooks/print.py reports its errors)."""
    from hooks.print import load_print_items
    items, _ = load_print_items(text)
    return {i.page: i.online for i in items}


def read_print_online(docs_dir: pathlib.Path) -> dict[str, str]:
    path = pathlib.Path(docs_dir) / "_data" / "print.yml"
    try:
        return print_online(path.read_text(encoding="utf-8"))
    except OSError:
        return {}


# --- checks -----------------------------------------------------------------

def check_approval(file: str, approval: Approval, line_of: Callable[[str], int | None],
                   on: dt.date | None = None) -> list[ContentError]:
    """The rules the model cannot express. *line_of(key)* gives the line of
    `state`, `by` or `when` (or of `approval:` itself for "")."""
    on = on or build_today()
    errors = []
    if translation_language(file):
        return [error("approval-translation", file, line_of(""), english=english_path(file))]
    if approval.approved:
        if not approval.by:
            errors.append(error("approval-no-role", file, line_of("by") or line_of("state")))
        if approval.when is None:
            errors.append(error("approval-no-date", file, line_of("when") or line_of("state")))
        elif approval.when > on:
            errors.append(error("approval-future", file, line_of("when"),
                                on=approval.when.isoformat(), today=on.isoformat()))
    else:
        for key in ("by", "when"):
            if getattr(approval, key) is not None:
                errors.append(error("approval-draft-details", file, line_of(key), key=key))
    return errors


def missing_approvals(pages: dict[str, dict], online: dict[str, str],
                      label: Callable[[str], str] = lambda uri: f"docs/{uri}") -> list[ContentError]:
    """Procedure pages whose front matter has no `approval`.

    *pages* maps docs-relative paths to their front matter (empty when it is
    missing or invalid: hooks/frontmatter.py reports that instead).
    """
    return [error("approval-missing", label(uri), 1, what="This page",
                  where=" between the --- lines at the top")
            for uri, meta in sorted(pages.items())
            if meta and is_procedure_page(uri, online) and "approval" not in meta]


# --- what awaits sign-off (scripts/review_report.py) -------------------------

@dataclass(frozen=True)
class SignOff:
    path: str                     # docs-relative, e.g. worried/index.md or _data/flowchart.yml
    state: str                    # draft | approved
    by: str = ""
    when: str = ""                # YYYY-MM-DD

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "state": self.state, "by": self.by, "when": self.when}


def _sign_off(path: str, value: Any) -> SignOff:
    a = parse_approval(value)
    if a is None:
        return SignOff(path, "missing")
    return SignOff(path, a.state, a.by or "", a.when.isoformat() if a.when else "")


def scan_sign_off(docs_dir: pathlib.Path) -> list[SignOff]:
    """Every procedure page and the flowchart data, with its approval state
    (drafts first). A page with no state says "missing"."""
    from hooks import yamltext
    from hooks.frontmatter import read_front_matter

    docs_dir = pathlib.Path(docs_dir)
    online = read_print_online(docs_dir)
    rows = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.startswith("_") or not is_procedure_page(rel, online):
            continue
        meta = read_front_matter(path.read_text(encoding="utf-8"))
        rows.append(_sign_off(rel, meta.get("approval")))
    chart = docs_dir / "_data" / "flowchart.yml"
    if chart.exists():
        # hooks/flowchart.py reports a broken file; here it only has no state.
        data = yamltext.load_file(chart, "docs/_data/flowchart.yml")[0]
        rows.append(_sign_off("_data/flowchart.yml",
                              data.get("approval") if isinstance(data, dict) else None))
    return sorted(rows, key=lambda r: (r.state == "approved", r.path))


def sign_off_table(rows: Iterable[SignOff]) -> str:
    rows = list(rows)
    waiting = sum(1 for r in rows if r.state != "approved")
    lines = [f"Procedure content awaiting sign-off: {waiting} of {len(rows)}.", ""]
    table = [("State", "Approved by", "On", "Content")]
    table += [(r.state, r.by or "-", r.when or "-", r.path) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    out = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in table]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines + out) + "\n"


# --- notices ------------------------------------------------------------------

def effective_approval(own: Approval | None, chart: Approval | None,
                       uses_flowchart: bool) -> Approval | None:
    """What the reader is told. A page that shows the flowchart is only
    approved when the flowchart data is approved too."""
    if own is None:
        return None
    if own.approved and uses_flowchart and not (chart is not None and chart.approved):
        return DRAFT
    return own


def short_url(url: str) -> str:
    """https://hipsprocedures.org.uk/ -> hipsprocedures.org.uk (for paper)."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def notice(approval: Approval | None, lang: str, t: Callable[[str], str],
           procedures_url: str = "") -> dict[str, str] | None:
    """The texts a page shows for *approval*, in *lang*; None without one.

    ``html``: the draft notice near the top of the page ('' when approved);
    ``line``: the quiet "Approved by ... on ..." line ('' for a draft);
    ``sheet``: the draft notice on paper, with the HIPS Procedures' address
    written out; ``sheet_line``: the approved line on paper.
    """
    if approval is None:
        return None
    esc = html.escape
    if not approval.approved:
        label = esc(t("approval_draft_label"))
        name = esc(t("approval_procedures"))
        link = f'<a href="{esc(procedures_url)}">{name}</a>' if procedures_url else name
        on_paper = f"{name} ({esc(short_url(procedures_url))})" if procedures_url else name
        text = esc(t("approval_draft_text"))
        return {
            "state": "draft",
            "html": (f'<div class="admonition note kb-approval" role="note" '
                     f'aria-label="{label}" data-kb-approval="draft">'
                     f'<p><strong>{label}:</strong> {text.format(procedures=link)}</p></div>'),
            "line": "",
            "sheet": f"<strong>{label}:</strong> {text.format(procedures=on_paper)}",
            "sheet_line": "",
        }
    day = local_date(approval.when, lang) if approval.when else ""
    when = f'<time datetime="{approval.when.isoformat() if approval.when else ""}">{esc(day)}</time>'
    line = esc(t("approval_approved")).format(by=esc(approval.by or ""), date=when)
    return {
        "state": "approved",
        "html": "",
        "line": f'<p class="kb-approval-line" data-kb-approval="approved"><small>{line}</small></p>',
        "sheet": "",
        "sheet_line": esc(t("approval_approved")).format(by=esc(approval.by or ""), date=esc(day)),
    }


# --- MkDocs events ---------------------------------------------------------------

_STATE: dict[str, Any] = {}


def on_config(config, **kwargs):
    from hooks import yamltext
    from hooks.datafile import load_source_index

    docs = pathlib.Path(config["docs_dir"])
    chart = None
    # hooks/flowchart.py reports a missing or broken file; here it only has no state.
    path = docs / "_data" / "flowchart.yml"
    data = yamltext.load_file(path, "docs/_data/flowchart.yml")[0] if path.is_file() else None
    chart = parse_approval(data.get("approval")) if isinstance(data, dict) else None
    source = load_source_index(docs / "_data" / "sources.yml").get(PROCEDURES_KEY) or {}
    _STATE.update(docs=docs, chart=chart, url=str(source.get("url") or ""), english={})
    return config


def _english_meta(page) -> dict:
    """The front matter of the page's English source (a translation follows it)."""
    from hooks.frontmatter import read_front_matter

    src = page.file.src_uri
    english = getattr(page.file, "norm_src_uri", None) or english_path(src)
    if english == src:
        return page.meta
    cache = _STATE.setdefault("english", {})
    if english not in cache:
        try:
            text = (_STATE["docs"] / english).read_text(encoding="utf-8")
        except OSError:
            text = ""
        cache[english] = read_front_matter(text)
    return cache[english]


def on_page_context(context, *, page, config, nav):
    info = page.meta.get("kb_translation") or {}
    meta = approval_meta(_english_meta(page), page.file.content_string or "", _STATE.get("chart"),
                         info.get("lang") or "en", _STATE.get("url", ""))
    if meta is not None:
        page.meta["kb_approval"] = meta
    return context


def approval_meta(english_meta: dict, source: str, chart: Approval | None, lang: str,
                  url: str) -> dict | None:
    """The sign-off notice and line of a page (page.meta.kb_approval), or None
    if the page needs none. *english_meta* is the front matter of the page's
    English source, *source* the page as written (its flowchart marker makes
    the chart's sign-off count), *chart* the flowchart's approval."""
    from hooks.translations import ui_text

    own = parse_approval(english_meta.get("approval"))
    if own is None:
        return None
    uses_chart = bool(FLOWCHART_MARKER.search(source))
    shown = effective_approval(own, chart, uses_chart)
    return notice(shown, lang, lambda key: ui_text(key, lang), url)
