"""kb/postbuild/csp.py: inline-code hashes, the policy, and the nginx snippet."""

from __future__ import annotations

import base64
import hashlib

import pytest

import re

from kb.postbuild.csp import (STATIC_HEADERS, InlineHashes, KnownInline, _scan_html_soup, build_policy,
                       known_inline, nginx_snippet, parse_nginx_snippet, scan_html,
                       security_headers, trace)


def expected_hash(text: str) -> str:
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


PAGE = """<!doctype html>
<html><head>
<script>var a = 1;</script>
<script src="x.js"></script>
<script id="__config" type="application/json">{"a": 1}</script>
<style>p { color: red }</style>
</head><body>
<table><tr><th style="text-align: left;">A</th></tr></table>
<p>caf\u00e9</p><script>var b = "\u00e9";</script>
</body></html>
"""


KNOWN = KnownInline(scripts=(re.escape("var a = 1;"), re.escape('var b = "\u00e9";')),
                    styles=(re.escape("p { color: red }"),))


def test_hashes_executable_inline_scripts_only():
    found, errors = scan_html(PAGE, "site/index.html", KNOWN)
    assert errors == []
    assert found.scripts == {expected_hash("var a = 1;"), expected_hash('var b = "\u00e9";')}
    assert found.styles == {expected_hash("p { color: red }")}
    assert found.style_attrs == {expected_hash("text-align: left;")}


@pytest.mark.parametrize("scan", [scan_html, _scan_html_soup])
def test_inline_code_the_templates_did_not_write_is_refused_not_hashed(scan):
    page = ('<p>x</p>\n<script>alert(1)</script>\n<style>p{background:url(//x.example/a)}</style>\n'
            '<p style="color: red">y</p>\n')
    found, errors = scan(page, "site/a.html", KNOWN)
    assert found.scripts == found.styles == found.style_attrs == set()
    assert [(e.code, e.line) for e in errors] == [("csp-unknown-inline", 2),
                                                   ("csp-unknown-inline", 3),
                                                   ("csp-unknown-inline", 4)]
    assert "`alert(1)`" in errors[0].message


def test_the_templates_inline_scripts_are_known():
    """Material's three inline scripts (at every depth) and no others."""
    known = known_inline()
    for depth in (".", "..", "../.."):
        body = (f'__md_scope=new URL("{depth}",location),__md_hash=e=>[...e].reduce(((e,_)=>'
                '(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>'
                'JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,'
                'a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')
        assert known.allows("script", body)
    assert not known.allows("script", "alert(1)")
    # A template's value may be an address, never code that breaks out of the string.
    assert not known.allows("script", '__md_scope=new URL("");alert(1);("",location),__md_hash=')
    assert known.allows("style-attr", "--kb-flowchart-width: 506px")
    assert known.allows("style-attr", "text-align: center;")
    assert not known.allows("style-attr", "background: url(https://x.example/a.png)")


def test_an_error_is_traced_to_the_source_that_wrote_it():
    _, (err,) = scan_html("<p>x</p>\n<script>steal(document.cookie)</script>\n",
                          "site/pl/signs.html", KNOWN)
    sources = {"docs/signs.md": "---\ntitle: x\n---\n\nText\n<script>steal(document.cookie)</script>\n",
               "docs/_data/contacts.yml": "groups: []\n"}
    traced = trace(err, sources)
    assert (traced.file, traced.line) == ("docs/signs.md", 6)
    assert "site/pl/signs.html" in traced.message
    assert trace(err, {"docs/other.md": "nothing here"}) == err


def test_inline_handlers_and_javascript_urls_are_errors():
    html = ('<p>x</p>\n<button onclick="go()">Go</button>\n'
            '<a href=" JavaScript:void(0)">x</a>\n')
    _, errors = scan_html(html, "site/a.html")
    assert [(e.code, e.line) for e in errors] == [("csp-inline-handler", 2),
                                                   ("csp-javascript-url", 3)]
    assert all(e.file == "site/a.html" and e.fix for e in errors)


