"""hooks/quotes.py: blockquotes need citations; quoted definitions must match."""

import json

import pytest

from hooks.quotes import check_quotes, find_blockquotes, word_diff
from hooks.sources import load_registry

QUOTE = ("County lines is a term used to describe gangs and organised criminal networks "
         "using dedicated mobile phone lines or other form of “deal line”.")
SECOND = "The victim may have been criminally exploited even if the activity appears consensual."

REG, _ = load_registry(f"""\
- key: ho-county-lines
  title: County lines
  publisher: Home Office
  date: 2017-07-11
  url: https://www.gov.uk/county-lines
  checked:
    method: not-checked
  quote_checked:
    method: not-checked
  quotes: {json.dumps([QUOTE, SECOND], ensure_ascii=False)}
- key: plain
  title: A report
  publisher: Someone
  date: 2020
  url: https://example.org/report
  checked:
    method: not-checked
""")


def wrap(text, width=40):
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) > width:
            lines.append(line.strip())
            line = ""
        line += " " + w
    lines.append(line.strip())
    return "\n".join("> " + x for x in lines)


def errors(body, first=1):
    return check_quotes("d.md", body, first, REG)


def test_exact_quote_passes_whatever_the_wrapping():
    assert errors(wrap(QUOTE, 30) + "[^ho-county-lines]\n") == []
    assert errors(wrap(QUOTE, 70) + " [^ho-county-lines]\n") == []


def test_two_paragraph_quote_passes():
    assert errors(f"> {QUOTE}\n>\n> {SECOND}[^ho-county-lines]\n") == []


def test_quotation_marks_around_the_quote_are_allowed():
    assert errors(f"> “{SECOND}”[^ho-county-lines]\n") == []


def test_one_word_changed_shows_diff_and_line():
    body = "Intro.\n\n" + wrap(QUOTE.replace("organised", "organized"), 30) + "[^ho-county-lines]\n"
    (e,) = errors(body, first=20)
    assert e.code == "quote-mismatch"
    assert "[-organized-] {+organised+}" in e.message
    line_text = body.splitlines()[e.line - 20]
    assert "organized" in line_text


def test_one_punctuation_mark_changed():
    (e,) = errors(f"> {SECOND.rstrip('.')}[^ho-county-lines]\n")
    assert "[-consensual-] {+consensual.+}" in e.message


def test_curly_quotes_matter():
    straight = QUOTE.replace("“", '"').replace("”", '"')
    (e,) = errors("> " + straight + "[^ho-county-lines]\n")
    assert e.code == "quote-mismatch"


def test_uncited_blockquote():
    (e,) = errors("Text.\n\n> A quote.\n> More.\n", first=5)
    assert (e.code, e.line) == ("quote-uncited", 7)


def test_citing_a_source_without_stored_quotes_is_fine():
    assert errors("> Anything at all.[^plain]\n") == []


def test_lazy_continuation_and_code_are_handled():
    cut = SECOND.index(" ", 25)
    body = f"> {SECOND[:cut]}\n{SECOND[cut + 1:]}[^ho-county-lines]\n\n```\n> not a quote\n```\n"
    assert errors(body) == []
    assert len(find_blockquotes(body)) == 1


def test_blockquote_inside_admonition():
    (e,) = errors("!!! note\n\n    > Indented quote with no source.\n")
    assert e.code == "quote-uncited" and e.line == 3


def test_word_diff_shapes():
    diff, first = word_diff("a b c d".split(), "a x c d".split())
    assert diff == "a [-b-] {+x+} c d" and first == 1
    diff, _ = word_diff(list("abcdefghijkl"), list("abcdefghijkX"))
    assert diff.startswith("... ")
