"""Work on a page's element tree while Python-Markdown still holds it.

Re-parsing every rendered page with an HTML parser, only to add an
attribute or read its text, was the largest part of the hooks' cost
(BENCHMARKS.md). Python-Markdown already has the page as an ElementTree
before it writes HTML, so the hooks that edit or read the rendered page do
their work there instead, with a treeprocessor.

Raw HTML written in a page (``<p class="kb-lead">``, a marker's table) is not
in the tree: Python-Markdown keeps it aside in ``md.htmlStash`` and puts it
back after serialising. :func:`raw_html_blocks` lists those pieces, and
:func:`html_fragment` parses one with lxml, for the functions that must also
read them.

Usage, in a hook's ``on_config``::

    pagetree.install(config, "glossary", func)

where ``func(root, md)`` is called with the tree's root element and the
page's ``markdown.Markdown`` instance, once per page. It runs after every
other treeprocessor (abbreviations, footnotes, the table of contents and
unescaping are done), just before the tree is written out as HTML.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Callable, Iterator

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

TreeFunc = Callable[[etree.Element, Markdown], None]

#: After unescape (0) and MkDocs' own treeprocessors (0 to 5).
PRIORITY = -10


class _Processor(Treeprocessor):
    def __init__(self, md: Markdown, func: TreeFunc) -> None:
        super().__init__(md)
        self.func = func

    def run(self, root: etree.Element) -> None:
        self.func(root, self.md)


class PageTreeExtension(Extension):
    """Runs *func* on each page's tree; *key* names it (one per key)."""

    def __init__(self, key: str, func: TreeFunc, priority: int = PRIORITY) -> None:
        super().__init__()
        self.key, self.func, self.priority = key, func, priority

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.treeprocessors.register(_Processor(md, self.func), f"kb-{self.key}", self.priority)


def install(config, key: str, func: TreeFunc, priority: int = PRIORITY) -> None:
    """Add (or replace) the tree function *key* in MkDocs' Markdown extensions."""
    exts = config["markdown_extensions"]
    exts[:] = [e for e in exts if not (isinstance(e, PageTreeExtension) and e.key == key)]
    exts.append(PageTreeExtension(key, func, priority))


def walk(root: etree.Element, skip: frozenset[str] | set[str] = frozenset()
         ) -> Iterator[tuple[etree.Element, tuple[etree.Element, ...]]]:
    """Each element under *root* (root included) with its ancestors, outermost
    first. Comments, and elements named in *skip* with everything inside
    them, are left out (a left-out element's tail text belongs to its parent)."""
    stack: list[tuple[etree.Element, tuple[etree.Element, ...]]] = [(root, ())]
    while stack:
        el, ancestors = stack.pop()
        if not isinstance(el.tag, str) or el.tag in skip:
            continue
        yield el, ancestors
        inner = ancestors + (el,)
        stack.extend((child, inner) for child in reversed(el))


def texts(root: etree.Element, skip: frozenset[str] | set[str] = frozenset()) -> Iterator[str]:
    """The text of *root* in document order, leaving out comments and what is
    inside elements named in *skip* (their tail text, which follows them, is kept)."""
    stack: list[tuple[etree.Element, bool]] = [(root, False)]
    while stack:
        el, tail_only = stack.pop()
        if not tail_only:
            if not isinstance(el.tag, str) or el.tag in skip:
                continue  # comments and processing instructions have no text to read
            if el.text:
                yield el.text
            for child in reversed(el):
                stack.append((child, True))
                stack.append((child, False))
        elif el is not root and el.tail:
            yield el.tail


def raw_html_blocks(md: Markdown) -> list[str]:
    """The raw HTML pieces Python-Markdown set aside for this page."""
    return [b for b in md.htmlStash.rawHtmlBlocks if isinstance(b, str) and b.strip()]


#: Elements whose names or attributes lxml's HTML serialiser would change
#: (it lower-cases ``viewBox``): a raw block holding one is never rewritten.
FOREIGN = frozenset({"svg", "math"})


def html_fragment(html: str) -> etree.Element:
    """Parse a piece of HTML (possibly only an opening or closing tag) with
    lxml, into one wrapping ``<div>``."""
    import lxml.html

    return lxml.html.fragment_fromstring(html, create_parent="div")


def rewrite_raw_html(md: Markdown, edit: Callable[[etree.Element], bool]) -> None:
    """Let *edit* change each raw HTML piece of the page, parsed with lxml.

    *edit* returns True if it changed the piece; only then is the piece
    written back. Pieces holding SVG or MathML are left as they are.
    """
    import lxml.html

    blocks = md.htmlStash.rawHtmlBlocks
    for index, block in enumerate(blocks):
        if not isinstance(block, str) or not block.strip():
            continue
        root = html_fragment(block)
        if any(isinstance(el.tag, str) and el.tag in FOREIGN for el in root.iter()):
            continue
        if edit(root):
            blocks[index] = (root.text or "") + "".join(
                lxml.html.tostring(child, encoding="unicode") for child in root)
