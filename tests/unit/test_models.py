"""kb/model holds every pydantic schema; the loaders and checks use those same classes."""

import ast
import importlib
import pathlib

import pydantic
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]

#: module that loads or checks a file -> its schemas in kb/model
USERS = {
    "kb.data.contacts": ("kb.model.contacts", ["ContactsData", "Contact", "Group", "SourceRef"]),
    "kb.data.indicators": ("kb.model.indicators", ["IndicatorsData", "IndicatorGroup"]),
    "kb.data.glossary": ("kb.model.glossary", ["GlossaryEntry"]),
    "kb.data.sources": ("kb.model.sources", ["Source"]),
    "kb.data.flowchart": ("kb.model.flowchart", ["Chart", "Route", "Node", "Branch", "Actor"]),
    "kb.data.print_list": ("kb.model.print_list", ["PrintList", "PrintItem"]),
    "kb.checks.frontmatter": ("kb.model.frontmatter", ["FrontMatter", "SearchSettings"]),
    "kb.checks.termbase": ("kb.model.termbase", ["TermBase", "Term", "Rendering"]),
    "kb.pagemeta.freshness": ("kb.model.redirects", ["Redirect"]),
}


@pytest.mark.parametrize("user", sorted(USERS))
def test_the_schemas_live_in_kb_model(user):
    model_name, names = USERS[user]
    model, module = importlib.import_module(model_name), importlib.import_module(user)
    for name in names:
        cls = getattr(model, name)
        assert issubclass(cls, pydantic.BaseModel)
        assert getattr(module, name) is cls  # one class, not a copy


def test_no_pydantic_schema_outside_kb_model():
    """A class deriving from BaseModel is written only in kb/model (kb/postbuild's
    private output shape for open data excepted: it describes what is written)."""
    found = []
    for path in sorted((ROOT / "kb").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("kb/model/") or rel == "kb/postbuild/opendata.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    getattr(b, "id", getattr(b, "attr", "")) == "BaseModel" for b in node.bases):
                found.append(f"{rel}: {node.name}")
    assert found == []
