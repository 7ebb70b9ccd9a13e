"""What the three police actions routes must say, checked on the real data.

These tests read docs/_data/flowchart.yml itself. They hold the safeguarding
rules from the content review (issue 14, point 5), so that a later edit of
the routes cannot quietly undo them:

- in the missing route, a concern about exploitation is acted on at once
  (CERAF, referral, strategy discussion), before the return home steps;
- every route gives an immediate response and says not to wait for METRAC;
- the CERAF is completed "now", as soon as there is a concern;
- whoever has the concern makes the referral, to the front door of the
  child's own area (not "the MASH" for every area);
- the unaccompanied route gives the child a safe place to stay and warns
  that these children are at risk of going missing and being trafficked
  again.

Steps are found by what they say, not by their ids, so an editor may rename
an id without breaking a test; the tests fail only when the meaning goes.
The print layout tests at the end use small generated routes.
"""

from __future__ import annotations

import re

import pytest
import yaml
from lxml import etree

from kb.data import flowchart as fc

READER = "whoever-has-the-concern"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def chart():
    chart, errors = fc.load_project_chart()
    assert errors == [], "\n".join(e.format() for e in errors)
    return chart


def steps(route, *patterns, kind=None):
    """The nodes of *route* whose text matches every regex in *patterns*."""
    return [n for n in route.nodes
            if all(re.search(p, " ".join(n.text.split()), re.I) for p in patterns)
            and (kind is None or n.type == kind)]


def one(route, *patterns, kind=None):
    found = steps(route, *patterns, kind=kind)
    assert len(found) == 1, (route.id, patterns, [n.id for n in found])
    return found[0]


def position(route):
    return {node_id: i for i, node_id in enumerate(fc.step_order(route))}


def is_ceraf(node):
    return node.type == "action" and re.search(r"complete a CERAF", node.text, re.I)


def is_referral(node):
    """A referral to children's services (not to the NRM or the ICTG service)."""
    text = " ".join(node.text.split())
    return bool(re.search(r"\brefer\b", text, re.I)) and not re.search(r"NRM|ICTG", text)


def is_immediate(node):
    text = " ".join(node.text.split())
    return "999" in text and re.search(r"do not wait for METRAC", text, re.I)


# --- The missing route ----------------------------------------------------

def test_missing_route_acts_on_exploitation_before_the_child_comes_back(chart):
    route = chart.route("missing")
    by_id = {n.id: n for n in route.nodes}
    question = one(route, r"suspect exploitation", kind="decision")
    yes = next(b.next for b in question.branches if b.label == "Yes")
    safe_well = one(route, r"safe and well check")
    interview = one(route, r"return home interview")

    # Follow the "Yes" answer step by step: it must complete a CERAF, refer
    # and reach the strategy discussion before the safe and well check.
    walked, cur = [], yes
    while cur != safe_well.id:
        node = by_id[cur]
        assert node.type == "action", f"{cur} stops the 'Yes' path before the return"
        walked.append(node)
        cur = node.next
    assert any(is_ceraf(n) for n in walked)
    assert any(is_referral(n) for n in walked)
    assert any("strategy discussion" in n.text for n in walked)

    # And in the order the page lists the steps.
    pos = position(route)
    strategy = one(route, r"strategy discussion")
    for early in [n for n in route.nodes if is_ceraf(n) or is_referral(n)] + [strategy]:
        assert pos[early.id] < pos[safe_well.id] < pos[interview.id], early.id


def test_missing_route_has_a_strategy_discussion_where_harm_is_suspected(chart):
    node = one(chart.route("missing"), r"strategy discussion")
    assert node.actor == "childrens-services"
    assert re.search(r"reasonable cause to suspect significant harm", " ".join(node.text.split()))
    assert "wt-2023" in node.sources


def test_the_no_answer_still_reaches_the_strategy_discussion(chart):
    """A missing child can be at risk of significant harm without a known
    exploitation concern: the 'No' answer must not skip the discussion."""
    route = chart.route("missing")
    question = one(route, r"suspect exploitation", kind="decision")
    no = next(b.next for b in question.branches if b.label == "No")
    assert no == one(route, r"strategy discussion").id


# --- Every route ----------------------------------------------------------

