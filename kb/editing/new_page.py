"""A new page that already passes every check: its text, and its place in the menu.

scripts/new_page.py is the command line over this module.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass

import yaml

from kb.checks.content import nav_pages


DEFAULT_OWNER = "Knowledge base editors"
DESCRIPTION = "To be written: one sentence that says who this page is for and what it covers."


@dataclass(frozen=True)
class Section:
    title: str
    key: str          # short name for --section, e.g. "understanding"
    folder: str       # folder in docs/ where its pages live ("" for docs/)


def slugify(text: str) -> str:
    """'What's changed?' -> 'whats-changed' (lower case, digits, hyphens)."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def sections(nav) -> list[Section]:
    """The top-level nav sections (entries whose value is a list)."""
    found = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    folders = Counter(posixpath.dirname(p) for p in sorted(nav_pages(value))
                                      if p.endswith(".md"))
                    folder = folders.most_common(1)[0][0] if folders else ""
                    key = folder.split("/")[0] if folder else slugify(title).split("-")[0]
                    found.append(Section(title, key, folder))
    return found


def find_section(all_sections: list[Section], wanted: str) -> Section | None:
    """By key ('worried'), by title ('What to do if you are worried') or by a unique start."""
    w = wanted.strip().lower()
    for s in all_sections:
        if w in (s.key.lower(), s.title.lower(), slugify(s.title)):
            return s
    starts = [s for s in all_sections if s.title.lower().startswith(w) or s.key.startswith(w)]
    return starts[0] if len(starts) == 1 else None


def yaml_scalar(text: str) -> str:
    """*text* as a YAML value: plain when that reads back the same, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text} and text == text.strip():
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def page_text(title: str, section: Section, owner: str, today: dt.date,
              interval: int, tags: list[str], procedure: bool = False) -> str:
    """The new page. A procedure page (kb/pagemeta/approval.py) starts as a draft
    awaiting sign-off by a procedure owner."""
    tag_list = ", ".join(yaml_scalar(t) for t in tags)
    approval = "approval:\n  state: draft\n" if procedure else ""
    return (
        "---\n"
        f"title: {yaml_scalar(title)}\n"
        f"description: {yaml_scalar(DESCRIPTION)}\n"
        f"owner: {yaml_scalar(owner)}\n"
        f"last_reviewed: {today.isoformat()}\n"
        f"review_interval_months: {interval}\n"
        f"tags: [{tag_list}]\n"
        f"{approval}"
        "---\n"
        "\n"
        f"# {title}\n"
        "\n"
        "**Summary:** to be written. Say the most important point first, in one\n"
        "or two short sentences.\n"
        "\n"
        "## What to know\n"
        "\n"
        "To be written. Use short sentences and plain words. Cite each fact with\n"
        "its source key, for example `[^dfe-cse-2017]`.\n"
    )


def add_to_nav(config_text: str, section_title: str, entry_title: str, path: str) -> str:
    """Add `- Title: path` as the last item of a top-level nav section.

    Works on the text, so comments, quoting and !ENV tags are kept.
    """
    lines = config_text.split("\n")
    try:
        nav_at = next(i for i, line in enumerate(lines) if re.match(r"^nav:\s*(#.*)?$", line))
    except StopIteration:
        raise ValueError("mkdocs.yml has no top-level `nav:`") from None
    header = None
    for i in range(nav_at + 1, len(lines)):
        line = lines[i]
        if line.strip() and not line.startswith((" ", "-", "#")):
            break  # the next top-level key: nav ended
        m = re.match(r"^(\s*)-\s+(.*?):\s*(#.*)?$", line)
        if m:
            try:
                key = yaml.safe_load(m.group(2))
            except yaml.YAMLError:
                key = m.group(2)
            if key == section_title:
                header = (i, len(m.group(1)))
                break
    if header is None:
        raise ValueError(f"section {section_title!r} not found in nav")
    start, indent = header
    last = start
    child_indent = None
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        width = len(line) - len(line.lstrip())
        if width <= indent:
            break
        if child_indent is None and line.lstrip().startswith("-"):
            child_indent = width
        last = i
    pad = " " * (child_indent if child_indent is not None else indent + 4)
    lines.insert(last + 1, f"{pad}- {yaml_scalar(entry_title)}: {path}")
    return "\n".join(lines)
