#!/usr/bin/env python3
"""Start a new page that already passes every check.

    scripts/new_page.py --title "Exploitation in schools" --section understanding

Creates docs/<section folder>/<name>.md with complete front matter (title,
a description to rewrite, owner, last_reviewed today, review interval,
tags), adds the page to the menu (`nav:` in mkdocs.yml) at the end of its
section, and prints what to do next. mkdocs.yml is edited as text: one line
is added and comments, quoting and !ENV tags stay as they are.

The new page builds with `mkdocs build --strict` as it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import posixpath
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.pagemeta.approval import is_procedure_page  # noqa: E402
from kb.checks.content import read_config  # noqa: E402
from kb.checks.frontmatter import check_front_matter  # noqa: E402

from kb.editing.new_page import (  # noqa: E402, F401 (the logic lives in kb/editing)
    DEFAULT_OWNER, DESCRIPTION, Section, slugify, sections, find_section, yaml_scalar, page_text, add_to_nav)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Create a new page with complete front matter and add it to the menu.",
        epilog="Example: scripts/new_page.py --title \"Exploitation in schools\" "
               "--section understanding")
    parser.add_argument("--title", required=True, help="the page title, in sentence case")
    parser.add_argument("--section", required=True,
                        help="the menu section: understanding, worried, responding, about, "
                             "print (or the section's title as shown in the menu)")
    parser.add_argument("--name", help="file name without .md (default: made from the title)")
    parser.add_argument("--owner", default=DEFAULT_OWNER,
                        help=f"who keeps the page right (default: {DEFAULT_OWNER})")
    parser.add_argument("--review-months", type=int, default=12,
                        help="months until the next review, 1 to 36 (default: 12)")
    parser.add_argument("--tags", default=None,
                        help="comma-separated tags (default: the section's short name)")
    parser.add_argument("--root", type=pathlib.Path, default=ROOT,
                        help="the project folder that holds mkdocs.yml (default: this project)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="use this date as last_reviewed (YYYY-MM-DD; default: today)")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    config_path = root / "mkdocs.yml"
    config = read_config(config_path)
    docs = root / (config.get("docs_dir") or "docs")
    all_sections = sections(config.get("nav"))
    section = find_section(all_sections, args.section)
    if section is None:
        names = ", ".join(f"{s.key} ({s.title})" for s in all_sections)
        print(f"There is no menu section called {args.section!r}. Choose one of: {names}.",
              file=sys.stderr)
        return 2
    if not 1 <= args.review_months <= 36:
        print("--review-months must be between 1 and 36.", file=sys.stderr)
        return 2
    name = slugify(args.name or args.title)
    if not name:
        print("The title must contain letters or digits.", file=sys.stderr)
        return 2
    rel = posixpath.join(section.folder, name + ".md") if section.folder else name + ".md"
    target = docs / rel
    if target.exists():
        print(f"docs/{rel} already exists. Choose another title or --name.", file=sys.stderr)
        return 1
    tags = [t.strip() for t in (args.tags.split(",") if args.tags else [section.key]) if t.strip()]
    today = args.today or dt.date.today()
    text = page_text(args.title.strip(), section, args.owner, today, args.review_months, tags,
                     procedure=is_procedure_page(rel))

    _, problems = check_front_matter(f"docs/{rel}", text)
    if problems:  # should never happen: the scaffold must pass its own checks
        for p in problems:
            print(p.format(), file=sys.stderr)
        return 1
    new_config = add_to_nav(config_path.read_text(encoding="utf-8"), section.title,
                            args.title.strip(), rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    config_path.write_text(new_config, encoding="utf-8")

    print(f"Created docs/{rel} and added it to the menu under \"{section.title}\".")
    print()
    print("What to do next:")
    print(f"  1. Open docs/{rel}. Replace the description and the text marked")
    print("     'To be written'. Keep the --- lines and the settings between them.")
    print("  2. Cite each fact with its source key, for example [^dfe-cse-2017].")
    print("     A new source goes in docs/_data/sources.yml first.")
    print("  3. Check it: run `make serve` and open the page, or run")
    print("     `.venv/bin/python scripts/check_content.py docs/`.")
    print("  4. Check the wording: `.venv/bin/python scripts/readability.py "
          f"docs/{rel}`.")
    print("  5. Commit the page and mkdocs.yml together, and open a pull request.")
    if is_procedure_page(rel):
        print()
        print("This page tells staff what to do, so it starts as `approval: state: draft`")
        print("and shows a 'Draft' notice until a procedure owner approves it (see")
        print("\"How a procedure owner approves a page\" in CONTRIBUTING.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
