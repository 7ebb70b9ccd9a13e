"""The benchmark runs at its smallest size and writes results in the agreed shape."""

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_bench_runs_at_smallest_size(tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, "scripts/bench.py", "--sizes", "30", "--runs", "1",
         "--out", str(out), "--workdir", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(out.read_text())
    (row,) = result["sizes"]
    assert row["languages"] == 3
    assert row["pages"] >= 30
    for key in ("with_hooks_s", "without_hooks_s", "overhead", "peak_rss_mb"):
        assert row[key] > 0, key
    # overhead comes from the unrounded medians; the reported times are rounded
    # to 0.01 s, so allow exactly that rounding error in the ratio.
    ratio = row["with_hooks_s"] / row["without_hooks_s"]
    slack = ratio * (0.005 / row["with_hooks_s"] + 0.005 / row["without_hooks_s"]) + 0.0005
    assert abs(row["overhead"] - ratio) <= slack
    assert result["home_gzip_kb"] > 0 and result["search_index_gzip_kb"] > 0
    # The corpus really has three language trees.
    site = tmp_path / "work" / "corpus-30" / "site-with"
    assert (site / "pl").is_dir() and (site / "ar").is_dir()
    assert "Budgets:" in proc.stdout


def test_hook_costs_time_each_hook_in_one_build(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench
    import yaml

    costs = bench.hook_costs(30, 1, tmp_path)
    assert costs["pages"] >= 30 and costs["runs"] == 1
    assert costs["all_hooks_s"] > 0 and costs["no_hooks_s"] > 0
    timed = {c["hook"] for c in costs["costs"]}
    # Every step of the one hook file is timed under its own name, and nothing else.
    assert yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=bench._Loader)["hooks"] == [
        "kb_mkdocs/hooks.py"]
    assert timed == set(bench.step_names())
    by_hook = {c["hook"]: c["seconds"] for c in costs["costs"]}
    # The glossary's page tree work and the CSP scan of the built site take time.
    assert by_hook["glossary"] > 0 and by_hook["csp"] > 0
    assert sum(by_hook.values()) < costs["all_hooks_s"]
