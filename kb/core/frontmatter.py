"""Front matter: the one splitter of a page into its YAML front matter and Markdown body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.core import yamltext


@dataclass(frozen=True)
class Split:
    """A page split into its front matter and body."""

    yaml_text: str | None  # None when the page has no front matter block
    body: str
    body_line: int  # line number of the body's first line in the file
    closed: bool = True


FM_OPEN = re.compile(r"^-{3}[ \t]*$")


FM_CLOSE = re.compile(r"^(?:-{3}|\.{3})[ \t]*$")


def split_front_matter(text: str) -> Split:
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not FM_OPEN.match(lines[0]):
        return Split(None, text, 1)
    for i in range(1, len(lines)):
        if FM_CLOSE.match(lines[i]):
            return Split("\n".join(lines[1:i]) + "\n", "\n".join(lines[i + 1:]), i + 2)
    return Split("\n".join(lines[1:]), "", len(lines) + 1, closed=False)


def read_front_matter(text: str) -> dict:
    """The raw front matter as a dict ({} when missing or invalid). Never raises."""
    split = split_front_matter(text)
    if not split.yaml_text or not split.closed:
        return {}
    data, _, errors = yamltext.load(split.yaml_text, "", first_line=2, empty_ok=True)
    return data if not errors and isinstance(data, dict) else {}
