"""Lighthouse: accessibility 1.0 and best practices 1.0 on the home page and
a content page, with Lighthouse's default mobile simulation (slow 4G, 4x CPU
slowdown), served as deploy/nginx.conf serves them (gzip, cache lifetimes,
security headers). Needs `npm ci` (package.json pins lighthouse).

Performance is measured, not asserted here: its score comes from timings,
which swing with load on a shared 2-core machine (0.92 to 0.99 across three
runs of one page in one session). The test prints it; `make lighthouse`
reports it against the 0.99 budget (BENCHMARKS.md).

Best practices is 1.0 only with nothing in the browser console and no failed
request; tests/browser/test_console.py checks that on every page.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

PAGES = ["index.html", "signs.html"]
RUNS = 3  # Lighthouse scores vary from run to run; the median counts


@pytest.fixture(scope="module")
def lighthouse_results(built_site):
    from scripts.lighthouse import LIGHTHOUSE, audit_site

    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `npm ci` first")
    return audit_site(built_site, PAGES, runs=RUNS, port=0)


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_budget(lighthouse_results, page):
    from scripts.lighthouse import under_budget

    info = lighthouse_results[page]
    # Timing-free categories only (see the module docstring); performance is printed.
    problems = under_budget(info["scores"], 0.0, 1.0, 1.0)
    print(f"{page}: performance {info['scores'].get('performance')} (median of {RUNS} runs: "
          f"{[r.get('performance') for r in info['runs']]}); budget 0.99, see `make lighthouse`")
    assert "best-practices" in info["scores"], f"{page}: Lighthouse gave no best-practices score"
    detail = "\n  ".join(line for category in ("performance", "accessibility", "best-practices")
                         for line in info["costly"][category])
    assert not problems, f"{page}: {'; '.join(problems)} (runs: {info['runs']})\n  {detail}"
