"""The kb package's layers: importable without MkDocs, no import cycles, each
layer importing only the layers below it, and the one MkDocs hook file."""

import ast
import pathlib
import subprocess
import sys

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
KB = ROOT / "kb"
#: Lowest first: a module may import its own layer and the layers before it.
ORDER = ["core", "model", "data", "i18n", "checks", "render", "pagemeta", "postbuild", "stage",
         "editing"]


def kb_modules() -> dict[str, pathlib.Path]:
    return {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
            for p in KB.rglob("*.py")}


def imports(path: pathlib.Path, known: set[str]) -> set[str]:
    """Every kb module *path* imports, at the top or inside a function."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                out.add(name if name in known else node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {m for m in out if m == "kb" or m.startswith(("kb.", "kb_mkdocs"))}


GRAPH = {name: imports(path, set(kb_modules())) - {name} for name, path in kb_modules().items()}


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "kb" else None


def test_every_module_sits_in_a_known_layer():
    assert {layer(m) for m in GRAPH if layer(m)} <= set(ORDER)
    assert not [p for p in KB.glob("*.py") if p.name != "__init__.py"], "modules belong in a layer"


def test_kb_never_imports_the_mkdocs_adapter():
    assert {m: sorted(i for i in deps if i.startswith("kb_mkdocs"))
            for m, deps in GRAPH.items() if any(i.startswith("kb_mkdocs") for i in deps)} == {}


def test_each_layer_imports_only_itself_and_the_layers_below():
    wrong = [(m, dep) for m, deps in GRAPH.items() for dep in deps
             if layer(m) and layer(dep) and ORDER.index(layer(dep)) > ORDER.index(layer(m))]
    assert wrong == []


def test_there_are_no_import_cycles():
    cycles = []

    def visit(node, path):
        for dep in GRAPH.get(node, ()):
            if dep in path:
                cycles.append(path[path.index(dep):] + [dep])
            elif dep not in done:
                visit(dep, path + [dep])
        done.add(node)

    done: set[str] = set()
    for module in GRAPH:
        if module not in done:
            visit(module, [module])
    assert cycles == []


def test_the_graph_sees_imports_inside_functions(tmp_path):
    # The cycle test must not pass just because the reader misses lazy imports.
    src = tmp_path / "x.py"
    src.write_text("def f():\n    from kb.core import dates\n    import kb.data.sources\n")
    assert imports(src, {"kb.core.dates"}) == {"kb.core.dates", "kb.data.sources"}


BLOCKER = """
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n", "properdocs"):
            raise ImportError(f"blocked: {name}")
sys.meta_path.insert(0, Block())
import kb
names = [m.name for m in pkgutil.walk_packages(kb.__path__, "kb.")]
for name in names:
    importlib.import_module(name)
assert "mkdocs" not in sys.modules and "material" not in sys.modules
print(len(names))
"""


def test_every_kb_module_imports_with_mkdocs_and_material_blocked():
    proc = subprocess.run([sys.executable, "-c", BLOCKER], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout.strip()) == len(kb_modules()) - 1  # all but kb/__init__.py


def test_the_blocker_really_blocks_mkdocs():
    proc = subprocess.run([sys.executable, "-c", BLOCKER.split("import kb")[0] + "import mkdocs"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode != 0 and "blocked: mkdocs" in proc.stderr


def test_mkdocs_yml_lists_the_one_hook_file():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert config["hooks"] == ["kb_mkdocs/hooks.py"]


@pytest.mark.parametrize("name", ["print", "site", "html", "json", "re", "types"])
def test_no_module_shadows_a_standard_module(name):
    assert not list(ROOT.glob(f"kb/*/{name}.py")) and not list(ROOT.glob(f"kb_mkdocs/**/{name}.py"))


#: kb modules whose tests sit in a file named after something else, and why.
TESTED_ELSEWHERE = {
    "kb/core/errors.py": "test_build_state.py",       # report() once per build
    "kb/i18n/catalogs.py": "test_translations.py",    # catalogs are read with the translations
    "kb/postbuild/search_languages.py": "test_translations.py",
    "kb/model/redirects.py": "test_freshness.py",      # redirects.yml is read there
    "kb/postbuild/print_pdf.py": "test_print_preview.py",  # with scripts/render_print.py
    "kb/stage/pages.py": "test_stage.py",
    "kb/stage/tree.py": "test_stage.py",
    "kb/stage/postbuild.py": "test_stage.py",
}


def test_tests_unit_mirrors_kb():
    """tests/unit/test_<module>.py for every kb module (or the file named above)."""
    missing = []
    for name, path in kb_modules().items():
        if path.name in ("__init__.py", "__main__.py"):
            continue
        rel = path.relative_to(ROOT).as_posix()
        test = ROOT / "tests" / "unit" / TESTED_ELSEWHERE.get(rel, f"test_{path.stem}.py")
        if not test.is_file() or name.rsplit(".", 1)[-1] not in test.read_text(encoding="utf-8"):
            missing.append(rel)
    assert missing == []
