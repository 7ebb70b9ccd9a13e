#!/usr/bin/env python3
"""Write the nginx security-headers snippet for a built site.

Reads the inline-code hashes that the build wrote (site/csp-hashes.json,
from kb/postbuild/csp.py) and prints, or writes, the `add_header` lines that
deploy/nginx.conf includes:

    scripts/security_headers.py --site site                 # print the snippet
    scripts/security_headers.py --site site --write deploy/security-headers.conf
    scripts/security_headers.py --site site --check deploy/security-headers.conf

--check exits with status 1 when the file differs from what the site needs
(for example after a Material upgrade changed its inline scripts).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.postbuild.csp import nginx_snippet, read_hashes, security_headers  # noqa: E402


def snippet_for(site: Path) -> str:
    return nginx_snippet(security_headers(read_hashes(site)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"),
                        help="the built site folder (default: site)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", type=Path, metavar="FILE",
                       help="write the snippet to FILE instead of printing it")
    group.add_argument("--check", type=Path, metavar="FILE",
                       help="fail if FILE is not the snippet this site needs")
    args = parser.parse_args(argv)

    if not (args.site / "csp-hashes.json").is_file():
        parser.error(f"{args.site}/csp-hashes.json not found: build the site first "
                     "(kb/postbuild/csp.py writes it)")
    text = snippet_for(args.site)
    if args.write:
        args.write.write_text(text, encoding="utf-8")
        print(f"wrote {args.write}")
    elif args.check:
        current = args.check.read_text(encoding="utf-8") if args.check.is_file() else ""
        if current != text:
            print(f"{args.check} is out of date for {args.site}.\n"
                  f"    How to fix: scripts/security_headers.py --site {args.site} "
                  f"--write {args.check}", file=sys.stderr)
            return 1
        print(f"{args.check} is up to date")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
