"""Translated text for the data files (indicators, contacts), one source kept.

The data files stay the single source of every phone number and every list.
Their *wording* is translated in a catalog per language,
`docs/_data/translations/<lang>.yml`, keyed by the English text:

    - en: Going missing, or often coming home late
      text: Znikanie z domu albo częste późne powroty

When the English text in a data file changes, its catalog entry no longer
matches: the item is shown in English and the build warns (without failing),
and `scripts/translation_report.py` lists it. A catalog entry must keep every
number of three or more digits (phone numbers, 999, years) exactly as in the
English, or the build fails: a translation can never change a number.

Pure functions: `parse_catalog`, `translate`, `localise_indicators`,
`localise_contacts`. kb/i18n/translations.py renders the `kb:indicators`,
`kb:contacts` and `kb:emergency` markers of translated pages from the
localised data with the same renderers as English (kb/data/indicators.py,
kb/data/contacts.py), in the page's language.
"""

from __future__ import annotations

from kb.core.paths import CATALOG_DIR  # noqa: F401 (written once, in kb/core/paths.py)
import pathlib


import re

from kb.core.errors import ContentError

ROOT = pathlib.Path(__file__).resolve().parents[2]
LONG_NUMBER = re.compile(r"\d[\d ]*\d|\d")


def long_numbers(text: str) -> list[str]:
    """Numbers with three or more digits (phone numbers, 999, years), in order."""
    out = []
    for m in LONG_NUMBER.finditer(text or ""):
        value = m.group(0).strip()
        if sum(ch.isdigit() for ch in value) >= 3:
            out.append(value)
    return sorted(out)


def _norm(text: str) -> str:
    return " ".join(str(text).split())


def parse_catalog(text: str, file: str) -> tuple[dict[str, str], list[ContentError]]:
    """A catalog file: list of {en, text}. Returns {english: translation}."""
    from kb.data.datafile import load_yaml

    data, locate, errors = load_yaml(text, file)
    if errors:
        return {}, errors
    if data is None:
        return {}, []
    if not isinstance(data, list):
        return {}, [ContentError(file, 1, "the catalog should be a list of `- en: ...` / "
                                 "`text: ...` pairs", "See the comment at the top of the file.",
                                 code="catalog")]
    out: dict[str, str] = {}
    for i, item in enumerate(data):
        line = locate([i])
        if not isinstance(item, dict) or set(item) != {"en", "text"} or not all(
                isinstance(item.get(k), str) and item[k].strip() for k in ("en", "text")):
            errors.append(ContentError(file, line, "each entry needs exactly `en:` (the English "
                                       "text) and `text:` (its translation)",
                                       "Write the entry as `- en: ...` and `  text: ...`.",
                                       code="catalog"))
            continue
        en, tr = _norm(item["en"]), _norm(item["text"])
        if en in out:
            errors.append(ContentError(file, line, f"'{en}' is translated twice",
                                       "Keep one entry and delete the other.", code="catalog"))
            continue
        if long_numbers(en) != long_numbers(tr):
            errors.append(ContentError(
                file, locate([i, "text"]),
                f"the translation changes a number: English has {long_numbers(en) or 'none'}, "
                f"the translation has {long_numbers(tr) or 'none'}",
                "Copy every phone number and every number of three or more digits exactly "
                "as the English writes it.", code="catalog-number"))
            continue
        out[en] = tr
    return out, errors


def load_catalog(lang: str, root: pathlib.Path = ROOT) -> tuple[dict[str, str], list[ContentError]]:
    from kb.core.yamltext import read_text

    path = root / CATALOG_DIR / f"{lang}.yml"
    if not path.exists():
        return {}, []
    text, errors = read_text(path, f"{CATALOG_DIR}/{lang}.yml")
    if errors:
        return {}, errors
    return parse_catalog(text, f"{CATALOG_DIR}/{lang}.yml")


ASCII_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'\u2019&/-]*(?:[ ,&]+[A-Za-z0-9][A-Za-z0-9'\u2019&/-]*)*")


def english_phrases(catalog: dict[str, str]) -> list[str]:
    """English names and glosses kept in the translations, longest first.

    In a translation written in Latin script (Polish), English cannot be told
    from the text by its letters. But a catalog entry has its English beside
    it: a run of two or more words of the translation that also stands,
    word for word, in the entry's English text ("Children's Reception
    Team", "Inter-Agency Referral Form") is English. kb/i18n/translations.py
    marks these `lang="en"` wherever they appear in a page of that language.
    """
    found: set[str] = set()
    for en, tr in catalog.items():
        english = _norm(en)
        for m in ASCII_RUN.finditer(_norm(tr)):
            words = m.group(0).replace(",", " ,").split()
            i = 0
            while i < len(words):
                for j in range(len(words), i + 1, -1):  # the longest first
                    phrase = " ".join(words[i:j]).replace(" ,", ",").strip(" ,&")
                    if len(phrase.split()) >= 2 and phrase[:1].isalpha() and phrase in english:
                        found.add(phrase)
                        i = j - 1
                        break
                i += 1
    return sorted(found, key=lambda x: (-len(x), x))


def translate(text: str | None, catalog: dict[str, str], missing: list[str]) -> str | None:
    """The translation of *text*, or *text* itself (noted in *missing*)."""
    if text is None:
        return None
    key = _norm(text)
    if key in catalog:
        return catalog[key]
    missing.append(key)
    return text


# --- Localised copies of the data ---------------------------------------------

def localise_indicators(data, catalog: dict[str, str]):
    """(a translated copy of IndicatorsData, English strings with no translation)."""
    missing: list[str] = []
    groups = [g.model_copy(update={
        "title": translate(g.title, catalog, missing),
        "intro": translate(g.intro, catalog, missing),
        "items": [translate(item, catalog, missing) for item in g.items],
    }) for g in data.groups]
    return data.model_copy(update={"groups": groups}), missing


def localise_contacts(data, catalog: dict[str, str]):
    """(a translated copy of ContactsData, missing). Numbers are never touched."""
    missing: list[str] = []
    groups = []
    for g in data.groups:
        contacts = [c.model_copy(update={
            "service": translate(c.service, catalog, missing),
            "hours": translate(c.hours, catalog, missing),
            "note": translate(c.note, catalog, missing),
        }) for c in g.contacts]
        groups.append(g.model_copy(update={
            "title": translate(g.title, catalog, missing),
            "intro": translate(g.intro, catalog, missing),
            "contacts": contacts}))
    emergency = translate(data.emergency, catalog, missing)
    return data.model_copy(update={"groups": groups, "emergency": emergency}), missing


def catalog_keys_used(indicators, contacts) -> set[str]:
    """Every English string of the data files that a catalog may translate."""
    keys: set[str] = set()
    if indicators is not None:
        for g in indicators.groups:
            keys.update(_norm(x) for x in [g.title, g.intro, *g.items] if x)
    if contacts is not None:
        keys.add(_norm(contacts.emergency))
        for g in contacts.groups:
            keys.update(_norm(x) for x in [g.title, g.intro] if x)
            for c in g.contacts:
                keys.update(_norm(x) for x in [c.service, c.hours, c.note] if x)
    return keys
