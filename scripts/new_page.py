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
import json
import pathlib
import posixpath
import re
import sys
from collections import Counter
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from kb.pagemeta.approval import is_procedure_page  # noqa: E402
from kb.checks.content import nav_pages, read_config  # noqa: E402
from kb.checks.frontmatter import check_front_matter  # noqa: E402

DEFAULT_OWNER = "Knowledge base editors"
DESCRIPTION = "To be written: one sentence that says who this page is for and what it covers."


@dataclass(frozen=True)
class Section:
    title: str
    key: str          # short name for --section, e.g. "understanding"
    folder: str       # folder in docs/ where its pages live ("" for docs/)


def slugify(text: str) -> str:
    """'What's changed?' -> 'whats-changed' (lower case, digits, hyphens)."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def sections(nav) -> list[Section]:
    """The top-level nav sections (entries whose value is a list)."""
    found = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    folders = Counter(posixpath.dirname(p) for p in sorted(nav_pages(value))
                                      if p.endswith(".md"))
                    folder = folders.most_common(1)[0][0] if folders else ""
                    key = folder.split("/")[0] if folder else slugify(title).split("-")[0]
                    found.append(Section(title, key, folder))
    return found


def find_section(all_sections: list[Section], wanted: str) -> Section | None:
    """By key ('worried'), by title ('What to do if you are worried') or by a unique start."""
    w = wanted.strip().lower()
    for s in all_sections:
        if w in (s.key.lower(), s.title.lower(), slugify(s.title)):
            return s
    starts = [s for s in all_sections if s.title.lower().startswith(w) or s.key.startswith(w)]
    return starts[0] if len(starts) == 1 else None


def yaml_scalar(text: str) -> str:
    """*text* as a YAML value: plain when that reads back the same, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text} and text == text.strip():
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def page_text(title: str, section: Section, owner: str, today: dt.date,
              interval: int, tags: list[str], procedure: bool = False) -> str:
    """The new page. A procedure page (kb/pagemeta/approval.py) starts as a draft
    awaiting sign-off by a procedure owner."""
    tag_list = ", ".join(yaml_scalar(t) for t in tags)
    approval = "approval:\n  state: draft\n" if procedure else ""
    return (
        "---\n"
        f"title: {yaml_scalar(title)}\n"
        f"description: {yaml_scalar(DESCRIPTION)}\n"
        f"owner: {yaml_scalar(owner)}\n"
        f"last_reviewed: {today.isoformat()}\n"
        f"review_interval_months: {interval}\n"
        f"tags: [{tag_list}]\n"
        f"{approval}"
        "---\n"
        "\n"
        f"# {title}\n"
        "\n"
        "**Summary:** to be written. Say the most important point first, in one\n"
        "or two short sentences.\n"
        "\n"
        "## What to know\n"
        "\n"
        "To be written. Use short sentences and plain words. Cite each fact with\n"
        "its source key, for example `[^dfe-cse-2017]`.\n"
    )


def add_to_nav(config_text: str, section_title: str, entry_title: str, path: str) -> str:
    """Add `- Title: path` as the last item of a top-level nav section.

    Works on the text, so comments, quoting and !ENV tags are kept.
    """
    lines = config_text.split("\n")
    try:
        nav_at = next(i for i, line in enumerate(lines) if re.match(r"^nav:\s*(#.*)?$", line))
    except StopIteration:
        raise ValueError("mkdocs.yml has no top-level `nav:`") from None
    header = None
    for i in range(nav_at + 1, len(lines)):
        line = lines[i]
        if line.strip() and not line.startswith((" ", "-", "#")):
            break  # the next top-level key: nav ended
        m = re.match(r"^(\s*)-\s+(.*?):\s*(#.*)?$", line)
        if m:
            try:
                key = yaml.safe_load(m.group(2))
            except yaml.YAMLError:
                key = m.group(2)
            if key == section_title:
                header = (i, len(m.group(1)))
                break
    if header is None:
        raise ValueError(f"section {section_title!r} not found in nav")
    start, indent = header
    last = start
    child_indent = None
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        width = len(line) - len(line.lstrip())
        if width <= indent:
            break
        if child_indent is None and line.lstrip().startswith("-"):
            child_indent = width
        last = i
    pad = " " * (child_indent if child_indent is not None else indent + 4)
    lines.insert(last + 1, f"{pad}- {yaml_scalar(entry_title)}: {path}")
    return "\n".join(lines)


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
