"""Translations: status, staleness, fallback notices and interface text.

Pure functions first; the "MkDocs events" section at the bottom wires them in.

What a translation records
--------------------------
A translated page sits beside its English page (`signs.md` → `signs.pl.md`,
`signs.ar.md`) and its front matter carries

    translation_of: 3f1c0a9e2b7d        # source_hash() of the English page
    translation_status: draft           # or: reviewed

`source_hash()` is the first 12 hex digits of the SHA-256 of the English
page file's bytes, exactly as stored, after turning Windows line endings
(CR LF) into LF. The whole file counts, front matter included: any edit to
the English page, even a new `last_reviewed` date, marks its translations
as stale. That errs on the safe side (a translator looks, and if nothing
changed that matters, copies the new hash). Print the hash with
`scripts/translation_hash.py docs/signs.md`.

What the build does
-------------------
- A translated page without `translation_of` or `translation_status`, or
  without an English page, is an error (the strict build fails).
- A stale translation (hash differs) is a *warning that does not fail the
  build*: it is logged at INFO level through `kb.core.errors.report` with
  severity "warning", so that an English correction is never blocked from
  publishing by a translation that has not caught up. The page itself shows
  "The English version has changed since this translation" (translated).
- A draft translation shows a banner saying it is a draft awaiting review
  by a qualified translator.
- An untranslated page in a language tree (mkdocs-static-i18n's fallback to
  English) shows a notice in the reader's language, and its English body is
  marked `lang="en" dir="ltr"`.
- In a translated page, blockquotes hold the English legal text (statutory
  definitions stay quoted in English), so they are marked `lang="en"
  dir="ltr"` too.

Interface text for these notices (and other hooks' headings, such as the
"Sources" heading) lives in `docs/_data/ui-text.yml`; read it with
`ui_text(key, lang)`.
"""

from __future__ import annotations

from kb.core.paths import page_label, split_suffix  # noqa: F401 (written once, in kb/core/paths.py)
import hashlib
import pathlib
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Literal

from kb.core import pagetree
from kb.core.errors import ContentError
from kb.core.ui_text import (  # noqa: F401  (re-exported for the i18n layer)
    DEFAULT_LANGUAGE, RTL_LANGUAGES, UI_TEXT_FILE, parse_ui_text, text_direction, ui_strings,
    ui_text)

ROOT = pathlib.Path(__file__).resolve().parents[2]
HASH_LENGTH = 12


# --- Hashing ----------------------------------------------------------------

