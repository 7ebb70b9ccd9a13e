"""A tiny fixture site for the review-date tests (build and browser).

It uses the real theme overrides, kb/pagemeta/review.py and kb/postbuild/csp.py only, so it builds fast
and does not depend on the real content. Pages (built as if on BUILD_DAY):

- old.html: reviewed 1 January 2020, 12-month interval: overdue at build time.
- fresh.html: reviewed 1 November 2026, 12-month interval: due 1 November 2027.
- index.html: reviewed on BUILD_DAY, 6-month interval.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_DAY = "2026-11-21"

PAGES = {
    "index.md": ("Home", "2026-11-21", 6),
    "old.md": ("An old page", "2020-01-01", 12),
    "fresh.md": ("A fresh page", "2026-11-01", 12),
}


def write_review_fixture(project: Path) -> Path:
    """Write the fixture project into *project*; return its mkdocs.yml."""
    docs = project / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, (title, reviewed, months) in PAGES.items():
        (docs / name).write_text(
            f"---\ntitle: {title}\ndescription: Fixture page for review dates.\n"
            f"owner: Fixture Team\nlast_reviewed: {reviewed}\n"
            f"review_interval_months: {months}\n---\n\n# {title}\n\nSome text.\n",
            encoding="utf-8")
    (docs / "no-review.md").write_text(
        "---\ntitle: No review data\n---\n\n# No review data\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(f"""\
site_name: Review fixture
use_directory_urls: false
strict: true
docs_dir: docs
theme:
  name: material
  custom_dir: {ROOT / 'overrides'}
  font: false
extra:
  quick_exit_url: http://127.0.0.1:9/neutral
  generator: false
  kb_steps: [review, csp]  # csp: csp-hashes.json, for scripts/serve_with_headers.py
extra_css:
  - assets/kb.css
hooks:
  - {ROOT / 'kb_mkdocs' / 'hooks.py'}
markdown_extensions:
  - admonition
  - attr_list
nav:
  - Home: index.md
  - Old: old.md
  - Fresh: fresh.md
  - None: no-review.md
""", encoding="utf-8")
    return config
