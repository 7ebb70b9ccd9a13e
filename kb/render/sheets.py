"""Posters, handouts and the print manifest.

Posters and handouts are ordinary pages under ``docs/print/`` that use the
template ``poster.html`` or ``handout.html`` in their front matter. Which
page is printed how is listed once, in ``docs/_data/print.yml``::

    items:
      - page: print/spot-the-signs.md   # the poster page (docs-relative)
        online: signs.md                # the matching online page (QR code)
        sizes: [A4, A3]                 # posters; handouts are A4 only
        orientation: portrait           # or landscape

A translated poster (``print/spot-the-signs.pl.md``) is picked up by the
language loop: each language build writes its own manifest.

Pure functions here:

- ``load_print_items`` validates ``print.yml`` (errors carry YAML lines);
- ``check_print_pages`` checks that pages and list agree;
- ``qr_svg`` makes the inline SVG QR code (segno, at build time);
- ``render_definition`` renders ``<!-- kb:definition KEY -->`` from the
  ``quotes`` of a ``sources.yml`` entry;
- ``render_poster_contacts`` renders ``<!-- kb:poster-contacts -->``;
- ``render_posters`` renders ``<!-- kb:posters -->``, the list of every
  poster and handout with its PDFs and thumbnails;
- ``manifest_entry`` describes one poster or handout for
  ``scripts/render_print.py``.

The MkDocs events are at the bottom.
"""

from __future__ import annotations

from kb.core.paths import page_label
import pathlib

import html
import posixpath
import re
from typing import Any

import segno

from kb.core.dates import uk_date
from kb.core.errors import ContentError
from kb.core.partials import Markup, partial
from kb.data.print_list import PRINT_FILE, PrintItem, PrintList, load_print_items  # noqa: F401 (re-exported)

TEMPLATES = {"poster.html": "poster", "handout.html": "handout"}
PAPER_MM = {"A4": (210, 297), "A3": (297, 420)}
PDF_DIR = "print/pdf"
MANIFEST_DIR = "print"
MARKERS = {"definition", "posters", "poster-contacts", "flowchart-diagram"}



# --- the print list -----------------------------------------------------------







def check_print_pages(items: list[PrintItem], pages: dict[str, dict], file: str = PRINT_FILE
                      ) -> list[ContentError]:
    """Pages (docs path → front matter) and the print list must agree.

    Every listed page must exist and use a print template; every page using a
    print template must be listed; handouts are A4 only.
    """
    errors = []
    listed = {i.page: i for i in items}
    for path, meta in sorted(pages.items()):
        template = meta.get("template")
        if template in TEMPLATES and path not in listed:
            errors.append(ContentError(
                page_label(path), None, f"The page uses '{template}' but is not in {file}.",
                f"Add it to {file} with the matching online page, e.g. "
                f"'- page: {path}' and 'online: signs.md'.", code="print"))
    for item in items:
        meta = pages.get(item.page)
        if meta is None:
            errors.append(ContentError(file, None, f"'{item.page}' is not a page of the site.",
                                       "Write the page's path inside docs/, e.g. print/spot-the-signs.md.",
                                       code="print"))
            continue
        if meta.get("template") not in TEMPLATES:
            errors.append(ContentError(
                page_label(item.page), None, f"The page is in {file} but has no print template.",
                "Add 'template: poster.html' or 'template: handout.html' to its front matter.",
                code="print"))
        elif TEMPLATES[meta["template"]] == "handout" and item.sizes != ["A4"]:
            errors.append(ContentError(file, None, f"'{item.page}' is a handout: handouts are A4 only.",
                                       "Set 'sizes: [A4]', or make the page a poster.", code="print"))
        if item.online not in pages:
            errors.append(ContentError(file, None,
                                       f"The online page '{item.online}' for '{item.page}' does not exist.",
                                       "Write the docs path of the matching online page, e.g. signs.md.",
                                       code="print"))
    return errors


# --- preview or published ------------------------------------------------------

EXAMPLE_BASE_URL = "http://intranet.example/safeguarding/"   # mkdocs.yml's default
EXAMPLE_HOSTS = {"example", "example.com", "example.net", "example.org"}


def base_url_problem(base_url: str | None) -> str | None:
    """Why *base_url* (PRINT_BASE_URL) is not a real published address, in
    plain words; None when it is one.

    Not real: missing, not http(s), or an example address (intranet.example,
    anything under the reserved .example domain, example.com/.net/.org).
    """
    from urllib.parse import urlsplit

    url = (base_url or "").strip()
    if not url:
        return "PRINT_BASE_URL is not set"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"PRINT_BASE_URL ({url}) is not a web address starting with http:// or https://"
    host = parts.hostname.lower().rstrip(".")
    if host in EXAMPLE_HOSTS or host.endswith(".example") or any(
            host.endswith("." + h) for h in EXAMPLE_HOSTS):
        return f"PRINT_BASE_URL ({url}) is an example address, not the published one"
    return None


