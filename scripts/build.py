#!/usr/bin/env python3
"""Build the site atomically: a failed build leaves the last good site untouched.

    scripts/build.py                 # builds mkdocs.yml into site/
    scripts/build.py -d /tmp/site -f mkdocs.yml

The strict MkDocs build writes into a temporary folder next to the
destination (.build-tmp-XXXX). Only when it succeeds is the destination
replaced by it. On failure the errors are printed, the temporary folder is
removed, the destination is left exactly as it was, and the exit status is
non-zero.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def swap_into_place(new: pathlib.Path, dest: pathlib.Path) -> None:
    """Replace *dest* by *new* with two renames in the same folder."""
    old = None
    if dest.exists():
        old = pathlib.Path(tempfile.mkdtemp(prefix=f"{dest.name}.old-", dir=dest.parent))
        old.rmdir()
        os.replace(dest, old)
    try:
        os.replace(new, dest)
    except OSError:
        if old is not None:
            os.replace(old, dest)  # put the last good site back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def without_info(output: str) -> str:
    """MkDocs output without its INFO records (and their continuation lines)."""
    kept, keep = [], True
    for line in output.splitlines(keepends=True):
        if line.startswith(("INFO", "DEBUG")):
            keep = False
        elif line.startswith(("WARNING", "ERROR", "Aborted")) or not line.startswith(" "):
            keep = True
        if keep:
            kept.append(line)
    return "".join(kept)


def build(config: pathlib.Path, dest: pathlib.Path, quiet: bool = False) -> int:
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix=".build-tmp-", dir=dest.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
           "-f", str(config), "-d", str(tmp)]
    try:
        # Never pass -q to MkDocs: it hides warnings from the strict counter.
        proc = subprocess.run(cmd, cwd=config.parent, env=env, text=True,
                              stdout=subprocess.PIPE if quiet else None,
                              stderr=subprocess.STDOUT if quiet else None)
        if quiet:
            print(without_info(proc.stdout), end="", file=sys.stderr)
        if proc.returncode != 0:
            print(f"\nBuild failed: {dest} was left exactly as it was. "
                  "Fix the errors above and build again.", file=sys.stderr)
            return proc.returncode or 1
        swap_into_place(tmp, dest)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"Built the site into {dest}.", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build the site with a strict MkDocs build into a temporary folder, "
                    "and replace the destination only if the build succeeds.")
    parser.add_argument("-f", "--config-file", type=pathlib.Path, default=ROOT / "mkdocs.yml",
                        help="the MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("-d", "--site-dir", type=pathlib.Path, default=None,
                        help="where the site goes (default: site/ next to the configuration)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only print warnings and errors")
    args = parser.parse_args(argv)
    config = args.config_file.resolve()
    if not config.is_file():
        print(f"{args.config_file}: no such configuration file", file=sys.stderr)
        return 2
    dest = args.site_dir or config.parent / "site"
    return build(config, dest, quiet=args.quiet)


if __name__ == "__main__":
    sys.exit(main())