@pytest.mark.parametrize("html", [
    '<a href="java\tscript:alert(1)">x</a>',          # browsers drop tabs in URLs
    '<form action="\njavascript:go()"></form>',
    '<img src="JAVASCRIPT:go()">',
])
def test_javascript_urls_are_found_however_they_are_written(html):
    _, errors = scan_html(html, "site/a.html")
    assert [e.code for e in errors] == ["csp-javascript-url"]


def test_ordinary_links_with_a_colon_are_fine():
    found, errors = scan_html('<a href="https://example.org/a:b">x</a><a href="tel:101">101</a>',
                              "site/a.html")
    assert errors == [] and found.scripts == set()


def test_policy_is_strict():
    hashes = InlineHashes({expected_hash("x")}, set(), set())
    policy = build_policy(hashes)
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self' " + expected_hash("x")
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "http" not in policy  # no other host is ever allowed


def test_style_attributes_need_unsafe_hashes_with_their_hashes():
    hashes = InlineHashes(set(), set(), {expected_hash("text-align: left;")})
    directives = dict(d.split(" ", 1) for d in build_policy(hashes).split("; "))
    assert directives["style-src"] == ("'self' 'unsafe-hashes' "
                                       + expected_hash("text-align: left;"))
    assert "unsafe-hashes" not in directives["script-src"]


def test_headers_include_the_usual_security_headers():
    headers = security_headers(InlineHashes())
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert set(STATIC_HEADERS) < set(headers)


def test_nginx_snippet_round_trips():
    headers = security_headers(InlineHashes({expected_hash("a")}, set(), set()))
    text = nginx_snippet(headers)
    assert all(line.endswith(" always;") for line in text.splitlines()
               if line.startswith("add_header"))
    assert parse_nginx_snippet(text) == headers


def test_nginx_snippet_refuses_unquotable_values():
    with pytest.raises(ValueError):
        nginx_snippet({"X-Test": 'say "hi"'})


def test_parse_rejects_other_directives():
    with pytest.raises(ValueError):
        parse_nginx_snippet("gzip on;\n")


# --- issue 15: HTML files copied from docs/ ----------------------------------

def test_scan_site_reads_every_html_file_and_never_raises_on_bad_bytes(tmp_path):
    from kb.postbuild.csp import scan_site

    (tmp_path / "latin1.html").write_bytes(b"<p>caf\xe9</p>\n<p onclick='x()'>a</p>\n")
    (tmp_path / "page.xhtml").write_text("<p>a</p>\n<a href='javascript:alert(1)'>x</a>\n")
    (tmp_path / "old.HTM").write_text("<script>alert(2)</script>\n")
    _, errors = scan_site(tmp_path)
    got = {(e.file, e.code) for e in errors}
    assert ("site/latin1.html", "text-encoding") in got
    assert any(f == "site/latin1.html" and c != "text-encoding" for f, c in got)  # still scanned
    assert any(f == "site/page.xhtml" for f, _ in got)
    assert any(f == "site/old.HTM" for f, _ in got)


def test_an_html_file_in_docs_is_checked_with_the_page_rules(tmp_path):
    from kb.checks.content import check_support_files

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "evil.html").write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>T</title></head>\n'
        '<body><p>Fine.</p>\n<script>alert(1)</script>\n</body></html>\n')
    (docs / "refresh.xhtml").write_text(
        '<html><head><meta http-equiv="refresh" content="0;url=javascript:alert(1)"></head></html>\n')
    (docs / "bad.htm").write_bytes(b"ok\n\xff\n")
    (docs / "good.html").write_text("<html><body><p class='x'>Fine.</p></body></html>\n")
    errors = check_support_files(docs, lambda p: "docs/" + p.relative_to(docs).as_posix())
    assert sorted((e.file, e.line, e.code) for e in errors) == [
        ("docs/bad.htm", 2, "text-encoding"),
        ("docs/evil.html", 4, "html-tag"),
        ("docs/refresh.xhtml", 1, "html-attribute"),
    ]
