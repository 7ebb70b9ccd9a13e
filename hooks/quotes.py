"""Blockquotes: every one needs a citation, and quoted definitions must match.

Pure functions. `check_quotes(file, body, body_line, registry)` finds each
Markdown blockquote in the page body (code is ignored). A blockquote with no
`[^key]` citation is an error. A blockquote citing a source that has `quotes`
in the registry must match one of them word for word, ignoring only white
space; otherwise the error shows a word-level difference and the line of the
first difference.
"""

from __future__ import annotations

import sys
import pathlib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import difflib
import re
from dataclasses import dataclass

from hooks.errors import ContentError
from hooks.mdtext import FOOTNOTE_REF_RE, mask_code
from hooks.messages import error

QUOTE_LINE = re.compile(r"^[ \t]*>[ \t]?")
PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'"}


@dataclass
class Blockquote:
    line: int  # line of the first > in the file
    lines: list[tuple[int, str]]  # (line number, text without the > marker)
    keys: list[str]


def find_blockquotes(body: str, body_line: int = 1) -> list[Blockquote]:
    """Every blockquote in *body*, with lazy continuation lines included."""
    masked = mask_code(body).split("\n")
    raw = body.split("\n")
    quotes: list[Blockquote] = []
    current: Blockquote | None = None
    prev_blank_in_quote = False
    for i, line in enumerate(masked):
        n = body_line + i
        m = QUOTE_LINE.match(line)
        if m:
            text = raw[i][m.end():]
            # Nested quotes (> >) are read as one quote.
            while (mm := QUOTE_LINE.match(text)):
                text = text[mm.end():]
            if current is None:
                current = Blockquote(n, [], [])
                quotes.append(current)
            current.lines.append((n, text))
            prev_blank_in_quote = not text.strip()
        elif current is not None and line.strip() and not prev_blank_in_quote:
            current.lines.append((n, raw[i]))  # lazy continuation
        else:
            current = None
    for q in quotes:
        for _, text in q.lines:
            for m in FOOTNOTE_REF_RE.finditer(mask_code(text)):
                if m.group("key") not in q.keys:
                    q.keys.append(m.group("key"))
    return quotes


def _paragraphs(q: Blockquote) -> list[list[tuple[str, int]]]:
    """The quote's words, per paragraph, each with its line; citations removed."""
    paras: list[list[tuple[str, int]]] = [[]]
    for n, text in q.lines:
        if not text.strip():
            if paras[-1]:
                paras.append([])
            continue
        text = FOOTNOTE_REF_RE.sub(" ", text)
        paras[-1].extend((w, n) for w in text.split())
    paras = [p for p in paras if p]
    for p in paras:  # drop one pair of quotation marks around the paragraph
        first, last = p[0][0], p[-1][0]
        closing = PAIRS.get(first[0])
        if closing and last.endswith(closing) and (len(p) > 1 or len(first) > 1):
            if len(p) == 1:
                p[0] = (first[1:-1], p[0][1])
            else:
                p[0] = (first[1:], p[0][1])
                p[-1] = (last[:-1], p[-1][1])
            p[:] = [t for t in p if t[0]]
    return [p for p in paras if p]


def word_diff(actual: list[str], expected: list[str], context: int = 4) -> tuple[str, int]:
    """A short word-level difference: [-removed-] {+added+}.

    Returns the text and the index in *actual* of the first difference.
    Words only in the page are shown as [-word-]; words only in the
    registry as {+word+}.
    """
    sm = difflib.SequenceMatcher(a=actual, b=expected, autojunk=False)
    chunks, first = [], None
    ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
    for tag, i1, i2, j1, j2 in ops[:3]:
        if first is None:
            first = i1
        before = actual[max(0, i1 - context):i1]
        after = actual[i2:i2 + context]
        change = []
        if i2 > i1:
            change.append("[-" + " ".join(actual[i1:i2]) + "-]")
        if j2 > j1:
            change.append("{+" + " ".join(expected[j1:j2]) + "+}")
        chunks.append(("... " if i1 - context > 0 else "") + " ".join(before + change + after)
                      + (" ..." if i2 + context < len(actual) else ""))
    if len(ops) > 3:
        chunks.append(f"(and {len(ops) - 3} more differences)")
    return "; ".join(chunks), first or 0


def check_quotes(file: str, body: str, body_line: int, registry) -> list[ContentError]:
    errors: list[ContentError] = []
    for q in find_blockquotes(body, body_line):
        if not q.keys:
            errors.append(error("quote-uncited", file, q.line))
            continue
        registered = [(k, text) for k in q.keys if (s := registry.get(k)) for text in s.quotes]
        if not registered:
            continue  # cites sources with no stored quotes: nothing to compare
        paras = _paragraphs(q)
        if not paras:
            continue
        expected = [(k, text.split()) for k, text in registered]
        whole = [w for p in paras for w in p]
        if any([w for w, _ in whole] == words for _, words in expected):
            continue
        if all(any([w for w, _ in p] == words for _, words in expected) for p in paras):
            continue
        # Report the first paragraph that matches nothing, against its closest quote.
        for p in paras:
            words = [w for w, _ in p]
            if any(words == e for _, e in expected):
                continue
            key, best = max(expected, key=lambda e: difflib.SequenceMatcher(
                a=words, b=e[1], autojunk=False).ratio())
            diff, first = word_diff(words, best)
            line = p[min(first, len(p) - 1)][1]
            errors.append(error("quote-mismatch", file, line, key=key, diff=diff))
            break
    return errors


QUOTE_NOTE_CLASS = "kb-quote-version"


def quote_note(src, t, fmt) -> str:
    """One line under a quoted definition: its version and what it was compared with."""
    from hooks.provenance import sentence

    parts = []
    if src.quote_version:
        parts.append(t("quote_version").format(version=src.quote_version))
    if src.quote_checked is not None:
        parts.append(sentence(src.quote_checked, "quote", t, fmt))
    return " ".join(parts)


def annotate_quotes(body: str, registry, t, fmt) -> str:
    """Put the version and provenance line under each quote of a registered definition.

    The line comes from the registry alone, so a page cannot say more about
    a quote than the registry records. Quotes inside code are left alone.
    """
    import html

    lines = body.split("\n")
    inserts: list[tuple[int, str]] = []
    for q in find_blockquotes(body):
        src = next((registry.sources[k] for k in q.keys
                    if k in registry and registry.sources[k].quotes), None)
        if src is None:
            continue
        note = quote_note(src, t, fmt)
        if note:
            inserts.append((q.lines[-1][0], f'\n<p class="{QUOTE_NOTE_CLASS}">{html.escape(note)}</p>\n'))
    for last, text in reversed(inserts):
        lines.insert(last, text)
    return "\n".join(lines)