def source_hash(data: bytes | str) -> str:
    """The `translation_of` value for an English page's file contents.

    SHA-256 of the bytes (UTF-8 for text) with CR LF turned into LF; the
    first 12 hex digits.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()[:HASH_LENGTH]


def file_hash(path: pathlib.Path) -> str:
    return source_hash(path.read_bytes())


REVIEW_KEYS = ("label", "title", "emergency", "due_before", "due_after", "body",
               "reviewed", "by", "sep", "next")
#: English names kept in translated interface text, marked ``lang="en"``.
ENGLISH_NAMES = ("HIPS Procedures",)


def marked_text(text: str, lang: str | None) -> str:
    """*text* as HTML, escaped, with its English names (``ENGLISH_NAMES``; in a
    right-to-left language every run of Latin-script text) marked as
    English: ``<span lang="en">`` (and ``dir="ltr"`` right to left)."""
    from markupsafe import escape

    def esc(part: str, quote: bool = True) -> str:  # as Jinja's autoescaping writes it
        return str(escape(part))

    if not text or (lang or DEFAULT_LANGUAGE) == DEFAULT_LANGUAGE:
        return esc(text, quote=False)
    rtl = text_direction(lang) == "rtl"
    pattern = (re.compile(LATIN_RUN.pattern.split("|", 1)[1]) if rtl
               else re.compile("|".join(re.escape(n) for n in ENGLISH_NAMES)))
    attrs = 'lang="en" dir="ltr"' if rtl else 'lang="en"'
    out, at = [], 0
    for m in pattern.finditer(text):
        out += [esc(text[at:m.start()], quote=False),
                f"<span {attrs}>{esc(m.group(0), quote=False)}</span>"]
        at = m.end()
    return "".join(out) + esc(text[at:], quote=False)


def review_text(lang: str | None, strings: dict[str, dict[str, str]] | None = None) -> dict:
    """The review banner's and review line's text (ui-text.yml ``review_*``)
    in *lang*, as HTML (overrides/partials/review.html)."""
    from markupsafe import Markup

    strings = ui_strings() if strings is None else strings
    key = (lang, id(strings))
    if key not in _REVIEW_TEXT or _REVIEW_TEXT[key][0] is not strings:
        if len(_REVIEW_TEXT) > 64:  # strings of earlier serve rebuilds
            _REVIEW_TEXT.clear()
        _REVIEW_TEXT[key] = (strings, {k: Markup(marked_text(ui_text(f"review_{k}", lang, strings),
                                                             lang)) for k in REVIEW_KEYS})
    return dict(_REVIEW_TEXT[key][1])


#: review_text by (language, the interface strings it was made from).
_REVIEW_TEXT: dict[tuple, tuple] = {}


# --- Status of one page -----------------------------------------------------

Kind = Literal["source", "translation", "fallback"]


@dataclass
class PageStatus:
    """What a page in one language tree is, and which notices it shows."""

    kind: Kind
    lang: str                      # the language tree the page is built in
    status: str | None = None      # draft | reviewed (translations only)
    stale: bool = False
    expected: str | None = None    # hash of the English page now
    recorded: str | None = None    # hash in the translation's front matter
    errors: list[ContentError] = field(default_factory=list)

    @property
    def notices(self) -> list[str]:
        out = []
        if self.kind == "fallback":
            out.append("fallback")
        if self.kind == "translation" and self.stale:
            out.append("stale")
        if self.kind == "translation" and self.status != "reviewed":
            out.append("draft")
        return out


def translation_status(file: str, meta: dict, english: bytes | None, lang: str,
                       english_file: str) -> PageStatus:
    """Check one translated page against its English source.

    *file* and *english_file* are paths to show in messages, *meta* the
    translation's front matter, *english* the English page's bytes (None if
    there is no English page).
    """
    st = PageStatus("translation", lang, status=meta.get("translation_status"),
                    recorded=meta.get("translation_of"))
    if english is None:
        st.errors.append(ContentError(
            file, 1, f"this is a translation of {english_file}, which does not exist",
            f"Create {english_file} first, or rename this file to match its English page.",
            code="translation-orphan"))
        return st
    st.expected = source_hash(english)
    if st.recorded is None:
        st.errors.append(ContentError(
            file, 1, "the translation does not say which English text it was made from",
            f"Add `translation_of: {st.expected}` to the front matter, after checking the "
            f"translation against the current {english_file} (scripts/translation_hash.py "
            f"{english_file} prints this code).", code="translation-of-missing"))
    elif str(st.recorded) != st.expected:
        st.stale = True
        st.errors.append(ContentError(
            file, 1, f"stale translation: {english_file} has changed since this "
            f"translation was made (recorded {st.recorded}, English is now {st.expected}). "
            "The page shows readers a notice until it is updated.",
            f"Update the translation to match {english_file}, then set "
            f"`translation_of: {st.expected}` (and `translation_status: draft` until a "
            "qualified translator has reviewed it).",
            code="translation-stale", severity="warning"))
    if st.status == "reviewed" and not (meta.get("translation_reviewed_by")
                                         and meta.get("translation_reviewed_on")):
        st.errors.append(ContentError(
            file, 1, "the translation says it is reviewed, but not by whom or when",
            "Add `translation_reviewed_by:` (the translator's role, for example "
            "`qualified Polish translator (DPSI)`) and `translation_reviewed_on:` (the date, "
            "YYYY-MM-DD), or set `translation_status: draft`. See CONTRIBUTING.md, "
            "'Reviewing a translation'.", code="translation-reviewer-missing"))
    if st.status not in ("draft", "reviewed"):
        st.errors.append(ContentError(
            file, 1, "the translation does not say whether it has been reviewed",
            "Add `translation_status: draft` (or `reviewed` once a qualified translator "
            "has checked it).", code="translation-status-missing"))
        st.status = "draft"
    return st


SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def without_shared_start(first: str, text: str) -> str:
    """*text* without the sentences it starts with that *first* starts with too.

    Every notice starts with the same emergency sentences (call 999, do not
    wait; the English version is the one to follow). When a page shows two
    notices, the second one leaves them out instead of repeating them.
    """
    a, b = SENTENCE_END.split(first), SENTENCE_END.split(text)
    n = 0
    while n < min(len(a), len(b)) - 1 and a[n] == b[n]:
        n += 1
    return " ".join(b[n:])


def notice_texts(status: PageStatus, strings: dict[str, dict[str, str]],
                 keys: dict[str, str]) -> list[tuple[str, str]]:
    """(kind, text) of each notice a page shows, in order. *keys* maps each
    notice kind to its ui-text key. Every text in ui-text.yml starts with the
    emergency sentences; only the first notice keeps them."""
    out: list[tuple[str, str]] = []
    for kind in status.notices:
        if kind not in keys:
            continue
        text = ui_text(keys[kind], status.lang, strings)
        if out:
            text = without_shared_start(out[0][1], text)
        out.append((kind, text))
    return out


def notice_html(status: PageStatus, english_url: str | None,
                strings: dict[str, dict[str, str]]) -> str:
    """The notices for a page, as HTML in the reader's language ('' if none).

    The link to the English version has ``hreflang="en"`` (where it leads)
    but no ``lang``: its text is in the reader's language.
    """
    notices = status.notices
    if not notices:
        return ""
    lang = status.lang

    def t(key: str) -> str:
        return ui_text(key, lang, strings)

    from kb.core.partials import partial

    kinds = {"fallback": ("info", "fallback_title", "fallback_text"),
             "stale": ("warning", "stale_title", "stale_text"),
             "draft": ("note", "draft_title", "draft_text")}
    texts = notice_texts(status, strings, {k: v[2] for k, v in kinds.items()})
    shown = [{"kind": kind, "css": kinds[kind][0], "title": t(kinds[kind][1]), "text": text}
             for kind, text in texts]
    return partial("translation-notice.html", notices=shown, label=t("notice_label"),
                   english_url=english_url, english_link=t("english_link"))


PHONE_LIKE = re.compile(r"\d+(?:[ \u00a0]\d+)+")


LTR_ANCESTOR_SKIP = {"script", "style", "code", "pre", "svg", "math"}


#: A run of Latin-script text (English words, abbreviations such as CRT):
#: letters, then more words joined by spaces, commas, full stops or hyphens.
#: Python-Markdown's placeholders for raw inline HTML (STX ... ETX) are
#: matched first, so that they are never cut.
LATIN_RUN = re.compile(
    r"\x02[^\x03]*\x03"
    r"|(?P<run>(?:\d+\s+(?=[a-z]))?"  # a figure before an English word: "24 hours a day"
    r"[A-Za-z][A-Za-z0-9'’&/-]*(?:[\s.,&]+[A-Za-z0-9][A-Za-z0-9'’&/-]*)*)")


def phrase_pattern(phrases) -> re.Pattern | None:
    """One pattern for the English *phrases* of a language (kb.i18n.catalogs
    .english_phrases); a phrase right after raw inline HTML (the translator's
    own ``<span lang="en">``) is left alone."""
    if not phrases:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return re.compile(rf"(?<![\w\x03])(?:{body})(?![\w])")


def mark_english(root: etree.Element, rtl: bool = False, md=None,
                 phrases: re.Pattern | None = None) -> None:
    """Mark the English parts (and, in right-to-left pages, the numbers) of a
    translated page, in its element tree (kb.core.pagetree).

    Blockquotes hold the English legal text, and citations ("Sources") are
    English: publisher, title, date (except a blockquote in a `!!! translation`
    box, which holds a marked translation). Each gets lang="en" dir="ltr". In a
    right-to-left page, a number written in groups ("0300 555 1384") would
    be shown with its groups in reverse order by the bidirectional
    algorithm, so each one is isolated as left to right; and every run of
    Latin-script text inside the Arabic (an English gloss such as
    "(looked after)", a service name, an abbreviation) is marked
    ``lang="en" dir="ltr"``, so screen readers pronounce it in English and
    its punctuation stays with it. In a left-to-right translation (Polish)
    English cannot be told from the text: the translator writes
    ``<span lang="en">looked after</span>`` (CONTRIBUTING.md), and *phrases*
    (:func:`phrase_pattern`) marks the English names and glosses that the
    data catalog keeps beside their English (kb.i18n.catalogs.english_phrases). A page that is
    English throughout (a fallback) is wrapped whole: see :func:`wrap_english`.
    *md*, the page's Markdown instance, gives the raw HTML kept out of the tree.
    """
    for el, ancestors in pagetree.walk(root):
        if el.tag == "blockquote" and any(
                a.tag in ("div", "details") and "translation" in (a.get("class") or "").split()
                for a in ancestors):
            continue  # a marked translation of a definition (kb/checks/quotes.py): not English
        if el.tag == "blockquote" or (el.tag == "ol" and ancestors and ancestors[-1].tag == "div"
                                      and "footnote" in (ancestors[-1].get("class") or "").split()):
            el.set("lang", "en")
            el.set("dir", "ltr")
        elif rtl and el.get("lang") == "en" and not el.get("dir"):
            el.set("dir", "ltr")
    if rtl:
        _isolate_numbers(root)
        _mark_latin(root)
        if md is not None:  # raw HTML written in the page, kept out of the tree
            pagetree.rewrite_raw_html(md, _isolate_numbers)
            pagetree.rewrite_raw_html(md, _mark_latin)
    elif phrases is not None:
        def mark(tree):
            return _wrap_runs(tree, phrases, {"lang": "en"})
        mark(root)
        if md is not None:
            pagetree.rewrite_raw_html(md, mark)


def wrap_english(html: str) -> str:
    """A page built in another language that fell back to its English text."""
    return f'<div class="kb-lang-en" lang="en" dir="ltr">{html}</div>'


def _split_runs(text: str, parent: etree.Element, pattern: re.Pattern, attrs: dict,
                group: int | str = 0) -> tuple[str, list[etree.Element]] | None:
    """*text* up to its first match of *pattern* (its *group*), and a span with
    *attrs* for each match (each span's tail holds the text that follows it).
    None if nothing matched."""
    matches = [m for m in pattern.finditer(text) if m.group(group)]
    if not matches:
        return None
    spans = []
    for i, m in enumerate(matches):
        span = parent.makeelement("span", dict(attrs))
        end = matches[i + 1].start(group) if i + 1 < len(matches) else len(text)
        span.text, span.tail = m.group(group), text[m.end(group):end]
        spans.append(span)
    return text[:matches[0].start(group)], spans


def _wrap_runs(root: etree.Element, pattern: re.Pattern, attrs: dict,
               group: int | str = 0) -> bool:
    """Wrap each match of *pattern* under *root* in a span with *attrs*, except
    in code and in what is already marked left to right or as another
    language. True if any was wrapped."""
    changed = False
    for el, ancestors in list(pagetree.walk(root, LTR_ANCESTOR_SKIP)):
        if any(x.get("dir") == "ltr" or x.get("lang") for x in (el, *ancestors)):
            continue  # its text, and the text between its children, are marked already
        if el.text:
            split = _split_runs(el.text, el, pattern, attrs, group)
            if split:
                el.text, spans = split
                for i, span in enumerate(spans):
                    el.insert(i, span)
                changed = True
        for child in list(el):  # the text after each child is el's text too
            if child.tail:
                split = _split_runs(child.tail, el, pattern, attrs, group)
                if split:
                    child.tail, spans = split
                    at = list(el).index(child) + 1
                    for i, span in enumerate(spans):
                        el.insert(at + i, span)
                    changed = True
    return changed


def _isolate_numbers(root: etree.Element) -> bool:
    """Wrap each grouped number under *root* in a left-to-right span."""
    return _wrap_runs(root, PHONE_LIKE, {"dir": "ltr", "class": "kb-ltr"})


LATIN_PLAIN = LATIN_RUN.pattern.split("|(?P<run>", 1)[1][:-1].split(")?", 1)[1]
LATIN_BEFORE = re.compile(rf"(?<![A-Za-z0-9'\u2019&/-])({LATIN_PLAIN})(\s*)$")
LATIN_AFTER = re.compile(rf"^(\s*)({LATIN_PLAIN})")
LATIN_ONLY = re.compile(rf"^\s*{LATIN_PLAIN}\s*$")
INLINE = frozenset({"abbr", "a", "strong", "em", "b", "i", "span"})


def _join_latin_around_inline(root: etree.Element) -> bool:
    """Join an inline element whose text is English (an abbreviation the
    glossary marked, "HIPS") with the English words beside it ("Procedures")
    in one English span. Marked apart, the bidirectional algorithm would show
    the two in reverse order inside the Arabic ("Procedures HIPS")."""
    changed = False
    for el, ancestors in list(pagetree.walk(root, LTR_ANCESTOR_SKIP)):
        if any(x.get("dir") == "ltr" or x.get("lang") for x in (el, *ancestors)):
            continue
        for child in list(el):
            if (child.tag not in INLINE or child.get("lang") or child.get("dir")
                    or not LATIN_ONLY.match("".join(child.itertext()))):
                continue
            at = list(el).index(child)
            prev = el[at - 1] if at else None
            before = (prev.tail if prev is not None else el.text) or ""
            m1, m2 = LATIN_BEFORE.search(before), LATIN_AFTER.match(child.tail or "")
            if not (m1 or m2):
                continue
            span = el.makeelement("span", {"lang": "en", "dir": "ltr"})
            if m1:
                span.text = before[m1.start():]
                before = before[:m1.start()]
                if prev is not None:
                    prev.tail = before
                else:
                    el.text = before
            tail = child.tail or ""
            child.tail = tail[:m2.end()] if m2 else None
            span.tail = tail[m2.end():] if m2 else tail
            el.remove(child)
            span.append(child)
            el.insert(at, span)
            changed = True
    return changed


ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
#: What may stand between two English pieces of one English phrase: spaces,
#: Latin punctuation, quotation marks, brackets and figures. An Arabic letter
#: or Arabic punctuation ends the phrase.
ENGLISH_GAP = re.compile(r"^[\s\d.,;:!?'\"“”‘’()\[\]/&+–—-]*$")
EN_LTR = {"lang": "en", "dir": "ltr"}


def _is_english_piece(el: etree.Element) -> bool:
    """An inline element whose text is all English (a marked run, an
    abbreviation, an English link): a piece of an English phrase."""
    if el.tag not in INLINE or el.get("lang") not in (None, "en") or el.get("dir") not in (None, "ltr"):
        return False
    if any(child.tag not in INLINE for child in el.iter() if child is not el):
        return False
    text = "".join(el.itertext())
    return bool(LATIN_LETTER.search(text)) and not ARABIC_LETTER.search(text)


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0 and text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace *child* of *parent* by its content (text, children, tail)."""
    at = list(parent).index(child)
    before = (parent[at - 1].tail if at else parent.text) or ""
    inner = list(child)
    text = before + (child.text or "")
    if inner:
        inner[-1].tail = (inner[-1].tail or "") + (child.tail or "")
    else:
        text += child.tail or ""
    if at:
        parent[at - 1].tail = text or None
    else:
        parent.text = text or None
    parent.remove(child)
    for k, sub in enumerate(inner):
        parent.insert(at + k, sub)


def _piece_text(el: etree.Element) -> str:
    return "".join(el.itertext())


def _join_english_phrases(root: etree.Element) -> bool:
    """Join the English pieces of one English phrase, marked apart (a title in
    quotation marks, an abbreviation after a comma, a quoted version with its
    brackets), into one ``<span lang="en" dir="ltr">``.

    Marked apart inside Arabic, each piece is its own left-to-right island and
    the bidirectional algorithm shows the pieces right to left:
    ``(CSE ,child sexual exploitation)``. In one span they read in English
    order. A phrase never takes in Arabic text, and its brackets and
    quotation marks are balanced (a closing bracket right after it is taken
    in)."""
    changed = False
    for el, ancestors in list(pagetree.walk(root, LTR_ANCESTOR_SKIP)):
        if any(x.get("dir") == "ltr" or x.get("lang") for x in (el, *ancestors)):
            continue
        i = 0
        while i < len(el):
            children = list(el)
            if not _is_english_piece(children[i]):
                i += 1
                continue
            j = i
            while (j + 1 < len(children) and ENGLISH_GAP.match(children[j].tail or "")
                   and _is_english_piece(children[j + 1])):
                j += 1
            while j > i:
                text = "".join(_piece_text(c) + (c.tail or "") for c in children[i:j]) + _piece_text(children[j])
                closing = (children[j].tail or "").startswith(")") and _balanced(text + ")")
                if _balanced(text) or closing:
                    break
                j -= 1
            if j == i:
                i += 1
                continue
            group = children[i:j + 1]
            span = el.makeelement("span", dict(EN_LTR))
            tail = group[-1].tail or ""
            take = 1 if tail.startswith(")") and not _balanced(
                "".join(_piece_text(c) + (c.tail or "") for c in group[:-1]) + _piece_text(group[-1])) else 0
            group[-1].tail = tail[:take] or None
            span.tail = tail[take:] or None
            for c in group:
                el.remove(c)
                span.append(c)
            for c in list(span):
                if c.tag == "span" and dict(c.attrib) == EN_LTR:
                    _unwrap(span, c)  # a plain English run: its text joins the phrase
            el.insert(i, span)
            changed = True
            i += 1
    return changed


def _mark_latin(root: etree.Element) -> bool:
    """Mark each run of Latin-script text under *root* as English, left to
    right, and join the pieces of one English phrase (:func:`_join_english_phrases`)."""
    joined = _join_latin_around_inline(root)
    wrapped = _wrap_runs(root, LATIN_RUN, {"lang": "en", "dir": "ltr"}, "run")
    return _join_english_phrases(root) or wrapped or joined


def sheet_text(status: PageStatus, last_reviewed, strings: dict[str, dict[str, str]]) -> dict:
    """Interface text for a printed poster or handout in the page's language."""
    import datetime as dt

    lang = status.lang

    def t(key: str) -> str:
        return ui_text(key, lang, strings)

    note = " ".join(text for _, text in notice_texts(
        status, strings, {"stale": "sheet_stale", "draft": "sheet_draft"}))
    out = {"org": t("sheet_org"), "scan": t("sheet_scan"), "reviewed": t("sheet_reviewed"),
           "by": t("sheet_by"), "out_of_date": t("sheet_out_of_date"), "note": note,
           "tools": {"intro_poster": t("sheet_tools_poster"),
                     "intro_handout": t("sheet_tools_handout"),
                     "download": t("sheet_tools_download"), "print": t("sheet_tools_print"),
                     "version": t("sheet_tools_version"),
                     "or": t("sheet_tools_or")}}
    if isinstance(last_reviewed, (dt.date, str)):
        from kb.core.dates import local_date
        try:
            day = (last_reviewed if isinstance(last_reviewed, dt.date)
                   else dt.date.fromisoformat(last_reviewed))
            out["reviewed_date"] = local_date(day, lang)
        except ValueError:
            pass
    return out


# --- Reports over the docs folder (scripts/translation_report.py) -----------

@dataclass
class ReportRow:
    page: str          # English page, docs-relative
    lang: str
    state: str         # missing | stale | draft | reviewed | error
    detail: str = ""


def translation_report(docs_dir: pathlib.Path, languages: list[str],
                       default: str = DEFAULT_LANGUAGE,
                       exclude: tuple[str, ...] = ("_data/",)) -> list[ReportRow]:
    """One row per English page and language: missing, stale, draft or reviewed."""
    from kb.data.datafile import split_front_matter

    docs_dir = pathlib.Path(docs_dir)
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")
                   if not any(p.relative_to(docs_dir).as_posix().startswith(e) for e in exclude))
    english = [p for p in pages if split_suffix(p)[1] is None]
    rows: list[ReportRow] = []
    for page in english:
        data = (docs_dir / page).read_bytes()
        for lang in languages:
            if lang == default:
                continue
            stem = page[:-3]
            tr = f"{stem}.{lang}.md"
            if tr not in pages:
                rows.append(ReportRow(page, lang, "missing"))
                continue
            meta, _ = split_front_matter((docs_dir / tr).read_text(encoding="utf-8"))
            st = translation_status(page_label(tr), meta, data, lang, page_label(page))
            hard = [e for e in st.errors if e.severity == "error"]
            if hard:
                rows.append(ReportRow(page, lang, "error", hard[0].message))
            elif st.stale:
                rows.append(ReportRow(page, lang, "stale",
                                      f"recorded {st.recorded}, English now {st.expected}"))
            else:
                rows.append(ReportRow(page, lang, st.status or "draft"))
    # Translations whose English page is gone.
    for p in pages:
        base, lang = split_suffix(p)
        if lang and base not in english:
            rows.append(ReportRow(base, lang, "error", f"{page_label(p)} has no English page"))
    return rows


