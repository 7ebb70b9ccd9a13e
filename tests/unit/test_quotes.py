"""kb/checks/quotes.py: blockquotes need citations; quoted definitions must match."""

import json

import pytest

from kb.checks.quotes import check_quotes, find_blockquotes, word_diff
from kb.data.sources import load_registry

QUOTE = ("County lines is a term used to describe gangs and organised criminal networks "
         "using dedicated mobile phone lines or other form of “deal line”.")
SECOND = "The victim may have been criminally exploited even if the activity appears consensual."

REG_TEXT = f"""\
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
"""
REG, _ = load_registry(REG_TEXT)


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


def test_curly_and_straight_quotation_marks_and_non_breaking_spaces_are_the_same():
    straight = QUOTE.replace("“", '"').replace("”", '"')
    assert errors("> " + straight + "[^ho-county-lines]\n") == []
    assert errors("> " + QUOTE.replace("mobile phone", "mobile\u00a0phone")
                  + "[^ho-county-lines]\n") == []
    (e,) = errors("> " + QUOTE.replace("“deal line”", "deal line") + "[^ho-county-lines]\n")
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


# --- quotes wherever they are (issue 15) ------------------------------------

CHANGED = QUOTE.replace("dedicated", "special")


def one(body, file="d.md"):
    found = check_quotes(file, body, 1, REG)
    assert len(found) == 1, found
    return found[0]


def test_quote_in_a_list_item_is_compared():
    e = one(f"Intro.\n\n- > {CHANGED}[^ho-county-lines]\n")
    assert (e.code, e.line) == ("quote-mismatch", 3)
    assert "[-special-] {+dedicated+}" in e.message


def test_quote_in_a_details_block_is_compared():
    e = one(f"??? note \"Definition\"\n\n    > {CHANGED}[^ho-county-lines]\n")
    assert (e.code, e.line) == ("quote-mismatch", 3)


def test_html_blockquote_is_compared_and_needs_a_citation():
    body = f"<blockquote>\n<p>{CHANGED}</p>\n</blockquote>\n"
    found = check_quotes("d.md", body, 1, REG)
    assert [(e.code, e.line) for e in found] == [("quote-uncited", 1), ("quote-mismatch", 2)]
    assert "[-special-] {+dedicated+}" in found[1].message
    assert errors(f"<blockquote>{QUOTE}[^ho-county-lines]</blockquote>\n") == []


def test_reattributed_quote_is_compared_with_the_registered_wording():
    e = one(f"> {CHANGED}[^plain]\n")
    assert e.code == "quote-mismatch" and "`ho-county-lines`" in e.message
    assert errors(f"> {QUOTE}[^plain]\n") == []  # identical wording: nothing to fix


def test_unmarked_passage_in_an_admonition_is_compared_by_content():
    e = one(f"!!! note\n\n    Intro line.\n    {CHANGED}\n")
    assert (e.code, e.line) == ("quote-mismatch", 4)
    assert "[-special-] {+dedicated+}" in e.message


def test_passage_in_a_table_cell_is_compared():
    e = one(f"| Term | Meaning |\n| --- | --- |\n| County lines | {CHANGED} |\n")
    assert (e.code, e.line) == ("quote-mismatch", 3)


def test_changed_last_word_of_a_passage_is_found():
    e = one(QUOTE.replace("“deal line”.", "“phone line”.") + "\n")
    assert e.code == "quote-mismatch"
    assert '[-"phone-] {+"deal+} line' in e.message  # quotation marks read as plain ones


def test_exact_passage_and_short_excerpt_in_running_text_pass():
    assert errors(f"The Home Office says: “{QUOTE}”\n") == []
    assert errors("It says the victim may have been criminally exploited even if the "
                  "activity appears consensual, which matters.\n") == []


def test_text_sharing_fewer_than_eight_words_is_not_a_quote():
    assert errors("The victim may have been criminally exploited, we think.\n") == []


def test_zero_width_space_is_named():
    e = one("> " + QUOTE.replace("organised", "organ\u200bised") + "[^ho-county-lines]\n")
    assert e.code == "quote-hidden-character"
    assert "U+200B" in e.message and "<U+200B ZERO WIDTH SPACE>" in e.message


def test_soft_hyphen_and_bidi_mark_are_named():
    e = one("> " + QUOTE.replace("criminal", "crim\u00adinal").replace("lines", "lines\u200f")
            + "[^ho-county-lines]\n")
    assert e.code == "quote-hidden-character"
    assert "U+00AD" in e.message and "U+200F" in e.message


