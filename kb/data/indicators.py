"""Signs and indicators: validate docs/_data/indicators.yml, render the markers.

Marker (a line holding only the comment):
    <!-- kb:indicators GROUP -->   one group's list, e.g. general, criminal

The list ends with a citation footnote reference ``[^source-key]``. The
citations hook (kb/data/sources.py) fills it in, so this hook must be listed
before kb/data/sources.py under `hooks:` in mkdocs.yml.

Posters and open data call `get_indicators()` or `indicators_records()`.
"""

from __future__ import annotations

from kb.core.paths import INDICATORS_FILE  # noqa: F401 (written once, in kb/core/paths.py)
import pathlib


from kb.data.datafile import (ROOT, load_yaml, repeated, require,
                             validate)
from kb.data.load import load_data_file
from kb.core.errors import ContentError
from kb.model.indicators import IndicatorGroup, IndicatorsData  # noqa: F401 (the schemas live in kb/model)

MARKERS = {"indicators"}

SCHEMA_FIX = ("Compare the entry with the format in DEVELOPING.md: `groups:` is a "
              "list; each group has id, title, source (a sources.yml key) and "
              "items (a list of short sentences).")


def load_indicators(text: str, file: str = INDICATORS_FILE,
                    source_keys: set[str] | None = None
                    ) -> tuple[IndicatorsData | None, list[ContentError]]:
    """Parse and validate indicators YAML. Checks source keys if *source_keys* is given."""
    raw, locate, errors = load_yaml(text, file)
    if errors:
        return None, errors
    data, errors = validate(IndicatorsData, raw, locate, file, SCHEMA_FIX, "indicators")
    if data is None:
        return None, errors
    for gi, _ in repeated(g.id for g in data.groups):
        errors.append(ContentError(file, locate(("groups", gi, "id")),
                                   f"group id '{data.groups[gi].id}' is used twice",
                                   "Give every group its own id.", code="indicators"))
    for gi, group in enumerate(data.groups):
        if source_keys is not None and group.source not in source_keys:
            errors.append(ContentError(
                file, locate(("groups", gi, "source")),
                f"unknown source key '{group.source}' for group '{group.id}'",
                "Use a key listed in docs/_data/sources.yml, or add the source there first.",
                code="indicators"))
    return data, errors


def indicators_records(data: IndicatorsData, sources: dict[str, dict] | None = None) -> list[dict]:
    """JSON-ready list of groups with their items and source, for posters and open data."""
    sources = sources or {}
    return [{
        "id": g.id, "title": g.title, "items": list(g.items), "source_key": g.source,
        "source_title": sources.get(g.source, {}).get("title"),
        "source_url": sources.get(g.source, {}).get("url"),
    } for g in data.groups]


def get_indicators(root: pathlib.Path = ROOT) -> IndicatorsData:
    """Load the real indicators file; raise ContentErrors if it is invalid."""
    return require(load_data_file(root, INDICATORS_FILE, load_indicators))


def check_file(root: pathlib.Path = ROOT) -> list[ContentError]:
    """Every problem in the indicators file (for scripts/check_content.py). [] if absent."""
    return load_data_file(root, INDICATORS_FILE, load_indicators, required=False)[1]


def render_group(group: IndicatorGroup, sources: dict[str, dict] | None = None,
                 lang: str = "en", t=None) -> str:
    """A Markdown bullet list; the source is cited after the list.

    The "Source" label comes from ui-text.yml in *lang*; on a translated page
    the (English) source title is marked as English, left to right.
    """
    from kb.core.mdtext import md_text
    from kb.core.ui_text import ui_text

    label = (t or (lambda key: ui_text(key, lang)))("source_label")
    title = (sources or {}).get(group.source, {}).get("title")
    out = []
    if group.intro:
        out += [md_text(group.intro.strip()), ""]
    out += [f"- {md_text(' '.join(item.split()))}" for item in group.items]
    english = '{ lang="en" dir="ltr" }' if lang != "en" else ""
    label = md_text(label)
    cite = f"{label}: *{md_text(title)}*{english}" if title else label
    out += ["", f"{cite}[^{group.source}]", ""]
    return "\n".join(out)


class IndicatorsMarkers:
    """The `<!-- kb:indicators GROUP -->` group (kb/render/pipeline.py). *data*
    is None when the data file has errors, which are reported already."""

    owner = "kb/data/indicators.py"
    names = frozenset(MARKERS)

    def __init__(self, data: IndicatorsData | None, sources: dict[str, dict] | None) -> None:
        self.data, self.sources = data, sources

    def render(self, page, name: str, args: list[str], line: int):
        data = self.data
        known = ", ".join(g.id for g in data.groups) if data else "(none loaded)"
        if len(args) != 1:
            return "", [ContentError(page.file, line,
                                     "the kb:indicators marker needs exactly one group name",
                                     f"Write <!-- kb:indicators GROUP --> with one of: {known}.",
                                     code="marker")]
        if data is None:
            return "", []
        group = data.group(args[0])
        if group is None:
            return "", [ContentError(page.file, line, f"unknown indicators group '{args[0]}'",
                                     f"Use one of: {known} (the ids in {INDICATORS_FILE}).",
                                     code="marker")]
        return render_group(group, self.sources), []
