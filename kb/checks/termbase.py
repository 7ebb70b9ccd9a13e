"""The termbase: one approved rendering per key term and language.

`docs/_data/translations/terms.yml` lists each key English term (child
sexual exploitation, referral, missing, ...), its approved Polish and Arabic
renderings and the renderings that must not be used. The build checks every
translated page (`docs/**/*.pl.md`, `*.ar.md`), every entry of the data
catalogs (`docs/_data/translations/<lang>.yml`), the interface text
(`docs/_data/ui-text.yml`, its `pl` and `ar` values) and the translated
navigation titles (`nav_translations` of the i18n plugin in `mkdocs.yml`)
against it, and *warns*
(severity "warning": logged, never fails the strict build, like a stale
translation), with file and line:

1. **Forbidden rendering.** A line of a translation uses a rendering listed
   under `avoid:`. One warning per line and term.
2. **Approved rendering missing.** The English page (or the catalog entry's
   English text) uses the term, but its translation uses none of the
   renderings listed under `use:`. One warning per page (or entry) and
   term, so a page that uses the term ten times gives one warning, at the
   page's title line. This is the low-noise rule: it does not ask for the
   term as often as the English uses it, only that the translation names
   the concept at least once in the approved words.

Patterns (`use:`, `avoid:`, `match:`): words, matched without regard to case;
`*` stands for any letters, so `zagin*` matches "zaginięcie" and
"zaginione". Latin-script words must start at a word boundary. Arabic
patterns may follow a prefix (ال, و, ب, ل), and Arabic vowel marks
(tashkeel) and the tatweel are ignored on both sides. A pattern that starts
with `re:` is a Python regular expression (for a bare word that must not
stand alone, such as «الاتجار» without «بالبشر»). `ignore:` lists English
phrases that are not the term (`Emergency Duty Service` is not
"emergency").

Plain Python: `parse_termbase`, `check_translation`, `check_catalog`,
`check_docs`. The MkDocs event at the bottom only reports the result, once
per build.
"""

from __future__ import annotations

from kb.core.paths import page_label, CATALOG_DIR, TERMS_FILE, UI_TEXT_FILE  # noqa: F401 (written once, in kb/core/paths.py)
import pathlib


import re
from functools import lru_cache


from kb.core.errors import ContentError
from kb.model.termbase import Rendering, Term, TermBase  # noqa: F401 (the schemas live in kb/model)

LANGUAGES = ("pl", "ar")
CODE = "termbase"
FIX = "See the comment at the top of docs/_data/translations/terms.yml."

ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # tashkeel, superscript alif, tatweel
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


# --- The file -----------------------------------------------------------------


def parse_termbase(text: str, file: str = TERMS_FILE) -> tuple[TermBase | None, list[ContentError]]:
    """Read terms.yml through the project's YAML loader and validate it."""
    from kb.data.datafile import load_yaml, repeated, validate

    data, locate, errors = load_yaml(text, file)
    if errors:
        return None, errors
    base, errors = validate(TermBase, data, locate, file,
                            "Each term needs `en:`, and `pl:` and `ar:` each with a `use:` "
                            "list (and, if any, an `avoid:` list). " + FIX, CODE)
    if base is None:
        return None, errors
    for index, first in repeated(t.en.lower() for t in base.terms):
        errors.append(ContentError(file, locate(["terms", index]),
                                   f"the term '{base.terms[index].en}' is listed twice",
                                   f"Keep one entry (the first is term {first + 1}).", code=CODE))
    return base, errors


# --- Matching -----------------------------------------------------------------

def normalise(text: str, lang: str) -> str:
    text = text.replace("\u2019", "'")
    if lang == "ar":
        text = ARABIC_MARKS.sub("", text)
    return text


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str, lang: str) -> re.Pattern:
    """A termbase pattern as a regular expression (see the module docstring)."""
    if pattern.startswith("re:"):
        return re.compile(normalise(pattern[3:], lang), re.IGNORECASE)
    words = normalise(pattern, lang).split()
    parts = [r"\w*".join(re.escape(piece) for piece in word.split("*")) for word in words]
    body = r"\s+".join(parts)
    start = "" if ARABIC_LETTER.match(words[0][:1]) else r"(?<!\w)"
    return re.compile(start + body, re.IGNORECASE)