def test_letter_from_another_script_is_named():
    e = one("> " + QUOTE.replace("County", "Cоunty") + "[^ho-county-lines]\n")  # Cyrillic о
    assert e.code == "quote-hidden-character"
    assert "U+043E" in e.message and "CYRILLIC SMALL LETTER O" in e.message


def test_hidden_character_in_an_unmarked_passage_is_found():
    e = one("Text: " + QUOTE.replace("networks", "net\u200dworks") + "\n")
    assert e.code == "quote-hidden-character" and "U+200D" in e.message


def test_translated_page_english_quote_is_checked():
    e = one(f"> {CHANGED}[^ho-county-lines]\n", file="docs/x.pl.md")
    assert e.code == "quote-mismatch"
    assert errors(f"> {QUOTE}[^ho-county-lines]\n") == []


def test_translated_page_unmarked_translation_is_an_error():
    e = one("> Linie hrabstwa to określenie gangów.[^ho-county-lines]\n", file="docs/x.pl.md")
    assert (e.code, e.line) == ("quote-translation-unmarked", 1)


def test_translated_page_marked_translation_passes_and_must_cite_a_definition():
    marked = '!!! translation "Tłumaczenie nieoficjalne"\n\n    > Linie hrabstwa to określenie.{}\n'
    assert check_quotes("docs/x.pl.md", marked.format("[^ho-county-lines]"), 1, REG) == []
    e = one(marked.format("[^plain]"), file="docs/x.pl.md")
    assert (e.code, e.line) == ("quote-translation-uncited", 3)


def test_translation_block_gives_no_exemption_in_an_english_page():
    marked = '!!! translation "Unofficial"\n\n    > Linie hrabstwa to określenie.[^ho-county-lines]\n'
    assert one(marked).code == "quote-mismatch"


def test_only_plain_blockquotes_get_the_provenance_note():
    from kb.checks.quotes import annotate_quotes
    from kb.data.sources import load_registry as load
    reg, _ = load(REG_TEXT.replace("method: not-checked\n  quotes", "method: not-checked\n  quote_version: v1\n  quotes"))
    body = f"- > {QUOTE}[^ho-county-lines]\n\n> {QUOTE}[^ho-county-lines]\n"
    out = annotate_quotes(body, reg, lambda k: "Version: {version}", str)
    assert out.count("kb-quote-version") == 1
    assert out.index("kb-quote-version") > out.index("\n> ")


# --- properties ----------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u00ad", "\u200e", "\u200f",
                             "\u2060", "\ufeff", "\u202a"])
CONTAINERS = st.sampled_from(["> {q}[^ho-county-lines]", "- > {q}[^ho-county-lines]",
                              "!!! note\n\n    > {q}[^ho-county-lines]",
                              "??? note\n\n    {q}", "| a | {q} |", "Intro: {q}",
                              "<blockquote>{q}[^ho-county-lines]</blockquote>",
                              "> {q}[^plain]", "- {q}"])


@settings(max_examples=150, deadline=None)
@given(container=CONTAINERS, char=INVISIBLE, where=st.integers(min_value=0))
def test_an_invisible_character_anywhere_in_a_quote_is_named_wherever_the_quote_is(
        container, char, where):
    words = QUOTE.split()
    i = where % len(words)
    w = words[i]
    words[i] = w[:len(w) // 2] + char + w[len(w) // 2:]
    found = check_quotes("d.md", container.format(q=" ".join(words)) + "\n", 1, REG)
    hidden = [e for e in found if e.code == "quote-hidden-character"]
    assert len(hidden) == 1, found
    assert f"U+{ord(char):04X}" in hidden[0].message


@settings(max_examples=150, deadline=None)
@given(container=CONTAINERS, where=st.integers(min_value=0), new=st.sampled_from(["often", "not", "x"]))
def test_a_changed_word_anywhere_in_a_quote_is_found_wherever_the_quote_is(container, where, new):
    words = QUOTE.split()
    i = where % len(words)
    if words[i].strip("“”.") == new:
        return
    words[i] = new
    found = check_quotes("d.md", container.format(q=" ".join(words)) + "\n", 1, REG)
    assert [e.code for e in found if e.code == "quote-mismatch"] == ["quote-mismatch"], found
    assert f"[-{new}-]" in found[-1].message or f"{{+{QUOTE.split()[i]}" in found[-1].message


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("> -|!?#*`[]^<>/\n\t abcé\u200bа\u00a0“”\"'0123456789")
                                + QUOTE.split() + ["[^ho-county-lines]", "<blockquote>",
                                                   "</blockquote>", "!!! translation", "    "]),
                max_size=300))
