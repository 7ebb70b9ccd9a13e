"""kb/checks/safety.py: raw HTML that could run code."""

import pytest

from kb.checks.safety import check_html, is_script_url


def found(body, first=1):
    return [(e.code, e.line) for e in check_html("d.md", body, first)]


@pytest.mark.parametrize("body,code", [
    ("<script>alert(1)</script>", "html-tag"),
    ("<SCRIPT src='x.js'></SCRIPT>", "html-tag"),
    ('<iframe src="https://example.org"></iframe>', "html-tag"),
    ("<embed src='x.swf'>", "html-tag"),
    ('<a href="#" onclick="x()">a</a>', "html-handler"),
    ('<img src="x.png" onerror="x()">', "html-handler"),
    ('<div\n  onmouseover="x()">a</div>', "html-handler"),
    ('<a href="javascript:alert(1)">a</a>', "html-javascript-url"),
    ('<a href="  JaVaScRiPt:alert(1)">a</a>', "html-javascript-url"),
    ('<a href="jav&#x09;ascript:alert(1)">a</a>', "html-javascript-url"),
    ("[click](javascript:alert(1))", "html-javascript-url"),
    ("[click]: javascript:alert(1)", "html-javascript-url"),
])
def test_dangerous_html_is_found(body, code):
    assert [c for c, _ in found(body)] == [code]


def test_line_numbers_count_from_body_start():
    assert found("Text.\n\nMore.\n<script></script>\n", first=8) == [("html-tag", 11)]


@pytest.mark.parametrize("body", [
    "Use `<script>` tags carefully.",
    "```html\n<script>alert(1)</script>\n<a onclick='x()'>a</a>\n```",
    "~~~\n<iframe></iframe>\n~~~",
    "<!-- <script>alert(1)</script> -->",
    "<!-- kb:contacts -->",
    '<a href="https://example.org" title="on the web">safe</a>',
    "[a link](https://example.org/javascript:thing)",
    "Compare 3 < 4 and 5 > 2.",
    '<span class="online">text</span>',
])
def test_safe_text_passes(body):
    assert found(body) == []


def test_is_script_url():
    assert is_script_url("javascript:x")
    assert is_script_url("vbscript:x")
    assert not is_script_url("https://example.org")
    assert not is_script_url("signs.md#javascript")


# --- the allow-list ----------------------------------------------------------------

@pytest.mark.parametrize("body,code", [
    ('<form action="https://example.org/x"></form>', "html-tag"),
    ('<meta http-equiv="refresh" content="0; url=https://example.org/">', "html-tag"),
    ('<base href="https://example.org/">', "html-tag"),
    ('<link rel="stylesheet" href="https://example.org/a.css">', "html-tag"),
    ("<style>p { color: red }</style>", "html-tag"),
    ('<svg viewBox="0 0 1 1"></svg>', "html-tag"),
    ("<object data='x.swf'></object>", "html-tag"),
    ('<div style="color: red">a</div>', "html-style"),
    ('<span style="background:url(https://example.org/t.png)">a</span>', "html-style"),
    ('<p formaction="x">a</p>', "html-attribute"),
    ('<img src="https://example.org/t.png" alt="">', "html-external-resource"),
    ('<img src="//example.org/t.png" alt="">', "html-external-resource"),
    ('<img srcset="a.png 1x, https://example.org/b.png 2x" alt="">', "html-external-resource"),
    ('<video src="a.mp4" poster="https://example.org/p.png"></video>', "html-external-resource"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "html-data-url"),
    ("![a pixel](https://example.org/t.png)", "html-external-resource"),
    ("[a page](data:text/html;base64,PHNjcmlwdD4=)", "html-data-url"),
    ("[a page](&#106;avascript:alert(1))", "html-javascript-url"),
    ("Write <Referral A> like this.", "html-tag"),  # a tag to Markdown: it would vanish
    ("<svg:script>alert(1)</svg:script>", "html-tag"),
    ("<javascript:alert(1)>", "html-tag"),  # not an autolink to Markdown: a tag
])
def test_anything_outside_the_allow_list_is_refused(body, code):
    assert [c for c, _ in found(body)] == [code]


