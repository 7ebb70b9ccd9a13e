#!/usr/bin/env python3
"""Translation report: missing, stale and draft translations per language.

For every English page and every site language, says whether the
translation is missing, stale (the English page changed after it was
made), a draft awaiting review by a qualified translator, reviewed, or
broken (an error the build would also report). Also lists data-file text
(indicators, contacts) with no translation in docs/_data/translations/, and
the termbase warnings (docs/_data/translations/terms.yml, kb/checks/termbase.py):
a forbidden rendering, or a key term whose approved rendering is missing,
each with file and line.

Languages come from mkdocs.yml (the i18n plugin). Reads the files directly,
so MkDocs is not needed.

Examples:
    python scripts/translation_report.py
    python scripts/translation_report.py --lang pl --only missing stale
    python scripts/translation_report.py --csv > translations.csv
    python scripts/translation_report.py --only term  # the termbase warnings only
    python scripts/translation_report.py --strict     # exit 1 if anything is stale or broken
"""

from __future__ import annotations

import argparse
import csv
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.i18n.translations import ReportRow, translation_report  # noqa: E402

STATES = ("error", "stale", "missing", "term", "draft", "reviewed")


def site_languages(config: pathlib.Path) -> tuple[list[str], str]:
    from kb.checks.content import read_config

    data = read_config(config)
    for plugin in data.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = plugin["i18n"].get("languages", [])
            default = next((x["locale"] for x in langs if x.get("default")), "en")
            return [x["locale"] for x in langs if x.get("build", True)], default
    return ["en"], "en"


def data_rows(lang: str, root: pathlib.Path) -> list[ReportRow]:
    from kb.data.contacts import get_contacts
    from kb.i18n.catalogs import CATALOG_DIR, catalog_keys_used, load_catalog
    from kb.data.indicators import get_indicators

    catalog, errors = load_catalog(lang, root)
    rows = [ReportRow(f"{CATALOG_DIR}/{lang}.yml", lang, "error", e.message) for e in errors]
    used = catalog_keys_used(get_indicators(root), get_contacts(root))
    rows += [ReportRow("data text", lang, "missing", k) for k in sorted(used - set(catalog))]
    rows += [ReportRow("data text", lang, "stale", f"no longer in the data: {k}")
             for k in sorted(set(catalog) - used)]
    return rows


def term_rows(lang: str, root: pathlib.Path) -> list[ReportRow]:
    """One row per termbase warning (or error in terms.yml) for *lang*."""
    from kb.checks.termbase import TERMS_FILE, check_docs

    rows = []
    for e in check_docs(root, (lang,)):
        where = f"{e.file}:{e.line}" if e.line else e.file
        if e.file == TERMS_FILE:
            rows.append(ReportRow(where, lang, "error", e.message))
        else:
            rows.append(ReportRow(where, lang, "term", f"{e.message}. {e.fix}"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="List missing, stale and draft translations per language.")
    parser.add_argument("--docs", type=pathlib.Path, default=ROOT / "docs",
                        help="the docs folder (default: docs/)")
    parser.add_argument("--config", type=pathlib.Path, default=ROOT / "mkdocs.yml",
                        help="mkdocs.yml, for the list of languages")
    parser.add_argument("--lang", action="append",
                        help="only this language (repeatable); default: every language")
    parser.add_argument("--only", nargs="+", choices=STATES,
                        help="only rows in these states")
    parser.add_argument("--no-data", action="store_true",
                        help="leave out the data-file text (indicators, contacts)")
    parser.add_argument("--no-terms", action="store_true",
                        help="leave out the termbase warnings")
    parser.add_argument("--csv", action="store_true", help="write CSV instead of a table")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 if any translation is stale or broken")
    args = parser.parse_args(argv)

    languages, default = site_languages(args.config)
    wanted = [x for x in languages if x != default and (not args.lang or x in args.lang)]
    rows = translation_report(args.docs, [default, *wanted], default)
    if not args.no_data:
        for lang in wanted:
            rows += data_rows(lang, args.docs.parent)
    if not args.no_terms:
        for lang in wanted:
            rows += term_rows(lang, args.docs.parent)
    if args.only:
        rows = [r for r in rows if r.state in args.only]
    rows.sort(key=lambda r: (r.lang, STATES.index(r.state), r.page))

    if args.csv:
        w = csv.writer(sys.stdout)
        w.writerow(["language", "state", "page", "detail"])
        for r in rows:
            w.writerow([r.lang, r.state, r.page, r.detail])
    else:
        for lang in wanted:
            mine = [r for r in rows if r.lang == lang]
            counts = {s: sum(1 for r in mine if r.state == s) for s in STATES}
            summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
            print(f"== {lang}: {summary or 'nothing to report'}")
            for r in mine:
                print(f"  {r.state:<9} {r.page}" + (f"  ({r.detail})" if r.detail else ""))
    bad = any(r.state in ("stale", "error") for r in rows)
    return 1 if (args.strict and bad) else 0


if __name__ == "__main__":
    sys.exit(main())
