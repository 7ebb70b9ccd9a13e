"""The police actions flowchart: one data file, a diagram, a text version.

Pure functions first (YAML text in, a chart or ContentErrors out; a chart in,
SVG or Markdown out), then a short "MkDocs events" section that replaces
``<!-- kb:flowchart ROUTE -->`` markers.

The diagram is laid out by Graphviz (``dot``) at build time and inlined as
SVG, so the page needs no JavaScript. The print helper's landscape handout
calls :func:`flowchart_svg` to get the very same SVG.
"""

from __future__ import annotations

from kb.core.paths import FLOWCHART_FILE as DATA_FILE  # noqa: F401 (written once, in kb/core/paths.py)
from kb.core.mdtext import md_literal

import pathlib


import functools
import hashlib
import itertools
import html
import os
import shutil
import textwrap
from collections import deque
from dataclasses import dataclass, field

import graphviz
from lxml import etree

from kb.model.approval import check_approval
from kb.data.datafile import (
    SOURCES_FILE, load_yaml, repeated, validate)
from kb.data.sources import load_source_index
from kb.core.errors import ContentError, ContentErrors
from kb.core import yamltext
from kb.core.messages import error
from kb.model.flowchart import _Strict, Actor, Branch, Node, Route, Chart  # noqa: F401 (the schemas live in kb/model)

ROOT = pathlib.Path(__file__).resolve().parents[2]
MARKER = "flowchart"
SVG_NS = "http://www.w3.org/2000/svg"

#: The page's font stack (Material with ``font: false``). The CSS in
#: overrides/assets/flowchart.css sets the same through a variable.
FONT_STACK = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, 'DejaVu Sans', sans-serif"
#: The font Graphviz measures text with. It is wide, so the page's own
#: (narrower) fonts always fit inside the boxes.
LAYOUT_FONT = "DejaVu Sans"

SHAPES = ("box", "double-box", "rounded-box", "hexagon", "octagon")


# --- The data model -------------------------------------------------------


# --- Loading and validation -----------------------------------------------

def load_chart(text: str, file: str = DATA_FILE,
               known_sources: set[str] | None = None,
               require_approval: bool = False) -> tuple[Chart | None, list[ContentError]]:
    """Parse and check the flowchart YAML. Returns (chart, errors).

    The chart is None when there is any error, so nothing half-checked is
    ever drawn. *known_sources* is the set of keys in sources.yml; when it is
    None the citation keys are not checked against the registry. With
    *require_approval* (the project's own file) a missing top-level
    `approval` is an error.
    """
    data, locate, errors = load_yaml(text, file)
    if errors:
        return None, errors
    if data is None:
        return None, [ContentError(
            file, 1, "the flowchart file is empty",
            "Add an 'actors:' list and a 'routes:' list; see docs/_data/FLOWCHART-FORMAT.md.",
            code="flowchart-schema")]
    chart, errors = validate(
        Chart, data, locate, file,
        "Compare this entry with docs/_data/FLOWCHART-FORMAT.md: check the key names, "
        "the indentation and the allowed values.",
        "flowchart-schema", known_keys=_KEYS)
    if chart is None:
        return None, errors
    errors = check_chart(chart, locate, file, known_sources)
    if chart.approval is not None:
        errors += check_approval(file, chart.approval,
                                 lambda key: locate(("approval", key) if key else ("approval",)))
    elif require_approval:
        errors.append(error("approval-missing", file, 1, what="The flowchart data",
                            where=" at the top of the file, before `actors:`"))
    return (None if errors else chart), errors


_KEYS = sorted({name for model in (Actor, Branch, Node, Route, Chart)
                for name in model.model_fields})


