"""Glossary: one data file, docs/_data/glossary.yml, drives three things.

1. The glossary page: the marker ``<!-- kb:glossary -->`` becomes a
   definition list (term, expansion, plain explanation, link to the page
   where the term matters most). The link is an ordinary relative Markdown
   link, so MkDocs' own link validation checks it.
2. Abbreviations on every page: the ``abbr`` extension's ``glossary`` option
   gets every term, and the extension wraps every use in
   ``<abbr title="...">``. Material's ``content.tooltips`` shows the
   title on hover *and* on focus, so each ``<abbr>`` that is not already
   inside an interactive element gets ``tabindex="0"`` (keyboard users can
   reach it; an ``<abbr>`` inside a link is left alone, because a focusable
   element inside a link is a nested-interactive accessibility failure).
   This is done on Markdown's element tree (kb/core/pagetree.py), not by
   parsing the rendered page again.
3. A build *warning* (``severity="warning"``: logged, never fails the strict
   build) for any abbreviation-like word used in a page but missing from the
   glossary. An abbreviation-like word has at least two capital letters and
   no lower-case letters (``NRM``, ``4LSAB``). Words in ``ALLOWED`` are never
   reported (Roman numerals and a few common words that need no expansion).

Each entry in glossary.yml:

    - term: NRM                         # as written in the text
      expansion: National Referral Mechanism
      explanation: One plain-English sentence.
      page: worried/trafficking-nrm.md  # docs-relative path
      anchor: the-nrm                   # optional heading id on that page
"""

from __future__ import annotations

from kb.core.paths import GLOSSARY_FILE  # noqa: F401 (written once, in kb/core/paths.py)
from kb.core.mdtext import md_literal

import posixpath
import re
import pathlib
from typing import Iterable


import xml.etree.ElementTree as etree

from pydantic import RootModel

from kb.data.datafile import (ROOT, load_yaml, repeated, validate)
from kb.core.errors import ContentError
from kb.core import pagetree
from kb.core import yamltext
from kb.model.glossary import GlossaryEntry  # noqa: F401 (the schemas live in kb/model)

GLOSSARY_PAGE = "glossary.md"
MARKERS = {"glossary"}

#: Capitalised words that are not abbreviations to explain. Roman numerals
#: (as in "Part II") and words that every reader knows.
ROMAN_NUMERALS = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX"}
ALLOWED = ROMAN_NUMERALS | {"OK", "UK", "PDF", "FAQ"}

#: A word with two or more capital letters, digits allowed, no lower case,
#: and not part of a path or code such as "A/RES/55/25".
ABBREVIATION_RE = re.compile(r"(?<![\w/-])(?=[0-9]*[A-Z][0-9]*[A-Z])[A-Z0-9]{2,}(?![\w/-])")

#: Elements whose text is never checked for abbreviations.
SKIP_TEXT_IN = {"code", "pre", "kbd", "samp", "script", "style", "abbr"}
#: Elements that are already interactive; an <abbr> inside them must not be
#: focusable itself.
INTERACTIVE = {"a", "button", "summary", "label", "select", "textarea", "option"}

FIX = ("Give every glossary entry `term`, `expansion`, `explanation` (one plain "
       "sentence) and `page` (a docs-relative path such as understanding/cse.md), "
       "and optionally `anchor`. Define each term once.")


class Glossary(RootModel[list[GlossaryEntry]]):
    pass


def parse_glossary(text: str, file: str = GLOSSARY_FILE) -> tuple[list[GlossaryEntry], list[ContentError]]:
    """Validate glossary YAML text; return the entries and every problem found."""
    data, locate, errors = load_yaml(text, file)
    if errors:
        return [], errors
    model, errors = validate(Glossary, data, locate, file, FIX, code="glossary")
    if model is None:
        return [], errors
    entries = list(model.root)
    for index, first in repeated(e.term.casefold() for e in entries):
        errors.append(ContentError(
            file, locate([index, "term"]),
            f"'{entries[index].term}' is defined twice (first as entry {first + 1})",
            "Keep one entry per term and delete the other.", code="glossary"))
    return entries, errors


def load_glossary(path: pathlib.Path | None = None, root: pathlib.Path = ROOT
                  ) -> tuple[list[GlossaryEntry], list[ContentError]]:
    """Read and validate docs/_data/glossary.yml (a missing file is an empty glossary).
    Error paths are relative to *root* (the folder holding mkdocs.yml)."""
    path = path or root / GLOSSARY_FILE
    file = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text, errors = yamltext.read_text(path, file)
    except FileNotFoundError:
        return [], []
    if errors:
        return [], errors
    return parse_glossary(text, file)


def check_pages(entries: Iterable[GlossaryEntry], known_pages: set[str],
                file: str = GLOSSARY_FILE, text: str | None = None) -> list[ContentError]:
    """Every entry's ``page`` must be a page of the site."""
    errors = []
    lines = (text or "").split("\n")
    for entry in entries:
        if entry.page not in known_pages:
            line = next((i + 1 for i, ln in enumerate(lines)
                         if ln.strip() == f"page: {entry.page}"), None)
            errors.append(ContentError(
                file, line, f"'{entry.term}' links to '{entry.page}', which is not a page of the site",
                "Set `page` to the docs-relative path of an existing page, "
                "for example understanding/cse.md.", code="glossary"))
    return errors


