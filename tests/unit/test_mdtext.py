"""kb/core/mdtext.py: the Markdown helpers every renderer and check relies on.

Markdown in, the expected text or HTML out; no site build.
"""

import markdown
import pytest

from kb.core.mdtext import (closest, did_you_mean, footnote_defs, footnote_refs,
                            is_translation_file, mask_code, md_attr, md_literal, md_text)


def html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "admonition"])


# --- mask_code ---------------------------------------------------------------

def test_mask_code_blanks_fences_and_spans_and_keeps_the_layout():
    text = "Cite [^a].\n```\n[^b] in code\n```\nand `[^c]` inline, [^d]."
    masked = mask_code(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "[^a]" in masked and "[^d]" in masked
    assert "[^b]" not in masked and "[^c]" not in masked


def test_mask_code_closes_a_fence_only_with_the_same_kind_and_length():
    text = "````\n```\nstill code [^x]\n````\nafter [^y]"
    masked = mask_code(text)
    assert "[^x]" not in masked and "[^y]" in masked
    assert mask_code("~~~\n```\n[^z]\n~~~\n[^w]").count("[^") == 1  # ``` does not close ~~~


# --- footnotes ---------------------------------------------------------------

def test_footnote_refs_and_defs_with_their_lines():
    text = "One [^a] and [^b].\n\n[^a]: A definition.\n   [^c]: indented three.\n    [^d]: code"
    assert [(r.key, r.line) for r in footnote_refs(text)] == [("a", 1), ("b", 1)]
    assert [(r.key, r.line) for r in footnote_defs(text, first_line=10)] == [("a", 12), ("c", 13)]


# --- md_text, md_attr, md_literal -------------------------------------------

@pytest.mark.parametrize("text", ["<Referral A> & B", "<script>alert(1)</script>", "&lt;b&gt;",
                                  "Tom & Jerry", "a < b"])
def test_md_text_shows_as_written_and_never_as_html(text):
    out = html(md_text(text))
    assert "<script" not in out and "<Referral" not in out
    # What the reader sees is the text as written.
    import html as htmllib
    import re
    assert htmllib.unescape(re.sub(r"</?p>", "", out)) == text


def test_md_text_keeps_markdown_and_code_spans():
    assert md_text("see [the page](signs.md) and *this*") == "see [the page](signs.md) and *this*"
    assert md_text("`<b>` stays code") == "`<b>` stays code"
    assert "<code>&lt;b&gt;</code>" in html(md_text("`<b>` stays code"))
    assert md_text("plain text") == "plain text"


def test_md_attr_can_sit_in_a_quoted_admonition_title():
    title = md_attr('Say "no" <b>')
    out = html(f'!!! note "{title}"\n    Body.')
    assert "<b>" not in out and "&quot;" in out and "Body." in out


@pytest.mark.parametrize("text", ["*not emphasis*", "_x_", "[not a link](x)", "`not code`",
                                  "> not a quote", "back\\slash"])
def test_md_literal_escapes_every_formatting_character(text):
    out = html(md_literal(text))
    for tag in ("<em>", "<a ", "<code>", "<blockquote>"):
        assert tag not in out


def test_md_literal_collapses_white_space_and_escapes_only_what_it_is_told():
    assert md_literal("a  b\n c") == "a b c"
    assert md_literal("a|b [x](y)", "|") == "a\\|b [x](y)"  # a table cell keeps its links
    assert '<a href="y">x</a>' in html(md_literal("*a* [x](y)", "*_"))
    assert "<em>" not in html(md_literal("*a* [x](y)", "*_"))
    table = html("| a |\n| - |\n| " + md_literal("one | two <b>", "|") + " |")
    assert "<td>one | two &lt;b&gt;</td>" in table


# --- names ---------------------------------------------------------------------

def test_closest_and_did_you_mean():
    assert closest("contcts", ["contacts", "emergency"]) == "contacts"
    assert closest("zzz", ["contacts"]) is None
    assert did_you_mean("contcts", ["contacts"]) == " Did you mean `contacts`?"
    assert did_you_mean("zzz", ["contacts"]) == ""


def test_is_translation_file_uses_the_one_rule():
    assert is_translation_file("signs.pl.md") and is_translation_file("a/b.ar.markdown")
    assert not is_translation_file("signs.md") and not is_translation_file("v1.2.md")
