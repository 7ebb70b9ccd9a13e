"""kb/core/paths.py: the one translation-suffix rule and the project's folders."""

import pathlib

import pytest

from kb.core import paths


@pytest.mark.parametrize("path, english, lang", [
    ("signs.md", "signs.md", None),
    ("signs.pl.md", "signs.md", "pl"),
    ("worried/index.ar.md", "worried/index.md", "ar"),
    ("page.en_GB.md", "page.md", "en_GB"),
    ("notes.pl.markdown", "notes.markdown", "pl"),
    ("v1.2.md", "v1.2.md", None),          # a number is not a language
    ("data.pol.md", "data.pol.md", None),   # three letters are not a language code
    ("pl.md", "pl.md", None),               # a page named after a language
    ("signs.PL.md", "signs.PL.md", None),
])
def test_split_suffix(path, english, lang):
    assert paths.split_suffix(path) == (english, lang)
    assert paths.english_path(path) == english
    assert paths.translation_language(path) == lang
    assert paths.is_translation(path) is (lang is not None)


def test_translation_path_is_the_inverse():
    assert paths.translation_path("worried/index.md", "pl") == "worried/index.pl.md"
    assert paths.translation_path("signs.md", "en") == "signs.md"
    for lang in ("pl", "ar"):
        assert paths.split_suffix(paths.translation_path("a/b.md", lang)) == ("a/b.md", lang)


def test_every_module_uses_the_one_rule():
    """No other module writes its own language-suffix pattern."""
    root = pathlib.Path(paths.__file__).resolve().parents[2]
    own = [p for folder in ("kb", "kb_mkdocs", "scripts") for p in (root / folder).rglob("*.py")
           if "[a-z]{2}" in p.read_text(encoding="utf-8") and p.name != "paths.py"]
    assert own == []


def test_project_folders(tmp_path):
    project = paths.Project(tmp_path)
    assert project.docs_dir == tmp_path / "docs"
    assert project.data_file("sources.yml") == tmp_path / "docs" / "_data" / "sources.yml"
    assert project.label(project.data_file("sources.yml")) == "docs/_data/sources.yml"
    assert project.label("/elsewhere/x.yml") == "/elsewhere/x.yml"
    assert paths.PROJECT.docs_dir.is_dir()


def test_each_data_file_is_named_once():
    """No kb module but kb/core/paths.py writes a docs/_data path as a string of its own."""
    import ast
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    shape = re.compile(r"^docs/(_data/)?[\w./{}-]*$")
    found = []
    for path in sorted((root / "kb").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel == "kb/core/paths.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and node.value.startswith("docs/_data") and shape.match(node.value):
                found.append(f"{rel}:{node.lineno}: {node.value}")
    assert found == []


def test_each_page_label_comes_from_page_label():
    """No kb or kb_mkdocs module writes "docs/" before a page's path itself:
    kb.core.paths.page_label does, so the docs folder is named once."""
    import ast

    root = pathlib.Path(__file__).resolve().parents[2]
    found = []
    for path in sorted([*(root / "kb").rglob("*.py"), *(root / "kb_mkdocs").rglob("*.py")]):
        rel = path.relative_to(root).as_posix()
        if rel == "kb/core/paths.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            first = None
            if isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                first = node.left
            if isinstance(first, ast.Constant) and first.value == "docs/":
                found.append(f"{rel}:{node.lineno}")
    assert found == []