def check_chart(chart: Chart, locate, file: str,
                known_sources: set[str] | None) -> list[ContentError]:
    """Every rule the schema cannot express. One ContentError per problem."""
    errors: list[ContentError] = []

    def err(path, message, fix, code):
        errors.append(ContentError(file, locate(path), message, fix, code=code))

    for a, _ in repeated(actor.id for actor in chart.actors):
        err(("actors", a, "id"), f"actor '{chart.actors[a].id}' is defined twice",
            "Give each actor its own id, or delete the second entry.", "flowchart-duplicate-id")
    for r, _ in repeated(route.id for route in chart.routes):
        err(("routes", r, "id"), f"route '{chart.routes[r].id}' is defined twice",
            "Give each route its own id.", "flowchart-duplicate-id")

    seen_node: dict[str, str] = {}  # node id -> route id
    for r, route in enumerate(chart.routes):
        for n, node in enumerate(route.nodes):
            if node.id in seen_node:
                err(("routes", r, "nodes", n, "id"),
                    f"node id '{node.id}' is used twice (first in route '{seen_node[node.id]}')",
                    "Node ids must be unique in the whole file. Rename this node, "
                    "and update every 'next:' that should point to it.", "flowchart-duplicate-id")
            else:
                seen_node[node.id] = route.id

    for r, route in enumerate(chart.routes):
        errors.extend(_check_route(chart, route, r, locate, file, known_sources, seen_node))
    return errors


def _check_route(chart, route: Route, r: int, locate, file, known_sources,
                 node_route: dict[str, str]) -> list[ContentError]:
    errors: list[ContentError] = []
    actor_ids = {a.id for a in chart.actors}
    by_id: dict[str, Node] = {}
    index: dict[str, int] = {}
    for n, node in enumerate(route.nodes):
        by_id.setdefault(node.id, node)
        index.setdefault(node.id, n)

    def err(path, message, fix, code):
        errors.append(ContentError(file, locate(("routes", r) + tuple(path)), message, fix, code=code))

    starts = [n for n in route.nodes if n.type == "start"]
    if len(starts) != 1:
        err((), f"route '{route.id}' has {len(starts)} start nodes; it needs exactly one",
            "Mark the first step of the route 'type: start' and no other.", "flowchart-start")

    broken_edge = False
    for n, node in enumerate(route.nodes):
        here = ("nodes", n)
        if not node.text.strip():
            err(here + ("text",), f"node '{node.id}' has no text",
                "Write the step in a few plain words after 'text:'.", "flowchart-schema")
        if node.actor not in actor_ids:
            err(here + ("actor",), f"node '{node.id}' has an unknown actor '{node.actor}'",
                f"Use one of: {', '.join(sorted(actor_ids))}, or add the actor to the 'actors:' list.",
                "flowchart-actor")
        # Citations.
        if not node.sources:
            err(here, f"node '{node.id}' has no source",
                "Add 'source: KEY' with the key of the source in docs/_data/sources.yml "
                "that sets out this step.", "flowchart-citation")
        elif known_sources is not None:
            for key in node.sources:
                if key not in known_sources:
                    err(here + ("source",), f"node '{node.id}' cites an unknown source '{key}'",
                        "Use a key that exists in docs/_data/sources.yml (check the spelling), "
                        "or add the source there first.", "flowchart-citation")
        # The shape of the edges for each type of node.
        if node.type == "decision":
            if node.next:
                err(here + ("next",), f"decision '{node.id}' has 'next:'; a decision uses 'branches:'",
                    "Replace 'next:' with a 'branches:' list, one item per answer, "
                    "each with a 'label:' and a 'next:'.", "flowchart-decision")
            labelled = [b for b in node.branches or [] if b.label and b.label.strip()]
            if len(labelled) < 2 or len(labelled) != len(node.branches or []):
                err(here, f"decision '{node.id}' needs at least two branches, each with a label "
                    f"(it has {len(node.branches or [])} branch(es), {len(labelled)} labelled)",
                    "Give the decision a 'branches:' list with one item per answer, for example "
                    "'- label: \"Yes\"' and 'next: NODE', then '- label: \"No\"' and 'next: NODE'.",
                    "flowchart-decision")
            labels = [b.label.strip().lower() for b in labelled]
            if len(set(labels)) != len(labels):
                err(here, f"decision '{node.id}' has two branches with the same label",
                    "Give each answer its own label, such as \"Yes\" and \"No\".", "flowchart-decision")
        else:
            if node.branches:
                err(here + ("branches",), f"{node.type} node '{node.id}' has 'branches:'; only a "
                    "decision can branch",
                    "Make the node 'type: decision' and write it as a question, or use one 'next:'.",
                    "flowchart-decision")
            if node.type == "end" and node.next:
                err(here + ("next",), f"end node '{node.id}' has 'next:'; an end is the last step",
                    "Delete 'next:', or make the node 'type: action'.", "flowchart-end")
        # Every edge must point at a node of this route.
        for b, (_, target) in enumerate(node.targets):
            path = here + (("branches", b, "next") if node.type == "decision" else ("next",))
            if target not in by_id:
                elsewhere = node_route.get(target)
                hint = (f" It belongs to route '{elsewhere}'; a route cannot jump into another route."
                        if elsewhere else "")
                err(path, f"node '{node.id}' points to an unknown node '{target}'.{hint}",
                    f"Use the id of a node in route '{route.id}' (check the spelling), "
                    "or add the missing node.", "flowchart-unknown-node")
                broken_edge = True

    if len(starts) != 1 or broken_edge:
        return errors  # reachability means nothing until these are fixed

    # Reachability from the start.
    reached = _reachable(starts[0].id, by_id)
    for node in route.nodes:
        if node.id not in reached:
            err(("nodes", index[node.id]),
                f"node '{node.id}' cannot be reached from the start of route '{route.id}'",
                "Point a 'next:' (or a decision branch) of an earlier step at this node, "
                "or delete the node.", "flowchart-unreachable")

    # Every reachable step must lead to an end.
    ends = {n.id for n in route.nodes if n.type == "end"}
    leads_to_end = _can_reach(ends, by_id)
    stuck = [n for n in route.nodes if n.id in reached and n.id not in leads_to_end]
    if not ends:
        err((), f"route '{route.id}' has no end node, so it never reaches an end",
            "Add a last step with 'type: end' and point the final 'next:' at it.", "flowchart-no-end")
    elif stuck:
        first = stuck[0]
        dead = [n.id for n in stuck if not n.targets]
        why = (f"'{dead[0]}' has no 'next:'" if dead
               else "it goes round in a loop: " + " -> ".join(n.id for n in stuck))
        err(("nodes", index[first.id]),
            f"route '{route.id}' never reaches an end from node '{first.id}': {why}",
            "Give every step a 'next:' that leads, step by step, to a node with 'type: end'.",
            "flowchart-no-end")
    return errors


