#!/usr/bin/env python3
"""Check the content without MkDocs: the same checks and messages as the build.

    scripts/check_content.py docs/
    scripts/check_content.py docs/ --config mkdocs.yml

Checks front matter (with the approval state of procedure content),
citations and the source registry, quoted definitions (wherever they are on
a page), raw HTML and Markdown attribute lists, markers, duplicate heading
ids, phone numbers typed into pages, symbolic links in docs/, HTML and SVG
files, internal links, anchors and images, every data file in docs/_data/
(contacts, indicators, glossary, flowchart, print list, redirects, interface
text and the translation catalogs), and (when a mkdocs.yml is found) pages
missing from the nav, page templates and the configured addresses. Prints
every problem once, with its file and line and how to fix it. Exit status 1
if there are errors; warnings (such as an unused source) do not fail.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.data import contacts, indicators  # noqa: E402
from kb.postbuild.opendata import hook_generated_files  # noqa: E402
from kb.checks.content import (check_config_urls, check_tree,  # noqa: E402
                           is_translation, linked, read_config)
from kb.core.errors import ContentError  # noqa: E402
from kb.core.frontmatter import read_front_matter  # noqa: E402
from kb.checks.frontmatter import page_templates
from kb.core.yamltext import read_text  # noqa: E402


def _label(path: pathlib.Path, root: pathlib.Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def check_data_files(docs: pathlib.Path, root: pathlib.Path) -> list[ContentError]:
    """Every data file in *docs*/_data, with the same checks and messages as
    the hooks that read them in the build. A file that cannot be read gives
    its own errors and nothing else."""
    from kb.data import flowchart, glossary
    from kb.pagemeta import freshness
    from kb.i18n import catalogs as i18n_data, translations
    from kb.render import sheets as kbprint

    data = docs / "_data"
    problems = contacts.check_file(root) + indicators.check_file(root)
    pages = {p.relative_to(docs).as_posix(): p for p in sorted(docs.rglob("*.md"))
             if not any(part.startswith(".") or part == "_data"
                        for part in p.relative_to(docs).parts) and not linked(docs, p)}

    def text_of(path: pathlib.Path) -> tuple[str | None, str]:
        file = _label(path, root)
        if not path.is_file():
            return None, file
        text, errors = read_text(path, file)
        problems.extend(errors)
        return text, file

    path = data / "glossary.yml"
    if path.is_file():
        entries, errors = glossary.load_glossary(path, root)
        problems.extend(errors)
        if not errors:
            problems.extend(glossary.check_pages(
                entries, set(pages), _label(path, root),
                path.read_text(encoding="utf-8")))
    if (data / "flowchart.yml").is_file():
        problems.extend(flowchart.load_project_chart(root)[1])
    text, file = text_of(data / "print.yml")
    if text is not None:
        items, errors = kbprint.load_print_items(text, file)
        problems.extend(errors)
        if not errors:
            metas = {}
            for uri, p in pages.items():
                if is_translation(uri):
                    continue  # as in the build: the English tree is checked
                try:
                    metas[uri] = read_front_matter(p.read_bytes().decode("utf-8", "replace"))
                except OSError:
                    metas[uri] = {}
            problems.extend(kbprint.check_print_pages(items, metas, file))
    text, file = text_of(data / "redirects.yml")
    if text is not None:
        # Translations included: a redirect may not replace a page in any language.
        problems.extend(freshness.load_redirects(text, set(pages), file)[1])
    text, file = text_of(data / "ui-text.yml")
    if text is not None:
        problems.extend(translations.parse_ui_text(text, file)[1])
    from kb.checks import termbase

    for path in sorted((data / "translations").glob("*.yml")):
        text, file = text_of(path)
        if text is None:
            continue
        if file == termbase.TERMS_FILE or path.name == "terms.yml":
            problems.extend(termbase.parse_termbase(text, file)[1])  # the termbase, not a catalog
        else:
            problems.extend(i18n_data.parse_catalog(text, file)[1])
    return problems


def once(problems: list[ContentError]) -> list[ContentError]:
    """Each message once, in order."""
    seen: set[str] = set()
    out = []
    for p in problems:
        if p.format() not in seen:
            seen.add(p.format())
            out.append(p)
    return out


def update_readme(readme: pathlib.Path) -> int:
    """Replace the messages table between its markers in README.md."""
    from kb.core.messages import README_BEGIN, README_END, readme_table

    text = readme.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        print(f"{readme}: add the lines {README_BEGIN} and {README_END} where the table goes",
              file=sys.stderr)
        return 2
    start, end = text.index(README_BEGIN), text.index(README_END) + len(README_END)
    readme.write_text(text[:start] + readme_table() + text[end:], encoding="utf-8")
    print(f"Updated the messages table in {readme}.", file=sys.stderr)
    return 0


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
                             "from kb/core/messages.py, then stop")
    args = parser.parse_args(argv)
    if args.readme:
        return update_readme(ROOT / "README.md")

    docs = args.docs.resolve()
    if not docs.is_dir():
        print(f"{args.docs}: no such folder", file=sys.stderr)
        return 2
    config_path = args.config or docs.parent / "mkdocs.yml"
    root = config_path.resolve().parent if config_path.is_file() else pathlib.Path.cwd()
    nav, exclude, extra, templates = None, "_data/\n", set(), None
    if config_path.is_file():
        config = read_config(config_path)
        exclude = config.get("exclude_docs") or exclude
        extra = hook_generated_files(config.get("hooks"), config_path.resolve().parent)
        if not args.no_nav:
            nav = config.get("nav")
        theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
        custom = theme.get("custom_dir")
        templates = page_templates(root / custom if custom else None)

    problems = check_tree(docs, root, nav, exclude, extra, templates)
    if config_path.is_file():  # the configured addresses, as the build checks them
        problems += check_config_urls(config.get("extra") or {}, _label(config_path, root),
                                      config_path.read_text(encoding="utf-8"))
    problems = once(problems + check_data_files(docs, root))
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
