"""Unit tests for kb/data/flowchart.py: loading, checks, text and SVG."""

from __future__ import annotations

import markupsafe
import re
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import etree

from kb.data import flowchart as fc
from kb.data.sources import load_source_index
from kb.core.errors import ContentErrors

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "flowchart"
KNOWN = set(load_source_index(FIXTURES / "sources.yml"))
SVG = "{http://www.w3.org/2000/svg}"


def load_fixture(name: str):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text, fc.load_chart(text, f"tests/fixtures/flowchart/{name}", KNOWN)


def marked_line(text: str) -> int:
    """The 1-based line carrying the fixture's '# <- error' mark."""
    lines = [i for i, line in enumerate(text.splitlines(), start=1)
             if "# <- error" in line and not line.lstrip().startswith("#")]
    assert len(lines) == 1, "each bad fixture marks exactly one line"
    return lines[0]


# --- Bad data: one fixture per error, each with its message -----------------

BAD = {
    # fixture: (code, words the message must contain, words the fix must contain)
    "bad-unknown-node.yml": ("flowchart-unknown-node",
                             "node 'demo-act' points to an unknown node 'demo-ned'",
                             "Use the id of a node in route 'demo'"),
    "bad-duplicate-id.yml": ("flowchart-duplicate-id",
                             "node id 'demo-act' is used twice (first in route 'demo')",
                             "Node ids must be unique"),
    "bad-unreachable.yml": ("flowchart-unreachable",
                            "node 'demo-orphan' cannot be reached from the start of route 'demo'",
                            "Point a 'next:'"),
    "bad-decision-one-branch.yml": ("flowchart-decision",
                                    "decision 'demo-question' needs at least two branches, "
                                    "each with a label (it has 1 branch(es), 1 labelled)",
                                    "'branches:' list"),
    "bad-decision-unlabelled.yml": ("flowchart-decision",
                                    "decision 'demo-question' needs at least two branches, "
                                    "each with a label (it has 2 branch(es), 1 labelled)",
                                    "label"),
    "bad-loop.yml": ("flowchart-no-end",
                     "route 'demo' never reaches an end from node 'demo-act': it goes round "
                     "in a loop: demo-act -> demo-again",
                     "type: end"),
    "bad-dead-end.yml": ("flowchart-no-end",
                         "route 'demo' never reaches an end from node 'demo-act': "
                         "'demo-act' has no 'next:'",
                         "type: end"),
    "bad-missing-source.yml": ("flowchart-citation", "node 'demo-act' has no source",
                               "docs/_data/sources.yml"),
    "bad-unknown-source.yml": ("flowchart-citation",
                               "node 'demo-act' cites an unknown source 'src-z'",
                               "docs/_data/sources.yml"),
    "bad-unknown-actor.yml": ("flowchart-actor",
                              "node 'demo-act' has an unknown actor 'social-worker'",
                              "any-professional, police"),
    "bad-misspelt-key.yml": ("flowchart-schema",
                             "unknown key 'sorce' (is it misspelt?): did you mean 'source'?",
                             "FLOWCHART-FORMAT.md"),
    "bad-unquoted-yes.yml": ("flowchart-schema", "Put the label in quotes",
                             "FLOWCHART-FORMAT.md"),
    "bad-invalid-yaml.yml": ("data-yaml", "The YAML is not valid", "indentation"),
}


