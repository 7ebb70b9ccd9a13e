"""Per-language search: one search index per language tree.

Material's search plugin writes one `search/search_index.json` for the whole
site, and mkdocs-static-i18n fills it with the pages of every language
(mkdocs-static-i18n issue #271), so a Polish page can show English and Arabic
results. This module splits that index after every other step has run
(the search plugin, the i18n plugin's merge and kb/postbuild/search.py's keyword
enrichment):

- `search/search_index.json` keeps the English pages only;
- `pl/search/search_index.json` holds the Polish pages, then the English
  pages that have no Polish translation yet (the `pl/` fallback copies that
  carry the "not translated yet" notice), with a tiny document boost so a
  Polish page always ranks above them;
- likewise `ar/search/search_index.json`.

Locations in a language index are relative to that language's root
(`signs.html`, not `pl/signs.html`), and each page of a language tree tells
Material's search to load the index from its own root: the `base` in the
page's `#__config` JSON points at the language root (`.` or `..`) instead of
the site root. `overrides/main.html` passes Material's config block through
the `kb_search_base` filter, so only that small block is rewritten, never
the whole page. Material only uses `base` to fetch the index, to resolve
result links and (for features this site does not enable) to fetch
versions and the sitemap for instant loading.

Each language index gets its own lunr settings: Polish keeps its letters
(no English trimmer, which would cut "ą" or "ł" off the end of a word, and
Polish quotation marks are separators); Arabic uses lunr's Arabic and
English word characters together (`lang: [ar, en]`).

When Material's `offline` plugin is on, `search_index.js` is written next to
each index too (for file:// viewing).
"""

from __future__ import annotations

import pathlib


import copy
import json
import posixpath
import re


INDEX_PATH = "search/search_index.json"
FALLBACK_BOOST = 1e-4

# lunr settings per language, applied on top of the site's search config.
LANGUAGE_CONFIG: dict[str, dict] = {
    "en": {"lang": ["en"], "drop_pipeline": [], "extra_separators": ""},
    "pl": {"lang": ["en"], "drop_pipeline": ["trimmer"], "extra_separators": "„”«»"},
    "ar": {"lang": ["ar", "en"], "drop_pipeline": [], "extra_separators": "،؛؟«»\u2066\u2069"},
}

# Unicode isolates: LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE.
LRI, PDI = "\u2066", "\u2069"
#: A UK phone number written in groups, as the contacts data writes them:
#: "0", two to four more digits, then one or two groups of three to six digits
#: ("023 8083 3004", "01983 823435", "0800 1111"). A short group after it
#: ("0800 043 4303 24 hours") is not part of the number. A match counts only
#: if kb.data.contacts.is_uk_number accepts its digits (10 or 11 of them, or
#: Childline's 0800 1111).
PHONE_LIKE = re.compile(r"(?<![\d\u2066])0\d{2,4}(?:[ \u00a0]\d{3,6}){1,2}(?![\d\u2069])")


def _isolated(m: re.Match) -> str:
    from kb.data.contacts import is_uk_number
    number = m.group(0)
    return f"{LRI}{number}{PDI}" if is_uk_number(number.replace("\u00a0", " ")) else number


def isolate_numbers(text: str) -> str:
    """UK phone numbers ("023 8083 3004", :data:`PHONE_LIKE`) isolated as left
    to right with Unicode isolates, for the search index of a right-to-left
    language. Only whole numbers: a figure after one ("24 hours") stays out.

    On pages the build wraps them in ``<span dir="ltr">`` (kb/i18n/translations.py),
    but the search index keeps only the text, so a search preview would show
    the groups in reverse order. The isolates are separators for lunr
    (LANGUAGE_CONFIG), so searching for a number still finds it.
    """
    if not isinstance(text, str) or not text:
        return text
    return PHONE_LIKE.sub(_isolated, text)


def _is_rtl(lang: str) -> bool:
    from kb.core.ui_text import text_direction
    return text_direction(lang) == "rtl"


def page_path(location: str) -> str:
    return location.split("#", 1)[0]


