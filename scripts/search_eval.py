#!/usr/bin/env python3
"""Score the site search against the query table in tests/search_queries.csv.

It loads a built site's search/search_index.json and ranks pages the way
Material's search worker does (same tokeniser, pipeline, field boosts and
post-query boost, reproduced with lunr.py in kb/postbuild/search.py). It prints
hit@3 (expected page among the first three results), the mean reciprocal
rank (MRR) and every query that misses.

Examples:
    .venv/bin/python scripts/search_eval.py --site /tmp/me/site
    .venv/bin/python scripts/search_eval.py --build      # build into a temp folder first
    .venv/bin/python scripts/search_eval.py --site site --query "trap house"
"""

from __future__ import annotations

import argparse
import csv
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.postbuild.search import MaterialSearch, evaluate, load_index  # noqa: E402

QUERIES = ROOT / "tests" / "search_queries.csv"


def read_queries(path: pathlib.Path = QUERIES) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["query"], row["expected"]) for row in csv.DictReader(handle)
                if row.get("query") and not row["query"].startswith("#")]


def build(dest: pathlib.Path) -> None:
    """A strict build of the site into *dest* (scripts/build.py, as `make build` does)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from build import build as strict_build

    if strict_build(ROOT / "mkdocs.yml", dest, quiet=True) != 0:
        raise SystemExit("the site did not build; see the errors above")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "site",
                        help="built site folder (default: site/)")
    parser.add_argument("--build", action="store_true",
                        help="build the site into a temporary folder first")
    parser.add_argument("--queries", type=pathlib.Path, default=QUERIES,
                        help="CSV with columns query,expected (default: tests/search_queries.csv)")
    parser.add_argument("--query", help="show the ranking for one query instead")
    parser.add_argument("-k", type=int, default=3, help="cut-off for hit@k (default 3)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if args.build:
            site = pathlib.Path(tmp) / "site"
            build(site)
        index = load_index(site)
        if args.query:
            for rank, (page, score) in enumerate(MaterialSearch(index).search(args.query)[:10], 1):
                print(f"{rank:2}. {score:12.3f}  {page}")
            return 0
        result = evaluate(index, read_queries(args.queries), k=args.k)

    print(f"queries: {result['total']}")
    print(f"hit@{result['k']}:   {result['hit_at_k']:.1%} ({result['hits']}/{result['total']})")
    print(f"MRR:     {result['mrr']:.3f}")
    if result["misses"]:
        print("misses:")
        for miss in result["misses"]:
            rank = miss["rank"] or "not found"
            print(f"  {miss['query']!r}: expected {miss['expected']} (rank {rank}); "
                  f"top: {', '.join(miss['top']) or 'nothing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