def _reachable(start: str, by_id: dict[str, Node]) -> set[str]:
    seen = {start}
    todo = deque([start])
    while todo:
        for _, target in by_id[todo.popleft()].targets:
            if target in by_id and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _can_reach(goals: set[str], by_id: dict[str, Node]) -> set[str]:
    """Every node from which one of *goals* can be reached."""
    back: dict[str, list[str]] = {}
    for node in by_id.values():
        for _, target in node.targets:
            back.setdefault(target, []).append(node.id)
    seen = set(goals)
    todo = deque(goals)
    while todo:
        for src in back.get(todo.popleft(), []):
            if src not in seen:
                seen.add(src)
                todo.append(src)
    return seen


# --- The text version -----------------------------------------------------

@dataclass
class Step:
    node: Node
    branches: list["BranchSteps"] = field(default_factory=list)


@dataclass
class BranchSteps:
    label: str
    steps: list[Step | "GoTo"]
    then: str | None = None  # the node the flow rejoins after this branch


@dataclass
class GoTo:
    target: str


def route_tree(route: Route) -> list[Step | GoTo]:
    """The route as ordered steps, decisions holding their branches.

    Branches run until the point where they join again (the first step every
    branch reaches); that step then follows at the outer level. A step that
    is already written out is referred to ("go to") rather than repeated.
    """
    by_id = {n.id: n for n in route.nodes}
    order = {n.id: i for i, n in enumerate(route.nodes)}
    start = next(n.id for n in route.nodes if n.type == "start")
    placed: set[str] = set()

    def join_point(node: Node) -> str | None:
        sets = [_reachable(t, by_id) for _, t in node.targets]
        common = set.intersection(*sets) if sets else set()
        common -= placed | {node.id}
        if not common:
            return None
        # The nearest common step: the one fewest steps from the decision.
        dist = _distances(node.id, by_id)
        return min(common, key=lambda n: (dist.get(n, 1 << 30), order[n]))

    def walk(cur: str | None, stop: str | None) -> list[Step | GoTo]:
        out: list[Step | GoTo] = []
        while cur is not None and cur != stop:
            if cur in placed:
                out.append(GoTo(cur))
                break
            node = by_id[cur]
            placed.add(cur)
            step = Step(node)
            out.append(step)
            if node.type == "decision":
                join = join_point(node)
                for label, target in node.targets:
                    if target == join:
                        step.branches.append(BranchSteps(label or "", [], then=join))
                    else:
                        sub = walk(target, join)
                        ends_itself = bool(sub) and _directs_itself(sub[-1], join)
                        step.branches.append(BranchSteps(
                            label or "", sub, then=None if ends_itself else join))
                cur = join
            elif node.type == "end":
                cur = None
            else:
                cur = node.next
        return out

    return walk(start, None)


