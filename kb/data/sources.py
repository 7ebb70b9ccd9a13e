"""The source registry (docs/_data/sources.yml) and citations.

Pure functions:

- `load_registry(text, file)` validates the registry and returns the sources
  and ContentErrors that carry the YAML line of the bad entry or field.
- `check_citations(file, body, body_line, registry)` finds unknown keys and
  hand-written footnotes for registered keys in a page's Markdown.
- `fill_citations(markdown, registry)` appends a "Sources" section with a
  footnote definition for every registered key the page cites.
- `render_all_sources(registry)` and `cited_by_html(...)` render the
  "All sources" page.

The "MkDocs events" section at the bottom wires them in. Register this
module after every hook that renders markers into citations.
"""

from __future__ import annotations

from kb.core.paths import data_label, SOURCES_FILE as REGISTRY_PATH  # noqa: F401 (written once, in kb/core/paths.py)
import functools

from kb.core.mdtext import md_literal

import pathlib


import datetime as dt
import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from kb.core import yamltext
from kb.core.dates import uk_date
from kb.core.errors import ContentError
from kb.model.provenance import HINT as CHECK_HINT, Check, sentence
from kb.core.mdtext import did_you_mean, footnote_defs, footnote_refs, mask_code
from kb.core.messages import error, validation_problems
from kb.model.sources import KEY_RE, Source  # noqa: F401 (the schemas live in kb/model)

SOURCES_HEADING = "Sources"
PLACE_MARKER = "///SOURCES///"
CITED_BY_TOKEN = "\u27e6kb-cited-by:{key}\u27e7"


FIELDS = list(Source.model_fields)
REQUIRED_FIELDS = [n for n, f in Source.model_fields.items() if f.is_required()]
FIELD_HINTS = {
    "key": "Use lower-case letters, digits and hyphens, for example dfe-cse-2017.",
    "title": "Write the title of the document after `title:`.",
    "publisher": "Write who published it, for example Department for Education.",
    "date": "Write the publication date as YYYY-MM-DD, or YYYY-MM if only the month is known, or undated for a web page with no date.",
    "url": "Write the full web address, starting with https://.",
    "checked": CHECK_HINT,
    "quote_checked": CHECK_HINT.replace("`checked:`", "`quote_checked:`"),
    "kind": "Write one of: definition, guidance, legislation, procedure, organisation, data.",
    "note": "Write the note as plain text.",
    "quotes": "Write a list of quoted paragraphs, each on a line starting with `- `.",
    "quote_version": "Say which version of the text is quoted, for example 2018 wording.",
}


@dataclass
class Registry:
    sources: dict[str, Source] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # key -> line of the entry
    #: Keys of entries with errors (reported once, in sources.yml): pages citing
    #: them are not told again that the key is unknown.
    broken: set[str] = field(default_factory=set)
    #: The `quotes` of broken entries, as written: a page quoting one is not
    #: compared with another source's similar wording (its error is its own).
    broken_quotes: dict[str, list[str]] = field(default_factory=dict)
    #: True when the file could not be read at all: then no citation is checked.
    unreadable: bool = False

    def __contains__(self, key: str) -> bool:
        return key in self.sources

    def get(self, key: str) -> Source | None:
        return self.sources.get(key)


