"""One pass over a page's Markdown: every data marker rendered, then its citations filled.

The table is kb/core/markers.py: each marker's name and the module that owns
it. The owner provides a *marker group*, an object with

* ``owner``: the module path the table names (``"kb/data/contacts.py"``);
* ``names``: the markers it renders;
* ``render(page, name, args, line)``: ``(markdown, errors)`` for one marker
  line, where *line* is the marker's 1-based line in the page as written.

:class:`RenderData` holds the groups a build has loaded. A marker whose owner
has no group in it (its step is not running) is left as it is. Translated
pages first ask their language's group, which renders the data markers in
that language or returns None to leave the marker to its owner.

:func:`render_page` is the one marker loop. The Python-Markdown extension in
kb/render/extension.py runs it, under any engine that runs Python-Markdown;
kb/stage runs it for engines that read pre-rendered pages.
"""

from __future__ import annotations

from kb.core.paths import page_label
from dataclasses import dataclass, field
from typing import Protocol

from kb.core.errors import ContentError
from kb.core.markers import MARKERS
from kb.data.datafile import replace_markers

#: marker name -> the module that renders it (the table in kb/core/markers.py).
OWNERS: dict[str, str] = {m.name: m.owner for m in MARKERS}

#: The owner whose markers the citation pass renders (kb:all-sources).
CITATIONS_OWNER = "kb/render/citations.py"


@dataclass(frozen=True)
class PageRef:
    """The page being rendered, as the renderers need it."""

    src: str              # its file under docs/: signs.md, signs.pl.md
    url: str = ""         # its address in the site: pl/signs.html
    lang: str = "en"      # the language tree it is built in
    locale: str = "en"    # the language its text is written in
    translated: bool = False  # a translation: data markers in its language
    raw_body: str | None = None  # the body as the editor wrote it, for line numbers
    offset: int = 0       # lines before the body in the file

    @property
    def file(self) -> str:
        return page_label(self.src)


class MarkerGroup(Protocol):
    owner: str
    names: frozenset[str]

    def render(self, page: PageRef, name: str, args: list[str], line: int
               ) -> tuple[str, list[ContentError]] | None: ...


@dataclass
class Rendered:
    markdown: str
    errors: list[ContentError]
    cited: list[str] = field(default_factory=list)  # source keys cited, markers included
    lists_sources: bool = False                      # the page holds kb:all-sources


@dataclass
class RenderData:
    """What the markers and citations draw on in one build."""

    groups: dict[str, MarkerGroup] = field(default_factory=dict)   # owner -> group
    languages: dict[str, MarkerGroup] = field(default_factory=dict)  # lang -> group
    registry: object | None = None  # kb.data.sources.Registry: citations filled when set

    def add(self, group: MarkerGroup) -> None:
        unknown = set(group.names) - {n for n, o in OWNERS.items() if o == group.owner}
        if unknown:  # a programming error: the table and the group disagree
            raise ValueError(f"{group.owner} renders {sorted(unknown)}, which "
                             "kb/core/markers.py does not give it")
        self.groups[group.owner] = group


def render_markers(markdown: str, data: RenderData, page: PageRef
                   ) -> tuple[str, list[ContentError]]:
    """Replace every marker line whose owner has a group in *data*."""
    if "kb:" not in markdown:
        return markdown, []
    language = data.languages.get(page.lang) if page.translated else None
    names = {n for n, owner in OWNERS.items() if owner in data.groups}
    if language is not None:
        names |= set(language.names)

    def render(name: str, args: list[str], index: int):
        line = page.offset + index + 1
        if language is not None and name in language.names:
            out = language.render(page, name, args, line)
            if out is not None:
                return out
        group = data.groups.get(OWNERS[name])
        if group is None:  # a translation's marker its own step does not render here
            return f"<!-- kb:{name}{' ' + ' '.join(args) if args else ''} -->", []
        return group.render(page, name, args, line)

    return replace_markers(markdown, names, render, page.offset, page.raw_body)


def render_page(markdown: str, data: RenderData, page: PageRef) -> Rendered:
    """The page's Markdown with its markers rendered and, with a registry,
    its citations filled in."""
    markdown, errors = render_markers(markdown, data, page)
    if data.registry is None:
        return Rendered(markdown, errors)
    from kb.data.sources import cited_keys
    from kb.render.citations import page_sources

    cited = cited_keys(markdown)
    markdown, listed = page_sources(markdown, data.registry, page.locale)
    return Rendered(markdown, errors, cited, listed)