def find(patterns: list[str], text: str, lang: str) -> re.Match | None:
    text = normalise(text, lang)
    for p in patterns:
        m = compile_pattern(p, lang).search(text)
        if m:
            return m
    return None


def english_uses(term: Term, text: str) -> bool:
    """Does the English *text* use *term* (leaving out its `ignore:` phrases)?"""
    text = normalise(text, "en")
    for phrase in term.ignore:
        text = compile_pattern(phrase, "en").sub(" ", text)
    return find(term.english_patterns(), text, "en") is not None


# --- Checks -------------------------------------------------------------------

def _forbidden(term: Term, lang: str, line: str) -> re.Match | None:
    return find(getattr(term, lang).avoid, line, lang) if getattr(term, lang).avoid else None


def _forbidden_warning(term: Term, lang: str, file: str, line: int, found: str) -> ContentError:
    r = getattr(term, lang)
    return ContentError(
        file, line, f"'{found}' is a rendering of '{term.en}' that the termbase says not to use",
        f"Write '{r.write}' instead (the approved {lang} rendering, {TERMS_FILE}).",
        code=CODE, severity="warning")


def _missing_warning(term: Term, lang: str, file: str, line: int | None,
                     english: str) -> ContentError:
    r = getattr(term, lang)
    return ContentError(
        file, line, f"{english} uses '{term.en}', but this translation never uses its "
        f"approved {lang} rendering",
        f"Write '{r.write}' at least once where the English says '{term.en}' "
        f"(the approved {lang} rendering, {TERMS_FILE}).",
        code=CODE, severity="warning")


