"""hooks/safety.py: raw HTML that could run code."""

import pytest

from hooks.safety import check_html, is_script_url


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
