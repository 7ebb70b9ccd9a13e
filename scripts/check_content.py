#!/usr/bin/env python3
"""Check the content without MkDocs: the same checks and messages as the build.

    scripts/check_content.py docs/
    scripts/check_content.py docs/ --config mkdocs.yml

Checks front matter (with the approval state of procedure content), citations and the source registry, quoted definitions
(wherever they are on a page), raw HTML, markers, duplicate heading ids,
phone numbers typed into pages, symbolic links out of docs/, internal links,
anchors and images, the contacts, indicators and redirects data files, and
(when a mkdocs.yml is found) pages missing from the nav. Prints every problem with
its file and line and how to fix it. Exit status 1 if there are errors;
warnings (such as an unused source) do not fail.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks import contacts, freshness, indicators  # noqa: E402
from hooks.content import check_tree, hook_generated_files, read_config  # noqa: E402


def update_readme(readme: pathlib.Path) -> int:
    """Replace the messages table between its markers in README.md."""
    from hooks.messages import README_BEGIN, README_END, readme_table

    text = readme.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        print(f"{readme}: add the lines {README_BEGIN} and {README_END} where the table goes",
              file=sys.stderr)
        return 2
    start, end = text.index(README_BEGIN), text.index(README_END) + len(README_END)
    readme.write_text(text[:start] + readme_table() + text[end:], encoding="utf-8")
    print(f"Updated the messages table in {readme}.", file=sys.stderr)
    return 0


def _label(path: pathlib.Path, root: pathlib.Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check the knowledge base content without MkDocs "
                    "(front matter, citations, quotes, raw HTML, markers, links, nav).")
    parser.add_argument("docs", type=pathlib.Path, nargs="?", default=pathlib.Path("docs"),
                        help="the docs folder (default: docs)")
    parser.add_argument("-f", "--config", type=pathlib.Path, default=None,
                        help="mkdocs.yml to read the nav from (default: the one next to the "
                             "docs folder, if any)")
    parser.add_argument("--no-nav", action="store_true", help="skip the nav check")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    parser.add_argument("--readme", action="store_true",
                        help="rewrite the generated table of error messages in README.md "
                             "from hooks/messages.py, then stop")
    args = parser.parse_args(argv)
    if args.readme:
        return update_readme(ROOT / "README.md")

    docs = args.docs.resolve()
    if not docs.is_dir():
        print(f"{args.docs}: no such folder", file=sys.stderr)
        return 2
    config_path = args.config or docs.parent / "mkdocs.yml"
    root = config_path.resolve().parent if config_path.is_file() else pathlib.Path.cwd()
    nav, exclude, extra = None, "_data/\n", set()
    if config_path.is_file():
        config = read_config(config_path)
        exclude = config.get("exclude_docs") or exclude
        extra = hook_generated_files(config.get("hooks"), config_path.resolve().parent)
        if not args.no_nav:
            nav = config.get("nav")

    problems = check_tree(docs, root, nav, exclude, extra)
    # The data files whose entries cite sources (contacts, signs and indicators).
    problems += contacts.check_file(root) + indicators.check_file(root)
    redirects = docs / "_data" / "redirects.yml"
    problems += freshness.check_file(docs, _label(redirects, root))
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    for p in errors:
        print(p.format())
    if not args.quiet:
        for p in warnings:
            print("Warning: " + p.format())
    if errors:
        print(f"\n{len(errors)} error(s) found. Fix them and run the check again.",
              file=sys.stderr)
        return 1
    print(f"No errors found ({len(warnings)} warning(s)).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
