"""kb/checks/readability.py and its command line, scripts/readability.py: what is measured, what is left out, and that it only warns."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kb.checks.readability import LONG_SENTENCE, prose_blocks, score, sentences, split_sentences
from scripts.readability import main

ROOT = Path(__file__).resolve().parents[2]
LONG = " ".join(["word"] * (LONG_SENTENCE + 5)) + "."

PAGE = f"""---
title: Test page
description: "A long description: {LONG}"
owner: Knowledge base editors
last_reviewed: 2026-11-21
review_interval_months: 12
audience: public
---

# A heading that is quite long but is not a sentence at all in any way whatsoever ok

A short sentence. Another short one.[^dfe-cse-2017]

> Child sexual exploitation is a form of child sexual abuse. It occurs where an
> individual or group takes advantage of an imbalance of power to coerce, manipulate or
> deceive a child or young person under the age of 18 into sexual activity.[^dfe-cse-2017]

```text
{LONG}
```

| a | b |
| -- | -- |
| {LONG} | x |

<!-- kb:contacts -->

!!! warning "Call 999"

    If a child is in danger, call 999.

- A list item without a full stop
- Another item that is short

This one is long on purpose so that the report has something to flag for the
editor, and it keeps going well past the limit of twenty-five words for a
single sentence.
"""


def texts(page: str) -> list[str]:
    return [s.text for s in sentences(page)]


def test_quotes_code_tables_front_matter_and_headings_are_left_out():
    found = " ".join(texts(PAGE))
    assert "imbalance of power" not in found          # statutory quote
    assert "word word" not in found                   # code, table, front matter
    assert "heading" not in found
    assert "kb:contacts" not in found
    assert "If a child is in danger, call 999." in texts(PAGE)   # admonition text counts
    assert "A list item without a full stop" in texts(PAGE)      # each item is one sentence


def test_footnote_references_and_links_become_plain_text():
    [(line, text)] = prose_blocks("See [the signs](signs.md) now.[^dfe-cse-2017] Done `code`.\n")
    assert (line, text) == (1, "See the signs now. Done Code.")


def test_long_sentence_is_flagged_with_its_line():
    report = score("page.md", PAGE, "public")
    assert [s.line for s in report.long_sentences] == [PAGE.split("\n").index(
        "This one is long on purpose so that the report has something to flag for the") + 1]
    assert report.long_sentences[0].words > LONG_SENTENCE
    assert report.check


def test_quote_does_not_change_the_score():
    without_quote = "\n".join(line for line in PAGE.split("\n") if not line.startswith(">"))
    a, b = score("a.md", PAGE), score("b.md", without_quote)
    assert (a.words, a.sentences, a.grade) == (b.words, b.sentences, b.grade)


def test_reading_age_is_grade_plus_five_and_simple_text_scores_lower():
    simple = score("s.md", "The cat sat on the mat. The dog ran to the park.\n")
    hard = score("h.md", "Multi-agency safeguarding arrangements necessitate comprehensive "
                         "interdisciplinary coordination of organisational responsibilities.\n")
    assert simple.reading_age == round(simple.grade + 5, 1)
    assert simple.reading_age < hard.reading_age


def test_sentence_splitting_keeps_abbreviations():
    assert split_sentences("Use a form, e.g. the CERAF. Then refer.") == [
        "Use a form, e.g. the CERAF.", "Then refer."]


def test_it_warns_but_never_fails(tmp_path, capsys):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    assert main([str(page)]) == 0
    out = capsys.readouterr().out
    assert "page.md:" in out and "words)" in out and "check" in out


def test_help_and_json():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "readability.py"), "--help"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "blockquotes" in proc.stdout
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "readability.py"), "--json",
                           str(ROOT / "docs" / "signs.md")], capture_output=True, text=True)
    assert proc.returncode == 0 and '"reading_age"' in proc.stdout
