#!/usr/bin/env python3
"""Check every external URL in the content (docs/**/*.md) and the data files
(docs/_data/*.yml).

Requests run concurrently with a timeout and retries. Results are cached with
the date they were checked (default .cache/links.json), so a link that worked
recently is not fetched again. Without a network the checker says "offline"
and exits 0 with a warning instead of reporting every link as broken.

Exit status: 0 when every link works (or the machine is offline),
1 when at least one link is broken, times out or cannot be reached.

Examples:
    python scripts/check_links.py                 # docs/ and docs/_data/
    python scripts/check_links.py --no-cache docs/contacts.md
    python scripts/check_links.py --timeout 5 --retries 1 --workers 16
"""

from __future__ import annotations

import argparse
import pathlib
import sys
from datetime import timedelta

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.checks.links import (DEFAULT_CACHE, check_all, collect, is_offline,  # noqa: E402
                             load_cache, report, save_cache, update_cache)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check every external URL in the content and the data files.",
        epilog="Exit status 0: all links work, or offline (with a warning). "
               "1: at least one link is broken.")
    parser.add_argument("paths", nargs="*", type=pathlib.Path,
                        help="files or folders to scan (default: docs/)")
    parser.add_argument("--workers", type=int, default=8, help="concurrent requests (default 8)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="seconds to wait for each answer (default 10)")
    parser.add_argument("--retries", type=int, default=2,
                        help="extra attempts after a timeout, connection error or 5xx (default 2)")
    parser.add_argument("--backoff", type=float, default=0.5,
                        help="seconds before the first retry; doubles each time (default 0.5)")
    parser.add_argument("--cache", type=pathlib.Path, default=DEFAULT_CACHE,
                        help="JSON cache of results with checked dates (default .cache/links.json)")
    parser.add_argument("--max-age-days", type=float, default=7.0,
                        help="reuse a working result for this many days (default 7)")
    parser.add_argument("--no-cache", action="store_true", help="ignore and do not write the cache")
    parser.add_argument("--list", action="store_true", help="only list the URLs found, do not check")
    args = parser.parse_args(argv)

    paths = args.paths or [ROOT / "docs"]
    where = collect(paths)
    if args.list:
        for url, occ in sorted(where.items()):
            print(f"{url}  ({occ[0].file}:{occ[0].line}{' +' + str(len(occ) - 1) if len(occ) > 1 else ''})")
        return 0
    if not where:
        print("No external URLs found.")
        return 0
    cache = {} if args.no_cache else load_cache(args.cache)
    results = check_all(where, args.workers, args.timeout, args.retries, args.backoff,
                        cache, timedelta(days=args.max_age_days))
    status = report(results, where)
    if not args.no_cache and not is_offline(results):
        save_cache(args.cache, update_cache(cache, results))
    return status


if __name__ == "__main__":
    sys.exit(main())
