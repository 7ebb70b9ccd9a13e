#!/usr/bin/env python3
"""Run Lighthouse on the built site: performance, accessibility and best-practices scores.

Serves a built site on 127.0.0.1 the way deploy/nginx.conf does (gzip for
text types, long cache lifetimes for Material's hashed assets, the security
headers) and runs the npm `lighthouse` package (pinned in package.json,
installed with `npm ci`) in Debian's Chromium, with Lighthouse's default
mobile settings (simulated slow 4G and a 4x slower CPU).

    scripts/lighthouse.py                       # build into a temp folder, check two pages
    scripts/lighthouse.py --site /tmp/me/site   # use a site you built
    scripts/lighthouse.py --pages index.html signs.html pl/signs.html --runs 3

Prints each page's scores (the median over --runs) and, when a page is under
budget, the audits that cost it points. Exits 1 when a page scores below
--min-performance (default 0.99), --min-accessibility (default 1.0) or
--min-best-practices (default 1.0). Best practices loses points for any
console error, failed request or 404 (tests/browser/test_console.py looks
for those on every page).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
from kb.postbuild.print_pdf import CHROMIUM as CHROME_PATH, CHROMIUM_ARGS  # noqa: E402

CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])
DEFAULT_PAGES = ("index.html", "signs.html")
CATEGORIES = ("performance", "accessibility", "best-practices")

# What deploy/nginx.conf compresses (gzip_types; nginx always adds text/html).
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
# Files with a content hash in their name, cached for a year (as in deploy/nginx.conf).
HASHED = re.compile(r"\.[0-9a-f]{8,10}(\.min)?\.(css|js)$", re.IGNORECASE)


# --- pure functions ---------------------------------------------------------

def scores(report: dict) -> dict[str, float]:
    """Category scores (0-1) from one Lighthouse JSON report."""
    return {name: cat["score"] for name, cat in report.get("categories", {}).items()
            if cat.get("score") is not None}


def costly_audits(report: dict, category: str, limit: int = 8) -> list[str]:
    """The weighted audits of *category* that did not score full marks, worst first."""
    audits = report.get("audits", {})
    rows = []
    for ref in report.get("categories", {}).get(category, {}).get("auditRefs", []):
        audit = audits.get(ref["id"], {})
        score = audit.get("score")
        if ref.get("weight", 0) > 0 and score is not None and score < 1:
            lost = ref["weight"] * (1 - score)
            value = audit.get("displayValue", "")
            rows.append((lost, f"{ref['id']}: score {score:.2f}"
                               f"{' (' + value + ')' if value else ''}"
                               + "".join(f"\n      {item}" for item in _items(audit))))
    # Opportunities (render-blocking resources, unused JS...) carry no weight
    # but say where the time goes.
    for audit_id, audit in audits.items():
        details = audit.get("details") or {}
        saving = details.get("overallSavingsMs") or 0
        if category == "performance" and details.get("type") == "opportunity" and saving > 0:
            rows.append((saving / 1e6, f"{audit_id}: could save {saving:.0f} ms"))
    return [text for _, text in sorted(rows, key=lambda r: -r[0])[:limit]]


def _items(audit: dict, limit: int = 3) -> list[str]:
    """What a failed audit found, e.g. the console errors behind errors-in-console."""
    out = []
    for item in (audit.get("details") or {}).get("items", [])[:limit]:
        if not isinstance(item, dict):
            continue
        where = item.get("url") or (item.get("sourceLocation") or {}).get("url", "")
        text = item.get("description") or item.get("issueType") or ""
        if isinstance(text, dict):  # some audits give {type: text, value: ...}
            text = text.get("value", "")
        line = " ".join(str(part) for part in (text, where) if part)
        if line:
            out.append(line[:200])
    return out


def median_scores(runs: list[dict[str, float]]) -> dict[str, float]:
    names = set().union(*runs) if runs else set()
    return {name: statistics.median(r[name] for r in runs if name in r) for name in sorted(names)}


def under_budget(page_scores: dict[str, float], min_performance: float,
                 min_accessibility: float, min_best_practices: float = 1.0) -> list[str]:
    """Human-readable reasons a page misses its budget (empty when it meets it)."""
    problems = []
    for name, minimum in (("performance", min_performance),
                          ("accessibility", min_accessibility),
                          ("best-practices", min_best_practices)):
        score = page_scores.get(name)
        if score is None or score < minimum:
            problems.append(f"{name} {score} < {minimum}")
    return problems


# --- serving like deploy/nginx.conf ------------------------------------------

def make_server(site: Path, port: int):
    """A threaded server for *site*: security headers, gzip, cache lifetimes."""
    import functools

    from scripts.serve_with_headers import make_server as plain_server

    server = plain_server(site, port)
    partial = server.RequestHandlerClass  # functools.partial(handler, directory=...)

    class Handler(partial.func):  # type: ignore[misc, name-defined]
        def send_head(self):  # noqa: D401 - stdlib hook
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if (path.suffix not in COMPRESSIBLE or not path.is_file()
                    or "gzip" not in self.headers.get("Accept-Encoding", "")):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

        def end_headers(self) -> None:
            if HASHED.search(self.path.split("?")[0]):
                self.send_header("Cache-Control", "max-age=31536000")  # nginx: expires 1y
            super().end_headers()

    server.RequestHandlerClass = functools.partial(Handler, *partial.args, **partial.keywords)
    return server


# --- running Lighthouse -----------------------------------------------------

def run_lighthouse(url: str, out: Path, attempts: int = 3) -> dict:
    """One Lighthouse report. Lighthouse sometimes fails to record a trace
    (NO_NAVSTART, NO_FCP on a busy machine): such a run is tried again."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} not found.\n    How to fix: run `npm ci` in {ROOT}")
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
           "--disable-full-page-screenshot"]
    problem = ""
    for _ in range(attempts):
        out.unlink(missing_ok=True)
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if out.exists():
            report = json.loads(out.read_text(encoding="utf-8"))
            if not report.get("runtimeError"):
                return report
            problem = str(report["runtimeError"])
        else:
            problem = f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    raise SystemExit(f"lighthouse failed on {url} ({attempts} attempts):\n{problem}")


