"""Front matter: split it from a page, parse it, and check it against a schema.

Pure functions. `check_front_matter(file, text)` returns the parsed
`FrontMatter` (or None) and a list of ContentErrors with the line in the
page file (the opening --- is line 1).
"""

from __future__ import annotations

import pathlib


import re
from typing import Sequence

from pydantic import ValidationError

from kb.core import yamltext
from kb.core.frontmatter import Split, read_front_matter, split_front_matter  # noqa: F401 (re-exported)
from kb.model.approval import HINT as APPROVAL_HINT, check_approval
from kb.core.errors import ContentError
from kb.core.messages import error, validation_problems
from kb.core.mdtext import closest, did_you_mean
from kb.model.frontmatter import SearchSettings, HIDE_VALUES, FrontMatter  # noqa: F401 (the schemas live in kb/model)


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
    "approval": APPROVAL_HINT,
    "template": "Write the name of a template file, for example `main.html`.",
}


def check_front_matter(file: str, text: str, templates: Sequence[str] | None = None
                       ) -> tuple[FrontMatter | None, list[ContentError]]:
    """Parse and validate the front matter of one page.

    *templates* are the page templates the theme has (see `page_templates`);
    when given, a `template:` that is not one of them is an error.
    """
    split = split_front_matter(text)
    if split.yaml_text is None:
        return None, [error("frontmatter-none", file, 1)]
    if not split.closed:
        return None, [error("frontmatter-unclosed", file, 1)]
    data, locate, errors = yamltext.load(split.yaml_text, file, first_line=2,
                                         syntax_code="frontmatter-yaml", empty_ok=True)
    if errors:
        return None, errors
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [error("frontmatter-not-mapping", file, 2)]

    def lines(key: str) -> tuple[int, int]:
        """(line of the key, line of its value), 1-based; (1, 1) when absent."""
        if key not in data:
            return 1, 1
        return locate([key]), locate.value([key]) or locate([key])

    errors = []
    template = data.get("template")
    if templates is not None and isinstance(template, str) and template not in templates:
        errors.append(error("frontmatter-template", file, lines("template")[0],
                            template=template, allowed=", ".join(templates)))
    def approval_line(key: str) -> int | None:
        """The line of `approval:` ('') or of one of its keys (state, by, when)."""
        if not key:
            return locate(["approval"])
        given = data.get("approval")
        return locate(["approval", key]) if isinstance(given, dict) and key in given else None

    try:
        fm = FrontMatter.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, data)
        unknown = [p.key for p in problems if p.kind == "unknown" and len(p.loc) == 1]
        candidates = [a for a in ALLOWED if a not in data]
        suggested = {closest(k, candidates) for k in unknown}
        for p in problems:
            key = str(p.loc[0]) if p.loc else ""
            key_line, value_line = lines(key)
            if p.kind == "unknown" and len(p.loc) == 1:
                errors.append(error(
                    "frontmatter-unknown", file, key_line, key=key,
                    suggestion=did_you_mean(key, candidates),
                    allowed=", ".join(ALLOWED)))
            elif p.kind == "missing" and len(p.loc) == 1:
                if key in suggested:
                    continue  # reported as a misspelling of this key
                errors.append(error("frontmatter-missing", file, 1, key=key,
                                    sample=SAMPLES.get(key, "...")))
            else:
                where = ".".join(str(x) for x in p.loc if not isinstance(x, int))
                line = value_line
                if key == "approval" and len(p.loc) > 1:
                    line = approval_line(str(p.loc[1])) or line
                hint = HINTS.get(key, "Check the value against DEVELOPING.md.")
                if len(p.loc) == 1 and isinstance(data.get(key), bool):
                    hint = _bool_hint(key, data[key], split.yaml_text, line) + " " + hint
                problem = p.message
                if p.kind == "unknown":
                    problem = "it is not one of the settings allowed here"
                elif p.kind == "missing":
                    problem = f"the required key '{p.key}' is missing"
                errors.append(error(
                    "frontmatter-invalid", file, line, key=where, problem=problem, hint=hint))
    else:
        refused = check_approval(file, fm.approval, approval_line) if fm.approval else []
        return (None if refused else fm), errors + refused
    errors.sort(key=lambda e: e.line or 0)
    return None, errors


def _bool_hint(key: str, value: bool, yaml_text: str, line: int) -> str:
    """YAML reads no, yes, on, off, true and false without quotes as true or false."""
    lines = yaml_text.split("\n")
    raw = ""
    if 2 <= line < len(lines) + 2 and ":" in lines[line - 2]:
        raw = lines[line - 2].split(":", 1)[1].split("#", 1)[0].strip()
    raw = raw or str(value).lower()
    return (f"YAML reads `{raw}` without quotes as {str(value).lower()}, not as a word: "
            f"if you mean the word, put it in double quotes (`{key}: \"{raw}\"`).")


def page_templates(custom_dir: pathlib.Path | str | None) -> list[str]:
    """The templates a page may name in `template:`: main.html (every theme's
    page layout) and the other top-level templates of the theme's custom_dir
    that extend a page layout (poster.html, handout.html, ...). Partials,
    base.html and the error page are not page templates."""
    found = ["main.html"]
    folder = pathlib.Path(custom_dir) if custom_dir else None
    if folder is None or not folder.is_dir():
        return found
    extends: dict[str, str] = {}
    for path in sorted(folder.glob("*.html")):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        m = re.search(r"""{%-?\s*extends\s+["']([^"']+)["']""", text)
        if m:
            extends[path.name] = m.group(1)
    bases = set(extends.values())  # sheet.html: a layout that others extend
    found += [name for name in extends
              if name not in found and name not in bases and name not in ("base.html", "404.html")]
    return found
