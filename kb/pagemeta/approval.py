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
The checks run in kb/checks/content.py (front matter, via kb/core/frontmatter.py)
and kb/data/flowchart.py (the flowchart data), with every other content check.
"""

from __future__ import annotations

import pathlib


import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable


from kb.core.dates import local_date
from kb.model.approval import (  # noqa: F401  (re-exported)
    DRAFT, HINT, Approval, check_approval, english_path, parse_approval, translation_language)
from kb.checks.approval import (  # noqa: F401  (re-exported)
    FLOWCHART_FILE, FLOWCHART_MARKER, PRINT_FILE, PROCEDURE_FOLDERS, PROCEDURES_KEY,
    is_procedure_page, missing_approvals, print_online, read_print_online)









# --- which content needs sign-off ------------------------------------------











# --- checks -----------------------------------------------------------------





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
    from kb.core import yamltext
    from kb.core.frontmatter import read_front_matter

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
        # kb/data/flowchart.py reports a broken file; here it only has no state.
        data = yamltext.load_file(chart, FLOWCHART_FILE)[0]
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
    from kb.core.partials import Markup, partial

    def piece(part: str, **values) -> str:
        return partial("approval.html", part=part, **values).rstrip("\n")

    if not approval.approved:
        label = t("approval_draft_label")
        name = t("approval_procedures")
        link = Markup(piece("link", name=name, url=procedures_url))
        on_paper = f"{name} ({short_url(procedures_url)})" if procedures_url else name
        text = Markup.escape(t("approval_draft_text"))
        return {
            "state": "draft",
            "html": piece("draft", label=label, text=text.format(procedures=link)),
            "line": "",
            "sheet": piece("sheet", label=label, text=text.format(procedures=on_paper)),
            "sheet_line": "",
        }
    day = local_date(approval.when, lang) if approval.when else ""
    when = Markup(piece("time", datetime=approval.when.isoformat() if approval.when else "",
                        day=day))
    approved = Markup.escape(t("approval_approved"))
    return {
        "state": "approved",
        "html": "",
        "line": piece("line", line=approved.format(by=approval.by or "", date=when)),
        "sheet": "",
        "sheet_line": str(approved.format(by=approval.by or "", date=day)),
    }


def approval_meta(english_meta: dict, source: str, chart: Approval | None, lang: str,
                  url: str) -> dict | None:
    """The sign-off notice and line of a page (page.meta.kb_approval), or None
    if the page needs none. *english_meta* is the front matter of the page's
    English source, *source* the page as written (its flowchart marker makes
    the chart's sign-off count), *chart* the flowchart's approval."""
    from kb.core.ui_text import ui_text

    own = parse_approval(english_meta.get("approval"))
    if own is None:
        return None
    uses_chart = bool(FLOWCHART_MARKER.search(source))
    shown = effective_approval(own, chart, uses_chart)
    return notice(shown, lang, lambda key: ui_text(key, lang), url)