def build_site(dest: Path) -> None:
    """A strict build into *dest* (scripts/build.py, as `make build` does)."""
    from scripts.build import build

    if build(ROOT / "mkdocs.yml", dest, quiet=True) != 0:
        raise SystemExit("the site did not build; see the errors above")


def audit_site(site: Path, pages: list[str], runs: int = 1, port: int = 8110,
               reports: Path | None = None) -> dict[str, dict]:
    """Median scores and the costly audits of each page: {page: {...}}."""
    import threading

    server = make_server(site, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results: dict[str, dict] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="kb-lighthouse-") as tmp:
            folder = reports or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            for page in pages:
                page_runs, last = [], {}
                for i in range(runs):
                    out = folder / f"{page.replace('/', '_')}.{i + 1}.json"
                    last = run_lighthouse(base + page, out)
                    page_runs.append(scores(last))
                results[page] = {
                    "scores": median_scores(page_runs),
                    "runs": page_runs,
                    "costly": {c: costly_audits(last, c) for c in CATEGORIES},
                }
    finally:
        server.shutdown()
        server.server_close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=None,
                        help="a built site folder (default: build one into a temporary folder)")
    parser.add_argument("--pages", nargs="+", default=list(DEFAULT_PAGES),
                        help="pages to audit, relative to the site (default: index.html signs.html)")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median counts")
    parser.add_argument("--port", type=int, default=8110, help="local port to serve on (default 8110)")
    parser.add_argument("--min-performance", type=float, default=0.99)
    parser.add_argument("--min-accessibility", type=float, default=1.0)
    parser.add_argument("--min-best-practices", type=float, default=1.0)
    parser.add_argument("--reports", type=Path, default=None,
                        help="keep the Lighthouse JSON reports in this folder")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)

    tmp = None
    site = args.site
    if site is None:
        tmp = Path(tempfile.mkdtemp(prefix="kb-lighthouse-site-"))
        site = tmp / "site"
        print(f"Building the site into {site} ...", flush=True)
        build_site(site)
    try:
        results = audit_site(site, args.pages, args.runs, args.port, args.reports)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    failed = False
    if args.json:
        print(json.dumps(results, indent=2))
    for page, info in results.items():
        s = info["scores"]
        problems = under_budget(s, args.min_performance, args.min_accessibility,
                                args.min_best_practices)
        failed |= bool(problems)
        if not args.json:
            print(f"{page}: performance {s.get('performance')}, accessibility {s.get('accessibility')}, "
                  f"best practices {s.get('best-practices')}"
                  f"  {'MET' if not problems else 'NOT MET: ' + '; '.join(problems)}")
            for cat in CATEGORIES:
                for line in info["costly"][cat] if problems else []:
                    print(f"    {cat}: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
