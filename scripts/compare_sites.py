#!/usr/bin/env python3
"""Compare two built sites page by page (used to prove a refactor changes nothing).

    python scripts/compare_sites.py BEFORE_DIR AFTER_DIR [--whole]

For every HTML page in either site it compares the page's <article> and its
Material `#__config` JSON; with --whole it compares the whole file apart from
the <meta name="generator"> line. With --entities, the two ways of escaping
an apostrophe or a double quote in HTML count as one (Python's html.escape
writes &#x27; and &quot;, Jinja's autoescaping &#39; and &#34;: a browser
reads them alike). Other files (JSON, XML, CSS, JS) are
compared byte for byte. It prints each difference and a summary, and exits 1
if anything differs.
"""

from __future__ import annotations

import argparse
import difflib
import pathlib
import re
import sys

ARTICLE_RE = re.compile(r"<article\b.*?</article>", re.S)
CONFIG_RE = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
GENERATOR_RE = re.compile(r'<meta name="generator" content="[^"]*">')
SKIP_SUFFIXES = {".pdf", ".png", ".gz", ".br"}


#: html.escape's entity -> Jinja's (markupsafe's) for the same character.
ENTITIES = {"&#x27;": "&#39;", "&quot;": "&#34;"}


def same_entities(text: str) -> str:
    for old, new in ENTITIES.items():
        text = text.replace(old, new)
    return text


def parts(text: str, whole: bool) -> dict[str, str]:
    if whole:
        return {"page": GENERATOR_RE.sub("", text)}
    config = CONFIG_RE.search(text)
    return {"article": "\n".join(ARTICLE_RE.findall(text)),
            "#__config": config.group(1) if config else ""}


def compare(before: pathlib.Path, after: pathlib.Path, whole: bool = False,
            entities: bool = False) -> list[str]:
    problems: list[str] = []
    names = {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()}
    names |= {p.relative_to(after).as_posix() for p in after.rglob("*") if p.is_file()}
    for name in sorted(names):
        a, b = before / name, after / name
        if pathlib.PurePath(name).suffix in SKIP_SUFFIXES:
            continue
        if not a.is_file() or not b.is_file():
            problems.append(f"{name}: only in {'after' if b.is_file() else 'before'}")
            continue
        if name.endswith(".html"):
            ta, tb = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
            if entities:
                ta, tb = same_entities(ta), same_entities(tb)
            pa, pb = parts(ta, whole), parts(tb, whole)
            for key in pa:
                if pa[key] != pb[key]:
                    diff = difflib.unified_diff(pa[key].splitlines(), pb[key].splitlines(),
                                                "before", "after", lineterm="", n=1)
                    problems.append(f"{name}: {key} differs\n" + "\n".join(list(diff)[:20]))
        elif a.read_bytes() != b.read_bytes():
            problems.append(f"{name}: differs")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=pathlib.Path)
    parser.add_argument("after", type=pathlib.Path)
    parser.add_argument("--whole", action="store_true",
                        help="compare whole pages, not only the article and #__config")
    parser.add_argument("--entities", action="store_true",
                        help="count &#x27; and &#39; (and &quot; and &#34;) as the same")
    args = parser.parse_args(argv)
    problems = compare(args.before, args.after, args.whole, args.entities)
    pages = sum(1 for _ in args.before.rglob("*.html"))
    for p in problems:
        print(p)
    print(f"{pages} pages compared: {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