def test_check_quotes_never_raises(tokens):
    text = "".join(t if len(t) == 1 else f" {t} " for t in tokens)
    for e in check_quotes("docs/x.pl.md", text, 1, REG) + check_quotes("d.md", text, 1, REG):
        assert e.code.startswith("quote-") and e.line >= 1


SHARED = "where an individual or group takes advantage of an imbalance of power to coerce,"
CSE = f"Sexual exploitation occurs {SHARED} manipulate or deceive a child into sexual activity."
CCE = (f"Criminal exploitation occurs {SHARED} control, manipulate or deceive a child into "
       "any criminal activity, for the financial advantage of the perpetrator.")
TWO, _ = load_registry(f"""\
- key: cse
  title: CSE
  publisher: DfE
  date: 2017
  url: https://example.org/cse
  checked:
    method: not-checked
  quote_checked:
    method: not-checked
  quotes: {json.dumps([CSE])}
- key: cce
  title: CCE
  publisher: HM Government
  date: 2018
  url: https://example.org/cce
  checked:
    method: not-checked
  quote_checked:
    method: not-checked
  quotes: {json.dumps([CCE])}
""")


def test_definitions_sharing_wording_are_told_apart():
    assert check_quotes("d.md", f"> {CCE}[^cce]\n", 1, TWO) == []
    assert check_quotes("d.md", f"In running text: {CCE}\n", 1, TWO) == []
    assert check_quotes("d.md", f"In running text: {CSE}\n", 1, TWO) == []
    (e,) = check_quotes("d.md", f"> {CCE.replace('any criminal', 'some criminal')}[^cce]\n", 1, TWO)
    assert "`cce`" in e.message and "[-some-] {+any+}" in e.message
    (e,) = check_quotes("d.md", "Text: " + CCE.replace("any criminal", "some criminal") + "\n", 1, TWO)
    assert "`cce`" in e.message and "[-some-] {+any+}" in e.message


def test_quotation_marks_inside_the_registered_wording_at_its_start():
    reg, _ = load_registry(REG_TEXT.replace(json.dumps([QUOTE, SECOND], ensure_ascii=False),
                                            json.dumps(["“Trafficking in persons” shall mean "
                                                        "the recruitment, transportation, "
                                                        "transfer, harbouring or receipt of persons."],
                                                       ensure_ascii=False)))
    text = ('“Trafficking in persons” shall mean the recruitment, transportation, transfer, '
            'harbouring or receipt of persons.')
    assert check_quotes("d.md", f"The protocol says: {text}\n", 1, reg) == []
    assert check_quotes("d.md", f"> {text}[^ho-county-lines]\n", 1, reg) == []


def test_quote_note_marks_the_english_version_and_check_in_a_polish_page():
    """Under a quote in a Polish page the version and what it was compared
    with are English: lang="en". In an English page the HTML is the plain
    line, escaped; right to left pages mark Latin runs in the page tree."""
    import html
    from types import SimpleNamespace

    from kb.model.provenance import Check
    from kb.checks.quotes import quote_note
    from kb.core.ui_text import ui_text

    src = SimpleNamespace(quote_version='2017 definition ("What is <CSE>?")',
                          quote_checked=Check(method="quoted-by", compared="the IOWSCP page",
                                              by="knowledge base editor", when="2026-11-01"))
    for lang in ("en", "pl", "ar"):
        def t(key, lang=lang):
            return ui_text(key, lang)
        plain, marked = quote_note(src, t, str), quote_note(src, t, str, html_lang=lang)
        if lang == "pl":
            assert '<span lang="en">2017 definition (&quot;What is &lt;CSE&gt;?&quot;)</span>' in marked
            assert '<span lang="en">the IOWSCP page</span>' in marked
            assert marked.startswith(html.escape(t("quote_version").split("{")[0]))
        else:
            assert marked == html.escape(plain)


# --- issue 15: an excerpt is compared as far as it goes on matching -----------