def _directs_itself(last: Step | GoTo, join: str | None) -> bool:
    """True when the last item of a branch already says where to go next."""
    if isinstance(last, GoTo) or last.node.type == "end":
        return True
    if last.node.type == "decision" and last.branches:
        return all(b.then in (None, join) for b in last.branches)
    return False


def _distances(start: str, by_id: dict[str, Node]) -> dict[str, int]:
    dist = {start: 0}
    todo = deque([start])
    while todo:
        cur = todo.popleft()
        for _, target in by_id[cur].targets:
            if target in by_id and target not in dist:
                dist[target] = dist[cur] + 1
                todo.append(target)
    return dist


def node_label(chart: Chart, node: Node) -> str:
    """The words of a node as both versions show them: 'Police: Search …'."""
    return f"{chart.actor(node.actor).label}: {node.text.strip()}"


#: Added to a box in the diagram when its step has a ``confirm:`` note, so
#: that an unchecked step is marked on paper too (the text version gives the
#: note itself).
TO_CONFIRM = "(to be confirmed)"


def diagram_label(chart: Chart, node: Node) -> str:
    """The words of a node's box in the diagram: its label, and the
    "to be confirmed" mark when the step has a ``confirm:`` note."""
    label = node_label(chart, node)
    return f"{label} {TO_CONFIRM}" if node.confirm else label


def render_text(chart: Chart, route_id: str) -> str:
    """The text version of one route as Markdown: an ordered list of steps.

    Each step names who acts in bold and cites its sources as footnote
    references, which kb/data/sources.py fills in. Branches are nested lists.
    """
    route = chart.route(route_id)
    tree = route_tree(route)
    numbers = {s.node.id: i + 1 for i, s in enumerate(tree) if isinstance(s, Step)}

    def ref(target: str) -> str:
        node = next(n for n in route.nodes if n.id == target)
        if target in numbers:
            return f"step {numbers[target]} ({_md(node.text.strip())})"
        return f"the step “{_md(node.text.strip())}”"

    lines: list[str] = []

    def blank() -> None:
        if lines and lines[-1] != "":
            lines.append("")

    def emit(items, indent: str) -> None:
        for i, item in enumerate(items, start=1):
            if isinstance(item, GoTo):
                lines.append(f"{indent}{i}. Go to {ref(item.target)}.")
                continue
            node = item.node
            actor = chart.actor(node.actor).label
            cites = "<sup>,</sup>".join(f"[^{key}]" for key in node.sources)
            kind = {"start": "Start. ", "end": "End. "}.get(node.type, "")
            confirm = (f" *To be confirmed: {_md(node.confirm.strip())}.*"
                       if node.confirm else "")
            lines.append(f"{indent}{i}. {kind}**{_md(actor)}:** {_md(node.text.strip())}"
                         f"{_end_punct(node.text)}{cites}{confirm}")
            for branch in item.branches:
                inner = indent + "    "
                if not branch.steps:
                    lines.append(f"{inner}- **{_md(branch.label)}:** go on to {ref(branch.then)}."
                                 if branch.then else f"{inner}- **{_md(branch.label)}:** end.")
                    continue
                lines.append(f"{inner}- **{_md(branch.label)}:**")
                blank()
                emit(branch.steps, inner + "    ")
                if branch.then:
                    blank()
                    lines.append(f"{inner}    Then go on to {ref(branch.then)}.")
                blank()
            if item.branches:
                blank()

    emit(tree, "")
    return "\n".join(lines)