def lang_of(location: str, languages: list[str], default: str) -> tuple[str, str]:
    """('pl', 'signs.html#x') for 'pl/signs.html#x'; (default, location) otherwise."""
    head, _, rest = location.partition("/")
    if rest and head in languages and head != default:
        return head, rest
    if location in languages and location != default:  # "pl" or "pl/"
        return location, ""
    return default, location


def _language_config(base: dict, lang: str) -> dict:
    cfg = copy.deepcopy(base)
    extra = LANGUAGE_CONFIG.get(lang)
    if not extra:
        return cfg
    cfg["lang"] = list(extra["lang"])
    cfg["pipeline"] = [p for p in cfg.get("pipeline") or [] if p not in extra["drop_pipeline"]]
    chars = extra.get("extra_separators")
    if chars and cfg.get("separator"):
        cfg["separator"] = f"[{re.escape(chars)}]+|" + cfg["separator"]
    return cfg


def split_index(index: dict, languages: list[str], default: str,
                fallbacks: dict[str, set[str]] | None = None) -> dict[str, dict]:
    """Split a merged Material search index into one index per language.

    *fallbacks* maps a language to the page URLs (relative to that language's
    root, e.g. ``worried/missing.html``) that are English fallbacks there.
    Returns {lang: index}; locations are relative to each language's root.
    """
    fallbacks = fallbacks or {}
    own: dict[str, list[dict]] = {lang: [] for lang in languages}
    own.setdefault(default, [])
    for doc in index.get("docs", []):
        lang, rest = lang_of(doc["location"], languages, default)
        own.setdefault(lang, []).append({**doc, "location": rest})

    out = {}
    for lang, docs in own.items():
        cfg = _language_config(index.get("config", {}), lang)
        if lang == default:
            out[lang] = {"config": cfg, "docs": docs}
            continue
        fb = fallbacks.get(lang, set())
        present = {page_path(d["location"]) for d in docs}
        result = []
        for d in docs:
            if page_path(d["location"]) in fb:
                d = {**d, "boost": d.get("boost", 1) * FALLBACK_BOOST}
            result.append(d)
        # English fallback pages that the merge dropped as duplicates.
        for d in own[default]:
            path = page_path(d["location"])
            if path in fb and path not in present:
                result.append({**d, "boost": d.get("boost", 1) * FALLBACK_BOOST})
        if _is_rtl(lang):
            result = [{**d, **{k: isolate_numbers(d[k]) for k in ("title", "text") if k in d}}
                      for d in result]
        out[lang] = {"config": cfg, "docs": result}
    return out


def language_base(page_url: str, lang: str, default: str) -> str:
    """Relative URL from a page to its language root ("." or "..")."""
    root = "" if lang == default else lang
    page_dir = posixpath.dirname(page_url)
    rel = posixpath.relpath(root or ".", page_dir or ".")
    return rel


def rebase_config(html: str, base: str) -> str:
    """Set `base` in Material's `#__config` JSON of a rendered page."""
    import lxml.html

    try:
        script = lxml.html.document_fromstring(html).get_element_by_id("__config")
    except (KeyError, ValueError, lxml.etree.ParserError):
        return html
    original = script.text
    if not original:
        return html
    data = json.loads(original)
    if data.get("base") == base:
        return html
    data["base"] = base
    replacement = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Material escapes "<", ">" and "&" in this JSON (Jinja's tojson); keep it safe.
    replacement = (replacement.replace("<", "\\u003c").replace(">", "\\u003e")
                   .replace("&", "\\u0026").replace("'", "\\u0027"))
    if html.count(original) != 1:
        return html
    return html.replace(original, replacement, 1)


def dump_index(data: dict) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def write_indexes(site_dir: pathlib.Path, indexes: dict[str, dict], default: str,
                  with_js: bool) -> list[pathlib.Path]:
    written = []
    for lang, data in indexes.items():
        folder = site_dir / ("" if lang == default else lang) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        text = dump_index(data)
        (folder / "search_index.json").write_text(text, encoding="utf-8")
        written.append(folder / "search_index.json")
        if with_js:
            (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
            written.append(folder / "search_index.js")
    return written
