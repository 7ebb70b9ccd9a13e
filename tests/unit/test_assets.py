"""kb/postbuild/assets.py: joining the site's stylesheets into one file."""

from kb.postbuild.assets import check_joinable, css_bundle_name, join_css
from bs4 import BeautifulSoup
from kb.postbuild.assets import defer_scripts


def test_join_keeps_order_and_names_each_source():
    css = join_css([("assets/b.css", ".b{color:red}\n\n"), ("assets/a.css", ".a{color:blue}")])
    assert css.index("/* assets/b.css */") < css.index(".b{color:red}") < css.index(
        "/* assets/a.css */") < css.index(".a{color:blue}")


def test_bundle_name_follows_the_content():
    one = css_bundle_name(".a{color:red}")
    assert one == css_bundle_name(".a{color:red}")
    assert one != css_bundle_name(".a{color:blue}")
    assert one.startswith("assets/kb.") and one.endswith(".css") and len(one) == len("assets/kb.") + 14


def test_import_and_charset_cannot_be_joined():
    errors = check_joinable("overrides/assets/x.css",
                            '/* c */\n@charset "utf-8";\n.a{}\n@import url(y.css);\n')
    assert [(e.line, e.code, e.file) for e in errors] == [
        (2, "css-not-joinable", "overrides/assets/x.css"),
        (4, "css-not-joinable", "overrides/assets/x.css")]
    assert "@import" in errors[1].message and errors[1].fix


def test_plain_css_joins():
    assert check_joinable("a.css", "@media print { .a { display: none } } @page x { size: A4 }") == []


def test_defer_scripts_changes_only_external_classic_scripts():
    fragment = ('<script src="a.js"></script><script>inline()</script>'
                '<script type="application/json" id="c">{}</script>'
                '<script type="module" src="m.js"></script><script async src="b.js"></script>')
    soup = BeautifulSoup(str(defer_scripts(fragment)), "html.parser")
    by_src = {s.get("src") or s.get("id") or "inline": s for s in soup.find_all("script")}
    assert by_src["a.js"].has_attr("defer")
    assert not by_src["inline"].has_attr("defer") and by_src["inline"].string == "inline()"
    assert not by_src["c"].has_attr("defer")
    assert not by_src["m.js"].has_attr("defer")
    assert not by_src["b.js"].has_attr("defer")
    assert defer_scripts("<p>no scripts</p>") == "<p>no scripts</p>"