def _end_punct(text: str) -> str:
    return "" if text.rstrip()[-1:] in ".?!" else "."


def _md(text: str) -> str:
    """Route text shown as written (kb.core.mdtext.md_literal)."""
    return md_literal(text, "\\`*_[]")


def step_order(route: Route) -> list[str]:
    """Node ids in the order the text version lists them (depth first)."""
    out: list[str] = []

    def visit(items):
        for item in items:
            if isinstance(item, Step):
                out.append(item.node.id)
                for b in item.branches:
                    visit(b.steps)
    visit(route_tree(route))
    return out


# --- The diagram ----------------------------------------------------------

class RendererMissing(RuntimeError):
    """Graphviz's ``dot`` program is not installed."""


_GV_SHAPE = {
    "box": {"shape": "box", "style": "filled"},
    "double-box": {"shape": "box", "style": "filled", "peripheries": "2"},
    "rounded-box": {"shape": "box", "style": "rounded,filled"},
    "hexagon": {"shape": "hexagon", "style": "filled"},
    "octagon": {"shape": "octagon", "style": "filled"},
}
_GV_TYPE = {
    "start": {"shape": "ellipse", "style": "filled,bold"},
    "end": {"shape": "ellipse", "style": "filled,bold"},
    "decision": {"shape": "diamond", "style": "filled"},
}


def _gv_label(chart: Chart, node: Node) -> str:
    width = 24 if node.type == "decision" else 30
    lines = textwrap.wrap(" ".join(node.text.split()), width=width) or [""]
    actor = html.escape(chart.actor(node.actor).label + ":", quote=False)
    body = '<BR ALIGN="CENTER"/>'.join(html.escape(line, quote=False) for line in lines)
    if node.confirm:
        body += f'<BR ALIGN="CENTER"/><I>{html.escape(TO_CONFIRM, quote=False)}</I>'
    return f'<<B>{actor}</B><BR ALIGN="CENTER"/>{body}>'


#: Routes with at least this many steps are folded into two columns on
#: paper, and into three from PRINT_THREE_COLUMNS steps.
PRINT_TWO_COLUMNS = 8
PRINT_THREE_COLUMNS = 12


def print_columns(route: Route) -> list[list[str]]:
    """Split a route's top-level steps into one, two or three columns for paper.

    A long route drawn as one column is too tall for an A4 landscape page,
    so the print layout snakes it: each further column starts at a
    top-level step (one every path passes through), chosen so that the
    tallest column is as short as possible. A route of 12 or more steps
    gets three columns, so its type stays large enough to read.
    """
    top = [item for item in route_tree(route) if isinstance(item, Step)]

    def size(step: Step) -> int:
        return 1 + sum(size(s) for b in step.branches for s in b.steps if isinstance(s, Step))

    sizes = [size(step) for step in top]
    total = sum(sizes)
    if total < PRINT_TWO_COLUMNS or len(top) < 3:
        return [[s.node.id for s in top]]
    n = 3 if total >= PRINT_THREE_COLUMNS and len(top) >= 5 else 2

    def heights(cuts: tuple[int, ...]) -> list[int]:
        bounds = (0,) + cuts + (len(top),)
        return [sum(sizes[a:b]) for a, b in zip(bounds, bounds[1:])]

    # The shortest tallest column, then the most even columns; on a tie, the
    # later cuts (fuller first columns).
    best = min(itertools.combinations(range(1, len(top)), n - 1),
               key=lambda cuts: (max(heights(cuts)), max(heights(cuts)) - min(heights(cuts)),
                                 tuple(-c for c in cuts)))
    bounds = (0,) + best + (len(top),)
    return [[s.node.id for s in top[a:b]] for a, b in zip(bounds, bounds[1:])]


