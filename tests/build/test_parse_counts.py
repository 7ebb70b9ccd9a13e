"""Each data file and each page's front matter is parsed once per build."""

import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

DRIVER = """
import json, runpy, sys
from kb.core import yamltext
sys.argv = ["mkdocs", "build", "-q", "--strict", "-d", sys.argv[1]]
code = 0
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exc:
    code = exc.code or 0
print(json.dumps({"code": code, "parses": list(yamltext.PARSES.items())}))
"""


def test_every_yaml_text_is_parsed_once_in_a_real_build(tmp_path):
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(tmp_path / "site")], cwd=ROOT,
                          capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)})
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, proc.stderr[-3000:]
    parses = dict(result["parses"])
    data_files = sorted((ROOT / "docs" / "_data").rglob("*.yml"))
    for path in data_files:
        text = path.read_text(encoding="utf-8")
        assert parses.get(text) == 1, f"{path.relative_to(ROOT)} parsed {parses.get(text, 0)} times"
    again = {text[:60]: n for text, n in parses.items() if n > 1}
    assert again == {}
    # Front matter too: at least one parse per page besides the data files.
    pages = list((ROOT / "docs").rglob("*.md"))
    assert len(parses) >= len(data_files) + len(pages) // 2