def test_every_bad_fixture_is_listed():
    on_disk = {p.name for p in FIXTURES.glob("bad-*.yml")}
    assert on_disk == set(BAD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_fixture_fails_with_the_right_message(name):
    code, message, fix = BAD[name]
    text, (chart, errors) = load_fixture(name)
    assert chart is None, "a chart with errors must not be drawn"
    assert len(errors) == 1, [e.format() for e in errors]
    err = errors[0]
    assert err.code == code
    assert message in err.message
    assert fix in err.fix
    assert err.file == f"tests/fixtures/flowchart/{name}"
    assert err.line == marked_line(text)
    # The formatted message an editor sees: file:line, what, how to fix.
    assert err.format().startswith(f"tests/fixtures/flowchart/{name}:{err.line}: ")
    assert "How to fix: " in err.format()


def test_good_fixture_loads():
    _, (chart, errors) = load_fixture("good.yml")
    assert errors == []
    assert [r.id for r in chart.routes] == ["demo"]


def test_several_errors_are_all_reported():
    text = (FIXTURES / "good.yml").read_text(encoding="utf-8")
    text = text.replace("source: src-b\n        next: demo-end", "source: src-q\n        next: nowhere")
    text = text.replace("actor: any-professional\n        text: Follow", "actor: nobody\n        text: Follow")
    _, errors = fc.load_chart(text, "x.yml", KNOWN)
    codes = sorted(e.code for e in errors)
    assert codes == ["flowchart-actor", "flowchart-citation", "flowchart-unknown-node"]


def test_an_edge_into_another_route_is_explained():
    data = yaml.safe_load((FIXTURES / "good.yml").read_text(encoding="utf-8"))
    other = yaml.safe_load(yaml.safe_dump(data["routes"][0]))
    other["id"] = "other"
    for node in other["nodes"]:
        node["id"] = node["id"].replace("demo", "other")
        for key in ("next",):
            if key in node:
                node[key] = node[key].replace("demo", "other")
        for branch in node.get("branches", []):
            branch["next"] = branch["next"].replace("demo", "other")
    other["nodes"][2]["next"] = "demo-end"
    data["routes"].append(other)
    _, errors = fc.load_chart(yaml.safe_dump(data, sort_keys=False), "x.yml", KNOWN)
    assert len(errors) == 1
    assert "belongs to route 'demo'" in errors[0].message


# --- The real data ----------------------------------------------------------

@pytest.fixture(scope="module")
def chart():
    chart, errors = fc.load_project_chart()
    assert errors == [], "\n".join(e.format() for e in errors)
    return chart


def test_the_three_routes_from_the_brief_exist(chart):
    assert {r.id for r in chart.routes} == {"missing", "unaccompanied", "exploitation"}


def _svg_labels(svg: str) -> dict[str, str]:
    root = etree.fromstring(svg.encode())
    out = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("data-node"):
            words = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
            out[group.get("data-node")] = " ".join(words.split())
    return out


def _plain(markdown: str) -> str:
    text = re.sub(r"\[\^[^\]]+\]", "", markdown)
    text = text.replace("<sup>,</sup>", "")
    text = re.sub(r"\\(.)", r"\1", text).replace("**", "")
    return " ".join(text.split())


@pytest.mark.parametrize("layout", fc.LAYOUTS)
def test_every_node_label_is_in_the_svg_and_the_text(chart, layout):
    for route in chart.routes:
        labels = _svg_labels(fc.render_svg(chart, route.id, layout))
        text = _plain(fc.render_text(chart, route.id))
        assert set(labels) == {n.id for n in route.nodes}
        for node in route.nodes:
            words = " ".join(fc.node_label(chart, node).split())
            drawn = " ".join(fc.diagram_label(chart, node).split())
            assert labels[node.id] == drawn, (node.id, labels[node.id])
            assert words in text, node.id


def test_the_svg_edges_are_the_data_edges(chart):
    for route in chart.routes:
        root = etree.fromstring(fc.render_svg(chart, route.id).encode())
        drawn = set()
        for g in root.iter(f"{SVG}g"):
            if g.get("data-from"):
                label = " ".join(" ".join(t.text or "" for t in g.iter(f"{SVG}text")).split())
                drawn.add((g.get("data-from"), g.get("data-to"), label or None))
        wanted = {(n.id, t, lab) for n in route.nodes for lab, t in n.targets}
        assert drawn == wanted


def test_the_text_lists_steps_in_the_order_of_the_data(chart):
    for route in chart.routes:
        order = fc.step_order(route)
        assert sorted(order) == sorted(n.id for n in route.nodes)  # each step once
        position = {node_id: i for i, node_id in enumerate(order)}
        starts = [n.id for n in route.nodes if n.type == "start"]
        assert order[0] == starts[0]
        assert route.nodes[[n.id for n in route.nodes].index(order[-1])].type == "end"
        for node in route.nodes:
            for _, target in node.targets:
                assert position[node.id] < position[target], (node.id, target)


def test_the_text_nests_each_decision_branch_under_its_label(chart):
    route = chart.route("missing")
    md = fc.render_text(chart, "missing")
    lines = md.splitlines()
    q = next(i for i, line in enumerate(lines) if "Do you suspect exploitation" in line)
    yes = next(i for i in range(q, len(lines)) if lines[i].strip() == "- **Yes:**")
    ceraf = next(i for i in range(yes, len(lines)) if "Complete a CERAF" in lines[i])
    indent = lambda s: len(s) - len(s.lstrip())  # noqa: E731
    assert indent(lines[yes]) > indent(lines[q])
    assert indent(lines[ceraf]) > indent(lines[yes])
    assert route.nodes  # the route exists


def test_each_step_names_who_acts_and_cites_its_sources(chart):
    for route in chart.routes:
        md = fc.render_text(chart, route.id)
        for node in route.nodes:
            line = next(l for l in md.splitlines()
                        if fc._md(node.text) in l and re.match(r"\s*\d+\. ", l))
            assert f"**{fc._md(chart.actor(node.actor).label)}:**" in line
            for key in node.sources:
                assert f"[^{key}]" in line


def test_confirm_notes_are_shown_as_to_be_confirmed(chart):
    md = fc.render_text(chart, "unaccompanied")
    assert "*To be confirmed:" in md


# --- The SVG is safe to inline and accessible -------------------------------

@pytest.mark.parametrize("route", [None, "missing"])
@pytest.mark.parametrize("layout", fc.LAYOUTS)
def test_svg_is_clean_and_labelled(chart, route, layout):
    svg = fc.render_svg(chart, route, layout)
    assert not svg.startswith("<?xml") and "<!--" not in svg and "DOCTYPE" not in svg
    root = etree.fromstring(svg.encode())
    assert root.get("width") is None and root.get("height") is None
    assert root.get("viewBox")
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert title.text and desc.text
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        assert local not in ("script", "a", "image", "use", "foreignObject", "style")
        for attr, value in el.attrib.items():
            name = etree.QName(attr).localname
            assert not name.startswith("on") and name != "href"
            assert "url(" not in value and "http" not in value.replace(
                "http://www.w3.org", "")
    # Only the title and description keep ids, so three diagrams share a page.
    ids = [el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")]
    assert ids == [title.get("id"), desc.get("id")]
    assert all(t.get("font-family") == fc.FONT_STACK for t in root.iter(f"{SVG}text"))


def test_print_layout_folds_long_routes_into_two_columns(chart):
    for route in chart.routes:
        columns = fc.print_columns(route)
        flat = [i for col in columns for i in col]
        top = [s.node.id for s in fc.route_tree(route) if isinstance(s, fc.Step)]
        assert flat == top
    screen = etree.fromstring(fc.render_svg(chart, "missing", "screen").encode())
    paper = etree.fromstring(fc.render_svg(chart, "missing", "print").encode())
    ratio = lambda r: (lambda v: v[2] / v[3])([float(x) for x in r.get("viewBox").split()])  # noqa: E731
    assert ratio(screen) < 1 < ratio(paper), "paper is landscape, the screen one is tall"


def test_legend_names_every_actor_of_the_route(chart):
    legend = fc.legend_html(chart, ["missing"])
    for actor_id in {n.actor for n in chart.route("missing").nodes}:
        assert str(markupsafe.escape(chart.actor(actor_id).label)) in legend


# --- The public function for the print helper, and a changed step -----------

def _copy_data(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "_data").mkdir(parents=True)
    for name in ("flowchart.yml", "sources.yml"):
        shutil.copy(ROOT / "docs" / "_data" / name, tmp_path / "docs" / "_data" / name)
    return tmp_path / "docs" / "_data" / "flowchart.yml"


def test_changing_one_step_changes_the_diagram_and_the_text(tmp_path):
    data = _copy_data(tmp_path)
    old = "Search for the child and investigate"
    new = "Search for the child at once and investigate"
    before_svg = fc.flowchart_svg("missing", root=tmp_path)
    chart, _ = fc.load_project_chart(tmp_path)
    before_text = fc.render_text(chart, "missing")
    assert old in " ".join(_svg_labels(before_svg).values()) and old in before_text

    data.write_text(data.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    after_svg = fc.flowchart_svg("missing", root=tmp_path)
    chart, _ = fc.load_project_chart(tmp_path)
    after_text = fc.render_text(chart, "missing")
    labels = " ".join(_svg_labels(after_svg).values())
    assert new in labels and old not in labels
    assert new in after_text and old not in after_text
    for layout in fc.LAYOUTS:
        assert new in " ".join(_svg_labels(fc.render_svg(chart, "missing", layout)).values())


def test_flowchart_svg_raises_on_bad_data(tmp_path):
    data = _copy_data(tmp_path)
    data.write_text(data.read_text(encoding="utf-8").replace(
        "next: missing-search", "next: missing-serch"), encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        fc.flowchart_svg("missing", root=tmp_path)
    assert "unknown node 'missing-serch'" in str(info.value)


def test_all_routes_svg_has_every_route(chart):
    root = etree.fromstring(fc.flowchart_svg(None).encode())
    routes = {g.get("data-route") for g in root.iter(f"{SVG}g") if g.get("data-route")}
    assert routes == {r.id for r in chart.routes}


def test_missing_graphviz_gives_a_clear_error(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    assert not fc.dot_available()
    with pytest.raises(fc.RendererMissing) as info:
        fc.run_dot("digraph { a }")
    assert "Graphviz" in str(info.value) and "apt-get install graphviz" in str(info.value)


def test_layouts_are_cached_by_their_dot_source(tmp_path):
    first = fc.run_dot("digraph { a -> b }", tmp_path)
    assert len(list(tmp_path.glob("*.svg"))) == 1
    assert fc.run_dot("digraph { a -> b }", tmp_path) == first
    fc.run_dot("digraph { a -> c }", tmp_path)
    assert len(list(tmp_path.glob("*.svg"))) == 2
