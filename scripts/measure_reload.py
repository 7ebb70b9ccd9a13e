#!/usr/bin/env python3
"""Measure the editing loop: how long after saving a page `mkdocs serve` shows it.

Copies the project (without .venv, node_modules and built sites) into a
temporary folder, so the real docs are
never touched. Starts `mkdocs serve` there on 127.0.0.1, waits for the first
build, then edits one page several times: each edit adds a unique sentence,
and the clock stops when the served HTML contains it. Prints every time and
the median.

    scripts/measure_reload.py                         # 5 edits of docs/signs.md
    scripts/measure_reload.py --runs 3 --page docs/glossary.md
    scripts/measure_reload.py --full-checks           # as `make serve` was before kb_mkdocs/mode.py
    scripts/measure_reload.py --serve-args=--dirtyreload
    scripts/measure_reload.py --env KB_SERVE_LANGUAGES=en

Not a test: a measurement for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Everything but the virtualenv, node_modules and built output (DEVELOPING.md
# is read by the marker check, .git by the "last updated" dates).
SKIP = {".venv", "node_modules", "site", ".pytest_cache", ".hypothesis", "bench"}


def copy_project(dest: Path, project: Path = ROOT) -> Path:
    for src in project.iterdir():
        if src.name in SKIP or src.name.startswith(("site.", ".build-tmp")):
            continue
        if src.is_dir():
            shutil.copytree(src, dest / src.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / src.name)
    return dest


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, needle: str | None, timeout: float, proc: subprocess.Popen) -> float:
    """Seconds until *url* answers (and contains *needle*); raises on timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"mkdocs serve exited with {proc.returncode}")
        body = fetch(url)
        if body is not None and (needle is None or needle in body):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"timed out after {timeout:.0f} s waiting for {url}")


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process and its finished children (git, dot)
    have used so far; Linux only.

    On a busy machine the wall-clock reload time depends on what else runs;
    the CPU time the server spends per reload does much less.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def page_url(page: Path) -> str:
    """docs/signs.md -> signs.html (use_directory_urls is false)."""
    rel = page.relative_to("docs").with_suffix(".html")
    return rel.as_posix()


def measure(runs: int, page: str, port: int, serve_args: list[str], env: dict[str, str],
            timeout: float, source_project: Path = ROOT) -> dict:
    with tempfile.TemporaryDirectory(prefix="kb-reload-") as tmp:
        project = copy_project(Path(tmp), source_project)
        source = project / page
        if not source.is_file():
            raise SystemExit(f"{page} not found")
        log = open(Path(tmp) / "serve.log", "w")
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
               *serve_args]
        proc = subprocess.Popen(cmd, cwd=project, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
        url = f"http://127.0.0.1:{port}/{page_url(Path(page))}"
        times: list[float] = []
        cpu: list[float] = []
        try:
            first = wait_for(url, None, timeout, proc)
            time.sleep(1.0)  # let the watcher settle after the first build
            original = source.read_text(encoding="utf-8")
            for i in range(runs):
                marker = f"Reload check {os.getpid()}-{i}-{time.time_ns()}."
                before = cpu_seconds(proc.pid)
                source.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
                times.append(wait_for(url, marker, timeout, proc))
                after = cpu_seconds(proc.pid)
                if before is not None and after is not None:
                    cpu.append(after - before)
                print(f"  edit {i + 1}: {times[-1]:.2f} s"
                      f"{f' ({cpu[-1]:.2f} s CPU)' if cpu else ''}", flush=True)
                time.sleep(1.0)
        except SystemExit as exc:
            log.flush()
            text = (Path(tmp) / "serve.log").read_text(encoding="utf-8", errors="replace")
            lines = text.splitlines()
            warnings = [f"{a}\n{b}" for a, b in zip(lines, lines[1:] + [""]) if "WARNING" in a]
            raise SystemExit(f"{exc}\n--- mkdocs serve warnings ---\n" + "\n".join(warnings[:30])
                             + f"\n--- end of log ---\n{text[-1500:]}") from None
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
    return {"page": page, "serve_args": serve_args, "env": env, "first_build_s": round(first, 2),
            "reload_s": [round(t, 2) for t in times],
            "median_s": round(statistics.median(times), 2) if times else None,
            "cpu_s": [round(c, 2) for c in cpu],
            "median_cpu_s": round(statistics.median(cpu), 2) if cpu else None,
            "load_average": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="edits to time (default 5)")
    parser.add_argument("--page", default="docs/signs.md", help="page to edit (default docs/signs.md)")
    parser.add_argument("--port", type=int, default=8110, help="port for mkdocs serve (default 8110)")
    parser.add_argument("--serve-args", default="",
                        help="extra arguments for mkdocs serve, e.g. --serve-args=--dirtyreload")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="environment for mkdocs serve (repeatable)")
    parser.add_argument("--full-checks", action="store_true",
                        help="run every site-wide check on each reload (sets KB_FULL_CHECKS=1)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for a build")
    parser.add_argument("--project", type=Path, default=ROOT,
                        help="copy this project instead (e.g. an older checkout, to compare)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    env = dict(item.split("=", 1) for item in args.env)
    if args.full_checks:
        env["KB_FULL_CHECKS"] = "1"
    result = measure(args.runs, args.page, args.port, args.serve_args.split(), env, args.timeout,
                     args.project.resolve())
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"first build {result['first_build_s']} s; reload after an edit: "
              f"median {result['median_s']} s ({result['median_cpu_s']} s CPU) "
              f"over {len(result['reload_s'])} edits "
              f"{' '.join(args.serve_args.split())} {' '.join(args.env)}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