@pytest.mark.parametrize("route_id", ["missing", "unaccompanied", "exploitation"])
def test_every_route_gives_an_immediate_response_and_does_not_wait_for_metrac(chart, route_id):
    route = chart.route(route_id)
    immediate = [n for n in route.nodes if is_immediate(n)]
    assert immediate, f"route {route_id} has no 'call 999, do not wait for METRAC' step"
    pos = position(route)
    first = min(pos[n.id] for n in immediate)
    # It comes before every other action, so nothing is done first.
    actions = [n for n in route.nodes if n.type == "action" and n not in immediate]
    assert all(first < pos[n.id] for n in actions), route_id
    for node in immediate:
        assert "wt-2023" in node.sources  # immediate protection
        assert "iowscp-child-exploitation" in node.sources  # METRAC meets monthly
        assert re.search(r"at high risk", " ".join(node.text.split()))
    # METRAC itself, where the route has it, comes after the immediate step.
    for node in steps(route, r"METRAC reviews"):
        assert first < pos[node.id]


@pytest.mark.parametrize("route_id", ["missing", "unaccompanied", "exploitation"])
def test_the_reader_makes_the_referral_to_their_own_area(chart, route_id):
    route = chart.route(route_id)
    referrals = [n for n in route.nodes if is_referral(n)]
    assert referrals, f"route {route_id} has no referral to children's services"
    for node in referrals:
        text = " ".join(node.text.split())
        assert node.actor == READER, f"{node.id}: the referral is someone else's job"
        assert "yourself" in text
        # Each area's front door, by name.
        assert "Hampshire and Isle of Wight: Children's Reception Team" in text
        assert "Portsmouth: MASH" in text
        assert "Southampton: Children's Resource Service" in text
        assert "hips-procedures-referrals" in node.sources
        for key in ("hampshirescp-faq", "portsmouthscp", "southampton-crs"):
            assert key in node.sources, (node.id, key)


def test_the_reader_actor_says_who_it_is(chart):
    assert chart.actor(READER).label == "Whoever has the concern"


def test_no_step_leaves_the_referral_to_the_police(chart):
    for route in chart.routes:
        for node in route.nodes:
            if node.actor != READER:
                assert not is_referral(node), f"{node.id}: '{node.text}' is not the reader's step"


def test_no_step_calls_every_front_door_the_mash(chart):
    for route in chart.routes:
        for node in route.nodes:
            assert "(MASH)" not in node.text, node.id
            assert "front door (" not in node.text, node.id


@pytest.mark.parametrize("route_id", ["missing", "exploitation"])
def test_the_ceraf_is_completed_as_soon_as_there_is_a_concern(chart, route_id):
    route = chart.route(route_id)
    ceraf = [n for n in route.nodes if is_ceraf(n)]
    assert len(ceraf) == 1, route_id
    node = ceraf[0]
    assert node.actor == READER
    assert re.search(r"\bnow\b", node.text)
    assert "hampshirescp-ceraf" in node.sources


@pytest.mark.parametrize("route_id", ["missing", "exploitation"])
def test_the_ceraf_step_says_not_to_hold_back_the_referral(chart, route_id):
    """The CERAF step comes before the referral step, so it must not read as
    "finish the form first" (issue 14 review: worried/index.md says not to
    hold back a referral to finish other forms, from the HIPS Procedures)."""
    node = next(n for n in chart.route(route_id).nodes if is_ceraf(n))
    text = " ".join(node.text.split())
    assert re.search(r"do not hold back the referral", text, re.I), text
    assert "hips-procedures-exploited" in node.sources


@pytest.mark.parametrize("route_id", ["unaccompanied", "exploitation"])
def test_nrm_and_ictg_steps_cite_sources_that_say_so(chart, route_id):
    """The ICTG rule is on the Lancashire page, not in the Home Office ICTG
    guidance; the no-consent rule is on the Leeds page (the NRM guidance's
    chapter on children has not been compared). A "full referral" is not
    claimed while no source says it."""
    route = chart.route(route_id)
    nrm = [n for n in route.nodes if n.type == "action" and "NRM" in n.text]
    ictg = [n for n in route.nodes if n.type == "action" and "ICTG" in n.text]
    assert nrm and ictg
    for node in nrm:
        assert "leeds-scp-nrm" in node.sources and "consent" in node.text
        assert "full" not in node.text.lower() or node.confirm, node.id
    for node in ictg:
        assert "lancashire-ictg" in node.sources
        assert "ho-ictg-guidance" not in node.sources, node.id


def test_in_the_exploitation_route_the_ceraf_comes_first(chart):
    route = chart.route("exploitation")
    pos = position(route)
    ceraf = next(n for n in route.nodes if is_ceraf(n))
    for later in (one(route, r"crime report"), one(route, r"strategy discussion"),
                  next(n for n in route.nodes if is_referral(n)), one(route, r"METRAC reviews")):
        assert pos[ceraf.id] < pos[later.id], later.id


# --- The unaccompanied route ------------------------------------------------

