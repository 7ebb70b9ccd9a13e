"""The table of markers: every `<!-- kb:NAME args -->` the site knows.

A line holding only such a comment is replaced at build time by Markdown
rendered from data. This table is the contract: the page check accepts the
names here and no others, DEVELOPING.md shows it (a test keeps the two
alike), and each marker's owner module renders it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Marker:
    name: str
    args: str       # how the arguments are written, "" for none
    owner: str      # the module that renders it
    renders: str    # what it becomes


MARKERS: tuple[Marker, ...] = (
    Marker("contacts", "", "kb/data/contacts.py", "the contacts tables from `contacts.yml`"),
    Marker("emergency", "", "kb/data/contacts.py", 'the "call 999" callout'),
    Marker("indicators", "GROUP", "kb/data/indicators.py",
           "one list from `indicators.yml` (`general`, `criminal`, `online`, `trafficking`)"),
    Marker("glossary", "", "kb/data/glossary.py", "the glossary page body"),
    Marker("all-sources", "", "kb/render/citations.py", "every source and the pages citing it"),
    Marker("flowchart", "ROUTE", "kb/data/flowchart.py",
           "the diagram and text version of a route"),
    Marker("posters", "", "kb/render/sheets.py", "the posters and handouts list"),
    Marker("definition", "KEY [N ...]", "kb/render/sheets.py",
           "the `quotes` of a `sources.yml` entry (paragraphs N, default all) as one cited "
           "blockquote"),
    Marker("poster-contacts", "[GROUP ...]", "kb/render/sheets.py",
           "a compact list of the contacts for posters and handouts (all groups, or the named "
           "`contacts.yml` groups)"),
    Marker("flowchart-diagram", "ROUTE", "kb/render/sheets.py",
           "the police actions diagram of a route for a printed sheet, with its sources cited"),
    Marker("changes", "", "kb/pagemeta/freshness.py",
           "the \"What's changed\" list: recent content changes from git, newest first"),
)

KNOWN_MARKERS: tuple[str, ...] = tuple(m.name for m in MARKERS)


def markdown_table() -> str:
    """The table as DEVELOPING.md shows it."""
    rows = ["| marker | owner module | renders |", "| --- | --- | --- |"]
    for m in MARKERS:
        comment = f"<!-- kb:{m.name}{' ' + m.args if m.args else ''} -->"
        rows.append(f"| `{comment}` | `{m.owner}` | {m.renders} |")
    return "\n".join(rows)
