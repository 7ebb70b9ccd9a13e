"""Page weight: one stylesheet for the site's own CSS, and deferred scripts.

Each feature keeps its own stylesheet in `overrides/assets/` and lists it
under `extra_css` in mkdocs.yml. Served one by one, that is seven
render-blocking requests per page, each carrying the full set of security
headers. This hook joins them, in the listed order, into one file named by
its content hash (`assets/kb.<hash>.css`, safe to cache for a year), and
points every page at that file instead. The source files stay as they are,
and are still copied into the site.

It also provides the `kb_defer` template filter. overrides/main.html passes
Material's script tags through it, so that every external script loads with
`defer`: the browser paints the page before it runs Material's bundle. Deferred
scripts still run in document order, before `DOMContentLoaded`, which is when
Material and the site's own scripts start work.

Pure functions: `css_bundle_name`, `join_css`, `defer_scripts`.
"""

from __future__ import annotations

import functools
import hashlib
import pathlib


from bs4 import BeautifulSoup
from markupsafe import Markup

from kb.core.errors import ContentError

BUNDLE_DIR = "assets"


def join_css(sources: list[tuple[str, str]]) -> str:
    """Concatenate (name, css text) pairs in order, each under a comment naming it.

    Order matters (a later rule wins), so it is kept. `@import` and
    `@charset` only work at the top of a file; `check_joinable` reports them.
    """
    parts = []
    for name, text in sources:
        parts.append(f"/* {name} */\n{text.rstrip()}\n")
    return "\n".join(parts)


def css_bundle_name(css: str) -> str:
    """`assets/kb.<first 10 hex of sha256>.css` for this content."""
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:10]
    return f"{BUNDLE_DIR}/kb.{digest}.css"


def check_joinable(name: str, css: str) -> list[ContentError]:
    """Rules that would break (or silently stop working) once joined."""
    import tinycss2

    errors = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword in ("import", "charset"):
            errors.append(ContentError(
                file=name, line=rule.source_line,
                message=f"@{rule.lower_at_keyword} in an extra_css file stops working "
                        "once the stylesheets are joined into one",
                fix="Remove the rule (the site is UTF-8 already) or copy the imported CSS in.",
                code="css-not-joinable", severity="error"))
    return errors


@functools.lru_cache(maxsize=256)
def defer_scripts(fragment: str) -> Markup:
    """Add `defer` to every external classic script in an HTML fragment.

    Inline scripts, JSON blocks and scripts that already say `async`,
    `defer` or `type="module"` are left alone. The fragment is the same on
    every page at the same folder depth, so results are cached.
    """
    soup = BeautifulSoup(fragment, "html.parser")
    changed = False
    for tag in soup.find_all("script", src=True):
        if tag.get("type", "") not in ("", "text/javascript"):
            continue
        if tag.has_attr("async") or tag.has_attr("defer"):
            continue
        tag["defer"] = ""
        changed = True
    return Markup(str(soup) if changed else fragment)


def resolve_css(name: str, search: list[pathlib.Path]) -> pathlib.Path | None:
    """Where an extra_css entry lives: the first of *search* (docs, overrides) that has it."""
    for folder in search:
        path = folder / name
        if path.is_file():
            return path
    return None
