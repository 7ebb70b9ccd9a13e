"""Each page of docs/, in each language, as Zensical should read it.

The MkDocs build changes a page in two places: its Markdown (the data
markers and the citations, by kb/render/extension.py) and the data its
templates read (on_page_context: ``page.meta.kb_review``, ``kb_updated``,
``kb_translation``, ``kb_approval``, ``kb_print``). :func:`stage_page` does
both with the same code (kb/render/pipeline.py for the Markdown) and returns
the page as a Markdown file whose front matter holds the ``kb_*`` data.

Languages are laid out as mkdocs-static-i18n does with ``docs_structure:
suffix`` and ``fallback_to_default: true``: every English page is also built
in each other language, from its translation (``page.pl.md``) if there is one
and from the English text otherwise (a "fallback" page, marked as English).
The stage writes one file per page and language (``page.md``,
``page.pl.md``, ``page.ar.md``), so each has its own data, and zensical-i18n
never needs its own fallback.

Nothing here imports MkDocs or Material.
"""

from __future__ import annotations

from kb.core.paths import page_label, FLOWCHART_FILE, is_translation, translation_path

import datetime as dt
import pathlib
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from kb.checks.approval import PROCEDURES_KEY
from kb.core.dates import local_date
from kb.core.errors import ContentError
from kb.core.frontmatter import read_front_matter
from kb.core.ui_text import DEFAULT_LANGUAGE, ui_strings
from kb.core.yamltext import load_file, read_text
from kb.data.contacts import CONTACTS_FILE, ContactsMarkers, contacts_records, load_contacts
from kb.data.datafile import iter_markers, page_body
from kb.data.flowchart import FlowchartMarkers, load_project_chart
from kb.data.glossary import GlossaryMarkers, load_glossary
from kb.data.indicators import INDICATORS_FILE, IndicatorsMarkers, load_indicators
from kb.data.load import load_with_sources
from kb.data.print_list import PRINT_FILE, load_print_items
from kb.data.sources import load_registry_file
from kb.i18n.translations import PageStatus, language_data, translation_meta, translation_status, wrap_english
from kb.model.approval import parse_approval
from kb.pagemeta.approval import approval_meta
from kb.pagemeta.freshness import ChangesMarkers, last_changed, read_history, updated_for
from kb.pagemeta.review import compute_review, review_meta
from kb.render.language_markers import LanguageMarkers
from kb.render.pipeline import PageRef, RenderData, render_page
from kb.render.sheets import TEMPLATES as PRINT_TEMPLATES, SheetMarkers, manifest_entry, online_url, print_meta
from kb.render.sheets import flowchart_renderer as print_flowchart_renderer

#: The page data the templates read, in the staged front matter.
KB_KEYS = ("kb_translation", "kb_review", "kb_approval", "kb_updated", "kb_print")


@dataclass(frozen=True)
class Page:
    """One page in one language tree."""

    src: str     # the file in docs/ it is built from: signs.pl.md, or signs.md for a fallback
    norm: str    # the English page's path: signs.md
    lang: str    # the language tree: en, pl, ar
    default: str = DEFAULT_LANGUAGE

    @property
    def url(self) -> str:
        """Its address in the site (use_directory_urls: false): pl/signs.html."""
        html = self.norm[:-3] + ".html"
        return html if self.lang == self.default else f"{self.lang}/{html}"

    @property
    def staged(self) -> str:
        """The staged file's name (zensical-i18n's suffix structure)."""
        return translation_path(self.norm, self.lang, self.default)

    @property
    def kind(self) -> str:
        if self.lang == self.default:
            return "source"
        return "fallback" if self.src == self.norm else "translation"

    @property
    def locale(self) -> str:
        """The language the file is written in (mkdocs-static-i18n's file.locale)."""
        return self.lang if self.kind == "translation" else self.default


def relative_url(url: str, from_url: str) -> str:
    """*url* relative to the page at *from_url* (both site paths), as MkDocs writes links."""
    return posixpath.relpath(url, posixpath.dirname(from_url) or ".")


def site_pages(docs_dir: pathlib.Path, languages: list[str],
               default: str = DEFAULT_LANGUAGE) -> list[Page]:
    """Every page of every language tree, English first, in path order."""
    sources: list[str] = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.startswith("_") or "/_" in rel:
            continue
        sources.append(rel)
    present = set(sources)
    english = [s for s in sources if not is_translation(s)]
    pages = []
    for lang in languages:
        for norm in english:
            src = norm
            if lang != default:
                own = translation_path(norm, lang, default)
                if own in present:
                    src = own
            pages.append(Page(src, norm, lang, default))
    return pages