def to_dot(chart: Chart, route_ids: list[str], layout: str = "screen") -> graphviz.Digraph:
    """The Graphviz graph for one or more routes (several go side by side).

    ``layout="screen"`` draws each route as one column, which scrolls well on
    a phone. ``layout="print"`` folds a long single route into two or three
    columns, so it fits an A4 landscape page at a readable size.
    """
    g = graphviz.Digraph("flowchart")
    g.attr(rankdir="TB", nodesep="0.3", ranksep="0.32", bgcolor="transparent",
           pad="0.08", fontname=LAYOUT_FONT, newrank="true")
    g.attr("node", fontname=LAYOUT_FONT, fontsize="14", color="#1f1f1f",
           fontcolor="#111111", penwidth="1.3", margin="0.14,0.06")
    g.attr("edge", fontname=LAYOUT_FONT, fontsize="14", color="#1f1f1f",
           fontcolor="#111111", penwidth="1.3", arrowsize="0.8")
    several = len(route_ids) > 1
    for route_id in route_ids:
        route = chart.route(route_id)
        columns = (print_columns(route) if layout == "print" and not several
                   else [[]])
        # The edges that jump from the foot of one column to the top of the next.
        folds = [(columns[i][-1], columns[i + 1][0]) for i in range(len(columns) - 1)]
        sub = graphviz.Digraph(f"cluster_{route.id}" if several else route.id)
        if several:
            sub.attr(label=route.title, fontsize="18", fontname=LAYOUT_FONT,
                     style="rounded", color="#777777", labeljust="l", margin="12")
        for node in route.nodes:
            actor = chart.actor(node.actor)
            attrs = dict(_GV_TYPE.get(node.type) or _GV_SHAPE[actor.shape])
            sub.node(node.id, _gv_label(chart, node), fillcolor=actor.colour, **attrs)
        for node in route.nodes:
            for k, (label, target) in enumerate(node.targets):
                attrs = {"weight": "3" if k == 0 else "1"}
                if label:
                    attrs["label"] = f"<<B>{html.escape(label, quote=False)}</B>>"
                if (node.id, target) in folds:
                    # The edge that jumps to the top of the next column.
                    attrs.update(constraint="false", tailport="e", headport="w")
                sub.edge(node.id, target, **attrs)
        if folds:
            # The tops of the columns share a rank, left to right.
            tops = [columns[0][0]] + [head for _, head in folds]
            with sub.subgraph() as same:
                same.attr(rank="same")
                for top_id in tops:
                    same.node(top_id)
            for left, right in zip(tops, tops[1:]):
                sub.edge(left, right, style="invis", weight="0")
        g.subgraph(sub)
    return g


MISSING_DOT = ("The flowchart needs Graphviz's 'dot' program, which was not found. "
               "Install Graphviz (Debian: 'sudo apt-get install graphviz'; .ci/run does this) "
               "and build again.")

#: Laid-out SVGs by hash of their DOT source, so a rebuild with unchanged
#: data skips Graphviz (about 0.15 s a drawing). Git ignores .cache/.
CACHE_DIR = ROOT / ".cache" / "flowchart"


def run_dot(source: str, cache_dir: pathlib.Path | None = None) -> bytes:
    """Lay out a DOT graph with Graphviz; a clear error if it is missing."""
    key = hashlib.sha256(f"graphviz-{graphviz.__version__}\n{source}".encode()).hexdigest()
    cached = cache_dir / f"{key}.svg" if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    try:
        out = graphviz.pipe("dot", "svg", source.encode("utf-8"))
    except graphviz.ExecutableNotFound as exc:
        raise RendererMissing(MISSING_DOT) from exc
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(out)
            tmp.replace(cached)
        except OSError:
            pass  # a read-only tree just goes without the cache
    return out


def dot_available() -> bool:
    return shutil.which("dot") is not None