def load_registry(text: str, file: str = REGISTRY_PATH) -> tuple[Registry, list[ContentError]]:
    """Validate the registry. Good entries are kept even when others are bad."""
    reg = Registry()
    data, locate, errors = yamltext.load(text, file, syntax_code="registry-yaml")
    if errors:
        reg.unreadable = True
        return reg, errors
    if not isinstance(data, list):
        reg.unreadable = True
        return reg, [error("registry-not-list", file, 1)]

    for i, item in enumerate(data):
        line = locate([i])

        def keys_at(fld: str, i=i, line=line) -> tuple[int, int]:
            if not isinstance(item, dict) or fld not in item:
                return line, line
            return locate([i, fld]), locate.value([i, fld]) or locate([i, fld])

        if not isinstance(item, dict):
            errors.append(error("registry-not-list", file, line))
            continue
        name = str(item.get("key") or f"on line {line}")
        if isinstance(item.get("key"), str):
            reg.broken.add(item["key"])  # until it validates
        try:
            src = Source.model_validate(item)
        except ValidationError as exc:
            quotes = item.get("quotes")
            if isinstance(item.get("key"), str) and isinstance(quotes, list):
                reg.broken_quotes[item["key"]] = [q for q in quotes if isinstance(q, str)]
            for p in validation_problems(exc, item):
                fld = str(p.loc[0]) if p.loc else "key"
                key_line, value_line = keys_at(fld)
                if p.kind == "date-without-method":
                    errors.append(error("check-date-without-method", file, key_line, key=name))
                elif p.kind == "missing":
                    errors.append(error("registry-missing-field", file, line, key=name, field=fld))
                elif p.kind == "unknown":
                    errors.append(error(
                        "registry-unknown-field", file, key_line, key=name, field=fld,
                        suggestion=did_you_mean(fld, [f for f in FIELDS if f not in item]),
                        allowed=", ".join(FIELDS)))
                else:
                    errors.append(error(
                        "registry-invalid-field", file, value_line, key=name, field=fld,
                        problem=p.message, hint=FIELD_HINTS.get(
                            fld, "Compare the entry with the others and with DEVELOPING.md.")))
            continue
        reg.broken.discard(src.key)
        if src.quotes and src.quote_checked is None:
            errors.append(error("registry-quote-unchecked", file, line, key=src.key))
        if src.quote_checked is not None and not src.quotes:
            errors.append(error("registry-unknown-field", file, keys_at("quote_checked")[0],
                                key=src.key, field="quote_checked",
                                suggestion=" It is only for a source with `quotes`.",
                                allowed=", ".join(FIELDS)))
        if src.key in reg.sources:
            errors.append(error("registry-duplicate", file, line, key=src.key,
                                first=reg.lines[src.key]))
            continue
        reg.sources[src.key] = src
        reg.lines[src.key] = line
    return reg, errors


def load_registry_file(path: pathlib.Path, file: str = REGISTRY_PATH
                       ) -> tuple[Registry, list[ContentError]]:
    if not path.is_file():
        return Registry(), [error("registry-missing", file, None)]
    text, errors = yamltext.read_text(path, file)
    if errors:
        return Registry(unreadable=True), errors
    return load_registry(text, file)


@functools.lru_cache(maxsize=8)
def _registry_of(text: str) -> Registry:
    return load_registry(text, REGISTRY_PATH)[0]


def _read_registry(path: pathlib.Path) -> Registry | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return _registry_of(data.decode("utf-8", "replace"))


def registry_keys(path: pathlib.Path) -> set[str]:
    """Every key in the registry at *path*, with the entries that have errors."""
    reg = _read_registry(path)
    return set() if reg is None else set(reg.sources) | set(reg.broken)


def load_source_index(path: pathlib.Path) -> dict[str, dict]:
    """key -> the entry as plain data, for the renderers, from the one
    registry (load_registry; this is no second reader). Entries with errors
    are left out: the registry reports them. A file that cannot be read is {}."""
    reg = _read_registry(path)
    if reg is None:
        return {}
    return {key: src.model_dump(exclude_unset=True) for key, src in reg.sources.items()}


# --- citations in a page ---------------------------------------------------

def cited_keys(markdown: str) -> list[str]:
    """Keys cited in *markdown*, in order of first use (code ignored)."""
    seen: dict[str, None] = {}
    for ref in footnote_refs(mask_code(markdown)):
        seen.setdefault(ref.key, None)
    return list(seen)


def check_citations(file: str, body: str, body_line: int, registry: Registry
                    ) -> list[ContentError]:
    """Unknown citation keys, and hand-written footnotes for registered keys."""
    masked = mask_code(body)
    defs = footnote_defs(masked, body_line)
    defined = {d.key for d in defs}
    errors = [error("citation-handwritten", file, d.line, key=d.key)
              for d in defs if d.key in registry]
    reported: set[str] = set()
    if registry.unreadable:
        return errors  # sources.yml itself is reported; no error on every page
    for ref in footnote_refs(masked, body_line):
        if ref.key in registry or ref.key in defined or ref.key in reported \
                or ref.key in registry.broken:
            continue
        reported.add(ref.key)
        errors.append(error("citation-unknown", file, ref.line, key=ref.key,
                            suggestion=did_you_mean(ref.key, registry.sources)))
    return errors


def format_date(value: str | dt.date) -> str:
    """2017-02-16 -> 16 February 2017; 2018-04 -> April 2018; 2000 -> 2000."""
    if value == "undated":
        return "Undated web page"
    return uk_date(value)


def _md_url(url: str) -> str:
    """An address for `(<…>)`: no character that would end the brackets early."""
    return re.sub(r"[<>\s]", lambda m: "%{:02X}".format(ord(m.group(0))), url)


