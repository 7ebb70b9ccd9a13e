#!/usr/bin/env python3
"""Review report: every page, its owner and when its next review is due,
and every source, quote and contact not yet checked or overdue for a check,
and which procedure content awaits sign-off by a procedure owner.

Overdue pages come first, then the others by due date. Facts not yet
checked come first, then checks oldest first. Then every procedure page and
the flowchart data with its approval state (drafts first): in the table as
a list of its own, in CSV as the columns approval, approved_by and
approved_on (plus a row for the flowchart data), in JSON as `sign_off`.
Reads the front matter of docs/**/*.md and the data files directly, so
MkDocs is not needed.

Examples:
    python scripts/review_report.py                  # table
    python scripts/review_report.py --csv > review.csv
    python scripts/review_report.py --today 2027-12-01 --overdue-only
    python scripts/review_report.py --facts --csv      # unchecked facts as CSV
"""

from __future__ import annotations

import argparse
import pathlib
import sys
from datetime import date

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.pagemeta.approval import scan_sign_off, sign_off_table  # noqa: E402
from kb.model.provenance import due_items, items, items_csv, items_table  # noqa: E402
from kb.pagemeta.review import reviews_csv, reviews_json, reviews_table, scan_docs, today  # noqa: E402


def _english():
    from kb.core.ui_text import ui_text
    return lambda key: ui_text(key, "en")


def unchecked_facts(docs: pathlib.Path, on: date):
    """(records due for a check, oldest first; load problems) from the real data files."""
    from kb.data.contacts import CONTACTS_FILE, load_contacts
    from kb.data.datafile import load_yaml
    from kb.data.sources import REGISTRY_PATH, load_registry_file

    data = docs / "_data"
    registry, problems = load_registry_file(data / "sources.yml", REGISTRY_PATH)
    contacts, line_of = None, lambda gi, ci: None
    path = data / "contacts.yml"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        contacts, errors = load_contacts(text, CONTACTS_FILE)
        problems += errors
        _, locate, _ = load_yaml(text, CONTACTS_FILE)
        line_of = lambda gi, ci: locate(("groups", gi, "contacts", ci, "id"))  # noqa: E731
    all_items = items(registry, REGISTRY_PATH, contacts, CONTACTS_FILE, line_of)
    return due_items(all_items, on), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="List every page with its owner, last review and next review "
                    "date, overdue pages first; then the sources, quotes and contacts not "
                    "yet checked; then the procedure content awaiting sign-off "
                    "(approval: draft).")
    parser.add_argument("docs", nargs="?", type=pathlib.Path, default=ROOT / "docs",
                        help="the docs folder (default: docs/)")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--csv", action="store_true", help="write CSV instead of a table")
    fmt.add_argument("--json", action="store_true", help="write JSON (as the site's review.json)")
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="work out 'overdue' as on this date, YYYY-MM-DD (default: "
                             "KB_TODAY or today)")
    parser.add_argument("--facts", action="store_true",
                        help="list only the sources, quotes and contacts not yet checked or "
                             "overdue for a new check")
    parser.add_argument("--overdue-only", action="store_true", help="list only overdue pages")
    parser.add_argument("--fail-on-overdue", action="store_true",
                        help="exit with status 1 if any page is overdue")
    args = parser.parse_args(argv)

    if not args.docs.is_dir():
        parser.error(f"{args.docs} is not a folder")
    on = args.today or today()
    due, problems = unchecked_facts(args.docs, on)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if args.facts:
        t = _english()
        sys.stdout.write(items_csv(due, t) if args.csv else items_table(due, t))
        if not args.csv:
            print(f"\n{len(due)} sources, quotes and contacts not yet checked or overdue, "
                  f"as on {on.isoformat()}.")
        return 0
    reviews, missing = scan_docs(args.docs, on)
    sign_off = scan_sign_off(args.docs)
    if args.overdue_only:
        reviews = [r for r in reviews if r.overdue]
    if args.csv:
        sys.stdout.write(reviews_csv(reviews, sign_off))
    elif args.json:
        sys.stdout.write(reviews_json(reviews, on, sign_off))
    else:
        sys.stdout.write(reviews_table(reviews))
        late = sum(1 for r in reviews if r.overdue)
        print(f"\n{len(reviews)} pages listed, {late} overdue, as on {on.isoformat()}.")
        print("\nSources, quotes and contacts not yet checked or overdue for a new check "
              "(not yet checked first, then oldest first):\n")
        sys.stdout.write(items_table(due, _english()))
        print(f"\n{len(due)} not yet checked or overdue.")
        if sign_off:
            print()
            sys.stdout.write(sign_off_table(sign_off))
    for rel in missing:
        print(f"warning: docs/{rel} has no owner, last_reviewed and "
              "review_interval_months in its front matter", file=sys.stderr)
    return 1 if args.fail_on_overdue and any(r.overdue for r in reviews) else 0


if __name__ == "__main__":
    sys.exit(main())
