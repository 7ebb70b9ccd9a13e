"""CONTRIBUTING.md stays true: its links, commands, files and examples match the code.

The error table itself lives once, in README.md, generated from
kb/core/messages.py; CONTRIBUTING.md links to it. These tests fail if the link
breaks, if the README table drifts from the code, or if an example message
in CONTRIBUTING.md is no longer what the build prints.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kb.checks.content import read_config
from kb.core.messages import README_BEGIN, README_END, error, readme_table
from scripts.new_page import sections

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^\s*```.*?^\s*```", re.S | re.M)


def github_anchor(heading: str) -> str:
    """GitHub's heading id: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {github_anchor(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*$", text, re.M)}


def links(text: str) -> list[str]:
    """Markdown link targets, outside code blocks and code spans."""
    prose = re.sub(r"`[^`\n]*`", "", FENCE.sub("", text))
    return re.findall(r"\]\(([^)\s]+)\)", prose)


@pytest.mark.parametrize("target", sorted(set(links(GUIDE))))
def test_every_link_in_the_guide_works(target):
    if target.startswith(("http://", "https://")):
        return
    path, _, anchor = target.partition("#")
    file = ROOT / path if path else ROOT / "CONTRIBUTING.md"
    assert file.exists(), f"CONTRIBUTING.md links to {path}, which does not exist"
    if anchor:
        assert anchor in anchors(file), f"{file.name} has no heading #{anchor}"


def test_guide_points_to_the_generated_error_table_and_it_matches_the_code():
    assert "README.md#when-the-build-stops" in GUIDE
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(README_BEGIN)
    end = readme.index(README_END) + len(README_END)
    assert readme[start:end] == readme_table(), \
        "README table is out of date: run scripts/check_content.py --readme"


def fenced_text_blocks(text: str) -> list[str]:
    return [m.group(1).strip("\n") for m in re.finditer(r"^```text\n(.*?)^```", text, re.S | re.M)]


def test_example_messages_are_what_the_build_prints():
    examples = fenced_text_blocks(GUIDE)
    expected = [
        error("link-not-found", "docs/index.md", 20, url="sings.md",
              suggestion=" Did you mean `signs.md`?").format(),
        error("citation-unknown", "docs/signs.md", 12, key="dfe-cse-2071",
              suggestion=" Did you mean `dfe-cse-2017`?").format(),
    ]
    for message in expected:
        assert message in examples, f"CONTRIBUTING.md should show, exactly:\n{message}"


def test_make_targets_and_scripts_in_the_guide_exist_and_have_help():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in set(re.findall(r"`make (\w+)", GUIDE)):
        assert re.search(rf"^{target}:", makefile, re.M), f"no `make {target}` target"
    scripts = set(re.findall(r"scripts/(\w+\.py)", GUIDE))
    assert {"new_page.py", "readability.py", "check_content.py"} <= scripts
    for name in scripts:
        proc = subprocess.run([sys.executable, str(ROOT / "scripts" / name), "--help"],
                              capture_output=True, text=True)
        assert proc.returncode == 0, f"scripts/{name} --help failed: {proc.stderr}"


def test_files_named_in_the_guide_exist():
    names = set(re.findall(r"`((?:docs|\.github|deploy|\.codespell|scripts)/[\w./-]+|\.mdformat\.toml|"
                           r"mkdocs\.yml|\.ci/run)`", GUIDE))
    examples = {"docs/signs.md", "docs/index.md", "docs/worried/index.md", "docs/worried/missing.md"}
    assert names, "no file names found"
    for name in names:
        assert (ROOT / name).exists() or name in examples, f"CONTRIBUTING.md names {name}, which does not exist"


def test_sections_listed_for_new_page_are_the_real_ones():
    m = re.search(r"The sections are (.+?)\.\s", " ".join(GUIDE.split()))
    listed = set(re.findall(r"`(\w+)`", m.group(1)))
    real = {s.key for s in sections(read_config(ROOT / "mkdocs.yml")["nav"])}
    assert listed == real


def yaml_blocks(text: str) -> list[str]:
    import textwrap
    return [textwrap.dedent(m.group(1)) for m in
            re.finditer(r"^[ \t]*```yaml\n(.*?)^[ \t]*```", text, re.S | re.M)]


def test_source_and_contact_examples_are_real_valid_entries():
    """The examples are copies of real entries, so they always pass the checks."""
    import yaml

    real_sources = yaml.safe_load((ROOT / "docs" / "_data" / "sources.yml").read_text(encoding="utf-8"))
    contacts = yaml.safe_load((ROOT / "docs" / "_data" / "contacts.yml").read_text(encoding="utf-8"))
    real_contacts = [c for g in contacts["groups"] for c in g["contacts"]]
    found = {"source": False, "contact": False}
    for block in yaml_blocks(GUIDE):
        if block.lstrip().startswith("---"):
            continue  # the front matter example
        data = yaml.safe_load(block)
        if isinstance(data, list) and data and isinstance(data[0], dict):
            entry = data[0]
            if "key" in entry:
                assert entry in real_sources, f"source example differs from sources.yml: {entry}"
                found["source"] = True
            elif "number" in entry:
                assert entry in real_contacts, f"contact example differs from contacts.yml: {entry}"
                found["contact"] = True
    assert found == {"source": True, "contact": True}