LONG = ("Child sexual exploitation is a form of child sexual abuse. It occurs where an "
        "individual or group takes advantage of an imbalance of power to coerce, manipulate "
        "or deceive a child or young person under the age of 18 into sexual activity (a) in "
        "exchange for something the victim needs or wants, and/or (b) for the financial "
        "advantage or increased status of the perpetrator or facilitator. The victim may have "
        "been sexually exploited even if the sexual activity appears consensual. Child sexual "
        "exploitation does not always involve physical contact; it can also occur through the "
        "use of technology.")
LONG_REG, _ = load_registry(f"""\
- key: dfe-cse-2017
  title: CSE
  publisher: DfE
  date: 2017-02-16
  url: https://www.gov.uk/cse
  checked:
    method: not-checked
  quote_checked:
    method: not-checked
  quotes: {json.dumps([LONG])}
""")
EXCERPT = LONG.split(" (a)")[0]  # about 40 of the quote's 90 words


def excerpt_errors(text):
    return [(e.code, e.line) for e in check_quotes("d.md", text, 1, LONG_REG)]


@pytest.mark.parametrize("excerpt", [
    EXCERPT,
    "It occurs where an individual or group takes advantage of an imbalance of power",
])
def test_an_exact_excerpt_in_running_text_passes(excerpt):
    assert excerpt_errors(f"Intro.\n\nThe DfE says: “{excerpt}”.[^dfe-cse-2017] Then our own words.") == []


@pytest.mark.parametrize("changed", [
    EXCERPT.replace("age of 18", "age of 16"),                      # next to the end, words follow
    EXCERPT.replace("age of 18 into sexual activity", "age of 16"),  # the last word
    EXCERPT.replace("a form of child", "a kind of child"),          # near the start
    EXCERPT.replace("Child sexual exploitation", "Child exploitation"),  # the first words
])
def test_a_change_near_either_end_of_an_excerpt_is_reported(changed):
    assert excerpt_errors(f"Intro.\n\nThe DfE says: “{changed}”.[^dfe-cse-2017]") == \
        [("quote-mismatch", 3)]


def test_the_reported_change_is_the_changed_word():
    changed = EXCERPT.replace("age of 18", "age of 16")
    (err,) = check_quotes("d.md", f"The DfE says: “{changed}”.", 1, LONG_REG)
    assert "[-16-] {+18+}" in err.message


def test_own_words_after_an_excerpt_are_not_compared():
    text = (f"The DfE says “{EXCERPT}”, and our partners use the same words in their "
            "training for staff in every area.")
    assert excerpt_errors(text) == []


def test_a_broken_source_gives_only_its_own_error():
    """An entry with an invalid date is dropped from the registry; its quote on
    pages is not compared with another source's similar wording instead."""
    similar = LONG.replace("Child sexual exploitation does", "It does")
    text = f"""\
- key: dfe-cse-2017
  title: CSE
  publisher: DfE
  date: 2017-13-16
  url: https://www.gov.uk/cse
  checked:
    method: not-checked
  quote_checked:
    method: not-checked
  quotes: {json.dumps([LONG])}
- key: hmg-svs-2018
  title: SVS
  publisher: HMG
  date: 2018-04-09
  url: https://www.gov.uk/svs
  checked:
    method: not-checked
  quote_checked:
    method: not-checked
  quotes: {json.dumps([similar])}
"""
    reg, errs = load_registry(text)
    assert [e.code for e in errs] == ["registry-invalid-field"]
    assert "dfe-cse-2017" in reg.broken
    pages = [wrap(LONG) + "[^dfe-cse-2017]",               # a quote block citing it
             f"The DfE says: “{EXCERPT}”.",               # a passage matching it
             "!!! translation\n\n    > Tłumaczenie.[^dfe-cse-2017]"]
    for page in pages:
        assert check_quotes("d.md", page, 1, reg) == []
        assert check_quotes("d.pl.md", page, 1, reg) == []
    # The other source is still compared.
    assert [e.code for e in check_quotes("d.md", wrap(similar.replace("power", "force"))
                                         + "[^hmg-svs-2018]", 1, reg)] == ["quote-mismatch"]


def test_a_word_left_out_at_the_start_of_an_excerpt_is_shown_as_left_out():
    changed = EXCERPT.replace("Child sexual exploitation", "Child exploitation")
    (err,) = check_quotes("d.md", f"The DfE says: “{changed}”.", 1, LONG_REG)
    assert "Child {+sexual+} exploitation" in err.message
