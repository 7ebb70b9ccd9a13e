"""The MkDocs build loads each project module once, through the one hook file."""

import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

DRIVER = """
import collections, json, os, runpy, sys
sys.argv = ["mkdocs", "build", "-q", "--strict", "-d", sys.argv[1]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exc:
    code = exc.code or 0
files = collections.defaultdict(list)
for name, module in list(sys.modules.items()):
    path = getattr(module, "__file__", None) or ""
    if path.startswith(os.getcwd() + "/") and "/.venv" not in path:
        files[os.path.realpath(path)].append(name)
print(json.dumps({"code": code, "files": files}))
"""


def test_each_project_module_is_loaded_once(tmp_path):
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(tmp_path / "site")], cwd=ROOT,
                          capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, proc.stderr[-3000:]
    files = result["files"]
    twice = {path: names for path, names in files.items() if len(names) > 1}
    assert twice == {}
    # The hook file is loaded by path, every step by its package name.
    assert files[str(ROOT / "kb_mkdocs" / "hooks.py")] == ["kb_mkdocs/hooks.py"]
    assert files[str(ROOT / "kb" / "data" / "contacts.py")] == ["kb.data.contacts"]
    assert len(files) > 40
