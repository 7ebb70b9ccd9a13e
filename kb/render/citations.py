"""Citations: a page's sources filled in, under any engine that runs this before Markdown."""

from __future__ import annotations

from kb.data.datafile import replace_markers
from kb.data.sources import HEADINGS, SOURCES_HEADING, Registry, fill_citations, render_all_sources


def page_sources(markdown: str, registry: Registry, locale: str = "en") -> tuple[str, bool]:
    """A page's Markdown with its sources filled in: the kb:all-sources list
    (with cited-by tokens), quoted definitions annotated, and a footnote
    definition under a "Sources" heading for each cited key.
    Returns (markdown, whether the page lists all sources)."""
    from kb.core.dates import local_date
    from kb.checks.quotes import annotate_quotes
    from kb.core.ui_text import ui_text

    # The shared marker reader: a marker inside code is left alone.
    listed, _ = replace_markers(markdown, {"all-sources"},
                                lambda name, args, index: (render_all_sources(registry), []))
    has_list = listed != markdown
    markdown = annotate_quotes(listed, registry, lambda key: ui_text(key, locale),
                               lambda day: local_date(day, locale), locale)
    return fill_citations(markdown, registry, HEADINGS.get(locale, SOURCES_HEADING)), has_list