def first_heading(body: str) -> str | None:
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.M)
    return m.group(1) if m else None


@dataclass
class Project:
    """Everything the pages need, loaded once: data files, history, settings."""

    root: pathlib.Path
    languages: list[str]
    default: str = DEFAULT_LANGUAGE
    base_url: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    errors: list[ContentError] = field(default_factory=list)
    render: RenderData | None = None  # made on first use: render_data()

    def __post_init__(self) -> None:
        root = self.root
        self.docs = root / "docs"
        self.strings = ui_strings(self.docs)
        self.contacts, self.sources, errs = load_with_sources(root, CONTACTS_FILE, load_contacts)
        self.errors += errs
        self.indicators, _, errs = load_with_sources(root, INDICATORS_FILE, load_indicators)
        self.errors += errs
        self.chart, errs = load_project_chart(root)
        self.errors += errs
        self.registry, errs = load_registry_file(self.docs / "_data" / "sources.yml")
        self.errors += errs
        entries, errs = load_glossary(self.docs / "_data" / "glossary.yml", root)
        self.errors += errs
        self.glossary = entries
        self.language_data = {}
        for lang in self.languages:
            if lang != self.default:
                ind, con, src, _missing, errs = language_data(lang, root)
                self.errors += errs
                self.language_data[lang] = (ind, con, src)
        self.pages = site_pages(self.docs, self.languages, self.default)
        self._by_place = {(p.norm, p.lang): p for p in self.pages}
        self.cited: dict[str, dict[str, dict[str, Page]]] = {}  # lang -> key -> src -> page
        self.raw = {}
        for page in self.pages:
            if page.src not in self.raw:
                self.raw[page.src] = (self.docs / page.src).read_text(encoding="utf-8")
        for path in self.docs.rglob("*.md"):
            rel = path.relative_to(self.docs).as_posix()
            if is_translation(rel) and rel not in self.raw and not rel.startswith("_"):
                self.raw[rel] = path.read_text(encoding="utf-8")
        self.meta = {src: read_front_matter(text) for src, text in self.raw.items()}
        self.titles = {src: str(m.get("title") or first_heading(page_body(self.raw[src])[0]) or src)
                       for src, m in self.meta.items()}
        # kb/pagemeta/freshness.py: git history (dates, and kb:changes in render_data)
        self.history = read_history(self.docs)
        self.dates = last_changed(self.history)
        # kb/pagemeta/approval.py: the flowchart's sign-off and the procedures' address
        chart_path = self.docs / "_data" / "flowchart.yml"
        chart_meta = load_file(chart_path, FLOWCHART_FILE)[0] if chart_path.is_file() else None
        self.chart_approval = (parse_approval(chart_meta.get("approval"))
                               if isinstance(chart_meta, dict) else None)
        self.procedures_url = str((self.sources.get(PROCEDURES_KEY) or {}).get("url") or "")
        # kb/render/sheets.py
        self.print_items = []
        text, errs = read_text(root / PRINT_FILE, PRINT_FILE) if (root / PRINT_FILE).exists() else (None, [])
        if text is not None:
            self.print_items, errs = load_print_items(text)
        self.print_flowchart = print_flowchart_renderer(root)
        self.print_contacts = contacts_records(self.contacts, self.sources) if self.contacts else []
        self.print_entries = {lang: self._print_entries(lang) for lang in self.languages}

    def page(self, norm: str, lang: str) -> Page | None:
        return self._by_place.get((norm, lang))

    def _print_entries(self, lang: str) -> list[dict]:
        """kb/render/sheets.py collect_entries for one language tree."""
        entries = []
        for item in self.print_items:
            page, target = self.page(item.page, lang), self.page(item.online, lang)
            if page is None or target is None:
                continue
            meta = self.meta.get(page.src) or {}
            if meta.get("template") not in PRINT_TEMPLATES:
                continue
            entry = manifest_entry(
                src_uri=page.src, page_url=page.url, title=str(meta.get("title") or page.src),
                kind=PRINT_TEMPLATES[meta["template"]], pm=item,
                online=online_url(self.base_url, target.url), lang=lang, default_lang=self.default)
            entry["fallback"] = page.locale != lang
            entries.append(entry)
        return entries


