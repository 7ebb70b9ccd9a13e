"""Tests without a build (moved from tests/build/test_opendata.py)."""

from kb.postbuild import opendata


def test_the_schema_is_generated_from_the_models():
    """One source: the published schema is the pydantic model's schema."""
    schema = opendata.schema_of(opendata.ContactsFile, "contacts")
    assert schema["$id"] == "contacts.schema.json"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"schema", "site", "groups", "emergency"}


def test_quoting_pages_reads_blockquotes_as_the_quote_checks_do():
    from kb.postbuild.opendata import quoting_pages

    pages = {
        "a.md": ("a.html", "A", "> Quoted text,\ncontinued lazily.[^lazy-key]\n"),
        "b.md": ("b.html", "B", "```\n> Not a quote.[^code-key]\n```\n"),
    }
    quoted = quoting_pages(pages)
    assert [p.url for p in quoted["lazy-key"]] == ["a.html"]
    assert "code-key" not in quoted
