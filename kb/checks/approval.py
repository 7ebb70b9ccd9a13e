"""Which content needs sign-off, and the pages that lack it."""

from __future__ import annotations

from kb.core.paths import page_label, FLOWCHART_FILE, PRINT_FILE  # noqa: F401 (written once, in kb/core/paths.py)
import pathlib
import re
from typing import Callable

from kb.core.errors import ContentError
from kb.core.messages import error
from kb.model.approval import translation_language


PROCEDURE_FOLDERS = ("worried/", "responding/")


PROCEDURES_KEY = "hips-procedures"   # sources.yml key of the HIPS Procedures






FLOWCHART_MARKER = re.compile(r"<!--\s*kb:flowchart(?:-diagram)?[\s>]")


def is_procedure_page(src_uri: str, print_online: dict[str, str] | None = None) -> bool:
    """Does this English page (docs-relative) need an approval state?

    *print_online* maps each printed sheet to its online page (print.yml).
    """
    if translation_language(src_uri):
        return False
    if src_uri.startswith(PROCEDURE_FOLDERS):
        return True
    online = (print_online or {}).get(src_uri)
    return bool(online) and is_procedure_page(online)


def print_online(text: str) -> dict[str, str]:
    """Printed sheet -> its online page, from print.yml's text ({} if unreadable:
    kb/render/sheets.py reports its errors)."""
    from kb.data.print_list import load_print_items
    items, _ = load_print_items(text)
    return {i.page: i.online for i in items}


def read_print_online(docs_dir: pathlib.Path) -> dict[str, str]:
    path = pathlib.Path(docs_dir) / "_data" / "print.yml"
    try:
        return print_online(path.read_text(encoding="utf-8"))
    except OSError:
        return {}


def missing_approvals(pages: dict[str, dict], online: dict[str, str],
                      label: Callable[[str], str] = page_label) -> list[ContentError]:
    """Procedure pages whose front matter has no `approval`.

    *pages* maps docs-relative paths to their front matter (empty when it is
    missing or invalid: kb/core/frontmatter.py reports that instead).
    """
    return [error("approval-missing", label(uri), 1, what="This page",
                  where=" between the --- lines at the top")
            for uri, meta in sorted(pages.items())
            if meta and is_procedure_page(uri, online) and "approval" not in meta]
