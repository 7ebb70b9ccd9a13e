#!/usr/bin/env python3
"""Print the `translation_of` code of an English page.

The code is the first 12 hex digits of the SHA-256 of the English page
file's bytes (Windows line endings turned into LF), front matter included;
see kb/i18n/translations.py. After you have checked a translation against the
current English page, put the code in the translation's front matter:

    translation_of: 3f1c0a9e2b7d

Examples:
    python scripts/translation_hash.py docs/signs.md
    python scripts/translation_hash.py docs/index.md docs/contacts.md
"""

from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.i18n.translations import file_hash, split_suffix  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Print the translation_of code of each English page given.",
        epilog="The code is the first 12 hex digits of the SHA-256 of the file "
               "(CR LF read as LF).")
    parser.add_argument("pages", nargs="+", type=pathlib.Path,
                        help="English page files, e.g. docs/signs.md")
    args = parser.parse_args(argv)
    status = 0
    for page in args.pages:
        if split_suffix(page.name)[1] is not None:
            print(f"{page}: this is a translation; give the English page "
                  f"({split_suffix(page.name)[0]}) instead", file=sys.stderr)
            status = 2
            continue
        try:
            code = file_hash(page)
        except OSError as exc:
            print(f"{page}: cannot read it ({exc.strerror})", file=sys.stderr)
            status = 2
            continue
        print(f"{code}  {page}" if len(args.pages) > 1 else code)
    return status


if __name__ == "__main__":
    sys.exit(main())
