"""Property tests: the checks never crash on arbitrary Markdown or front matter.

They either pass or return ContentErrors with a file and a sensible line.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.checks.content import check_page
from kb.core.errors import ContentError
from kb.checks.frontmatter import check_front_matter
from kb.data.sources import load_registry

REG, _ = load_registry("""\
- key: dfe-cse-2017
  title: CSE
  publisher: DfE
  date: 2017
  url: https://www.gov.uk/cse
  checked:
    method: not-checked
  quote_checked:
    method: not-checked
  quotes: ["Child sexual exploitation is a form of child sexual abuse."]
""")

PIECES = st.sampled_from([
    "---", "...", "\n", "> ", ">", "[^dfe-cse-2017]", "[^", "]", "[^x]:", "```", "~~~", "`",
    "<script>", "</script>", "<iframe", "<a href='javascript:x'>", " onclick=", "<!--",
    "-->", "<!-- kb:", "contacts", "title: ", "owner: x", "last_reviewed: 2026-11-21",
    "review_interval_months: 12", ": ", "- ", "  ", "\t", "#", "[a](b.md#c)", "![i](x.png)",
    "\"", "“", "”", "{#id}", "\r\n", "\x00", "é", "\u202e",
    "Child sexual exploitation is a form of child sexual abuse.",
])
DOCS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=60).map("".join))


def valid(errors, text):
    n_lines = text.replace("\r\n", "\n").count("\n") + 2
    for e in errors:
        assert isinstance(e, ContentError)
        assert e.file == "docs/p.md"
        assert e.line is None or 1 <= e.line <= n_lines, (e, n_lines)
        assert e.message and e.fix


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_check_page_never_crashes(text):
    valid(check_page("docs/p.md", text, REG), text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=30).map("".join)))
def test_front_matter_never_crashes(yaml_text):
    text = "---\n" + yaml_text + "\n---\n# Body\n"
    fm, errors = check_front_matter("docs/p.md", text)
    assert (fm is None) == bool(errors)
    valid(errors, text)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "description", "owner", "last_reviewed",
                                        "review_interval_months", "tags", "titel", "hide"]),
                       st.one_of(st.none(), st.integers(), st.text(max_size=20),
                                 st.dates(), st.lists(st.text(max_size=5), max_size=3))))
def test_front_matter_from_any_values(data):
    import yaml
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n"
    fm, errors = check_front_matter("docs/p.md", text)
    assert (fm is None) == bool(errors)
    valid(errors, text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=40).map("".join)))
def test_registry_never_crashes(text):
    registry, errors = load_registry(text, "docs/_data/sources.yml")
    for e in errors:
        assert isinstance(e, ContentError) and e.message and e.fix