@pytest.mark.parametrize("body", [
    '<div markdown class="admonition note" lang="en" dir="ltr" aria-label="Note">\nText\n</div>',
    '<p class="kb-note" data-kb="1" role="note">x</p>',
    '<details open><summary>More</summary>Text</details>',
    '<img src="images/pixel.png" alt="A pixel" width="1" height="1">',
    '<a href="https://example.org/report.pdf">a report</a>',
    "![a pixel](images/pixel.png)",
    "See <https://example.org/> or write to <team@example.org>.",
    "Write &lt;Referral A&gt; like this.",
])
def test_what_pages_need_is_allowed(body):
    assert found(body) == []


def test_the_pages_of_the_site_use_only_allowed_html():
    """The allow-list covers today's content: no page needs anything else."""
    import pathlib

    from kb.core.frontmatter import split_front_matter

    docs = pathlib.Path(__file__).resolve().parents[2] / "docs"
    for path in docs.rglob("*.md"):
        if "_data" in path.parts:
            continue
        split = split_front_matter(path.read_text(encoding="utf-8"))
        assert check_html(str(path), split.body, split.body_line) == [], path


# --- text from data files -------------------------------------------------------------

def test_data_text_links_follow_the_page_rules_with_the_key_line():
    from kb.checks.safety import check_data_text

    text = ("groups:\n"
            "  - id: a\n"
            "    note: >-\n"
            "      Read [this](javascript:alert(1)) and\n"
            "      see ![a chart](https://example.org/c.png).\n"
            "    intro: '[fine](signs.md) and [also fine](https://example.org/)'\n")
    errors = check_data_text("docs/_data/contacts.yml", text)
    assert [(e.file, e.line, e.code) for e in errors] == [
        ("docs/_data/contacts.yml", 3, "html-javascript-url"),
        ("docs/_data/contacts.yml", 3, "html-external-resource")]


def test_data_text_that_is_not_yaml_is_left_to_its_loader():
    from kb.checks.safety import check_data_text

    assert check_data_text("docs/_data/x.yml", "a: [b\n") == []


# --- SVG files -------------------------------------------------------------------------

def test_svg_scripts_handlers_and_outside_references_are_found():
    from kb.checks.safety import check_svg

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">\n'
           "<script>alert(1)</script>\n"
           '<rect onload="alert(1)"/>\n'
           '<foreignObject><p>x</p></foreignObject>\n'
           '<image href="https://example.org/t.png"/>\n'
           '<a xlink:href="javascript:alert(1)"><text>x</text></a>\n'
           "<style>@import url(https://example.org/a.css);</style>\n"
           '<use href="#local"/><image href="pixel.png"/>\n'
           "</svg>\n")
    assert [(e.code, e.line) for e in check_svg("docs/images/a.svg", svg)] == [
        ("svg-script", 2), ("svg-script", 3), ("svg-script", 4), ("svg-external", 5),
        ("svg-external", 6), ("svg-external", 7)]


def test_a_plain_drawing_passes():
    from kb.checks.safety import check_svg

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
           '<defs><path id="p" d="M0 0h10"/></defs><use href="#p" style="fill: red"/>'
           '<title>A line</title></svg>')
    assert check_svg("docs/images/a.svg", svg) == []


# --- issue 15: Markdown attribute lists and images by reference ---------------

@pytest.mark.parametrize("body,expected", [
    ("![t][r]\n\n[r]: https://evil.example/t.png", [("html-external-resource", 3)]),
    ("![r]\n\n[r]: https://evil.example/t.png", [("html-external-resource", 3)]),
    ("![R][]\n\n[r]: //evil.example/t.png", [("html-external-resource", 3)]),
    ('[x](https://example.org){ onclick="alert(1)" }', [("html-handler", 1)]),
    ('Text.\n{: style="background:url(https://evil.example/t)" }', [("html-style", 2)]),
    ('## H { onmouseover="alert(3)" }', [("html-handler", 1)]),
    ('![i](pic.png){ src="https://evil.example/x.png" }', [("html-external-resource", 1)]),
    ('[x](page.md){ href="javascript:alert(1)" }', [("html-javascript-url", 1)]),
    ('Text.\n{: formaction="x" }', [("html-attribute", 2)]),
])
def test_markdown_attributes_and_reference_images_follow_the_html_rules(body, expected):
    assert found(body) == expected


