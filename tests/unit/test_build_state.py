"""kb_mkdocs/build.py: each build's state on one object; nothing carries over."""

import ast
import pathlib

from kb_mkdocs import build

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_a_new_build_starts_every_step_from_its_initial_state():
    state = build.StepState("example", {"seen": [], "count": 0})
    build.start()
    state["seen"].append("page.md")
    state["count"] += 1
    assert dict(state) == {"seen": ["page.md"], "count": 1}
    first = build.current()
    build.start()
    assert build.current() is not first and build.current().number > first.number
    assert dict(state) == {"seen": [], "count": 0}  # the initial value was not changed either


def test_a_new_build_reports_messages_again():
    from kb.core.errors import ContentError, report

    err = ContentError("docs/x.md", 1, "a message", "a fix", severity="warning")
    from kb.core import errors

    build.start()
    report([err])
    assert err.format() in errors._REPORTED  # the same build does not repeat it
    build.start()
    assert err.format() not in errors._REPORTED


def test_every_step_keeps_its_state_on_the_build():
    """No step module keeps a dict, list or set of its own at module level."""
    offenders = []
    for path in sorted((ROOT / "kb_mkdocs" / "steps").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(
                    node.value, (ast.Dict, ast.List, ast.Set, ast.DictComp)):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                name = getattr(target, "id", "?")
                if "STATE" in name.upper() or not name.lstrip("_").isupper():  # constants are not state
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []
    # A step's state is its StepState, or the build's RenderData (its marker group).
    uses = [p.name for p in (ROOT / "kb_mkdocs" / "steps").glob("*.py")
            if "StepState(" in p.read_text(encoding="utf-8")
            or "build.current().render" in p.read_text(encoding="utf-8")]
    assert len(uses) >= 16
