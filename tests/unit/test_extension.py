"""kb/render/extension.py: Markdown in, HTML out, with no site build."""

import markdown
import pytest

from kb.render.extension import KbMarkdownExtension, install
from kb.render.pipeline import PageRef, RenderData
from tests.registry_fixture import REGISTRY


class Table:
    owner = "kb/data/contacts.py"
    names = frozenset({"contacts", "emergency"})

    def render(self, page, name, args, line):
        if args:
            return "", [f"{page.file}:{line}: no arguments"]
        return "| Service | Phone |\n| --- | --- |\n| Police | 999 |", []


def convert(text, page=PageRef("contacts.md"), registry=None, **kwargs):
    data = RenderData(registry=registry)
    data.add(Table())
    reported, rendered = [], []
    ext = KbMarkdownExtension(data, lambda: page, reported.extend,
                              lambda ref, out: rendered.append((ref, out)), **kwargs)
    md = markdown.Markdown(extensions=[ext, "tables", "footnotes"])
    return md.convert(text), reported, rendered


def test_a_marker_becomes_a_table():
    html, reported, _ = convert("# Contacts\n\n<!-- kb:contacts -->\n")
    assert html == (
        "<h1>Contacts</h1>\n<table>\n<thead>\n<tr>\n<th>Service</th>\n<th>Phone</th>\n"
        "</tr>\n</thead>\n<tbody>\n<tr>\n<td>Police</td>\n<td>999</td>\n</tr>\n</tbody>\n"
        "</table>")
    assert reported == []


def test_errors_are_reported_with_the_page_line():
    raw = "# Contacts\n\n<!-- kb:contacts x -->\n"
    html, reported, _ = convert(raw, PageRef("contacts.md", offset=3, raw_body=raw))
    assert reported == ["docs/contacts.md:6: no arguments"]
    assert html == "<h1>Contacts</h1>"


def test_citations_become_footnotes_and_are_handed_back():
    html, _, rendered = convert("A fact.[^nspcc-cse]\n", registry=REGISTRY)
    assert '<sup id="fnref:nspcc-cse"><a class="footnote-ref" href="#fn:nspcc-cse">1</a></sup>' in html
    assert '<div class="footnote">' in html and "NSPCC Learning" in html
    assert rendered[0][1].cited == ["nspcc-cse"]


def test_text_that_is_not_a_page_is_left_alone():
    data = RenderData()
    data.add(Table())
    md = markdown.Markdown(extensions=[KbMarkdownExtension(data, lambda: None, print)])
    assert md.convert("<!-- kb:contacts -->") == "<!-- kb:contacts -->"


def test_a_renderer_failure_becomes_the_engine_error():
    class Boom(Table):
        def render(self, page, name, args, line):
            raise LookupError("no renderer")

    data = RenderData()
    data.add(Boom())
    ext = KbMarkdownExtension(data, lambda: PageRef("x.md"), print,
                              fail=lambda exc: RuntimeError(f"engine: {exc}"))
    with pytest.raises(RuntimeError, match="engine: no renderer"):
        markdown.Markdown(extensions=[ext]).convert("<!-- kb:contacts -->\n")


def test_install_keeps_one_copy():
    exts = ["tables"]
    for _ in range(2):
        install(exts, KbMarkdownExtension(RenderData(), lambda: None, print))
    assert exts[0] == "tables" and len(exts) == 2