def test_attribute_messages_name_the_attribute_and_element():
    (err,) = check_html("d.md", '## H { onmouseover="alert(3)" }', 5)
    assert (err.file, err.line) == ("d.md", 5)
    assert "`onmouseover` on `<h2>`" in err.message


@pytest.mark.parametrize("body", [
    "[r]: https://example.org/page\n\nSee [the page][r].",
    "## Heading { #an-id .a-class }",
    "Text.\n{: lang=pl title=\"Polish\" }",
    "Braces in {running} text, {: hidden }.",
    '```\n## H { onmouseover="alert(3)" }\n![t][r]\n[r]: https://evil.example/t.png\n```',
    '`{ onclick="x" }` shown as code',
])
def test_safe_attributes_and_linked_references_pass(body):
    assert found(body) == []


def test_an_angle_bracket_address_is_not_read_as_a_tag():
    assert found("[x](<javascript:alert(1)>)") == [("html-javascript-url", 1)]
    assert found("[x]: <javascript:alert(1)>") == [("html-javascript-url", 1)]
    assert found("[x](<page one.md>)") == []


# --- issue 15: SVG animations and declarations --------------------------------

@pytest.mark.parametrize("element", [
    '<animate attributeName="href" values="javascript:alert(1)"/>',
    '<set attributeName="onmouseover" to="alert(1)"/>',
    '<set attributeName="xlink:href" to="https://example.org/"/>',
    '<animateMotion attributeName="onbegin" to="x"/>',
    '<animate attributeName="x" values="1;JavaScript:alert(1)"/>',
    '<animateTransform attributeName="transform" from="data:text/html,x"/>',
    '<svg:set attributeName="HREF" to="x"/>',
])
def test_svg_animations_that_set_links_or_handlers_are_refused(element):
    from kb.checks.safety import check_svg

    svg = f'<svg xmlns="http://www.w3.org/2000/svg">\n<a>{element}<text>x</text></a>\n</svg>'
    assert [(e.code, e.line) for e in check_svg("a.svg", svg)] == [("svg-script", 2)]


def test_ordinary_svg_animations_pass():
    from kb.checks.safety import check_svg

    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1">'
           '<animate attributeName="fill" values="red;blue" dur="2s"/>'
           '<animateTransform attributeName="transform" type="rotate" from="0" to="360"/>'
           '</rect></svg>')
    assert check_svg("a.svg", svg) == []


def test_svg_doctype_and_entity_declarations_are_refused():
    from kb.checks.safety import check_svg

    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg [\n <!ENTITY lol "lol">\n'
           ' <!ENTITY lol2 "&lol;&lol;&lol;">\n]>\n<!-- <!DOCTYPE x> in a comment -->\n'
           '<svg xmlns="http://www.w3.org/2000/svg"><text>&lol2;</text></svg>\n')
    found = [(e.code, e.line) for e in check_svg("a.svg", svg)]
    assert found == [("svg-doctype", 2), ("svg-doctype", 3), ("svg-doctype", 4)]
    assert "<!ENTITY ...>" in check_svg("a.svg", svg)[1].message


def test_data_text_attribute_lists_follow_the_page_rules():
    """Data text is put into pages as Markdown, where attr_list reads { ... }."""
    from kb.checks.safety import check_data_text

    text = ("terms:\n"
            "  - term: A\n"
            "    definition: '[x](signs.md){ onclick=\"alert(1)\" } and `{ onclick=x }`'\n"
            "  - term: B\n"
            "    definition: 'Braces {like this} and { #an-id } are fine.'\n")
    errors = check_data_text("docs/_data/glossary.yml", text)
    assert [(e.line, e.code) for e in errors] == [(3, "html-handler")]
