#!/usr/bin/env python3
"""Render every poster and handout of a built site to PDF, with thumbnails.

Reads the manifests that kb/render/sheets.py writes (site/print/manifest.LANG.json,
one per language), serves the built site on 127.0.0.1 (a free port), and for
each poster size and handout:

1. opens the page in Debian's Chromium with print media emulated, at the
   paper's size;
2. checks in the browser that the sheet is exactly the paper's size and that
   nothing sticks out of it or is clipped. If the text is too long (a
   translation, a longer list), it reduces the type in small steps, down to
   85 % of the design size; if it still does not fit, it exits 1 with a clear
   message;
3. prints it with Playwright's page.pdf(prefer_css_page_size=True);
4. checks the PDF with pdfinfo (one page, right paper size);
5. writes a PNG thumbnail next to it with pdftoppm (-scale-to 300).

Usage:  scripts/render_print.py [--site site] [--out DIR] [--only SLUG] [--lang LANG] [--publish]

A site built without a real PRINT_BASE_URL is a preview: every sheet says
"Preview – not for display" (kb/render/sheets.py). With --publish (or PUBLISH=1,
as `make print PUBLISH=1` passes it) the script refuses to render unless
PRINT_BASE_URL is a real http(s) address and the site was built with it.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.postbuild.print_pdf import (  # noqa: E402 (the logic lives in kb/postbuild)
    CHROMIUM, is_publish_run, load_jobs, manifest_base_urls, publish_problem, render, write_report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Render every poster and handout of a built site to PDF (with PNG "
                    "thumbnails), after checking in Chromium that each fits its page.")
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "site",
                        help="the built site (default: site/)")
    parser.add_argument("--out", type=pathlib.Path, default=None,
                        help="where to write the PDFs and PNGs (default: SITE/print/pdf/, "
                             "where the Posters and handouts page links to them)")
    parser.add_argument("--only", metavar="SLUG", help="render one poster or handout only, "
                        "e.g. spot-the-signs")
    parser.add_argument("--lang", help="render one language only, e.g. en")
    parser.add_argument("--no-thumbnails", action="store_true", help="skip the PNG thumbnails")
    parser.add_argument("--keep-going", action="store_true",
                        help="write the PDF even when the content does not fit (to look at "
                             "it while fixing the design); still exits 1")
    parser.add_argument("--publish", action="store_true",
                        help="printing for display: refuse unless PRINT_BASE_URL is the real "
                             "published address (also PUBLISH=1)")
    parser.add_argument("--check-only", action="store_true",
                        help="with --publish: only check PRINT_BASE_URL (before building), "
                             "render nothing")
    args = parser.parse_args(argv)

    site = args.site.resolve()
    if is_publish_run(args.publish):
        from kb.render.sheets import publish_refusal
        problem = (publish_refusal(os.environ.get("PRINT_BASE_URL")) if args.check_only
                   else publish_problem(site))
        if problem:
            print(problem, file=sys.stderr)
            return 1
    if args.check_only:
        return 0
    for tool in ("pdfinfo", "pdftoppm"):
        if not args.no_thumbnails and shutil.which(tool) is None:
            print(f"error: '{tool}' is missing. Install poppler-utils (apt-get install poppler-utils).",
                  file=sys.stderr)
            return 2
    if not pathlib.Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} is missing. Install Debian's chromium package.", file=sys.stderr)
        return 2
    jobs = load_jobs(site, args.out.resolve() if args.out else None, args.only, args.lang)
    if not jobs:
        print("error: nothing to render (no posters or handouts match).", file=sys.stderr)
        return 1
    results = render(jobs, site, thumbs=not args.no_thumbnails, keep_going=args.keep_going)
    write_report(results, (args.out.resolve() if args.out else site / "print" / "pdf"))
    failed = [r for r in results if r.problems]
    if failed:
        print(f"\n{len(failed)} of {len(results)} printouts failed:", file=sys.stderr)
        for r in failed:
            print(f"\n  {r.job.title} ({r.job.lang}, {r.job.size}), page {r.job.url_path}:",
                  file=sys.stderr)
            for problem in r.problems:
                print(f"    - {problem}", file=sys.stderr)
        print("\nHow to fix: shorten the page's text or its data, or make the design smaller "
              "in overrides/assets/sheet.css, then build and run this again.", file=sys.stderr)
        return 1
    print(f"Rendered {len(results)} PDFs.")
    from kb.render.sheets import is_preview
    if any(is_preview(url) for url in manifest_base_urls(site).values()):
        print("These are previews: the site was built without a real PRINT_BASE_URL, so every "
              "sheet says \"Preview – not for display\". To print for display, run "
              "`make print PUBLISH=1 PRINT_BASE_URL=https://...` with the published address.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
