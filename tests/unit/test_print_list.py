"""kb/data/print_list.py: docs/_data/print.yml, the posters and handouts."""

from kb.data.print_list import load_print_items


def test_a_good_list_with_its_defaults():
    items, errors = load_print_items("items:\n  - page: print/a.md\n    online: signs.md\n")
    assert errors == []
    (item,) = items
    assert (item.page, item.online, item.sizes, item.orientation) == (
        "print/a.md", "signs.md", ["A4"], "portrait")


def test_a_page_listed_twice_is_an_error_on_its_line():
    text = ("items:\n  - page: print/a.md\n    online: signs.md\n"
            "  - page: print/a.md\n    online: contacts.md\n")
    _, (e,) = load_print_items(text, "docs/_data/print.yml")
    assert (e.file, e.line, e.code) == ("docs/_data/print.yml", 4, "print")
    assert "listed twice" in e.message


def test_an_unknown_size_says_where_and_what_is_allowed():
    _, errors = load_print_items("items:\n  - page: p.md\n    online: o.md\n    sizes: [A5]\n")
    (e,) = errors
    assert e.line == 4 and "A4" in e.fix and "Input should" not in e.message
