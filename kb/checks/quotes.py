"""Blockquotes: every one needs a citation, and quoted definitions must match.

Pure functions. `check_quotes(file, body, body_line, registry)` reads the page
body (code is ignored) in two ways, both linear in the page's length:

- **Quote blocks**: every Markdown blockquote, at any depth (inside an
  admonition, a `<details>`/`???` block or a list item), and every HTML
  `<blockquote>`. A quote block with no `[^key]` citation is an error. A quote
  block is compared word for word (ignoring only white space) with the
  `quotes` of the sources it cites, and with any registered quote it shares
  a run of `RUN` words with, whatever it cites: a re-attributed definition is
  still compared with the registered wording.
- **Passages**: every other paragraph, list item, table cell or heading that
  shares a run of `RUN` words with a registered quote is compared with it
  too. A passage that covers half the quote or more is compared from the
  quote's first word to its last; a shorter excerpt where it overlaps,
  widened each way as far as it goes on corresponding to the quote.

A quote citing a registry entry with errors (`Registry.broken`), or worded
like one, is not compared: the entry's own error in sources.yml says it all.

Typographic quotation marks count as plain ones and non-breaking spaces as
spaces. Invisible characters (Unicode category Cf: zero-width spaces and
joiners, soft hyphens, direction marks) and letters from another script (a
Cyrillic "а" in an English quote) are errors, shown by name in the diff.

In a translated page (`page.pl.md`), a translated definition goes inside a
`!!! translation` (or `??? translation`) block and must cite the registered
source; it is not compared with the English. Anywhere else, a quote of a
registered definition is the English text, checked as above.
"""

from __future__ import annotations



import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from kb.core.errors import ContentError
from kb.core.mdtext import FOOTNOTE_REF_RE, is_translation_file, mask_code
from kb.core.messages import error

# A > marker, after any indentation and list markers (- > quote, 1. > quote).
QUOTE_LINE = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*>[ \t]?")
PLAIN_QUOTE_LINE = re.compile(r"^[ \t]*>[ \t]?")
HTML_QUOTE_OPEN = re.compile(r"<blockquote\b[^>]*>", re.I)
HTML_QUOTE_CLOSE = re.compile(r"</blockquote\s*>", re.I)
HTML_TAG = re.compile(r"<[^>]*>")
PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'"}
RUN = 8  # words in a row shared with a registered quote that make a passage a quote of it

# Typographic quotation marks and spaces read as their plain forms.
_PLAIN = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
                        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                        "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ",
                        "\u200a": " ", "\u2002": " ", "\u2003": " ", "\u205f": " "})
# Letters from other scripts that look like Latin ones (for finding the quote only).
_LOOKALIKE = str.maketrans(dict(zip(
    "аеорсухіјѕԁһԛԝАВЕКМНОРСТХІЈЅαεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhqwABEKMHOPCTXIJSaeikvoptuxABEZHIKMNOPTYX")))
TRANSLATION_BLOCK = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+translation\b")


@dataclass
class Blockquote:
    line: int  # line of the first > (or <blockquote>) in the file
    lines: list[tuple[int, str]]  # (line number, text without the > marker)
    keys: list[str]
    kind: str = "markdown"  # "markdown" (> at the start of a line), "list" or "html"


def plain(text: str) -> str:
    """Typographic quotation marks and non-breaking spaces as plain ones."""
    return text.translate(_PLAIN)


def _fold(word: str) -> str:
    """A word as compared when finding quotes: no invisible characters, no look-alikes."""
    return "".join(c for c in word if unicodedata.category(c) != "Cf") \
        .translate(_LOOKALIKE).strip("*_\"'").lower()


