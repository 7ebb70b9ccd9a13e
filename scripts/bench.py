#!/usr/bin/env python3
"""Benchmark the build: with and without the project's hooks, at several sizes.

Generates a synthetic corpus of realistic pages (front matter, citations,
internal links, glossary abbreviations, a statutory quote) in three languages,
organised in sections, then builds each size with and without the hooks,
alternating in the same run. Prints a table and writes bench/results.json.

This is a measurement, not a test: it reports figures against the budgets in
BENCHMARKS.md and never fails on a timing.

    scripts/bench.py                      # 100, 1,000 and 3,000 pages, 3 runs each
    scripts/bench.py --sizes 30 --runs 1  # quick smoke run
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.data.datafile import SOURCES_FILE  # noqa: E402

from kb.data.sources import load_source_index
from kb.i18n.translations import source_hash  # noqa: E402

LANGS = ("en", "pl", "ar")
PAGES_PER_SECTION = 25

# Run a build in a child process and report its own peak memory. With a
# fourth argument, also time every hook event and page tree function, by
# hook file (see hook_costs()).
CHILD = """
import json, resource, runpy, sys, time
cfg, dest, out = sys.argv[1:4]
timing = {} if len(sys.argv) > 4 else None
if timing is not None:
    import functools, pathlib
    from kb.core import pagetree

    def timed(key, func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                timing[key] = timing.get(key, 0.0) + time.perf_counter() - start
        return wrapper

    import kb_mkdocs
    kb_mkdocs.STEP_SECONDS = timing  # kb_mkdocs/hooks.py times each step's events
    run = pagetree._Processor.run
    def tree_run(self, root):
        key = self.func.__module__.rsplit(".", 1)[-1]  # "kb.data.glossary": step "glossary"
        return timed(key, run)(self, root)
    pagetree._Processor.run = tree_run
sys.argv = ["mkdocs", "build", "-q", "-f", cfg, "-d", dest]
code = 0
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exc:
    code = exc.code or 0
with open(out, "w") as fh:
    json.dump({"code": code, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               "hooks": timing}, fh)
"""


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping !ENV tags' defaults and python names as text."""


def _env_tag(loader, node):
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    seq = loader.construct_sequence(node)
    for name in seq[:-1]:
        if name in os.environ:
            return os.environ[name]
    return seq[-1]


_Loader.add_constructor("!ENV", _env_tag)


class PyName(str):
    """A `!!python/name:` reference, written back unchanged."""


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:",
                              lambda loader, suffix, node: PyName(suffix))
_Dumper.add_representer(PyName, lambda dumper, value: dumper.represent_scalar(
    f"tag:yaml.org,2002:python/name:{value}", ""))


