"""kb/core/partials.py: HTML from Jinja partials, autoescaped."""

import re

from kb.core.partials import FOLDER, Markup, environment, partial
from kb.data.sources import cited_by_html
from kb.render.sheets import render_flowchart_diagram, render_poster_contacts, render_posters


def test_autoescaping_is_on_for_every_partial():
    assert environment().autoescape is True
    names = sorted(p.name for p in FOLDER.glob("*.html"))
    assert len(names) >= 6
    for name in names:
        assert environment().get_template(name)  # each one parses


def test_text_is_escaped_and_markup_is_not():
    out = partial("sheet-diagram.html", title='"Missing" <route>', svg=Markup("<svg></svg>"),
                  legend="<b>key</b>")
    assert 'aria-label="&#34;Missing&#34; &lt;route&gt;"' in out
    assert '<div class="kb-sheet-diagram__svg"><svg></svg></div>' in out
    assert "&lt;b&gt;key&lt;/b&gt;" in out
    assert "\n" not in out  # the layout's line breaks stay out of the HTML


def test_a_hostile_contact_name_cannot_write_html():
    records = [{"group": "g", "group_title": "<i>Group</i>", "service": "<script>x</script>",
                "number": "0800 1111", "tel": "tel:+448001111\" onclick=\"x"}]
    out = render_poster_contacts(records)
    assert "<script>" not in out and "<i>" not in out
    assert 'href="tel:+448001111&#34; onclick=&#34;x"' in out
    assert re.search(r'<li><span class="kb-contact__service">&lt;script&gt;x&lt;/script&gt;</span> '
                     r'<span class="kb-contact__number"><a class="kb-tel"', out)


def test_a_contact_without_a_number_says_so():
    out = render_poster_contacts([{"group": "g", "group_title": "G", "service": "Line",
                                   "note": "Number to be confirmed. Older pages differ."}])
    assert ('<span class="kb-contact__service kb-contact__service--wide">Line</span> '
            '<span class="kb-contact__hours"><strong class="kb-tbc">') in out


def test_the_posters_list_and_its_empty_state():
    assert render_posters([], "print/index.html") == (
        '<p class="kb-print-empty">No posters or handouts yet.</p>\n')
    entry = {"kind": "poster", "orientation": "portrait", "title": "Signs & <help>",
             "html": "print/signs.html",
             "renders": [{"pdf": "print/pdf/signs-a4.pdf", "png": "print/pdf/signs-a4.png",
                          "size": "A4"},
                         {"pdf": "print/pdf/signs-a3.pdf", "png": "print/pdf/signs-a3.png",
                          "size": "A3"}]}
    out = render_posters([entry], "print/index.html")
    assert out.startswith('<ul class="kb-print-list">\n<li class="kb-print-item">')
    assert out.endswith("</li>\n</ul>\n")
    assert 'alt="Signs &amp; &lt;help&gt;, A4 PDF" width="212" height="300"' in out
    assert ('<a class="md-button" href="pdf/signs-a4.pdf" download>A4 PDF</a> '
            '<a class="md-button" href="pdf/signs-a3.pdf" download>A3 PDF</a>') in out


def test_cited_by_lists_pages_and_data_files():
    assert cited_by_html("k", []) == "no page directly."
    assert cited_by_html("k", [("a.html", "A & B"), ("b.html", "C")], ["contacts.yml"]) == (
        '<a href="a.html">A &amp; B</a>, <a href="b.html">C</a>; also used in the data file '
        "<code>contacts.yml</code>.")


def test_the_diagram_text_after_the_partial_is_not_escaped():
    out = render_flowchart_diagram("<svg></svg>", "", ["k"], "Route")
    assert "Partnership's own flowchart" in out and out.endswith("[^k]\n")