def find_blockquotes(body: str, body_line: int = 1) -> list[Blockquote]:
    """Every blockquote in *body*, with lazy continuation lines included.

    Markdown blockquotes at any depth, in list items, and HTML <blockquote>s.
    """
    masked = mask_code(body).split("\n")
    raw = body.split("\n")
    quotes: list[Blockquote] = []
    current: Blockquote | None = None
    prev_blank_in_quote = False
    html_depth = 0
    for i, line in enumerate(masked):
        n = body_line + i
        opens = len(HTML_QUOTE_OPEN.findall(line))
        if html_depth or opens:
            current = None
            if not html_depth:
                quotes.append(Blockquote(n, [], [], "html"))
            q = quotes[-1]
            text = HTML_TAG.sub(" ", raw[i])
            if not html_depth:  # text after the opening tag only
                text = HTML_TAG.sub(" ", raw[i][HTML_QUOTE_OPEN.search(line).end():])
            html_depth += opens - len(HTML_QUOTE_CLOSE.findall(line))
            if html_depth <= 0:
                html_depth = 0
                close = list(HTML_QUOTE_CLOSE.finditer(line))
                if close:
                    start = HTML_QUOTE_OPEN.search(line)
                    begin = start.end() if start and start.start() < close[-1].start() \
                        and q.line == n else 0
                    text = HTML_TAG.sub(" ", raw[i][begin:close[-1].start()])
            q.lines.append((n, text))
            continue
        m = QUOTE_LINE.match(line)
        if m:
            text = raw[i][m.end():]
            # Nested quotes (> >) are read as one quote.
            while (mm := PLAIN_QUOTE_LINE.match(text)):
                text = text[mm.end():]
            if current is None:
                kind = "markdown" if PLAIN_QUOTE_LINE.match(line) else "list"
                current = Blockquote(n, [], [], kind)
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
        text = plain(FOOTNOTE_REF_RE.sub(" ", text))
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


def visible(word: str) -> str:
    """*word* with invisible characters and letters from other scripts named."""
    out = []
    for c in word:
        if unicodedata.category(c) == "Cf":
            out.append(f"<U+{ord(c):04X} {unicodedata.name(c, 'FORMAT CHARACTER')}>")
        elif c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"):
            out.append(f"{c}<U+{ord(c):04X} {unicodedata.name(c, 'LETTER')}>")
        else:
            out.append(c)
    return "".join(out)


def hidden_characters(words) -> list[str]:
    """Each invisible character or non-Latin letter in *words*, named once."""
    found: dict[str, None] = {}
    for w in words:
        for c in w:
            if unicodedata.category(c) == "Cf" or (
                    c.isalpha() and not unicodedata.name(c, "").startswith("LATIN")):
                found[f"U+{ord(c):04X} ({unicodedata.name(c, 'unnamed').lower()})"] = None
    return list(found)


