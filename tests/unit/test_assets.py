"""kb/postbuild/assets.py: joining the site's stylesheets into one file."""

from kb.postbuild.assets import check_joinable, css_bundle_name, join_css


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
