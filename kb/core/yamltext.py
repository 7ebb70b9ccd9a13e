"""The one YAML loader: front matter and every data file are read through it.

Pure functions, no MkDocs. Whatever the text holds, `load()` returns
(data, locate, errors) and never raises: every problem is a ContentError
with the file, the line, what is wrong and how to fix it
(the messages are in kb/core/messages.py).

On top of what YAML itself refuses, the loader refuses what has no use in
these files and only causes surprises:

- bytes that are not UTF-8 (`decode`, `read_text`): the line of the first
  bad byte;
- tabs at the start of a line (YAML indentation is spaces only);
- anchors (`&name`), aliases (`*name`) and merge keys (`<<`): they also make
  "alias bombs" possible, a few lines that expand to billions of values;
- explicit tags (`!!str`, `!something`);
- the same key twice in one mapping (YAML would silently keep the last);
- an empty file (unless the caller allows one).

Dates: a value that looks like a date but is impossible (2026-02-30, month
13, hour 25) is kept as the text it was written as, so that the schema's
date check (kb/core/dates.py) reports it in plain words; PyYAML itself would
raise a ValueError.

Parsing uses libyaml (PyYAML's C parser) when it is there: it builds the
same nodes, much faster. A text it refuses is parsed again by the
pure-Python parser, whose error messages kb/core/messages.py rewords.
"""

from __future__ import annotations

import collections
import copy
import functools

import pathlib
import re
from typing import Any, Sequence

import yaml
from yaml.constructor import SafeConstructor

from kb.core.errors import ContentError
from kb.core.messages import error, plain_yaml_problem


_FAST = getattr(yaml, "CSafeLoader", None)
_LEADING_TAB = re.compile(r"^[ ]*\t", re.M)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_KINDS = {"tag:yaml.org,2002:bool": "true or false", "tag:yaml.org,2002:int": "a number",
          "tag:yaml.org,2002:float": "a number", "tag:yaml.org,2002:null": "empty (null)",
          "tag:yaml.org,2002:timestamp": "a date"}


# --- bytes to text ------------------------------------------------------------

def decode(data: bytes, file: str) -> tuple[str | None, list[ContentError]]:
    """UTF-8 *data* as text (a leading byte order mark dropped), or an error
    naming the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error("text-encoding", file, line, byte=f"0x{data[exc.start]:02X}",
                            column=column)]


def read_text(path: pathlib.Path, file: str) -> tuple[str | None, list[ContentError]]:
    """The text of the file at *path*, checked to be UTF-8 (*file* names it in
    errors). A missing file raises FileNotFoundError, as `Path.read_text` does."""
    return decode(pathlib.Path(path).read_bytes(), file)


# --- text to data -------------------------------------------------------------

class _Constructor(SafeConstructor):
    """PyYAML's safe constructor, except that an impossible date or time stays text."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return str(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


#: Characters YAML reads as line breaks that an editor's file does not: the
#: line numbers of the messages count only "\n", as every other check does.
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]|\r(?!\n)")


@functools.lru_cache(maxsize=64)
def _has_other_breaks(text: str) -> bool:
    """Once per text, not once per key: the search reads the whole text."""
    return _OTHER_BREAKS.search(text) is not None


def _mark_line(mark, text: str | None) -> int:
    """0-based line of a YAML mark, counting only "\n" (YAML also counts
    NEL, LS, PS and a lone CR, which would point past the file's end)."""
    if text is not None and getattr(mark, "index", None) is not None and _has_other_breaks(text):
        return text.count("\n", 0, mark.index)
    return mark.line