def is_preview(base_url: str | None) -> bool:
    """A build without a real PRINT_BASE_URL is a preview: its sheets say
    "Preview – not for display" and their QR codes point to an example address."""
    return base_url_problem(base_url) is not None


def publish_refusal(base_url: str | None) -> str | None:
    """The message that stops `make print PUBLISH=1` (None when it may go ahead)."""
    problem = base_url_problem(base_url)
    if problem is None:
        return None
    return (f"Cannot print for publishing: {problem}, so the QR codes on the posters and "
            "handouts would not lead to the published site.\n"
            "How to fix: build with the address where the site is published, for example\n"
            "    make print PUBLISH=1 PRINT_BASE_URL=https://your-intranet/safeguarding/\n"
            "To look at the sheets first, run `make print` without PUBLISH=1: every sheet "
            "then says \"Preview – not for display\".")


def online_url(base_url: str, page_url: str) -> str:
    """The absolute intranet address of a built page (``page_url`` is site-relative)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return base + page_url.lstrip("/")


# --- QR code ----------------------------------------------------------------

def qr_svg(url: str, label: str) -> str:
    """An inline, scalable SVG QR code for *url*, with an accessible name."""
    qr = segno.make(url, error="m", micro=False)
    svg = qr.svg_inline(border=4, omitsize=True, svgclass="kb-qr__code", lineclass=None,
                        dark="#000", light="#fff", title=label)
    # svg_inline gives '<svg viewBox=... class=...><title>..'; add the role.
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)


# --- file names ---------------------------------------------------------------

def slug_of(src_uri: str) -> str:
    """``print/spot-the-signs.pl.md`` → ``spot-the-signs``."""
    name = posixpath.basename(src_uri)
    return name.split(".", 1)[0]


def pdf_name(slug: str, size: str, orientation: str, lang: str, default_lang: str) -> str:
    """The PDF file name for one rendering, e.g. ``spot-the-signs-a3.pdf``."""
    suffix = "" if lang == default_lang else f".{lang}"
    tag = size.lower() + ("-landscape" if orientation == "landscape" else "")
    return f"{slug}-{tag}{suffix}.pdf"


def manifest_entry(*, src_uri: str, page_url: str, title: str, kind: str, pm: PrintItem,
                   online: str, lang: str, default_lang: str) -> dict[str, Any]:
    """One poster or handout, as ``scripts/render_print.py`` and the tests read it."""
    slug = slug_of(src_uri)
    renders = []
    for size in pm.sizes:
        w, h = PAPER_MM[size]
        if pm.orientation == "landscape":
            w, h = h, w
        pdf = pdf_name(slug, size, pm.orientation, lang, default_lang)
        renders.append({
            "size": size,
            "width_mm": w,
            "height_mm": h,
            "query": f"?size={size}",
            "pdf": f"{PDF_DIR}/{pdf}",
            "png": f"{PDF_DIR}/{pdf[:-4]}.png",
        })
    return {
        "slug": slug,
        "lang": lang,
        "kind": kind,
        "title": title,
        "src": page_label(src_uri),
        "html": page_url,
        "online_url": online,
        "orientation": pm.orientation,
        "one_page": pm.one_page,
        "text_size": pm.text_size,
        "renders": renders,
    }


# --- marker renderers ---------------------------------------------------------

def render_definition(key: str, sources: dict[str, dict], src_path: str, line: int | None,
                      parts: list[int] | None = None) -> tuple[str, list[ContentError]]:
    """``<!-- kb:definition KEY [N ...] -->`` → quotes of *KEY* as one cited blockquote.

    The quotes are the ``quotes`` of the entry in ``sources.yml``, word for
    word; *parts* picks paragraphs by number (1-based), default all.
    """
    entry = sources.get(key)
    if entry is None and not sources:
        return "", []  # sources.yml cannot be read: that file's own error says so
    if entry is None:
        return "", [ContentError(src_path, line, f"Unknown source key '{key}' in kb:definition.",
                                 "Use the key of an entry in docs/_data/sources.yml.",
                                 code="print-definition")]
    quotes = entry.get("quotes") or []
    if not quotes:
        return "", [ContentError(src_path, line, f"The source '{key}' has no 'quotes' to show.",
                                 "Add the exact wording under 'quotes' in docs/_data/sources.yml, "
                                 "or use another key.", code="print-definition")]
    if parts:
        bad = [n for n in parts if not 1 <= n <= len(quotes)]
        if bad:
            return "", [ContentError(src_path, line,
                                     f"'{key}' has {len(quotes)} quoted paragraph(s); there is no number {bad[0]}.",
                                     f"Use numbers from 1 to {len(quotes)}, or none for all.",
                                     code="print-definition")]
        quotes = [quotes[n - 1] for n in parts]
    from kb.core.mdtext import md_text

    paras = [md_text(" ".join(str(q).split())) for q in quotes]
    paras[-1] += f"[^{key}]"
    # The version and provenance line is added under every registered quote
    # by kb/data/sources.py (quotes.annotate_quotes), on sheets as on pages.
    return "\n>\n".join(f"> {p}" for p in paras) + "\n", []


def first_sentence(text: str) -> str:
    """The first sentence of *text* (for short poster notes)."""
    text = " ".join(str(text).split())
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text


def _sentence(text: str) -> str:
    text = " ".join(str(text).split())
    return text if text.endswith((".", "!", "?")) else text + "."


def render_poster_contacts(records: list[dict], groups: list[str] | None = None,
                           lang: str = "en", t=None) -> str:
    """A compact HTML list of contacts for a poster, one block per group.

    *records* is ``kb.data.contacts.contacts_records()`` (of the data localised
    into *lang* for a translated poster): every number comes from the contacts
    data. A contact without a confirmed number is shown as "to be confirmed",
    never with a guessed number. Labels come from ui-text.yml through *t(key)*.
    """
    from kb.core.ui_text import ui_text

    t = t or (lambda key: ui_text(key, lang))
    audience = {"professionals": t("poster_for_professionals")}
    by_group: dict[str, list[dict]] = {}
    for rec in records:
        if groups and rec.get("group") not in groups:
            continue
        by_group.setdefault(rec["group_title"], []).append(rec)
    shown_groups = []
    for title, recs in by_group.items():
        items = []
        for c in recs:
            number = c.get("number")
            details = []  # short sentences, "strong" for the to-be-confirmed one
            if c.get("hours"):
                details.append({"text": _sentence(c["hours"]), "strong": False})
            if c.get("audience") in audience:
                details.append({"text": _sentence(audience[c["audience"]]), "strong": False})
            if not number:
                # No number: say so plainly, with the first sentence of the note.
                details.insert(0, {"text": t("poster_number_tbc"), "strong": True})
                first = first_sentence(c.get("note") or "")
                if first and not first.lower().startswith(t("contacts_tbc").lower()):
                    details.insert(1, {"text": _sentence(first), "strong": False})
            items.append({
                "service": str(c.get("service", "")), "number": number, "tel": c.get("tel") or "",
                "tbc": c.get("to_be_confirmed") or c.get("status") == "to-be-confirmed",
                "details": details})
        shown_groups.append({"title": title, "contacts": items})
    checked = ""
    shown = [r for recs in by_group.values() for r in recs]
    if shown:
        # Only what the data records: a number is "confirmed" only after a call.
        rung = [bool(r.get("confirmed_with_service")) for r in shown]
        checked = t("poster_all_confirmed" if all(rung) else
                    "poster_not_all_confirmed" if any(rung) else "poster_none_confirmed")
    return partial("poster-contacts.html", groups=shown_groups, checked=checked,
                   tbc=t("contacts_tbc").lower())


def render_flowchart_diagram(svg: str, legend: str, source_keys: list[str], title: str) -> str:
    """``<!-- kb:flowchart-diagram ROUTE -->``: the police actions diagram for a sheet.

    *svg* and *legend* come from kb/data/flowchart.py (the same drawing the
    police actions page prints); the sources of the route's steps are cited
    so that they print under the diagram.
    """
    figure = partial("sheet-diagram.html", title=title, svg=Markup(svg), legend=Markup(legend)) + "\n"
    cites = "".join(f"[^{k}]" for k in source_keys)
    return (figure + "\nThe knowledge base editors drew up this chart from national guidance "
            "and the HIPS Procedures. It is not the Isle of Wight Safeguarding Children "
            "Partnership's own flowchart. Follow the HIPS Procedures in every case."
            f"{cites}\n")


def render_posters(entries: list[dict], page_url: str, titles_to_urls: dict[str, str] | None = None) -> str:
    """``<!-- kb:posters -->`` → an HTML list of every poster and handout.

    The PDFs and thumbnails exist only after ``make print``; the links are
    raw HTML so that the strict build does not look for them.
    """
    def rel(target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(page_url) or ".")

    items = []
    for kind, heading in (("poster", "Poster"), ("handout", "Handout")):
        for e in (e for e in entries if e["kind"] == kind):
            first = e["renders"][0]
            orient = "landscape" if e["orientation"] == "landscape" else "portrait"
            w, h = (300, 212) if orient == "landscape" else (212, 300)
            items.append({
                "title": e["title"], "html": rel(e["html"]), "pdf": rel(first["pdf"]),
                "png": rel(first["png"]), "size": first["size"], "width": w, "height": h,
                "heading": heading, "orientation": orient,
                "renders": [{"pdf": rel(r["pdf"]), "size": r["size"]} for r in e["renders"]]})
    return partial("posters.html", items=items)


class SheetMarkers:
    """The poster and handout markers' group (kb/render/pipeline.py).

    *entries* maps a language to its posters and handouts (manifest
    entries); *flowchart* is a callable ``route id -> HTML`` (KeyError if
    unknown), or None when the flowchart data has errors. *data*, when
    given, is called once on first use and returns (sources, contacts,
    flowchart), so a build that renders no sheet loads none of them.
    """

    owner = "kb/render/sheets.py"
    names = frozenset(MARKERS)

    def __init__(self, entries: dict[str, list[dict]], sources: dict[str, dict] | None = None,
                 contacts: list[dict] | None = None, flowchart=None, data=None) -> None:
        self.entries, self._data = entries, data
        self._loaded = (sources, contacts, flowchart) if data is None else None

    def _get(self):
        if self._loaded is None:
            self._loaded = self._data()
        return self._loaded

    def render(self, page, name: str, args: list[str], line: int):
        src_path = page.file
        if name == "definition":
            if not args or not all(a.isdigit() for a in args[1:]):
                return "", [ContentError(src_path, line,
                                         "kb:definition needs a source key, then optional paragraph numbers.",
                                         "Write it as <!-- kb:definition dfe-cse-2017 --> or "
                                         "<!-- kb:definition ho-county-lines 1 -->.", code="marker")]
            return render_definition(args[0], self._get()[0] or {}, src_path, line,
                                     [int(a) for a in args[1:]])
        if name == "poster-contacts":
            contacts = self._get()[1]
            known = sorted({c.get("group") for c in contacts or []})
            bad = [a for a in args if contacts and a not in known]
            if bad:
                return "", [ContentError(src_path, line, f"unknown contacts group '{bad[0]}'",
                                         f"Use group ids from docs/_data/contacts.yml: {', '.join(known)}; "
                                         "or no ids for every group.", code="marker")]
            return render_poster_contacts(contacts or [], args or None), []
        if name == "flowchart-diagram":
            if len(args) != 1:
                return "", [ContentError(src_path, line, "kb:flowchart-diagram needs one route id.",
                                         "Write it as <!-- kb:flowchart-diagram missing -->.",
                                         code="marker")]
            flowchart = self._get()[2]
            if flowchart is None:
                return "", []  # kb/data/flowchart.py reports the data file's errors
            try:
                return flowchart(args[0]), []
            except KeyError:
                return "", [ContentError(src_path, line, f"unknown flowchart route '{args[0]}'",
                                         "Use a route id from docs/_data/flowchart.yml.",
                                         code="marker")]
        if args:
            return "", [ContentError(src_path, line, f"the kb:{name} marker takes no arguments",
                                     f"Write the line as <!-- kb:{name} -->.", code="marker")]
        entries = [e for e in self.entries.get(page.lang, []) if not e.get("fallback")]
        return render_posters(entries, page.url), []


def preview_text(base_url: str | None, lang: str, t=None) -> dict[str, Any]:
    """The preview marking of a sheet (none with a real base URL), in *lang*."""
    if not is_preview(base_url):
        return {"preview": False}
    from kb.core.ui_text import ui_text
    t = t or (lambda key: ui_text(key, lang))
    return {"preview": True, "preview_text": html.escape(t("sheet_preview")),
            "preview_qr_text": html.escape(t("sheet_preview_qr"))}


def print_meta(entry: dict, last_reviewed, base_url: str | None, lang: str) -> dict:
    """What the poster and handout templates show (page.meta.kb_print): the
    manifest *entry*, its QR code and the footer text."""
    return {
        **entry,
        "qr_svg": qr_svg(entry["online_url"], f"QR code: {entry['online_url']}"),
        "last_reviewed_text": uk_date(last_reviewed),
        **preview_text(base_url, lang),
    }


def flowchart_renderer(root: pathlib.Path):
    """route id -> sheet HTML, using kb/data/flowchart.py; None if its data has errors."""
    from kb.data import flowchart as fc
    chart, errors = fc.load_project_chart(root)
    if chart is None or errors:
        return None

    def render(route_id: str) -> str:
        route = chart.route(route_id)  # KeyError if unknown
        keys: list[str] = []
        for node in route.nodes:
            for key in node.sources:
                if key not in keys:
                    keys.append(key)
        return render_flowchart_diagram(fc.render_svg(chart, route_id, "print"),
                                        fc.legend_html(chart, [route_id]), keys,
                                        f"Flowchart: {route.title}")
    return render