def _plain(value: Any) -> Any:
    """*value* with only YAML's plain types (Markup becomes str)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value  # dates stay dates: YAML writes them unquoted, and reads them back as dates


def front_matter(meta: dict) -> str:
    """A page's front matter block (YAML between --- lines)."""
    text = yaml.safe_dump(_plain(meta), allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n\n"


def page_status(project: Project, page: Page) -> PageStatus:
    """kb/i18n/translations.py: what the page is in its language tree."""
    if page.kind == "source":
        return PageStatus("source", page.lang)
    if page.kind == "fallback":
        return PageStatus("fallback", page.lang)
    eng = project.docs / page.norm
    data = eng.read_bytes() if eng.exists() else None
    return translation_status(page_label(page.src), project.meta[page.src], data, page.lang,
                              page_label(page.norm))


def render_data(project: Project) -> RenderData:
    """Every marker group, and the registry for the citations, from the project's data."""
    data = RenderData(registry=project.registry)
    data.add(ContactsMarkers(project.contacts, project.sources))
    data.add(IndicatorsMarkers(project.indicators, project.sources))
    data.add(FlowchartMarkers(project.chart))
    data.add(SheetMarkers(project.print_entries, sources=project.sources,
                          contacts=project.print_contacts, flowchart=project.print_flowchart))
    markers = {src: {name for _, name, _ in iter_markers(text)}
               for src, text in project.raw.items() if "kb:" in text}
    data.add(ChangesMarkers(project.history, {s: str(project.meta[s].get("title") or s)
                                              for s in project.raw}, markers))
    data.add(GlossaryMarkers(project.glossary, {e.page: project.titles.get(e.page, e.page)
                                                for e in project.glossary}))
    for lang, language in project.language_data.items():
        data.languages[lang] = LanguageMarkers(lang, language, project.strings)
    return data


def stage_markdown(project: Project, page: Page, status: PageStatus | None = None
                   ) -> tuple[str, list[ContentError]]:
    """The page's Markdown with every marker rendered and its citations
    filled, by kb/render/pipeline.py as the MkDocs build renders it."""
    body, offset = page_body(project.raw[page.src])
    if project.render is None:
        project.render = render_data(project)
    ref = PageRef(src=page.src, url=page.url, lang=page.lang, locale=page.locale,
                  translated=status is not None and status.kind == "translation",
                  raw_body=body, offset=offset)
    out = render_page(body, project.render, ref)
    for key in out.cited:
        project.cited.setdefault(page.lang, {}).setdefault(key, {})[page.src] = page
    return out.markdown, out.errors


def page_data(project: Project, page: Page, status: PageStatus) -> dict:
    """The kb_* page data, as the hooks' on_page_context events set it."""
    meta = project.meta[page.src]
    out: dict[str, Any] = {}
    if page.lang != project.default:
        english = project.page(page.norm, project.default)
        english_url = relative_url(english.url, page.url) if english else None
        out["kb_translation"] = translation_meta(status, english_url, meta.get("last_reviewed"),
                                                 project.strings)
    title = meta.get("title") or first_heading(page_body(project.raw[page.src])[0])
    r = compute_review(meta, project.today, page.src, page.url, title, page.lang)
    if r is not None:
        review = review_meta(r, page.lang)
        if "kb_translation" in out:  # kb/i18n/translations.py on_page_context
            for key in ("last_reviewed", "due"):
                review[f"{key}_local"] = local_date(dt.date.fromisoformat(review[key]), page.lang)
        out["kb_review"] = review
        out["_review"] = r
    approval = approval_meta(project.meta.get(page.norm) or {}, project.raw[page.src],
                             project.chart_approval, page.lang, project.procedures_url)
    if approval is not None:
        out["kb_approval"] = approval
    out["kb_updated"] = updated_for(page.src, project.dates, meta).as_meta(
        lambda day: local_date(day, page.lang))
    entry = next((e for e in project.print_entries.get(page.lang, []) if e["html"] == page.url),
                 None)
    if entry is not None:
        out["kb_print"] = print_meta(entry, meta.get("last_reviewed"), project.base_url, page.lang)
    return out


def stage_page(project: Project, page: Page) -> tuple[str, dict, list[ContentError]]:
    """(staged file text, page data, errors) for one page in one language."""
    status = page_status(project, page)
    errors = list(status.errors)
    markdown, errs = stage_markdown(project, page, status)
    errors += errs
    data = page_data(project, page, status)
    meta = {k: v for k, v in project.meta[page.src].items() if k not in KB_KEYS}
    meta.update({k: v for k, v in data.items() if not k.startswith("_")})
    if page.kind == "fallback":
        markdown = fallback_markdown(markdown)
    return front_matter(meta) + markdown, data, errors


def fallback_markdown(markdown: str) -> str:
    """An English page in another language tree, marked as English
    (kb/i18n/translations.py wrap_english, on the Markdown instead of the HTML)."""
    opening = wrap_english("\x00").split("\x00")[0][:-1] + ' markdown="1">'
    return f"{opening}\n\n{markdown.strip()}\n\n</div>\n"
