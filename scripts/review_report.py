#!/usr/bin/env python3
"""Review report: every page, its owner and when its next review is due.

Overdue pages come first, then the others by due date. Reads the front
matter of docs/**/*.md directly, so MkDocs is not needed.

Examples:
    python scripts/review_report.py                  # table
    python scripts/review_report.py --csv > review.csv
    python scripts/review_report.py --today 2027-12-01 --overdue-only
"""

from __future__ import annotations

import argparse
import pathlib
import sys
from datetime import date

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks.review import reviews_csv, reviews_json, reviews_table, scan_docs, today  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="List every page with its owner, last review and next review "
                    "date, overdue pages first.")
    parser.add_argument("docs", nargs="?", type=pathlib.Path, default=ROOT / "docs",
                        help="the docs folder (default: docs/)")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--csv", action="store_true", help="write CSV instead of a table")
    fmt.add_argument("--json", action="store_true", help="write JSON (as the site's review.json)")
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="work out 'overdue' as on this date, YYYY-MM-DD (default: "
                             "KB_TODAY or today)")
    parser.add_argument("--overdue-only", action="store_true", help="list only overdue pages")
    parser.add_argument("--fail-on-overdue", action="store_true",
                        help="exit with status 1 if any page is overdue")
    args = parser.parse_args(argv)

    if not args.docs.is_dir():
        parser.error(f"{args.docs} is not a folder")
    on = args.today or today()
    reviews, missing = scan_docs(args.docs, on)
    if args.overdue_only:
        reviews = [r for r in reviews if r.overdue]
    if args.csv:
        sys.stdout.write(reviews_csv(reviews))
    elif args.json:
        sys.stdout.write(reviews_json(reviews, on))
    else:
        sys.stdout.write(reviews_table(reviews))
        late = sum(1 for r in reviews if r.overdue)
        print(f"\n{len(reviews)} pages listed, {late} overdue, as on {on.isoformat()}.")
    for rel in missing:
        print(f"warning: docs/{rel} has no owner, last_reviewed and "
              "review_interval_months in its front matter", file=sys.stderr)
    return 1 if args.fail_on_overdue and any(r.overdue for r in reviews) else 0


if __name__ == "__main__":
    sys.exit(main())