def translation_meta(status: PageStatus, english_url: str | None, last_reviewed,
                     strings: dict[str, dict[str, str]]) -> dict:
    """What the templates show about a page built in another language
    (page.meta.kb_translation): its kind, direction and notices."""
    lang = status.lang
    return {
        "kind": status.kind, "lang": lang, "dir": text_direction(lang),
        "notices": status.notices, "stale": status.stale, "status": status.status,
        "html": notice_html(status, english_url, strings),
        "sheet": sheet_text(status, last_reviewed, strings),
    }


def language_data(lang: str, root: pathlib.Path):
    """(indicators, contacts, sources, English text left untranslated, catalog
    errors) for *lang*: the data files with their text from the language's
    catalog (nothing is reported here)."""
    from kb.i18n import catalogs as i18n_data
    from kb.data.contacts import CONTACTS_FILE, load_contacts
    from kb.data.datafile import SOURCES_FILE
    from kb.data.load import load_data_file
    from kb.data.sources import load_source_index
    from kb.data.indicators import INDICATORS_FILE, load_indicators

    sources = load_source_index(root / SOURCES_FILE)
    keys = set(sources) or None
    # Their errors are reported by the indicators and contacts steps.
    ind, _ = load_data_file(root, INDICATORS_FILE, load_indicators, required=False, keys=keys)
    con, _ = load_data_file(root, CONTACTS_FILE, load_contacts, required=False, keys=keys)
    catalog, errors = i18n_data.load_catalog(lang, root)
    errors = list(errors)
    used = i18n_data.catalog_keys_used(ind, con)
    unused = sorted(k for k in catalog if k not in used)
    errors.extend(ContentError(f"{i18n_data.CATALOG_DIR}/{lang}.yml", None,
                               f"the English text '{k}' is not in any data file any more",
                               "The English changed: translate the new text and delete this entry.",
                               code="catalog-unused", severity="warning") for k in unused)
    missing: list[str] = []
    if ind is not None:
        ind, m = i18n_data.localise_indicators(ind, catalog)
        missing += m
    if con is not None:
        con, m = i18n_data.localise_contacts(con, catalog)
        missing += m
    errors.extend(ContentError(f"{i18n_data.CATALOG_DIR}/{lang}.yml", None,
                               f"no {lang} translation for '{k}': it is shown in English",
                               f"Add `- en: {k}` with its `text:` to the catalog.",
                               code="catalog-missing", severity="warning")
                  for k in sorted(set(missing)))
    return ind, con, sources, sorted(set(missing)), errors


def rtl_html(output: str, info: dict | None) -> str:
    """A rendered page with dir="rtl" on <html> if its language (*info*, the
    page's kb_translation) is written right to left, so the whole document
    (scroll bars, :dir() in CSS) is right to left."""
    if not info or info.get("dir") != "rtl":
        return output
    tag = f'<html lang="{info["lang"]}" class="no-js">'
    if output.count(tag) != 1:
        return output
    return output.replace(tag, f'<html lang="{info["lang"]}" dir="rtl" class="no-js">', 1)