def _title_line(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        if line.startswith("# ") or line.startswith("title:"):
            return i + 1
    return 1


COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _blank_comments(text: str) -> str:
    """HTML comments (markers such as `<!-- kb:emergency -->`) blanked, lines kept."""
    return COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def check_translation(translation: str, english: str, lang: str, file: str,
                      english_file: str, base: TermBase, current: bool = True
                      ) -> list[ContentError]:
    """Warnings for one translated page (*translation*, the whole file) against
    its English page (*english*, the whole file).

    A forbidden rendering is always reported. A missing approved rendering is
    reported only when the translation is *current* (it matches the English
    page it records): a stale translation is already flagged, with a notice
    to readers, and new English text has no translation to check yet.
    """
    from kb.core.mdtext import mask_code

    lines = _blank_comments(mask_code(translation.replace("\r\n", "\n"))).split("\n")
    english = _blank_comments(mask_code(english.replace("\r\n", "\n")))
    # Quoted English legal text is left out; the rest is searched whole (a
    # rendering may break across lines), and each match gives its line.
    text = normalise("\n".join("" if x.lstrip().startswith(">") else x for x in lines), lang)
    out: list[ContentError] = []
    for term in base.terms:
        seen: set[int] = set()
        for pattern in getattr(term, lang).avoid:
            for m in compile_pattern(pattern, lang).finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                if line not in seen:
                    seen.add(line)
                    out.append(_forbidden_warning(term, lang, file, line, m.group(0)))
        if current and english_uses(term, english) \
                and not find(getattr(term, lang).use, "\n".join(lines), lang):
            out.append(_missing_warning(term, lang, file, _title_line(lines), english_file))
    return out


def check_pairs(pairs, lang: str, file: str, base: TermBase) -> list[ContentError]:
    """Warnings for short translated texts: *pairs* of (English, translation,
    line of the translation). One warning per text and term."""
    out: list[ContentError] = []
    for english, translated, line in pairs:
        for term in base.terms:
            m = _forbidden(term, lang, translated)
            if m:
                out.append(_forbidden_warning(term, lang, file, line, m.group(0)))
            elif english_uses(term, english) and not find(getattr(term, lang).use, translated, lang):
                out.append(_missing_warning(term, lang, file, line, f"'{english}'"))
    return out


def check_catalog(text: str, lang: str, file: str, base: TermBase) -> list[ContentError]:
    """Warnings for a data catalog (docs/_data/translations/<lang>.yml)."""
    from kb.data.datafile import load_yaml

    data, locate, errors = load_yaml(text, file)
    if errors or not isinstance(data, list):
        return []  # kb/i18n/catalogs.py reports a broken catalog
    return check_pairs(((item["en"], item["text"], locate([i, "text"])) for i, item in enumerate(data)
                        if isinstance(item, dict)
                        and all(isinstance(item.get(k), str) for k in ("en", "text"))),
                       lang, file, base)


NAV_FILE = "mkdocs.yml"


def check_ui_text(text: str, lang: str, file: str, base: TermBase) -> list[ContentError]:
    """Warnings for the *lang* values of docs/_data/ui-text.yml (each key's
    ``en`` and its translation)."""
    from kb.data.datafile import load_yaml

    data, locate, errors = load_yaml(text, file)
    if errors or not isinstance(data, dict):
        return []  # kb/i18n/translations.py reports a broken ui-text.yml
    return check_pairs(((v["en"], v[lang], locate([k, lang])) for k, v in data.items()
                        if isinstance(v, dict) and isinstance(v.get("en"), str)
                        and isinstance(v.get(lang), str)),
                       lang, file, base)


LOCALE_LINE = re.compile(r"^\s*-\s+locale:\s*['\"]?([\w-]+)")
NAV_LINE = re.compile(r"^(\s*)nav_translations:\s*$")


def nav_translations(text: str) -> dict[str, list[tuple[str, str, int]]]:
    """The i18n plugin's ``nav_translations`` in mkdocs.yml: {lang: [(English
    title, translated title, line)]}. mkdocs.yml uses MkDocs' own tags
    (``!ENV``), so only each ``nav_translations:`` block is read, with the
    project's YAML loader."""
    import textwrap

    from kb.data.datafile import load_yaml

    lines = text.replace("\r\n", "\n").split("\n")
    out: dict[str, list[tuple[str, str, int]]] = {}
    lang = None
    for i, line in enumerate(lines):
        m = LOCALE_LINE.match(line)
        if m:
            lang = m.group(1)
            continue
        m = NAV_LINE.match(line)
        if not (m and lang):
            continue
        indent, body = len(m.group(1)), []
        for nxt in lines[i + 1:]:
            if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent:
                break
            body.append(nxt)
        data, locate, errors = load_yaml(textwrap.dedent("\n".join(body)), NAV_FILE, empty_ok=True)
        if errors or not isinstance(data, dict):
            continue  # MkDocs reports a broken mkdocs.yml
        out.setdefault(lang, []).extend(
            (str(k), str(v), i + 1 + (locate([k]) or 1)) for k, v in data.items() if isinstance(v, str))
    return out


def load_termbase(root: pathlib.Path) -> tuple[TermBase | None, list[ContentError]]:
    path = root / TERMS_FILE
    if not path.exists():
        return None, []
    return parse_termbase(path.read_text(encoding="utf-8"))


def check_docs(root: pathlib.Path, languages: tuple[str, ...] = LANGUAGES,
               base: TermBase | None = None) -> list[ContentError]:
    """Every termbase problem under *root* (the project folder): the file's own
    errors, then the warnings for each translated page and catalog."""
    from kb.core.paths import split_suffix

    errors: list[ContentError] = []
    if base is None:
        base, errors = load_termbase(root)
        if base is None:
            return errors
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        english_rel, lang = split_suffix(rel)
        if lang not in languages or rel.startswith("_data/"):
            continue
        english = docs / english_rel
        if not english.exists():
            continue  # kb/i18n/translations.py reports the orphan
        from kb.core.frontmatter import read_front_matter
        from kb.i18n.translations import source_hash

        text, english_text = path.read_text(encoding="utf-8"), english.read_text(encoding="utf-8")
        recorded = read_front_matter(text).get("translation_of")
        current = recorded is None or recorded == source_hash(english_text)
        errors += check_translation(text, english_text, lang, page_label(rel),
                                    page_label(english_rel), base, current)
    ui = root / UI_TEXT_FILE
    ui_text = ui.read_text(encoding="utf-8") if ui.exists() else None
    nav = root / NAV_FILE
    navs = nav_translations(nav.read_text(encoding="utf-8")) if nav.exists() else {}
    for lang in languages:
        catalog = root / CATALOG_DIR / f"{lang}.yml"
        if catalog.exists():
            errors += check_catalog(catalog.read_text(encoding="utf-8"), lang,
                                    f"{CATALOG_DIR}/{lang}.yml", base)
        if ui_text is not None:
            errors += check_ui_text(ui_text, lang, UI_TEXT_FILE, base)
        errors += check_pairs(navs.get(lang, []), lang, NAV_FILE, base)
    return errors
