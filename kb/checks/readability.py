"""Readability of a page: reading age and long sentences, in the prose an
editor wrote (quoted statutory text, code, tables and front matter are left
out). scripts/readability.py is the command line."""

from __future__ import annotations

import pathlib
import re
from dataclasses import dataclass, field

from kb.core.paths import ROOT, is_translation

LONG_SENTENCE = 25
PUBLIC_MAX_AGE = 12


@dataclass
class Sentence:
    line: int
    text: str

    @property
    def words(self) -> int:
        return count_words(self.text)


@dataclass
class Report:
    path: str
    audience: str
    words: int
    sentences: int
    words_per_sentence: float
    reading_ease: float
    grade: float
    reading_age: float
    long_sentences: list[Sentence] = field(default_factory=list)

    @property
    def check(self) -> bool:
        too_hard = self.audience == "public" and self.reading_age > PUBLIC_MAX_AGE
        return too_hard or bool(self.long_sentences)


# --- Markdown to prose ---------------------------------------------------------

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
ADMONITION = re.compile(r"^(!!!|\?\?\?\+?)\s")
MARKER = re.compile(r"^\s*<!--.*-->\s*$")
ABBR_DEF = re.compile(r"^\*\[[^\]]+\]:")
FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
DEF_ITEM = re.compile(r"^:\s{1,4}")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def inline_text(text: str) -> str:
    """Markdown inline markup to plain words."""
    text = re.sub(r"\[\^[^\]]+\]", "", text)                  # footnote refs
    text = re.sub(r"`[^`]*`", "Code", text)                   # a code span reads as one word
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)     # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)      # links
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)     # reference links
    text = re.sub(r"\{[:.#][^}]*\}", "", text)                # attribute lists
    text = HTML_TAG.sub("", text)
    text = re.sub(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return " ".join(text.split())


def prose_blocks(markdown: str) -> list[tuple[int, str]]:
    """(first line, text) of each paragraph or list item of the page's own prose.

    Lines are 1-based lines of the file, front matter included.
    """
    lines = markdown.replace("\r\n", "\n").split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                start = i + 1
                break
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    fence = None
    in_quote = False

    def close():
        nonlocal current
        current = None

    for index in range(start, len(lines)):
        raw = lines[index]
        number = index + 1
        m = FENCE.match(raw)
        if m or fence:
            if m and fence is None:
                fence = m.group(1)
            elif m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            close()
            continue
        stripped = raw.strip()
        if not stripped:
            in_quote = False
            close()
            continue
        if stripped.startswith(">") or (in_quote and current is None):
            in_quote = True          # statutory quotes: never measured
            close()
            continue
        if (stripped.startswith("#") or stripped.startswith("|") or MARKER.match(stripped)
                or ABBR_DEF.match(stripped) or FOOTNOTE_DEF.match(stripped)
                or ADMONITION.match(stripped) or stripped.startswith("<")):
            close()
            continue
        text = stripped
        if LIST_ITEM.match(raw) or DEF_ITEM.match(stripped):
            text = DEF_ITEM.sub("", LIST_ITEM.sub("", stripped))
            close()
        if current is None:
            current = [text]
            blocks.append((number, current))
        else:
            current.append(text)
    out = []
    for number, parts in blocks:
        text = inline_text(" ".join(parts))
        if re.search(r"[A-Za-z]", text):
            out.append((number, text))
    return out


ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "St.", "No.", "Dr.", "Mr.", "Mrs.", "Ms.", "vs.")


def split_sentences(text: str) -> list[str]:
    """Sentences of one block. A list item without a full stop is one sentence."""
    protected = text
    for i, abbr in enumerate(ABBREVIATIONS):
        protected = protected.replace(abbr, abbr.replace(".", f"\x00{i}\x00"))
    parts = re.split(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])", protected)
    out = []
    for part in parts:
        for i, abbr in enumerate(ABBREVIATIONS):
            part = part.replace(abbr.replace(".", f"\x00{i}\x00"), abbr)
        part = part.strip()
        if part:
            out.append(part)
    return out


def count_words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’\-.,/]*", text))


def sentences(markdown: str) -> list[Sentence]:
    return [Sentence(line, s) for line, block in prose_blocks(markdown) for s in split_sentences(block)]


# --- Scores ----------------------------------------------------------------------

def score(path: str, markdown: str, audience: str = "staff") -> Report:
    import textstat

    found = sentences(markdown)
    # One sentence a line, each ending in a full stop, so textstat counts them as we do.
    prose = "\n".join(s.text if s.text[-1:] in ".!?" else s.text + "." for s in found)
    words = sum(s.words for s in found)
    n = len(found)
    if not n or not words:
        return Report(path, audience, 0, 0, 0.0, 0.0, 0.0, 0.0)
    grade = round(textstat.flesch_kincaid_grade(prose), 1)
    return Report(
        path=path, audience=audience, words=words, sentences=n,
        words_per_sentence=round(words / n, 1),
        reading_ease=round(textstat.flesch_reading_ease(prose), 1),
        grade=grade, reading_age=round(grade + 5, 1),
        long_sentences=[s for s in found if s.words > LONG_SENTENCE],
    )


def audience_of(markdown: str) -> str:
    from kb.core.frontmatter import read_front_matter
    return str(read_front_matter(markdown).get("audience") or "staff")


def pages(paths: list[pathlib.Path]) -> list[pathlib.Path]:
    out = []
    for p in paths:
        if p.is_dir():
            out += [f for f in sorted(p.rglob("*.md"))
                    if "_data" not in f.relative_to(p).parts and not is_translation(f.name)]
        elif p.suffix == ".md":
            out.append(p)
    return out


def label(path: pathlib.Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def report_text(reports: list[Report]) -> str:
    rows = ["page | audience | reading age | ease | words/sentence | long sentences | result",
            "--- | --- | --- | --- | --- | --- | ---"]
    for r in sorted(reports, key=lambda r: (-r.reading_age, r.path)):
        if not r.words:
            rows.append(f"{r.path} | {r.audience} | - | - | - | 0 | no prose of its own")
            continue
        rows.append(f"{r.path} | {r.audience} | {r.reading_age:g} | {r.reading_ease:g} | "
                    f"{r.words_per_sentence:g} | {len(r.long_sentences)} | "
                    f"{'check' if r.check else 'ok'}")
    out = ["\n".join(rows), ""]
    long = [(r.path, s) for r in reports for s in r.long_sentences]
    if long:
        out.append(f"Sentences over {LONG_SENTENCE} words (split them):")
        for path, s in long:
            out.append(f"  {path}:{s.line} ({s.words} words): {s.text}")
    else:
        out.append(f"No sentence is over {LONG_SENTENCE} words.")
    public = [r for r in reports if r.audience == "public" and r.words]
    if public:
        mean = sum(r.reading_age for r in public) / len(public)
        out.append(f"\nPublic pages: average reading age {mean:.1f} (aim: about 9 to "
                   f"{PUBLIC_MAX_AGE}); {sum(r.reading_age > PUBLIC_MAX_AGE for r in public)} "
                   f"of {len(public)} above {PUBLIC_MAX_AGE}.")
    out.append("This report is advice: it never fails the build.")
    return "\n".join(out)