def load_project_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def _dump_config(cfg: dict) -> str:
    return yaml.dump(cfg, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def _quote() -> tuple[str, str]:
    """A real statutory quote and its key from the source registry, if present."""
    for key, entry in load_source_index(ROOT / SOURCES_FILE).items():
        if entry.get("quotes"):
            return key, entry["quotes"][0]
    return "", ""


def _page(lang: str, section: int, index: int, per_section: int, key: str, quote: str) -> str:
    title = f"Section {section} topic {index}"
    nxt = (index + 1) % per_section
    cite = f"[^{key}]" if key else ""
    body = [
        "---",
        f"title: {title}",
        f"description: Synthetic guidance page {index} in section {section} ({lang}).",
        "owner: Knowledge base editors",
        "last_reviewed: 2026-11-21",
        "review_interval_months: 12",
        "keywords: [county lines, cuckooing, sextortion]",
        "---",
        "",
        f"# {title}",
        "",
        "Staff who are worried about a child should act on the same day. "
        f"This page explains the CSE and CCE signs and when to make an NRM referral.{cite}",
        "",
        "## What to look for",
        "",
        "- going missing or coming home late",
        "- unexplained money, phones or gifts",
        "- older friends who drive",
        "",
        f"See [the next topic](topic-{nxt}.md) and [the section overview](index.md).",
        "",
    ]
    if quote and index % 5 == 0:
        body += ["## Definition", "", "> " + quote + cite, ""]
    body += ["## What to do", "", "Talk to your safeguarding lead and follow the HIPS Procedures.", ""]
    return "\n".join(body)


def _translation(text: str, english: str, lang: str) -> str:
    """A translated page names the English text it comes from, as real ones do."""
    if lang == "en":
        return text
    head = f"---\ntranslation_of: {source_hash(english)}\ntranslation_status: draft\n"
    return head + text[len("---\n"):]


def generate_corpus(dest: Path, pages_total: int) -> Path:
    """Write a corpus of *pages_total* pages across three languages; return docs_dir."""
    docs = dest / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(ROOT / "docs" / "_data", docs / "_data")
    key, quote = _quote()
    per_lang = max(1, pages_total // len(LANGS))
    sections = max(1, -(-per_lang // PAGES_PER_SECTION))
    written = 0
    for section in range(sections):
        count = min(PAGES_PER_SECTION, per_lang - section * PAGES_PER_SECTION)
        if count <= 0:
            break
        sdir = docs / f"section-{section}"
        sdir.mkdir(parents=True)
        front = ("---\ntitle: Section {s}\ndescription: Overview of section {s}.\n"
                 "owner: Knowledge base editors\nlast_reviewed: 2026-11-21\n"
                 "review_interval_months: 12\n---\n\n# Section {s}\n\n"
                 "[First topic](topic-0.md)\n").format(s=section)
        english = {"index": front}
        english.update({f"topic-{i}": _page("en", section, i, count, key, quote)
                        for i in range(count)})
        for lang in LANGS:
            suffix = "" if lang == "en" else f".{lang}"
            (sdir / f"index{suffix}.md").write_text(
                _translation(front, english["index"], lang), encoding="utf-8")
            for index in range(count):
                text = _page(lang, section, index, count, key, quote)
                (sdir / f"topic-{index}{suffix}.md").write_text(
                    _translation(text, english[f"topic-{index}"], lang), encoding="utf-8")
                written += 1
    home = ("---\ntitle: Home\ndescription: Synthetic home page.\nowner: Knowledge base editors\n"
            "last_reviewed: 2026-11-21\nreview_interval_months: 12\n---\n\n# Home\n\n"
            "[Section 0](section-0/index.md)\n")
    for lang in LANGS:
        suffix = "" if lang == "en" else f".{lang}"
        (docs / f"index{suffix}.md").write_text(_translation(home, home, lang), encoding="utf-8")
    return docs


def step_names() -> list[str]:
    """The adapter's steps, in order (kb_mkdocs/hooks.py STEPS), read without MkDocs."""
    import ast
    tree = ast.parse((ROOT / "kb_mkdocs" / "hooks.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "STEPS":
            # a module (`content`) or a workaround (`workarounds.serve_mode`)
            return [elt.attr if isinstance(elt, ast.Attribute) else elt.id for elt in node.value.elts]
    raise SystemExit("kb_mkdocs/hooks.py has no STEPS")


def write_config(dest: Path, docs: Path, hooks: bool, features: list[str] | None = None,
                 leave_out: str | None = None) -> Path:
    """An mkdocs.yml for the corpus in *docs*: the project's, with or without
    its hooks (or with all steps but *leave_out*, e.g. "csp": kb_mkdocs/hooks.py STEPS)."""
    cfg = load_project_config()
    cfg["docs_dir"] = str(docs)
    cfg.pop("nav", None)  # the nav comes from the folder structure: sections
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"].get("custom_dir", "overrides"))
    if features is not None:
        cfg["theme"]["features"] = features
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks") or []] if hooks else []
    if leave_out:
        cfg.setdefault("extra", {})["kb_steps"] = [s for s in step_names() if s != leave_out]
    # Translations: make sure all three languages are configured.
    for plugin in cfg.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = plugin["i18n"].setdefault("languages", [])
            have = {lang.get("locale") for lang in langs}
            for locale in LANGS:
                if locale not in have:
                    langs.append({"locale": locale, "name": locale, "build": True})
    # Sites generated from the folder structure leave no page out of the nav,
    # and the synthetic corpus only links within itself.
    name = (f"mkdocs-{'hooks' if hooks else 'plain'}{'-' + '-'.join(features) if features else ''}"
            f"{'-without-' + Path(leave_out).stem if leave_out else ''}.yml")
    path = dest / name.replace("/", "_")
    path.write_text(_dump_config(cfg), encoding="utf-8")
    return path


def build_once(config: Path, site: Path, time_hooks: bool = False) -> dict:
    if site.exists():
        shutil.rmtree(site)
    out = site.parent / f"{site.name}.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(config), str(site), str(out)]
                          + (["time-hooks"] if time_hooks else []),
                          cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    info = json.loads(out.read_text()) if out.exists() else {"code": proc.returncode, "maxrss_kb": 0}
    if proc.returncode != 0 or info["code"] not in (0, None):
        raise SystemExit(f"build failed for {config.name}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return {"seconds": seconds, "peak_rss_mb": info["maxrss_kb"] / 1024,
            "hooks": info.get("hooks") or {}}


def dir_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def search_index_kb(site: Path) -> float:
    return sum(f.stat().st_size for f in site.rglob("search_index.json")) / 1e3


def gzip_kb(paths: list[Path]) -> float:
    return sum(len(gzip.compress(p.read_bytes(), 9)) for p in paths if p.is_file()) / 1024


# <link rel> values whose target the browser fetches when the page loads.
_FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon",
                 "manifest", "preload", "modulepreload"}


def _is_local(ref: str) -> bool:
    return bool(ref) and not ref.startswith(("data:", "#", "//")) and "://" not in ref


def css_urls(css: str) -> list[str]:
    """Every url() in a stylesheet (fonts, images, imports), data: URIs left out."""
    import tinycss2

    found: list[str] = []

    def walk(tokens) -> None:
        tokens = [t for t in tokens or [] if t.type != "whitespace"]
        for i, tok in enumerate(tokens):
            if (tok.type == "at-keyword" and tok.lower_value == "import"
                    and i + 1 < len(tokens) and tokens[i + 1].type == "string"):
                found.append(tokens[i + 1].value)  # @import "file.css";
            elif tok.type == "url":
                found.append(tok.value)
            elif tok.type == "function":
                if tok.lower_name == "url":
                    found.extend(a.value for a in tok.arguments if a.type == "string")
                else:
                    walk(tok.arguments)
            elif tok.type in ("() block", "[] block", "{} block"):
                walk(tok.content)

    walk(tinycss2.parse_component_value_list(css, skip_comments=True))
    return [u for u in found if not u.startswith("data:")]


def page_resources(site: Path, page: str) -> list[str]:
    """What loading *page* fetches, as the page references it: the page itself,
    its scripts, stylesheets, icons, manifest, preloads and images, then the
    fonts and images its stylesheets reference. Each URL once, page first;
    local files as paths relative to *site*, other hosts as full URLs."""
    from bs4 import BeautifulSoup
    from urllib.parse import urljoin

    html = site / page
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    refs: list[str] = [page]

    def add(ref: str | None, base: str) -> None:
        if not ref or ref.startswith(("data:", "#")):
            return
        url = (urljoin(base, ref.split("#")[0].split("?")[0]).lstrip("/")
               if _is_local(ref) else ref)
        if url not in refs:
            refs.append(url)

    for tag in soup.find_all(["script", "link", "img", "source", "video", "audio",
                              "iframe", "embed", "object", "input"]):
        if tag.name == "link":
            if _FETCHED_RELS & set(tag.get("rel") or []):
                add(tag.get("href"), page)
            continue
        if tag.name == "input" and tag.get("type") != "image":
            continue
        for attr in ("src", "poster", "data"):
            add(tag.get(attr), page)
        for item in (tag.get("srcset") or "").split(","):
            add(item.strip().split(" ")[0], page)
    i = 1
    while i < len(refs):  # the list grows as stylesheets add what they load
        ref, i = refs[i], i + 1
        path = site / ref
        if ref.endswith(".css") and path.is_file():
            for url in css_urls(path.read_text(encoding="utf-8", errors="replace")):
                add(url, ref)
    return refs


def page_weight(site: Path, page: str) -> dict:
    """Gzipped size of one built page and everything it loads, and its number of requests.

    See page_resources() for what counts. Requests to another host count as
    requests (the site should have none) but cannot be weighed; a referenced
    local file that is missing is listed under "missing".
    """
    refs = page_resources(site, page)
    local = [r for r in refs if "://" not in r and not r.startswith("//")]
    paths = [site / r for r in local]
    return {"gzip_kb": round(gzip_kb(paths), 1), "requests": len(refs), "files": refs,
            "missing": [r for r, p in zip(local, paths) if not p.is_file()],
            "external": [r for r in refs if r not in local]}


def hook_costs(size: int, runs: int, workdir: Path) -> dict:
    """Where the hooks' time goes at *size* pages: each hook's own time (its
    MkDocs events and its page tree function, kb/core/pagetree.py), medians of
    *runs* timed builds, beside the plain and the full build.

    What is left of the overhead once the hooks' own time is taken away is
    work the hooks cause elsewhere: importing their libraries, Markdown
    rendering the citations and abbreviations they add, templates rendering
    their notices, and the search plugin indexing the extra text.
    """
    corpus = workdir / f"corpus-{size}"
    corpus.mkdir(parents=True, exist_ok=True)
    docs = corpus / "docs" if (corpus / "docs").exists() else generate_corpus(corpus, size)
    with_cfg = write_config(corpus, docs, hooks=True)
    plain_cfg = write_config(corpus, docs, hooks=False)
    timed: list[dict] = []
    plain: list[float] = []
    for i in range(runs):
        timed.append(build_once(with_cfg, corpus / "site-hook-costs", time_hooks=True))
        plain.append(build_once(plain_cfg, corpus / "site-hook-costs")["seconds"])
        print(f"  hook costs at {size} pages, run {i + 1}: {timed[-1]['seconds']:.1f} s "
              f"with hooks, {plain[-1]:.1f} s plain", flush=True)
    names = sorted({name for t in timed for name in t["hooks"]})
    costs = [{"hook": name,
              "seconds": round(statistics.median(t["hooks"].get(name, 0.0) for t in timed), 3)}
             for name in names]
    return {"pages": sum(1 for _ in docs.rglob("*.md")), "runs": runs,
            "all_hooks_s": round(statistics.median(t["seconds"] for t in timed), 2),
            "no_hooks_s": round(statistics.median(plain), 2),
            "costs": sorted(costs, key=lambda c: -c["seconds"])}


def run(sizes: list[int], runs: int, workdir: Path, out: Path, nav_compare: int | None,
        hook_cost_size: int | None = None) -> dict:
    rows = []
    for size in sizes:
        corpus = workdir / f"corpus-{size}"
        corpus.mkdir(parents=True, exist_ok=True)
        docs = generate_corpus(corpus, size)
        pages = sum(1 for _ in docs.rglob("*.md"))
        with_cfg = write_config(corpus, docs, hooks=True)
        plain_cfg = write_config(corpus, docs, hooks=False)
        timings: dict[str, list[dict]] = {"with": [], "without": []}
        for i in range(runs):  # alternate so drift hits both equally
            order = (("with", with_cfg), ("without", plain_cfg))
            for label, cfg in (order if i % 2 == 0 else order[::-1]):
                timings[label].append(build_once(cfg, corpus / f"site-{label}"))
                print(f"  {pages} pages, {label} hooks, run {i + 1}: "
                      f"{timings[label][-1]['seconds']:.1f} s", flush=True)
        with_s = statistics.median(t["seconds"] for t in timings["with"])
        without_s = statistics.median(t["seconds"] for t in timings["without"])
        site = corpus / "site-with"
        rows.append({
            "pages": pages,
            "languages": len(LANGS),
            "with_hooks_s": round(with_s, 2),
            "without_hooks_s": round(without_s, 2),
            "overhead": round(with_s / without_s, 3),
            "peak_rss_mb": round(max(t["peak_rss_mb"] for t in timings["with"]), 1),
            "output_mb": round(dir_size_mb(site), 1),
            "search_index_kb": round(search_index_kb(site), 1),
        })
    result: dict = {"sizes": rows}
    if nav_compare:
        corpus = workdir / f"corpus-{nav_compare}"
        docs = corpus / "docs" if (corpus / "docs").exists() else generate_corpus(corpus, nav_compare)
        base = load_project_config()["theme"].get("features", [])
        flat = [f for f in base if f not in ("navigation.prune", "navigation.sections")]
        variants = {"project features": base, "without navigation.prune": flat}
        result["nav_features"] = []
        for name, feats in variants.items():
            cfg = write_config(corpus, docs, hooks=True, features=feats)
            stats = build_once(cfg, corpus / "site-nav")
            result["nav_features"].append({
                "variant": name, "pages": sum(1 for _ in docs.rglob("*.md")),
                "seconds": round(stats["seconds"], 2),
                "output_mb": round(dir_size_mb(corpus / "site-nav"), 1)})
            print(f"  nav variant '{name}': {stats['seconds']:.1f} s", flush=True)
    if hook_cost_size:
        result["hook_costs"] = hook_costs(hook_cost_size, runs, workdir)
    real_site = workdir / "real-site"
    build_once(ROOT / "mkdocs.yml", real_site)
    result["home_gzip_kb"] = page_weight(real_site, "index.html")["gzip_kb"]
    result["search_index_gzip_kb"] = round(
        gzip_kb([real_site / "search" / "search_index.json"]), 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def print_table(result: dict) -> None:
    head = f"{'pages':>6} {'with s':>8} {'without s':>9} {'overhead':>8} {'peak MB':>8} {'out MB':>7} {'index kB':>9}"
    print(head)
    print("-" * len(head))
    for r in result["sizes"]:
        print(f"{r['pages']:>6} {r['with_hooks_s']:>8.2f} {r['without_hooks_s']:>9.2f} "
              f"{r['overhead']:>8.3f} {r['peak_rss_mb']:>8.1f} {r['output_mb']:>7.1f} {r['search_index_kb']:>9.1f}")
    sizes = {r["pages"]: r for r in result["sizes"]}
    print()
    print("Budgets:")
    worst = max((r["overhead"] for r in result["sizes"]), default=0)
    print(f"  hooks overhead <= 1.10 at every size: worst {worst:.3f} "
          f"{'MET' if worst <= 1.10 else 'NOT MET'}")
    big = sorted(sizes)
    if len(big) >= 2:
        a, b = sizes[big[-2]], sizes[big[-1]]
        ratio = b["with_hooks_s"] / a["with_hooks_s"]
        limit = 1.2 * b["pages"] / a["pages"]
        print(f"  growth {a['pages']} -> {b['pages']} pages: x{ratio:.2f} (limit x{limit:.2f}) "
              f"{'MET' if ratio <= limit else 'NOT MET'}")
    if big:
        peak = sizes[big[-1]]["peak_rss_mb"]
        print(f"  peak memory at {big[-1]} pages: {peak:.0f} MB (limit 1536 MB) "
              f"{'MET' if peak <= 1536 else 'NOT MET'}")
    costs = result.get("hook_costs")
    if costs:
        total = costs["all_hooks_s"] - costs["no_hooks_s"]
        own = sum(c["seconds"] for c in costs["costs"])
        print(f"  where the hooks' time goes at {costs['pages']} pages (with hooks "
              f"{costs['all_hooks_s']:.2f} s, plain {costs['no_hooks_s']:.2f} s, "
              f"overhead {total:.2f} s):")
        for c in costs["costs"]:
            print(f"    {c['hook']:<24} {c['seconds']:6.2f} s")
        print(f"    {'caused elsewhere':<24} {total - own:6.2f} s  (imports, content the hooks add)")
    for row in result.get("nav_features", []):
        print(f"  nav '{row['variant']}': {row['seconds']:.1f} s, {row['output_mb']:.1f} MB at {row['pages']} pages")
    print(f"  real home page: {result['home_gzip_kb']} kB gzip; search index {result['search_index_gzip_kb']} kB gzip")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000],
                        help="total pages per corpus, across three languages (default: 100 1000 3000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per variant and size (default 3)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json",
                        help="where to write the JSON results (default bench/results.json)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="scratch folder for corpora and builds (default: a temporary folder)")
    parser.add_argument("--nav-compare", type=int, default=None, metavar="PAGES",
                        help="also build this size without navigation.prune/sections (default: 1000 if measured)")
    parser.add_argument("--hook-costs", type=int, default=None, metavar="PAGES",
                        help="also time each hook's own work at this size (two builds per run)")
    args = parser.parse_args(argv)
    nav = args.nav_compare if args.nav_compare is not None else (1000 if 1000 in args.sizes else None)
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        result = run(args.sizes, args.runs, workdir, args.out, nav, args.hook_costs)
    print()
    print_table(result)
    print(f"\nWrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
