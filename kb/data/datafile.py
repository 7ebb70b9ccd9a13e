"""Shared helpers for YAML data files and Markdown markers.

Pure functions only: text in, data / line numbers / ContentErrors out.
Used by kb/data/contacts.py, kb/data/indicators.py and kb/pagemeta/review.py.
"""

from __future__ import annotations

from kb.core.paths import SOURCES_FILE  # noqa: F401 (written once, in kb/core/paths.py)
import difflib

import re
import pathlib
from typing import Any, Callable, Hashable, Iterable, Iterator, Sequence


from pydantic import BaseModel, ValidationError

from kb.core import yamltext
from kb.core.errors import ContentError, ContentErrors
from kb.core.mdtext import mask_code

ROOT = pathlib.Path(__file__).resolve().parents[2]

Locator = Callable[[Sequence[Any]], int | None]


def load_yaml(text: str, file: str, empty_ok: bool = False
              ) -> tuple[Any, Locator, list[ContentError]]:
    """Parse YAML *text*; return (data, locate, errors). Never raises.

    The one loader, kb/core/yamltext.py (see there for what it refuses).
    ``locate(path)`` gives the 1-based line of the node at *path* (a tuple of
    mapping keys and list indexes, as in pydantic's error ``loc``). When the
    path stops early (a missing key), it gives the line of the deepest node
    that exists, which is where the editor has to add the key.
    """
    return yamltext.load(text, file, empty_ok=empty_ok)


def repeated(keys: Iterable[Hashable]) -> list[tuple[int, int]]:
    """(index, index of its first use) for each key that is used again, in order.
    For "each id once" checks on data files."""
    first: dict[Hashable, int] = {}
    again = []
    for index, key in enumerate(keys):
        if key in first:
            again.append((index, first[key]))
        else:
            first[key] = index
    return again


def _loc_text(loc: Sequence[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"




def validate(model: type[BaseModel], data: Any, locate: Locator, file: str,
             fix: str, code: str, known_keys: Sequence[str] = ()
             ) -> tuple[BaseModel | None, list[ContentError]]:
    """Validate *data* with pydantic *model*; one ContentError per problem,
    in plain words (kb.core.messages.validation_problems), one per place.
    With *known_keys*, an unknown key gets "did you mean" the nearest one."""
    from kb.core.messages import error as message_error, validation_problems

    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = validation_problems(exc, data)
    errors = []
    for p in problems:
        if p.kind == "date-without-method":
            errors.append(message_error("check-date-without-method", file, locate(p.loc),
                                        key=_loc_text(p.loc[:-1])))
            continue
        if p.kind == "unknown":
            message = f"unknown key '{p.key}' (is it misspelt?)"
            near = difflib.get_close_matches(p.key, list(known_keys), n=1, cutoff=0.6)
            if near:
                message += f": did you mean '{near[0]}'?"
        elif p.kind == "missing":
            message = f"the required key '{p.key}' is missing"
        else:
            message = p.message
        if "checked" in p.loc:
            from kb.model.provenance import HINT as check_fix
            hint = check_fix
        else:
            hint = fix
        errors.append(ContentError(file, locate(p.loc), f"{_loc_text(p.loc)}: {message}", hint,
                                   code=code, loc=p.loc))
    return None, errors


# --- Markers --------------------------------------------------------------

MARKER_RE = re.compile(r"^[ \t]*<!--[ \t]*kb:([A-Za-z][\w-]*)((?:[ \t]+[^\s>][^>]*?)?)[ \t]*-->[ \t]*$")


def iter_markers(markdown: str) -> Iterator[tuple[int, str, list[str]]]:
    """Yield (0-based line index, marker name, arguments) outside code
    (fences as kb.core.mdtext.mask_code reads them, like every other check)."""
    for index, line in enumerate(mask_code(markdown).split("\n")):
        m = MARKER_RE.match(line)
        if m:
            yield index, m.group(1), m.group(2).split()


def marker_lines(raw_body: str, first_line: int = 1) -> dict[tuple[str, tuple[str, ...]], list[int]]:
    """(name, args) -> the 1-based source lines of that marker, in order.

    Hooks that run earlier may already have replaced other markers with many
    lines, so line numbers must come from the page as the editor wrote it.
    """
    out: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for index, name, args in iter_markers(raw_body):
        out.setdefault((name, tuple(args)), []).append(first_line + index)
    return out


def replace_markers(markdown: str, names: set[str],
                    render: Callable[[str, list[str], int], tuple[str, list[ContentError]]],
                    line_offset: int = 0, raw_body: str | None = None
                    ) -> tuple[str, list[ContentError]]:
    """Replace each marker line whose name is in *names* by ``render(name, args, index)``.

    *index* is 0-based, so that ``line_offset + index + 1`` is the marker's
    line in the source file. With *raw_body* (the page body as written, which
    starts at line ``line_offset + 1``) the line is looked up there, so it is
    right even after an earlier hook expanded other markers into many lines;
    without it, *index* is the marker's position in *markdown*.
    """
    lines = markdown.split("\n")
    errors: list[ContentError] = []
    replaced = False
    source = marker_lines(raw_body, line_offset + 1) if raw_body is not None else {}
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    for index, name, args in list(iter_markers(markdown)):
        if name not in names:
            continue
        key = (name, tuple(args))
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        known = source.get(key, [])
        line = known[nth] if nth < len(known) else line_offset + index + 1
        text, errs = render(name, args, line - line_offset - 1)
        errors.extend(errs)
        lines[index] = text
        replaced = True
    return ("\n".join(lines) if replaced else markdown), errors


def page_body(raw: str) -> tuple[str, int]:
    """(body as MkDocs hands it to hooks, number of lines before it) for a raw page."""
    offset = body_line_offset(raw)
    return "\n".join(raw.replace("\r\n", "\n").split("\n")[offset:]), offset


def body_line_offset(raw: str) -> int:
    """How many source lines come before the Markdown body MkDocs hands to hooks.

    MkDocs strips a leading ``---`` YAML block and then any blank lines.
    """
    lines = raw.replace("\r\n", "\n").split("\n")
    offset = 0
    if lines and re.match(r"^-{3}[ \t]*$", lines[0]):
        for i in range(1, len(lines)):
            if re.match(r"^(-{3}|\.{3})[ \t]*$", lines[i]):
                offset = i + 1
                break
        while offset < len(lines) and lines[offset] == "":
            offset += 1
    return offset


def split_front_matter(raw: str) -> tuple[dict, str]:
    """(meta, body) of a page, for scripts. Invalid or missing front matter gives {}.

    A thin wrapper over kb/core/frontmatter.py, which owns the parsing.
    """
    from kb.core.frontmatter import read_front_matter, split_front_matter as _split
    split = _split(raw)
    body = split.body.lstrip("\n") if split.yaml_text is not None else raw
    return read_front_matter(raw), body








def require(result: tuple[Any, list[ContentError]]) -> Any:
    """The data of a (data, errors) result; raise ContentErrors if it has errors."""
    data, errors = result
    if errors or data is None:
        raise ContentErrors(errors)
    return data


def escape_cell(text: str) -> str:
    """Make text safe inside a Markdown table cell (no raw HTML, no `|`)."""
    from kb.core.mdtext import md_literal

    return md_literal(text, "|")
