"""Front matter: split it from a page, parse it, and check it against a schema.

Pure functions. `check_front_matter(file, text)` returns the parsed
`FrontMatter` (or None) and a list of ContentErrors with the line in the
page file (the opening --- is line 1).
"""

from __future__ import annotations

import sys
import pathlib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hooks import fastyaml
from hooks.dates import iso_date
from hooks.errors import ContentError
from hooks.messages import error, plain_validation_problem, plain_yaml_problem
from hooks.mdtext import closest, did_you_mean


class SearchSettings(BaseModel):
    """Material's per-page `search:` setting."""

    model_config = ConfigDict(extra="forbid")
    exclude: Optional[bool] = None
    boost: Optional[float] = None


HIDE_VALUES = Literal["navigation", "toc", "footer", "path", "tags", "feedback", "title"]


class FrontMatter(BaseModel):
    """The settings every page may have (see DEVELOPING.md)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    last_reviewed: dt.date
    review_interval_months: int = Field(ge=1, le=36, strict=True)
    tags: list[str] = []
    keywords: list[str] = []
    audience: Literal["public", "staff"] = "staff"
    translation_of: Optional[str] = Field(default=None, pattern=r"^[0-9a-f]{12}$")
    translation_status: Optional[Literal["draft", "reviewed"]] = None
    # Who checked a translation (a role, never a personal name) and when.
    translation_reviewed_by: Optional[str] = Field(default=None, min_length=1)
    translation_reviewed_on: Optional[dt.date] = None
    hide: list[HIDE_VALUES] = []
    search: Optional[SearchSettings] = None
    template: Optional[str] = None

    @field_validator("last_reviewed", "translation_reviewed_on", mode="before")
    @classmethod
    def _iso_date(cls, v):
        # YAML reads 2026-11-21 as a date; accept an ISO string too, nothing else.
        return iso_date(v)

    @field_validator("title", "description", "owner")
    @classmethod
    def _not_blank(cls, v: str):
        if not v.strip():
            raise ValueError("must not be empty")
        return v


REQUIRED = [name for name, f in FrontMatter.model_fields.items() if f.is_required()]
ALLOWED = list(FrontMatter.model_fields)

SAMPLES = {
    "title": "Signs and indicators",
    "description": "One sentence saying what the page is for.",
    "owner": "Knowledge base editors",
    "last_reviewed": "2026-11-21",
    "review_interval_months": "12",
}

HINTS = {
    "title": "Write a short page title after `title:`.",
    "description": "Write one sentence after `description:`.",
    "owner": "Write who keeps the page right after `owner:`, for example Knowledge base editors.",
    "last_reviewed": "Write the date as YYYY-MM-DD, for example 2026-11-21.",
    "review_interval_months": "Write a whole number of months from 1 to 36, for example 12.",
    "tags": "Write a list, for example `tags: [signs, online]`.",
    "keywords": "Write a list, for example `keywords: [cuckooing, trap house]`.",
    "audience": "Write `public` or `staff`.",
    "translation_of": "Write the 12-character code of the English page (letters a-f and digits).",
    "translation_status": "Write `draft` or `reviewed`.",
    "translation_reviewed_by": "Write the reviewer's role, for example `qualified Polish translator (DPSI)`.",
    "translation_reviewed_on": "Write the date of the translator's review as YYYY-MM-DD, for example 2026-12-01.",
    "hide": "Write a list of parts to hide, for example `hide: [toc]`.",
    "search": "Write `search:` with `exclude: true` or `boost: 2` indented below it.",
    "template": "Write the name of a template file, for example `main.html`.",
}


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


def _key_lines(node) -> dict[str, tuple[int, int]]:
    """For a YAML mapping node: key -> (line of key, line of value), 0-based."""
    out = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                out[str(k.value)] = (k.start_mark.line, v.start_mark.line)
    return out


def check_front_matter(file: str, text: str) -> tuple[FrontMatter | None, list[ContentError]]:
    """Parse and validate the front matter of one page."""
    split = split_front_matter(text)
    if split.yaml_text is None:
        return None, [error("frontmatter-none", file, 1)]
    if not split.closed:
        return None, [error("frontmatter-unclosed", file, 1)]
    try:
        node = fastyaml.compose(split.yaml_text)
        data = fastyaml.safe_load(split.yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = plain_yaml_problem(getattr(exc, "problem", None) or str(exc).splitlines()[0])
        return None, [error("frontmatter-yaml", file, line, problem=problem)]
    if data is None:
        data, node = {}, None
    if not isinstance(data, dict):
        return None, [error("frontmatter-not-mapping", file, 2)]

    lines = _key_lines(node)
    errors: list[ContentError] = []
    try:
        return FrontMatter.model_validate(data), []
    except ValidationError as exc:
        unknown = [str(e["loc"][0]) for e in exc.errors()
                   if e["type"] == "extra_forbidden" and len(e["loc"]) == 1]
        candidates = [a for a in ALLOWED if a not in data]
        suggested = {closest(k, candidates) for k in unknown}
        for e in exc.errors():
            key = str(e["loc"][0]) if e["loc"] else ""
            key_line, value_line = lines.get(key, (-1, -1))
            if e["type"] == "extra_forbidden" and len(e["loc"]) == 1:
                errors.append(error(
                    "frontmatter-unknown", file, key_line + 2, key=key,
                    suggestion=did_you_mean(key, candidates),
                    allowed=", ".join(ALLOWED)))
            elif e["type"] == "missing" and len(e["loc"]) == 1:
                if key in suggested:
                    continue  # reported as a misspelling of this key
                errors.append(error("frontmatter-missing", file, 1, key=key,
                                    sample=SAMPLES.get(key, "...")))
            else:
                where = ".".join(str(p) for p in e["loc"] if not isinstance(p, int))
                errors.append(error(
                    "frontmatter-invalid", file, value_line + 2 if value_line >= 0 else 1,
                    key=where, problem=plain_validation_problem(e["msg"]),
                    hint=HINTS.get(key, "Check the value against DEVELOPING.md.")))
    errors.sort(key=lambda e: e.line or 0)
    return None, errors


def read_front_matter(text: str) -> dict:
    """The raw front matter as a dict ({} when missing or invalid). Never raises."""
    split = split_front_matter(text)
    if not split.yaml_text or not split.closed:
        return {}
    try:
        data = fastyaml.safe_load(split.yaml_text)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}