def word_diff(actual: list[str], expected: list[str], context: int = 4) -> tuple[str, int]:
    """A short word-level difference: [-removed-] {+added+}.

    Returns the text and the index in *actual* of the first difference.
    Words only in the page are shown as [-word-]; words only in the
    registry as {+word+}. Invisible characters and letters from another
    script are named, for example <U+200B ZERO WIDTH SPACE>.
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
            change.append("[-" + " ".join(visible(w) for w in actual[i1:i2]) + "-]")
        if j2 > j1:
            change.append("{+" + " ".join(expected[j1:j2]) + "+}")
        chunks.append(("... " if i1 - context > 0 else "") + " ".join(before + change + after)
                      + (" ..." if i2 + context < len(actual) else ""))
    if len(ops) > 3:
        chunks.append(f"(and {len(ops) - 3} more differences)")
    return "; ".join(chunks), first or 0


# --- registered quotes, indexed by runs of words ---------------------------

@dataclass
class _Quote:
    key: str
    words: list[str]  # plain forms
    folded: list[str]
    broken: bool = False  # the quote of a registry entry with errors: never compared


@dataclass
class QuoteIndex:
    quotes: list[_Quote] = field(default_factory=list)
    # run of RUN folded words -> (quote number, position of the run in it) for each
    # quote that has it (definitions often share wording: CSE, CCE, county lines)
    runs: dict[tuple[str, ...], list[tuple[int, int]]] = field(default_factory=dict)

    def hits(self, folded: list[str]) -> dict[int, list[tuple[int, int]]]:
        """quote number -> (position in *folded*, position in the quote) of each shared run."""
        found: dict[int, list[tuple[int, int]]] = {}
        for i in range(len(folded) - RUN + 1):
            for qi, j in self.runs.get(tuple(folded[i:i + RUN]), ()):
                found.setdefault(qi, []).append((i, j))
        return found


def quote_index(registry) -> QuoteIndex:
    """The index of every registered quote, made once per registry (each
    page's check asks for it)."""
    cached = getattr(registry, "__dict__", {}).get("_kb_quote_index")
    if cached is not None:
        return cached
    index = _build_quote_index(registry)
    if hasattr(registry, "__dict__"):
        registry.__dict__["_kb_quote_index"] = index
    return index


def _build_quote_index(registry) -> QuoteIndex:
    index = QuoteIndex()
    entries = [(key, src.quotes or [], False) for key, src in registry.sources.items()]
    entries += [(key, quotes, True)
                for key, quotes in getattr(registry, "broken_quotes", {}).items()]
    for key, quotes, broken in entries:
        for text in quotes:
            words = plain(text).split()
            index.quotes.append(_Quote(key, words, [_fold(w) for w in words], broken))
            qi = len(index.quotes) - 1
            for i in range(len(words) - RUN + 1):
                places = index.runs.setdefault(tuple(index.quotes[qi].folded[i:i + RUN]), [])
                if not places or places[-1][0] != qi:  # the first place in each quote
                    places.append((qi, i))
    return index


def _mismatch(file: str, key: str, page: list[tuple[str, int]], expected: list[str]) -> ContentError:
    """The error for a quote that differs: named characters first, else the word diff."""
    words = [w for w, _ in page]
    diff, first = word_diff(words, expected)
    line = page[min(first, len(page) - 1)][1] if page else None
    expected_set = set(expected)
    odd = hidden_characters(w for w in words if w not in expected_set)
    if odd:
        bad = next((n for w, n in page if w not in expected_set and hidden_characters([w])), line)
        return error("quote-hidden-character", file, bad, key=key, chars=", ".join(odd), diff=diff)
    return error("quote-mismatch", file, line, key=key, diff=diff)


def translation_block_lines(body: str, body_line: int = 1) -> set[int]:
    """Lines inside `!!! translation` / `??? translation` blocks."""
    inside: set[int] = set()
    indent: int | None = None
    for n, line in enumerate(mask_code(body).split("\n"), start=body_line):
        if indent is not None:
            if not line.strip() or len(line) - len(line.lstrip()) > indent:
                inside.add(n)
                continue
            indent = None
        if (m := TRANSLATION_BLOCK.match(line)):
            indent = len(m.group("indent").expandtabs(4))
    return inside


def _check_block(file: str, q: Blockquote, index: QuoteIndex,
                 translated_page: bool, broken: set[str] = frozenset()) -> ContentError | None:
    paras = _paragraphs(q)
    if not paras:
        return None
    whole = [w for p in paras for w in p]
    by_content = index.hits([_fold(w) for w, _ in whole])
    # A broken source gives its own error in sources.yml, and nothing here: a
    # quote citing it (or, citing nothing else, worded like it) is not compared.
    if broken.intersection(q.keys):
        return None
    cited = [qt for qt in index.quotes if qt.key in q.keys and not qt.broken]
    if not cited and any(index.quotes[i].broken for i in by_content):
        return None
    expected = cited + [index.quotes[i] for i in by_content
                        if index.quotes[i].key not in q.keys and not index.quotes[i].broken]
    if not expected:
        return None
    if any([w for w, _ in whole] == e.words for e in expected):
        return None
    if all(any([w for w, _ in p] == e.words for e in expected) for p in paras):
        return None
    if translated_page and not by_content:
        return error("quote-translation-unmarked", file, q.line, key=cited[0].key)
    # Report the first paragraph that matches nothing, against its closest quote.
    for p in paras:
        words = [w for w, _ in p]
        if any(words == e.words for e in expected):
            continue
        folded = [_fold(w) for w in words]
        best = max(expected, key=lambda e: difflib.SequenceMatcher(
            a=folded, b=e.folded, autojunk=False).ratio())
        return _mismatch(file, best.key, p, best.words)
    return None


def _units(body: str, body_line: int, skip: set[int]) -> list[list[tuple[str, int]]]:
    """Paragraphs, list items, table cells and headings outside quote blocks, as words."""
    units: list[list[tuple[str, int]]] = [[]]

    def end():
        if units[-1]:
            units.append([])

    def add(text: str, n: int):
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", FOOTNOTE_REF_RE.sub(" ", text))
        units[-1].extend((w, n) for w in plain(HTML_TAG.sub(" ", text)).split())

    for n, line in enumerate(mask_code(body).split("\n"), start=body_line):
        if n in skip:
            end()
            continue
        s = line.strip()
        if re.match(r"^(?:!!!|\?\?\?\+?)\s", s) or re.fullmatch(r"\|?[\s:|-]*-[\s:|-]*", s):
            end()
            continue
        if (m := re.match(r"^(?:[-*+]|\d{1,9}[.)])\s+", s)):
            end()
            s = s[m.end():]
        if s.startswith("#"):
            end()
            add(s.lstrip("#"), n)
            end()
            continue
        if s.startswith("|"):
            end()
            for cell in s.strip("|").split("|"):
                add(cell, n)
                end()
            continue
        if not s:
            end()
            continue
        add(s, n)
    return [u for u in units if u]


#: Words of the page's own (or changed) text an excerpt may skip and still
#: go on corresponding to the quote after them, when extending its ends.
GAP = 3
_EDGE = "\"'().,;:!?"


def _edge_fold(word: str) -> str:
    return _fold(word).strip(_EDGE)


def _extend(page: list[str], quote: list[str], opening: bool = False) -> tuple[int, int]:
    """How many words of *page* and of *quote* (both read outwards from a
    shared run) still correspond: matching words, with gaps of up to GAP
    changed words when at least two matching words follow them, plus the
    quoted words up to a quotation mark that closes (or, with *opening*,
    opens) the excerpt within GAP words, so a word changed next to the end
    of a quotation is compared too. Linear in the words looked at."""
    if not page or not quote:
        return 0, 0
    limit = min(len(page), len(quote)) + GAP
    a = [_edge_fold(w) for w in page[:limit]]
    b = [_edge_fold(w) for w in quote[:limit]]
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    end_a = end_b = 0
    for x, y, size in sm.get_matching_blocks():
        if not size:
            break
        gap_a, gap_b = x - end_a, y - end_b
        if gap_a < 0 or gap_b < 0 or max(gap_a, gap_b) > GAP:
            break
        if (gap_a or gap_b) and size < 2:
            break
        end_a, end_b = x + size, y + size
    # The quotation mark that ends the excerpt, a few words on: the words
    # before it are part of the quote, whatever they say.
    mark = (lambda w: plain(w).lstrip("(").startswith(('"', "'"))) if opening else \
        (lambda w: plain(w).rstrip(".,;:!?)").endswith(('"', "'")))
    for k in range(end_a, min(end_a + GAP, len(page))):
        if mark(page[k]):
            extra = k + 1 - end_a
            # The quote's words to that mark: up to the same word, if it is
            # there (a word left out), else as many words as the page has.
            same = [y for y in range(end_b, min(end_b + GAP + 1, len(b))) if b[y] == a[k]]
            if same:
                end_a, end_b = k + 1, same[0] + 1
            elif end_b + extra <= len(quote):
                end_a, end_b = end_a + extra, end_b + extra
            break
    return end_a, end_b


def _check_passage(file: str, unit: list[tuple[str, int]], index: QuoteIndex
                   ) -> ContentError | None:
    folded = [_fold(w) for w, _ in unit]
    hits = index.hits(folded)
    if not hits:
        return None
    qi = max(hits, key=lambda k: len(hits[k]))
    if index.quotes[qi].broken:
        return None  # a broken source gives its own error in sources.yml, nothing here
    quote, runs = index.quotes[qi], hits[qi]
    # The passage runs from the first shared run to the last one.
    (i0, j0), (i1, j1) = runs[0], (runs[-1][0] + RUN, runs[-1][1] + RUN)
    if j1 <= j0:  # runs out of order: the quote's words rearranged
        i0, j0, i1, j1 = runs[0][0], 0, runs[-1][0] + RUN, len(quote.words)
    if j1 - j0 >= len(quote.words) / 2:  # most of the quote: compare all of it
        left, right = min(j0, i0), min(len(quote.words) - j1, len(unit) - i1)
        i0, j0, i1, j1 = i0 - left, j0 - left, i1 + right, j1 + right
    else:  # an excerpt: as far as it goes on corresponding to the quote, each way
        page_words = [w for w, _ in unit]
        right_page, right_quote = _extend(page_words[i1:], quote.words[j1:])
        left_page, left_quote = _extend(page_words[:i0][::-1], quote.words[:j0][::-1],
                                        opening=True)
        i0, j0 = i0 - left_page, j0 - left_quote
        i1, j1 = i1 + right_page, j1 + right_quote
    page = list(unit[i0:i1])
    expected = list(quote.words[j0:j1])
    if not page or not expected:
        return None
    # Running text may open the quote in lower case, and put quotation marks
    # and its own punctuation around it: the edges are compared without them.
    page[0] = (page[0][0].lstrip("\"'("), page[0][1])
    page[-1] = (page[-1][0].rstrip("\"').,;:!?"), page[-1][1])
    expected[0] = expected[0].lstrip("\"'(")
    expected[-1] = expected[-1].rstrip("\"').,;:!?")
    if page[0][0][:1].lower() == expected[0][:1].lower():
        page[0] = (expected[0][:1] + page[0][0][1:], page[0][1])
    if [w for w, _ in page] == expected:
        return None
    return _mismatch(file, quote.key, page, expected)


def check_quotes(file: str, body: str, body_line: int, registry) -> list[ContentError]:
    errors: list[ContentError] = []
    index = quote_index(registry)
    translated_page = is_translation_file(file)
    broken = set(getattr(registry, "broken", ()))
    marked = translation_block_lines(body, body_line) if translated_page else set()
    in_blocks: set[int] = set()
    for q in find_blockquotes(body, body_line):
        in_blocks.update(n for n, _ in q.lines)
        if not q.keys:
            errors.append(error("quote-uncited", file, q.line))
        if q.line in marked:  # a translation, marked as one: it must say what it translates
            if q.keys and not any((s := registry.get(k)) and s.quotes or k in broken
                                  for k in q.keys):
                errors.append(error("quote-translation-uncited", file, q.line))
            continue
        if (e := _check_block(file, q, index, translated_page, broken)):
            errors.append(e)
    if index.runs:
        for unit in _units(body, body_line, in_blocks):
            if (e := _check_passage(file, unit, index)):
                errors.append(e)
    return errors


QUOTE_NOTE_CLASS = "kb-quote-version"


def quote_note(src, t, fmt, html_lang: str | None = None) -> str:
    """One line under a quoted definition: its version and what it was compared with.

    Plain text; with *html_lang* (the page's language), escaped HTML in which
    the English values (the version, what was compared, the role) are marked
    as English in a translated page (kb.model.provenance.english_marker). For an
    English page the HTML is the escaped plain text.
    """
    import html

    from kb.model.provenance import english_marker, sentence

    if html_lang is None:
        esc = value = None
    else:
        mark = english_marker(html_lang) or (lambda text: text)

        def esc(text):
            return html.escape(text)

        def value(text):
            return mark(html.escape(text))
    tr = (lambda key: esc(t(key))) if esc else t
    day = (lambda d: esc(fmt(d))) if esc else fmt
    parts = []
    if src.quote_version:
        parts.append(tr("quote_version").format(
            version=value(src.quote_version) if value else src.quote_version))
    if src.quote_checked is not None:
        parts.append(sentence(src.quote_checked, "quote", tr, day, value))
    return " ".join(parts)


def annotate_quotes(body: str, registry, t, fmt, lang: str = "en") -> str:
    """Put the version and provenance line under each quote of a registered definition.

    The line comes from the registry alone, so a page cannot say more about
    a quote than the registry records. Quotes inside code are left alone.
    """

    lines = body.split("\n")
    inserts: list[tuple[int, str]] = []
    for q in find_blockquotes(body):
        if q.kind != "markdown":
            continue  # a note after a list item or HTML would break its layout
        src = next((registry.sources[k] for k in q.keys
                    if k in registry and registry.sources[k].quotes), None)
        if src is None:
            continue
        note = quote_note(src, t, fmt, html_lang=lang)
        if note:
            inserts.append((q.lines[-1][0], f'\n<p class="{QUOTE_NOTE_CLASS}">{note}</p>\n'))
    for last, text in reversed(inserts):
        lines.insert(last, text)
    return "\n".join(lines)
