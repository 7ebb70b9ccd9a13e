"""Property tests: the data loaders, marker renderers and review maths never
crash on arbitrary input; they either succeed or return ContentErrors."""

from __future__ import annotations

from datetime import date

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kb.data import contacts, indicators

from kb.pagemeta import review
from kb.core.errors import ContentError
from kb.render.pipeline import PageRef, RenderData, render_markers as _render_markers


def render(markdown, group, src, offset=0, raw_body=None):
    """*group*'s markers rendered by the one marker pass (kb/render/pipeline.py)."""
    data = RenderData()
    data.add(group)
    return _render_markers(markdown, data, PageRef(src, offset=offset, raw_body=raw_body))


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                    st.dates(), st.floats(allow_nan=False))
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["id", "title", "groups", "contacts", "number", "status",
                                     "source", "last_checked", "items", "emergency", "note",
                                     "service", "x"]), inner, max_size=5)), max_leaves=20)


def _check(result):
    data, errors = result
    assert isinstance(errors, list) and all(isinstance(e, ContentError) for e in errors)
    assert all(e.line is None or e.line >= 1 for e in errors)
    return data, errors


@SETTINGS
@given(st.text(max_size=300))
@example("A:")  # a capitalised unknown key once crashed the error formatter
def test_loaders_survive_arbitrary_text(text):
    _check(contacts.load_contacts(text))
    _check(indicators.load_indicators(text))


@SETTINGS
@given(trees)
def test_loaders_survive_arbitrary_yaml_structures(tree):
    text = yaml.safe_dump(tree, allow_unicode=True)
    data, errors = _check(contacts.load_contacts(text, source_keys={"a"}))
    if data is not None:
        contacts.render_contacts(data, {})
    _check(indicators.load_indicators(text, source_keys={"a"}))


@SETTINGS
@given(st.text(max_size=400), st.lists(st.sampled_from(
    ["<!-- kb:contacts -->", "<!-- kb:emergency -->", "<!-- kb:indicators general -->",
     "<!-- kb:indicators -->", "<!-- kb:indicators a b -->", "```", "<!-- kb:other -->"]), max_size=6))
def test_marker_rendering_survives_arbitrary_markdown(text, markers):
    page = text + "\n" + "\n".join(markers)
    out, errors = render(page, contacts.ContactsMarkers(None, {}), "x.md", 3)
    assert isinstance(out, str) and all(isinstance(e, ContentError) for e in errors)
    out, errors = render(out, indicators.IndicatorsMarkers(None, None), "x.md", 3)
    assert isinstance(out, str) and all(isinstance(e, ContentError) for e in errors)


@SETTINGS
@given(st.dictionaries(st.sampled_from(["owner", "last_reviewed", "review_interval_months",
                                        "review_due", "title"]), scalars), st.dates())
def test_review_maths_survives_arbitrary_front_matter(meta, on):
    r = review.compute_review(meta, on, "p.md")
    if r is not None:
        assert r.due > r.last_reviewed or "review_due" in meta
        assert r.overdue == (on > r.due)
        assert review.review_line(r).startswith("Last reviewed on ")