def polish_svg(raw: bytes, chart: Chart, route_ids: list[str], slug: str,
               title: str, desc: str, layout: str = "screen") -> str:
    """Make Graphviz's SVG fit for inlining in the page.

    Drops the XML prolog, comments and fixed size; adds role="img", a
    <title> and <desc> referenced by aria-labelledby/aria-describedby; keeps
    the node ids as data attributes and removes every other id (three
    diagrams share one page); sets the page's font stack. Refuses anything
    that could run or load: scripts, event handlers, links.
    """
    parser = etree.XMLParser(remove_comments=True, remove_pis=True, resolve_entities=False,
                             no_network=True, remove_blank_text=True)
    root = etree.fromstring(raw, parser)
    q = lambda tag: f"{{{SVG_NS}}}{tag}"  # noqa: E731

    for attr in ("width", "height"):
        root.attrib.pop(attr, None)
    view = [float(v) for v in root.get("viewBox", "0 0 0 0").split()]
    width_px = round(view[2]) if len(view) == 4 else 0
    # Graphviz user units are points; 1 unit = 1 CSS px keeps 14pt text at 14px.
    root.set("class", f"kb-flowchart__svg kb-flowchart__svg--{layout}")
    root.set("data-layout", layout)
    root.set("role", "img")
    root.set("focusable", "false")
    root.set("style", f"--kb-flowchart-width: {width_px}px")
    root.set("preserveAspectRatio", "xMidYMin meet")
    title_id, desc_id = f"kb-flowchart-{slug}-title", f"kb-flowchart-{slug}-desc"
    root.set("aria-labelledby", title_id)
    root.set("aria-describedby", desc_id)

    # Graphviz's own <title>s name the graph, each node and each edge; turn
    # them into data attributes the tests (and nobody else) read.
    for group in root.iter(q("g")):
        own_title = group.find(q("title"))
        kind = group.get("class", "")
        if own_title is not None:
            name = own_title.text or ""
            if kind == "node":
                group.set("data-node", name)
            elif kind == "edge" and "->" in name:
                src, dst = name.split("->", 1)
                group.set("data-from", src)
                group.set("data-to", dst)
            elif kind == "cluster":
                group.set("data-route", name.removeprefix("cluster_"))
            group.remove(own_title)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        el.attrib.pop("id", None)
        for attr in list(el.attrib):
            local = etree.QName(attr).localname
            if local.startswith("on") or local == "href":
                raise ValueError(f"unexpected '{local}' attribute in the flowchart SVG")
        if etree.QName(el).localname in ("script", "a", "foreignObject", "image", "use"):
            raise ValueError(f"unexpected <{etree.QName(el).localname}> in the flowchart SVG")
        if el.tag == q("text"):
            el.set("font-family", FONT_STACK)

    t = etree.Element(q("title"), id=title_id)
    t.text = title
    d = etree.Element(q("desc"), id=desc_id)
    d.text = desc
    root.insert(0, d)
    root.insert(0, t)
    return etree.tostring(root, encoding="unicode")


@functools.lru_cache(maxsize=32)
def _svg_cached(chart_json: str, route_key: tuple[str, ...], slug: str, layout: str) -> str:
    chart = Chart.model_validate_json(chart_json)
    route_ids = list(route_key)
    dot = to_dot(chart, route_ids, layout)
    raw = run_dot(dot.source, CACHE_DIR)
    if len(route_ids) == 1:
        route = chart.route(route_ids[0])
        title = f"Police actions flowchart: {route.title.lower()[0]}{route.title[1:]}"
        desc = (f"{' '.join(route.summary.split())} The flowchart has {len(route.nodes)} "
                "steps. The same steps are listed as text next to it.")
    else:
        title = "Police actions flowcharts: " + "; ".join(chart.route(r).title for r in route_ids)
        desc = ("Three flowcharts side by side. The same steps are listed as text on the "
                "police actions page.")
    return polish_svg(raw, chart, route_ids, slug, title, desc, layout)


LAYOUTS = ("screen", "print")


