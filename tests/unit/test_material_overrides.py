"""The copied Material partials differ from upstream only by the intended fix.

overrides/partials/nav-item.html and search.html are copies of Material's
partials with one accessibility change each (nav-item.html also marks the
title of an untranslated page as English). If Material is upgraded and its
partial changes, these tests fail: copy the new upstream file and re-apply
the change described in the override's header comment.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = Path(material.__file__).parent / "templates" / "partials"


def _changed_lines(name: str) -> tuple[list[str], list[str]]:
    """Lines removed from and added to upstream, ignoring the header comment."""
    def body(text: str) -> list[str]:
        return text.split("-#}", 1)[1].splitlines()

    ours = body((ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8"))
    theirs = body((UPSTREAM / name).read_text(encoding="utf-8"))
    removed, added = [], []
    for line in difflib.unified_diff(theirs, ours, lineterm="", n=0):
        if line.startswith("---") or line.startswith("+++") or line.startswith("@@"):
            continue
        (removed if line.startswith("-") else added).append(line[1:].strip())
    return removed, added


@pytest.mark.parametrize("name, removed, added", [
    ("nav-item.html",
     ['{{ nav_item.title }}',
      '<nav class="md-nav" data-md-level="{{ level }}" aria-labelledby="{{ path }}_label" '
      'aria-expanded="{{ nav_item.active | tojson }}">'],
     ['{% set kb_tr = nav_item.meta.kb_translation if nav_item.meta else none %}'
      '{% if kb_tr and kb_tr.kind == "fallback" %}<span lang="en"{% if kb_tr.dir == "rtl" %} '
      'dir="ltr"{% endif %}>{{ nav_item.title }}</span>{% else %}{{ nav_item.title }}{% endif %}',
      '<nav class="md-nav" data-md-level="{{ level }}" aria-label="{{ nav_item.title | '
      'striptags | trim }}" aria-expanded="{{ nav_item.active | tojson }}">']),
    ("search.html",
     ['<div class="md-search" data-md-component="search" role="dialog">'],
     ['<div class="md-search" data-md-component="search" role="dialog" '
      'aria-label="{{ lang.t(\'search\') }}">']),
])
def test_override_is_upstream_plus_one_fix(name, removed, added):
    assert _changed_lines(name) == (removed, added)


def test_htmltitle_block_is_upstream_plus_one_escape():
    """overrides/main.html copies Material's htmltitle block; only the title
    taken from the page (striptags unescapes it) is escaped again."""
    import re

    def block(text: str) -> str:
        return re.search(r"\{% block htmltitle %\}(.*?)\{% endblock %\}", text, re.S).group(1)

    theirs = block((UPSTREAM.parent / "base.html").read_text(encoding="utf-8"))
    ours = block((ROOT / "overrides" / "main.html").read_text(encoding="utf-8"))
    assert ours == theirs.replace("{{ page.title | striptags }}", "{{ page.title | striptags | e }}")
    assert ours != theirs