def relative_link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative Markdown link target from one docs page to another."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def render_glossary(entries: Iterable[GlossaryEntry], titles: dict[str, str],
                    from_page: str = GLOSSARY_PAGE) -> str:
    """The glossary page body: a definition list sorted by term.

    *titles* maps docs paths to page titles, used as link text.
    """
    blocks = []
    for entry in sorted(entries, key=lambda e: e.term.casefold()):
        title = titles.get(entry.page, entry.page)
        link = relative_link(from_page, entry.page, entry.anchor)
        blocks.append(
            f"{md_literal(entry.term, '*_')}\n"
            f":   **{md_literal(entry.expansion, '*_')}.** {md_literal(entry.explanation, '*_')}\n"
            f"    Read more: [{md_literal(title, '*_')}]({link}).\n")
    return "\n".join(blocks)


def abbreviation_glossary(entries: Iterable[GlossaryEntry]) -> dict[str, str]:
    """The ``abbr`` extension's ``glossary`` option: term -> expansion."""
    return {e.term: " ".join(e.expansion.split()) for e in entries}


def use_abbreviations(config, entries: Iterable[GlossaryEntry]) -> None:
    """Turn on the ``abbr`` extension with every glossary term, for every page.

    The extension's own ``glossary`` option does this once per build; the
    terms are not added to each page's Markdown."""
    exts = config["markdown_extensions"]
    if "abbr" not in exts and "markdown.extensions.abbr" not in exts:
        exts.append("abbr")
    name = "abbr" if "abbr" in exts else "markdown.extensions.abbr"
    mdx = config["mdx_configs"]
    mdx[name] = {**(mdx.get(name) or {}), "glossary": abbreviation_glossary(entries)}


def find_abbreviations(text: str) -> list[str]:
    """Abbreviation-like words in plain *text*, in order of appearance."""
    return ABBREVIATION_RE.findall(text)


def undefined_abbreviations(root: etree.Element | str, known: set[str],
                            allowed: set[str] = ALLOWED, raw: Iterable[str] = ()) -> list[str]:
    """Abbreviation-like words in a page outside <abbr>, <code> and the like,
    that are neither in *known* (glossary terms) nor in *allowed*. Unique, in order.

    *root* is the page's element tree (or a piece of HTML); *raw* is the
    page's raw HTML, which Python-Markdown keeps out of the tree.
    """
    if isinstance(root, str):
        root = pagetree.html_fragment(root)
    found: dict[str, None] = {}
    trees = [root, *(pagetree.html_fragment(block) for block in raw)]
    for tree in trees:
        for text in pagetree.texts(tree, SKIP_TEXT_IN):
            for word in find_abbreviations(text):
                if word not in known and word not in allowed:
                    found.setdefault(word, None)
    return list(found)


def locate_word(markdown: str, word: str, offset: int = 0) -> int | None:
    """1-based line of the first whole-word use of *word* in *markdown*, plus *offset*."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    for number, line in enumerate(markdown.split("\n"), start=1):
        if pattern.search(line):
            return number + offset
    return None


def missing_abbreviation_warnings(words: Iterable[str], markdown: str, file: str,
                                  offset: int = 0) -> list[ContentError]:
    """One non-failing warning per abbreviation in *words* (used on a page,
    not in the glossary), located in the page's *markdown*."""
    return [ContentError(
        file, locate_word(markdown, word, offset),
        f"the abbreviation '{word}' is not in the glossary",
        f"Add '{word}' to {GLOSSARY_FILE} with its expansion, a plain explanation and "
        "the page where it matters most, or write the words out in full.",
        code="glossary-missing", severity="warning")
        for word in words]


def make_abbr_focusable(root: etree.Element) -> None:
    """Give each <abbr title> in the tree tabindex="0", so the tooltip also
    opens on keyboard focus. An <abbr> inside a link, button or other control
    is left alone."""
    for el, ancestors in pagetree.walk(root):
        if (el.tag == "abbr" and el.get("title") is not None and el.get("tabindex") is None
                and not any(a.tag in INTERACTIVE for a in ancestors)):
            el.set("tabindex", "0")


class GlossaryMarkers:
    """The glossary marker's group (kb/render/pipeline.py). *titles* maps a
    page to its title, for the "see" links."""

    owner = "kb/data/glossary.py"
    names = frozenset(MARKERS)

    def __init__(self, entries: list[GlossaryEntry], titles: dict[str, str]) -> None:
        self.entries, self.titles = entries, titles

    def render(self, page, name: str, args: list[str], line: int):
        if args:
            return "", [ContentError(
                page.file, line, "the glossary marker takes no arguments",
                "Write the marker as <!-- kb:glossary -->.", code="glossary")]
        return render_glossary(self.entries, self.titles, page.src), []
