"""Small helpers for reading Markdown source line by line.

These work on Markdown text (never on HTML). They keep line numbers: code is
blanked out with spaces rather than removed, so a position in the masked text
is the same position in the original.
"""

from __future__ import annotations

from kb.core.paths import is_translation

import re
from dataclasses import dataclass

FENCE_RE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
CODE_SPAN_RE = re.compile(r"(?P<ticks>`+)(?P<body>.+?)(?P=ticks)")
# A footnote reference [^key] that is not a definition ([^key]: at line start).
FOOTNOTE_REF_RE = re.compile(r"\[\^(?P<key>[^\]\s]+)\](?!:)")
FOOTNOTE_DEF_RE = re.compile(r"^ {0,3}\[\^(?P<key>[^\]\s]+)\]:")


def mask_code(text: str) -> str:
    """Blank out fenced code blocks and inline code spans, keeping layout.

    Every character inside code becomes a space (new lines are kept), so line
    and column numbers stay valid.
    """
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        m = FENCE_RE.match(line)
        if fence is None:
            if m:
                fence = m.group("fence")
                out.append(" " * len(line))
                continue
            out.append(CODE_SPAN_RE.sub(lambda mm: " " * len(mm.group(0)), line))
        else:
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence) \
                    and not line.strip()[len(m.group("fence")):].strip():
                fence = None
            out.append(" " * len(line))
    return "\n".join(out)


@dataclass(frozen=True)
class Ref:
    key: str
    line: int  # 1-based, in the text given (plus any offset)


def footnote_refs(masked: str, first_line: int = 1) -> list[Ref]:
    """Every footnote reference [^key] in *masked* text, with its line."""
    refs = []
    for n, line in enumerate(masked.split("\n"), start=first_line):
        for m in FOOTNOTE_REF_RE.finditer(line):
            if m.start() == len(line) - len(line.lstrip()) and line[m.end():m.end() + 1] == ":":
                continue
            refs.append(Ref(m.group("key"), n))
    return refs


def footnote_defs(masked: str, first_line: int = 1) -> list[Ref]:
    """Every footnote definition line `[^key]: ...` in *masked* text."""
    return [Ref(m.group("key"), n)
            for n, line in enumerate(masked.split("\n"), start=first_line)
            if (m := FOOTNOTE_DEF_RE.match(line))]





def is_translation_file(path: str) -> bool:
    """page.pl.md, page.ar.md: the one rule is kb.core.paths.is_translation."""
    return is_translation(path)


def closest(word: str, choices, cutoff: float = 0.6) -> str | None:
    """The closest of *choices* to *word*, or None (difflib)."""
    import difflib

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices, template: str = " Did you mean `{}`?") -> str:
    best = closest(word, choices)
    return template.format(best) if best else ""


_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def md_text(text: str) -> str:
    """Text from a data file or front matter, made safe to put into Markdown.

    Data text may use Markdown (links, emphasis), but never raw HTML: every
    `<` becomes `&lt;` and every `&` that would start a character reference
    (`&lt;`, `&#106;`) becomes `&amp;`, so `<Referral A> & B` shows as
    written and `<script>` is inert text. Code spans are left alone (Markdown
    shows them as written already). Other text is unchanged, so ordinary
    text renders exactly as before.
    """
    text = str(text)
    if "<" not in text and "&" not in text:
        return text
    out, last = [], 0
    for m in CODE_SPAN_RE.finditer(text):
        out.append(_ENTITY_START.sub("&amp;", text[last:m.start()]).replace("<", "&lt;"))
        out.append(m.group(0))
        last = m.end()
    out.append(_ENTITY_START.sub("&amp;", text[last:]).replace("<", "&lt;"))
    return "".join(out)


#: The characters Markdown reads as formatting, which md_literal backslash-escapes.
MD_FORMATTING = "\\`*_[]>"


def md_literal(text: str, chars: str = MD_FORMATTING) -> str:
    """Data text that must show exactly as written in Markdown: runs of white
    space become one space, each of *chars* (by default every formatting
    character) is backslash-escaped, and raw HTML is made inert (md_text).
    Pass fewer *chars* where the text may keep some Markdown: `"|"` in a
    table cell, `"*_"` where links are allowed."""
    text = " ".join(str(text).split())
    if chars:
        text = re.sub("([" + re.escape(chars) + "])", r"\\\1", text)
    return md_text(text)


def md_attr(text: str) -> str:
    """*md_text* for a quoted title in Markdown (`!!! note "title"`): no `"` either."""
    return md_text(text).replace('"', "&quot;")
