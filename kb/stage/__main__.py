"""python -m kb.stage --out build/zensical: write the Zensical stage (kb/stage/tree.py)."""

from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from kb.data.flowchart import RendererMissing
from kb.stage.tree import stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kb.stage",
        description="Write docs/ for Zensical: markers rendered, citations filled, page data "
                    "in the front matter, one file per page and language, and the config.")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "zensical",
                        help="the stage folder (default: build/zensical)")
    parser.add_argument("--root", type=pathlib.Path, default=ROOT,
                        help="the project (default: this repository)")
    args = parser.parse_args(argv)
    if not (args.root / "mkdocs.yml").is_file():
        print(f"{args.root}: no mkdocs.yml here. Run this from the project, or give --root.",
              file=sys.stderr)
        return 2
    try:
        errors = stage(args.root.resolve(), args.out.resolve())
    except RendererMissing as exc:  # Graphviz is not installed
        print(str(exc), file=sys.stderr)
        return 1
    hard = [e for e in errors if e.severity == "error"]
    seen = set()
    for err in errors:
        text = err.format()
        if text not in seen:
            seen.add(text)
            print(("ERROR " if err.severity == "error" else "WARNING ") + text, file=sys.stderr)
    if hard:
        print(f"\nThe stage found {len(hard)} error(s): fix them (each says where and how) "
              "and run `make zensical` again.", file=sys.stderr)
        return 1
    print(f"Staged the site for Zensical into {args.out}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
