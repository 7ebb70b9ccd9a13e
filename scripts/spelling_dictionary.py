#!/usr/bin/env python3
"""Write codespell's American-to-British dictionary for this project.

    scripts/spelling_dictionary.py          # rewrite .codespell/en-US_to_en-GB.txt
    scripts/spelling_dictionary.py --check  # exit 1 if the file is out of date

codespell ships a British-to-American list (dictionary_en-GB_to_en-US.txt).
This project writes British English, so the list is turned round: an
American spelling such as "organization" is flagged with its British form.
Words that are also correct British English in some sense (practice the
noun, license the verb, program for software, judgment in law, focused,
story) are left out. The file is generated from the pinned codespell, so
it changes only when codespell is upgraded.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / ".codespell" / "en-US_to_en-GB.txt"

# American forms that are also correct in British English (or differ only by meaning).
ALSO_BRITISH = {
    "analog", "biased", "dialog", "dialogs", "focused", "focuses", "focusing", "judgment",
    "judgments", "lambaste", "lambastes", "license", "licensed", "licenses", "licensing",
    "overwritable", "practice", "practices", "program", "programs", "refocused", "refocuses",
    "refocusing", "routing", "stories", "story", "writable",
}


def source_dictionary() -> pathlib.Path:
    import codespell_lib
    return pathlib.Path(codespell_lib.__file__).resolve().parent / "data" / "dictionary_en-GB_to_en-US.txt"


def american_to_british(text: str) -> str:
    """Reverse `british->american` lines, dropping forms that are British too."""
    pairs = {}
    for line in text.splitlines():
        if "->" not in line:
            continue
        british, american = (part.strip() for part in line.split("->", 1))
        american = american.rstrip(",")
        if "," in american or american in ALSO_BRITISH or american == british:
            continue
        pairs.setdefault(american, british)
    # codespell dictionaries cannot hold comments: the header is in .codespellrc.
    return "".join(f"{a}->{b}\n" for a, b in sorted(pairs.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the American-to-British spelling "
                                     "dictionary that codespell uses (.codespellrc).")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the file is missing or out of date")
    args = parser.parse_args(argv)
    wanted = american_to_british(source_dictionary().read_text(encoding="utf-8"))
    current = OUT.read_text(encoding="utf-8") if OUT.exists() else None
    if args.check:
        if current != wanted:
            print(f"{OUT.relative_to(ROOT)} is out of date: run scripts/spelling_dictionary.py",
                  file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(wanted, encoding="utf-8")
    print(f"Wrote {OUT.relative_to(ROOT)} ({wanted.count(chr(10))} words).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
