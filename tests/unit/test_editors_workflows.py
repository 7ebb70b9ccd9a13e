"""The GitHub Actions workflows parse, run the README's test command, and use only
official actions pinned to a major version."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
OFFICIAL = {"actions/checkout", "actions/setup-python", "actions/upload-artifact",
            "actions/upload-pages-artifact", "actions/deploy-pages"}


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def commands(workflow: dict) -> list[list[str]]:
    out = []
    for step in steps(workflow):
        for line in (step.get("run") or "").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(shlex.split(line.rstrip("\\")))
    return out


def readme_test_command() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^(make test)\b", text, re.M)
    assert m, "README.md no longer shows `make test`"
    return m.group(1)


def ci_run_commands() -> list[str]:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_workflow_parses_and_uses_official_pinned_actions(name):
    workflow = load(name)
    assert workflow["jobs"], f"{name} has no jobs"
    for step in steps(workflow):
        uses = step.get("uses")
        if uses:
            action, _, version = uses.partition("@")
            assert action in OFFICIAL, f"{name}: {uses} is not one of the official actions"
            assert re.fullmatch(r"v\d+", version), f"{name}: pin {uses} to a major version (@vN)"


def test_ci_runs_on_every_pull_request_and_push():
    on = load("ci.yml")["on"]
    assert "pull_request" in on and "push" in on
    for trigger in ("pull_request", "push"):
        assert not (on[trigger] or {}).get("branches"), f"{trigger} must not be limited to branches"


def test_ci_runs_the_readme_test_command_after_the_ci_packages():
    workflow = load("ci.yml")
    runs = commands(workflow)
    assert [".ci/run"] in runs, "ci.yml must run .ci/run"
    # .ci/run ends with the README's command; the Debian packages are installed
    # by .ci/run itself or by scripts/system_deps.sh, which make test runs.
    ci = ci_run_commands()
    assert ci[-1] == readme_test_command() == "make test"
    installers = "\n".join(ci)
    deps = ROOT / "scripts" / "system_deps.sh"
    if deps.exists():
        installers += "\n" + deps.read_text(encoding="utf-8")
    assert "apt-get install" in installers
    for package in ("chromium", "poppler-utils", "zbar-tools", "graphviz"):
        assert package in installers, f"nothing installs {package} for make test any more"


def test_ci_uploads_the_built_site_as_the_preview():
    workflow = load("ci.yml")
    uploads = [s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "site"
    # The preview must include the PDFs: `make test` renders them first.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test:.*\bprint\b", makefile, re.M) or ["make", "print"] in commands(workflow)
    checkout = next(s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "full history for the 'Last updated' dates"


def test_pages_deploys_main_only():
    workflow = load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write"
    used = [s.get("uses", "").partition("@")[0] for s in steps(workflow)]
    assert "actions/upload-pages-artifact" in used and "actions/deploy-pages" in used
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_pull_request_template_has_a_content_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(boxes) >= 5
    for needle in ("citation", "contacts.yml", "last_reviewed", "redirects.yml"):
        assert any(needle in b for b in boxes), f"checklist lacks {needle}"
