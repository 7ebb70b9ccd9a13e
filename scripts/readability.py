#!/usr/bin/env python3
"""Plain-English report: reading age per page, and sentences over 25 words.

    scripts/readability.py                 # every English page in docs/
    scripts/readability.py docs/signs.md   # one page
    scripts/readability.py --json          # the same, as JSON

For each page it prints the Flesch reading ease, the Flesch-Kincaid grade,
the UK reading age (grade + 5), the average sentence length, and every
sentence longer than 25 words with its line, so you can split it.

Only the page's own prose is measured. Left out: front matter, quoted
statutory text (blockquotes, which must stay word for word), code, tables,
headings, markers (<!-- kb:... -->) and footnote references. Text that a
marker adds from a data file (contacts, indicators) is not measured here.

The target, from GOV.UK style: public pages (`audience: public`) aim at a
reading age of about 9 to 12; staff pages may be harder, but sentences stay
at 25 words or fewer. Pages above the target are marked "check".

This is advice, never a failure: the exit status is 0 whatever it finds.
Scores come from textstat (pinned in requirements.txt), which works offline.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from dataclasses import asdict

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.checks.readability import LONG_SENTENCE, audience_of, label, pages, report_text, score  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Readability of each English page: reading age, and sentences over "
                    f"{LONG_SENTENCE} words. Quoted statutory text (blockquotes), code, tables "
                    "and front matter are left out. Always exits 0.")
    parser.add_argument("paths", nargs="*", type=pathlib.Path, default=[ROOT / "docs"],
                        help="pages or folders (default: docs/; translations are skipped)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    reports = []
    for path in pages(args.paths):
        text = path.read_text(encoding="utf-8")
        reports.append(score(label(path), text, audience_of(text)))
    if args.json:
        data = []
        for r in reports:
            d = asdict(r)
            d["long_sentences"] = [{"line": s.line, "words": s.words, "text": s.text}
                                   for s in r.long_sentences]
            d["check"] = r.check
            data.append(d)
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(report_text(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