def render_svg(chart: Chart, route_id: str | None = None, layout: str = "screen") -> str:
    """Inline SVG for one route, or for every route side by side (None).

    *layout* is "screen" (one column per route) or "print" (a long route
    folded into two or three columns to fit an A4 landscape page).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    route_ids = [route_id] if route_id else [r.id for r in chart.routes]
    slug = f"{route_id or 'all'}-{layout}"
    return _svg_cached(chart.model_dump_json(), tuple(route_ids), slug, layout)


def legend_html(chart: Chart, route_ids: list[str]) -> str:
    """The key: one entry per actor (shape, colour, name) and per node type."""
    used = []
    for rid in route_ids:
        for node in chart.route(rid).nodes:
            if node.actor not in used:
                used.append(node.actor)
    from kb.core.partials import partial

    actors = [a for a in chart.actors if a.id in used]
    confirm = any(node.confirm for rid in route_ids for node in chart.route(rid).nodes)
    return partial("flowchart-legend.html", actors=actors, confirm=confirm, to_confirm=TO_CONFIRM)


def render_block(chart: Chart, route_id: str) -> str:
    """What replaces a marker: the figure (diagram and key) then the text version."""
    route = chart.route(route_id)
    svg = render_svg(chart, route_id, "screen") + render_svg(chart, route_id, "print")
    from kb.core.partials import Markup, partial

    figure = partial("flowchart-figure.html", route=route.id, title=route.title, svg=Markup(svg),
                     legend=Markup(legend_html(chart, [route_id])))
    assert "\n\n" not in figure  # a blank line would end Markdown's HTML block
    text = render_text(chart, route_id)
    return (f"{figure}\n\n"
            f'<div class="kb-flowchart-steps" data-route="{html.escape(route.id)}" markdown>\n\n'
            f"**The same steps as a list** (the diagram above shows them as a chart):\n\n"
            f"{text}\n\n</div>\n")


# --- Entry points for scripts and the print helper -------------------------

def load_project_chart(root: pathlib.Path = ROOT) -> tuple[Chart | None, list[ContentError]]:
    """Load docs/_data/flowchart.yml and check its citations against sources.yml."""
    path = root / DATA_FILE
    try:
        text, errors = yamltext.read_text(path, DATA_FILE)
    except OSError as exc:
        return None, [ContentError(DATA_FILE, None, f"cannot read the flowchart file ({exc})",
                                   "Create docs/_data/flowchart.yml; see FLOWCHART-FORMAT.md.",
                                   code="flowchart-schema")]
    if errors:
        return None, errors
    known = set(load_source_index(root / SOURCES_FILE)) or None  # none: sources.yml is reported
    return load_chart(text, DATA_FILE, known, require_approval=True)


def flowchart_svg(route: str | None = None, layout: str = "print",
                  root: pathlib.Path = ROOT) -> str:
    """The inline SVG of one route (or of all routes side by side, with None).

    With the default ``layout="print"`` this is exactly the SVG the police
    actions page prints on its A4 landscape page, so a printed handout that
    calls it shows the same diagram. ``layout="screen"`` gives the one-column
    version the page shows on screen. Raises ContentErrors if the data file
    has errors, KeyError for an unknown route and RendererMissing if
    Graphviz is not installed.
    """
    chart, errors = load_project_chart(root)
    if errors:
        raise ContentErrors(errors)
    return render_svg(chart, route, layout)


class FlowchartMarkers:
    """The flowchart marker's group (kb/render/pipeline.py). *chart* is None
    when the data file has errors (already reported): the markers are then
    removed. Rendering raises RendererMissing without Graphviz."""

    owner = "kb/data/flowchart.py"
    names = frozenset({MARKER})

    def __init__(self, chart: "Chart | None") -> None:
        self.chart = chart

    def render(self, page, name, args, line):
        chart = self.chart
        if len(args) != 1:
            return "", [ContentError(
                page.file, line, "the flowchart marker needs exactly one route name",
                "Write <!-- kb:flowchart ROUTE --> with ROUTE one of the route ids in "
                f"{DATA_FILE}.", code="flowchart-marker")]
        if chart is None:
            return "", []
        try:
            return render_block(chart, args[0]), []
        except KeyError:
            return "", [ContentError(
                page.file, line, f"unknown flowchart route '{args[0]}'",
                f"Use one of: {', '.join(r.id for r in chart.routes)}.",
                code="flowchart-marker")]