def citation_text(src: Source) -> str:
    """One source as a line of Markdown, e.g. for a footnote."""
    text = (f"{md_literal(src.publisher)}, [*{md_literal(src.title)}*](<{_md_url(src.url)}>), "
            f"{format_date(src.date)}.")
    if src.quote_version:
        text += f" Quoted version: {md_literal(src.quote_version)}."
    text += " " + check_text(src.checked, "source")
    if src.quote_checked is not None:
        text += " " + check_text(src.quote_checked, "quote")
    return text


def check_text(check: Check, subject) -> str:
    """How a source or its quote was checked, in English, escaped for Markdown."""
    from kb.core.ui_text import ui_text
    return md_literal(sentence(check, subject, lambda key: ui_text(key, "en"), format_date))


def fill_citations(markdown: str, registry: Registry, heading: str = SOURCES_HEADING) -> str:
    """Add a footnote definition for each registered key the page cites.

    The definitions go under a "Sources" heading at the end of the page, where
    the footnotes extension's PLACE_MARKER puts the footnote list.
    """
    masked = mask_code(markdown)
    defined = {d.key for d in footnote_defs(masked)}
    keys = [k for k in cited_keys(markdown) if k in registry and k not in defined]
    if not keys and not defined:
        return markdown
    out = markdown.rstrip("\n")
    if PLACE_MARKER not in masked:
        out += f"\n\n## {heading}\n\n{PLACE_MARKER}\n"
    out += "\n" + "".join(f"\n[^{k}]: {citation_text(registry.sources[k])}\n" for k in keys)
    return out


# --- the "All sources" page ------------------------------------------------

KIND_HEADINGS = [
    ("definition", "Definitions"),
    ("legislation", "Legislation"),
    ("guidance", "Guidance"),
    ("procedure", "Procedures"),
    ("data", "Data and research"),
    ("organisation", "Organisations"),
    (None, "Other sources"),
]


def render_all_sources(registry: Registry) -> str:
    """Markdown listing every source, grouped by kind, with a cited-by token."""
    parts: list[str] = []
    for kind, heading in KIND_HEADINGS:
        group = sorted((s for s in registry.sources.values() if s.kind == kind),
                       key=lambda s: (s.publisher.lower(), s.title.lower()))
        if not group:
            continue
        parts.append(f"## {heading}\n")
        for s in group:
            item = f"- {citation_text(s)}"
            if s.note:
                item += f"\n\n    {md_literal(' '.join(s.note.split()))}"
            item += f"\n\n    Cited on: {CITED_BY_TOKEN.format(key=s.key)}\n"
            parts.append(item)
    return "\n".join(parts)


def cited_by_html(key: str, citing: list[tuple[str, str]], data_files: list[str] = ()) -> str:
    """HTML for the pages citing *key*: [(relative url, title), ...].

    *data_files* names the data files (such as contacts.yml) that use the key.
    """
    from kb.core.partials import partial

    return partial("cited-by.html", citing=citing, data_files=list(data_files))


def unused_sources(registry: Registry, cited: set[str], file: str = REGISTRY_PATH) -> list[ContentError]:
    """A warning for each registered source that nothing cites; *file* names the registry."""
    return [error("registry-unused", file, registry.lines[k], key=k)
            for k in registry.sources if k not in cited]


def data_file_keys(data_dir: pathlib.Path, registry: Registry) -> dict[str, list[str]]:
    """Registry keys that other data files name as a `source` (or `sources`).

    Returns key -> names of the data files that use it.
    """
    found: dict[str, list[str]] = {}

    def walk(node, name):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("source", "sources"):
                    for x in (v if isinstance(v, list) else [v]):
                        if isinstance(x, str) and x in registry and name not in found.get(x, []):
                            found.setdefault(x, []).append(name)
                walk(v, name)
        elif isinstance(node, list):
            for x in node:
                walk(x, name)

    for path in sorted(data_dir.glob("*.y*ml")):
        if path.name.startswith("sources."):
            continue
        try:
            data, _, errors = yamltext.load_file(path, data_label(path.name))
        except OSError:
            continue
        if not errors:
            walk(data, path.name)
            continue
        # That file's own hook reports its errors. Meanwhile every key its text
        # names counts as used, so one bad file is not also a list of "unused"
        # sources.
        text = path.read_bytes().decode("utf-8", "replace")
        for key in registry.sources:
            if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text) \
                    and path.name not in found.get(key, []):
                found.setdefault(key, []).append(path.name)
    return found


# Translated "Sources" headings (mkdocs-static-i18n page locale).
HEADINGS = {"en": "Sources", "pl": "Źródła", "ar": "المصادر"}