def _line_of(exc: Exception, text: str) -> int:
    """0-based line of a YAML error in *text*."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return _mark_line(mark, text)
    position = getattr(exc, "position", None)  # ReaderError: a character YAML refuses
    if isinstance(position, int):
        return text[:position].count("\n")
    return 0


def _problem(exc: Exception) -> str:
    if isinstance(exc, yaml.reader.ReaderError):
        return (f"it contains a control character (code {exc.character:#x}) that cannot be "
                "shown; delete it and type the text again" if isinstance(exc.character, int)
                else "it contains a character that cannot be shown")
    return plain_yaml_problem(getattr(exc, "problem", None) or str(exc).splitlines()[0])


def _compose(text: str) -> yaml.Node | None:
    if _FAST is not None:
        try:
            return yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            pass  # the pure-Python parser raises the familiar error below
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _refused_events(text: str, file: str, first: int) -> list[ContentError]:
    """Anchors, aliases and explicit tags, found in the event stream (linear in
    the text, so an alias bomb is refused before anything expands)."""
    if not any(ch in text for ch in "&*!"):
        return []
    loader = _FAST or yaml.SafeLoader
    for event in yaml.parse(text, Loader=loader):
        line = _mark_line(event.start_mark, text) + first
        if isinstance(event, yaml.AliasEvent):
            return [error("yaml-alias", file, line, name=f"*{event.anchor}")]
        if getattr(event, "anchor", None):
            return [error("yaml-alias", file, line, name=f"&{event.anchor}")]
        if getattr(event, "tag", None) and isinstance(
                event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            return [error("yaml-tag", file, line, tag=tag)]
    return []


def _repeated_keys(root: yaml.Node | None, file: str, first: int, text: str | None = None
                   ) -> list[ContentError]:
    """One error per key given twice in a mapping, per merge key (<<) and per
    key that YAML does not read as text (`no:`, `12:`, `2026-01-01:`)."""
    errors: list[ContentError] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key, value in node.value:
                line = _mark_line(key.start_mark, text) + first
                if key.tag == _MERGE_TAG:
                    errors.append(error("yaml-alias", file, line, name="<<"))
                elif not isinstance(key, yaml.ScalarNode):
                    errors.append(error("yaml-key", file, line, key="[...]" if isinstance(
                        key, yaml.SequenceNode) else "{...}", kind="a list or a group of settings"))
                elif key.tag != _STR_TAG:
                    errors.append(error("yaml-key", file, line, key=key.value or "(nothing)",
                                        kind=_KINDS.get(key.tag, "something other than text")))
                else:
                    name = key.value
                    if name in seen:
                        errors.append(error("yaml-duplicate-key", file, line,
                                            key=name, first=seen[name]))
                    else:
                        seen[name] = line
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(errors, key=lambda e: e.line or 0)


class locator:  # noqa: N801 - used like a function
    """``locate(path)``: the line of the node at *path* (mapping keys and list
    indexes, as in pydantic's error ``loc``). When the path stops early (a
    missing key) it gives the line of the deepest node that exists, which is
    where the editor has to add the key. A key's line is the line of the key;
    ``locate.value(path)`` gives the line its value starts on (None if absent).
    """

    def __init__(self, root: yaml.Node | None, first_line: int = 1, text: str | None = None):
        self.root = root
        self.first_line = first_line
        # Only text with other line breaks needs it (see _mark_line).
        self.text = text if text is not None and _has_other_breaks(text) else None

    def _walk(self, path: Sequence[Any]) -> tuple[yaml.Node | None, int, bool]:
        """(deepest node reached, line of it or its key, whole path found)."""
        node = self.root
        if node is None:
            return None, 0, False
        line = _mark_line(node.start_mark, self.text)
        for part in path:
            nxt = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                        nxt = value_node
                        line = _mark_line(key_node.start_mark, self.text)
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                    and not isinstance(part, bool) and 0 <= part < len(node.value):
                nxt = node.value[part]
                line = _mark_line(nxt.start_mark, self.text)
            if nxt is None:
                return node, line, False
            node = nxt
        return node, line, True

    def __call__(self, path: Sequence[Any]) -> int | None:
        if self.root is None:
            return self.first_line
        return self._walk(path)[1] + self.first_line

    def value(self, path: Sequence[Any]) -> int | None:
        node, _, found = self._walk(path)
        return (_mark_line(node.start_mark, self.text) + self.first_line
                if found and node is not None else None)


#: Parse results by (text, file, options): a data file that several steps read
#: (sources.yml by nearly every renderer) is parsed once, whichever step asks
#: first, and each caller gets its own copy of the data (and its own line
#: numbers: the composed tree is kept). Keyed by the text, so an edit (a
#: `mkdocs serve` rebuild) is parsed again; text with errors is not kept, so
#: its errors are always worded for the caller. PARSES counts real parses by text.
_PARSED: "collections.OrderedDict[str, tuple]" = collections.OrderedDict()
_PARSED_MAX = 16384  # a 3,000-page benchmark site in three languages fits
PARSES: "collections.Counter[str]" = collections.Counter()


def load(text: str, file: str, *, first_line: int = 1, syntax_code: str = "data-yaml",
         empty_ok: bool = False) -> tuple[Any, "locator", list[ContentError]]:
    """Parse the YAML *text* of *file*; return (data, locate, errors).

    *first_line* is the file line of the text's first line (2 for front
    matter, after the opening ---). *syntax_code* is the message for text
    that is not YAML at all (its template takes `problem`). With errors the
    data is None. An empty text (nothing but blanks and comments) is an
    error unless *empty_ok*; then the data is None.
    """
    hit = _PARSED.get(text)
    if hit is not None:
        _PARSED.move_to_end(text)
        root, data = hit
        if root is None and not empty_ok:
            return None, locator(None, first_line), [error("yaml-empty", file, first_line)]
        return copy.deepcopy(data), locator(root, first_line, text), []
    PARSES[text] += 1
    return _parse(text, file, first_line, syntax_code, empty_ok)


def _parse(text: str, file: str, first_line: int, syntax_code: str, empty_ok: bool
           ) -> tuple[Any, "locator", list[ContentError]]:
    nowhere = locator(None, first_line)
    tab = _LEADING_TAB.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + first_line
        return None, nowhere, [error("yaml-tab", file, line)]
    try:
        refused = _refused_events(text, file, first_line)
        if refused:
            return None, nowhere, refused
        root = _compose(text)
        errors = _repeated_keys(root, file, first_line, text)
        if errors:
            return None, locator(root, first_line, text), errors
        data = _Constructor().construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        line = _line_of(exc, text) + first_line
        return None, nowhere, [error(syntax_code, file, line, problem=_problem(exc))]
    except RecursionError:
        return None, nowhere, [error(syntax_code, file, first_line,
                                     problem="lists or settings are nested too deeply")]
    _PARSED[text] = (root, copy.deepcopy(data))  # only text that parsed without errors
    if len(_PARSED) > _PARSED_MAX:
        _PARSED.popitem(last=False)
    if root is None and not empty_ok:
        return None, nowhere, [error("yaml-empty", file, first_line)]
    return data, locator(root, first_line, text), []


def load_file(path: pathlib.Path, file: str, **options) -> tuple[Any, "locator", list[ContentError]]:
    """`read_text` then `load`. A missing file raises FileNotFoundError."""
    text, errors = read_text(path, file)
    if errors:
        return None, locator(None), errors
    return load(text, file, **options)