def test_unaccompanied_route_gives_the_child_a_safe_place_to_stay(chart):
    route = chart.route("unaccompanied")
    stay = one(route, r"safe place to stay", r"local authority provides")
    assert stay.actor == "childrens-services"
    assert "dfe-unaccompanied-2017" in stay.sources
    pos = position(route)
    assert pos[stay.id] < pos[one(route, r"signs of trafficking", kind="decision").id]


def test_unaccompanied_route_warns_about_going_missing_and_trafficking(chart):
    route = chart.route("unaccompanied")
    warning = one(route, r"risk of going missing", r"trafficked again")
    assert "dfe-unaccompanied-2017" in warning.sources
    # The warning comes on every path: before the route splits.
    pos = position(route)
    assert pos[warning.id] < pos[one(route, r"signs of trafficking", kind="decision").id]


# --- Honest sourcing ----------------------------------------------------------

def test_steps_the_review_found_unsourced_are_marked_or_resourced(chart):
    """The review (2C) named steps with no real source. Each is either marked
    'to be confirmed' or now cites a source that sets it out."""
    for route in chart.routes:
        for node in route.nodes:
            # The police.uk home page sets out no procedure step.
            if node.sources == ["police-uk-101"]:
                assert node.confirm, node.id
    missing, exploitation = chart.route("missing"), chart.route("exploitation")
    assert one(missing, r"Tell children's services that the child was missing").confirm
    assert one(exploitation, r"crime report").confirm
    assert one(chart.route("unaccompanied"), r"plan", r"going missing").confirm
    for route in chart.routes:
        for node in steps(route, r"strategy discussion"):
            assert "wt-2023" in node.sources and not node.confirm


def test_an_unconfirmed_step_is_marked_on_the_diagram_and_in_the_key(chart):
    route = chart.route("missing")
    node = next(n for n in route.nodes if n.confirm)
    root = etree.fromstring(fc.render_svg(chart, "missing", "print").encode())
    group = next(g for g in root.iter(f"{SVG}g") if g.get("data-node") == node.id)
    assert fc.TO_CONFIRM in " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
    assert fc.TO_CONFIRM in fc.legend_html(chart, ["missing"])
    # A route with nothing to confirm has no such entry in its key.
    clean = chart.model_copy(deep=True)
    for n in clean.route("missing").nodes:
        n.confirm = None
    assert fc.TO_CONFIRM not in fc.legend_html(clean, ["missing"])


# --- The print layout: one, two or three columns ----------------------------

def linear_chart(steps_count: int) -> fc.Chart:
    """A route of *steps_count* steps in a row, start to end."""
    nodes = []
    for i in range(steps_count):
        node = {"id": f"s{i}", "actor": "a", "text": f"Step number {i} of the route",
                "source": "x", "type": "action"}
        if i == 0:
            node["type"] = "start"
        if i == steps_count - 1:
            node["type"] = "end"
        else:
            node["next"] = f"s{i + 1}"
        nodes.append(node)
    data = {"actors": [{"id": "a", "label": "Someone", "shape": "box", "colour": "#ffffff"}],
            "routes": [{"id": "r", "title": "A route", "summary": "A route.", "nodes": nodes}]}
    chart, errors = fc.load_chart(yaml.safe_dump(data), "x.yml", {"x"})
    assert errors == []
    return chart


@pytest.mark.parametrize("count, columns", [(5, 1), (7, 1), (8, 2), (11, 2), (12, 3), (16, 3)])
def test_long_routes_fold_into_more_columns(count, columns):
    route = linear_chart(count).route("r")
    cols = fc.print_columns(route)
    assert len(cols) == columns
    assert [i for col in cols for i in col] == [f"s{i}" for i in range(count)]
    # Balanced: no column is more than one step taller than another.
    sizes = [len(col) for col in cols]
    assert max(sizes) - min(sizes) <= 1


def test_three_columns_are_drawn_side_by_side():
    chart = linear_chart(13)
    cols = fc.print_columns(chart.route("r"))
    dot = fc.to_dot(chart, ["r"], "print").source
    assert len(cols) == 3
    # The edge from the foot of each column to the top of the next does not
    # pull the next column down; the tops are chained left to right.
    for left, right in zip(cols, cols[1:]):
        assert f"{left[-1]} -> {right[0]} [constraint=false" in dot
        assert f"{left[0]} -> {right[0]} [style=invis" in dot
    assert dot.count("constraint=false") == 2
    root = etree.fromstring(fc.run_dot(dot))
    width, height = [float(v) for v in root.get("viewBox").split()[2:]]
    assert width > 1.5 * height, "three columns make a wide, landscape drawing"
    screen = etree.fromstring(fc.run_dot(fc.to_dot(chart, ["r"], "screen").source))
    assert float(screen.get("viewBox").split()[3]) > 2 * height, "the screen drawing stays one column"
