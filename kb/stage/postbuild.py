"""The site-wide steps after `zensical build`, over the built site.

    python -m kb.stage.postbuild --stage build/zensical --site site-zensical

The MkDocs hooks do these in on_post_build / on_post_page; Zensical runs no
hooks, so this does them over the built site, with the same functions:

- ``dir="rtl"`` on <html> of right-to-left pages (kb/i18n/translations.py rtl_html);
- review.json (kb/pagemeta/review.py), from the review data the stage computed;
- print/manifest.<lang>.json for scripts/render_print.py (kb/render/sheets.py);
- the redirect pages of docs/_data/redirects.yml (kb/pagemeta/freshness.py);
- the CSP scan and csp-hashes.json (kb/site/csp.py). Engine-specific: the
  inline code allowed is what Zensical's and zensical-i18n's templates
  write (read from .venv-zensical), not Material's.

Done by the stage before the build instead (kb/stage/tree.py): the open data
files and the joined stylesheet. Search: zensical-i18n builds each language
on its own, so each has its own index (search.json) already.

Nothing here imports MkDocs or Material.
"""

from __future__ import annotations

from kb.core.paths import page_label, REDIRECTS_FILE
import argparse
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from kb.postbuild.csp import scan_site, source_texts, write_hashes
from kb.core.errors import ContentError
from kb.pagemeta.freshness import html_path, redirect_html
from kb.core.messages import error
from kb.i18n.translations import rtl_html
from kb.core.ui_text import text_direction

REVIEW_JSON = "review.json"


def zensical_template_dirs(venv: pathlib.Path, stage: pathlib.Path) -> tuple[pathlib.Path, ...]:
    """The template folders of a Zensical build: the staged theme, the
    work theme zensical-i18n writes, and the two packages' own templates."""
    dirs = [stage / "theme", stage / ".zensical-i18n" / "theme"]
    for package in ("zensical", "zensical_i18n"):
        dirs += sorted(venv.glob(f"lib/python3*/site-packages/{package}/templates"))
    return tuple(d for d in dirs if d.is_dir())


def mark_rtl(site: pathlib.Path, pages: list[dict]) -> int:
    """dir="rtl" on <html> of every right-to-left page. Returns how many."""
    count = 0
    for page in pages:
        if text_direction(page["lang"]) != "rtl":
            continue
        path = site / page["url"]
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        out = rtl_html(text, {"lang": page["lang"], "dir": "rtl"})
        if out != text:
            path.write_text(out, encoding="utf-8")
            count += 1
    return count


def _replace_in_strings(node, tokens: dict[str, str]):
    if isinstance(node, str):
        for token, text in tokens.items():
            node = node.replace(token, text)
        return node
    if isinstance(node, list):
        return [_replace_in_strings(v, tokens) for v in node]
    if isinstance(node, dict):
        return {k: _replace_in_strings(v, tokens) for k, v in node.items()}
    return node


def fill_cited_by(site: pathlib.Path, cited_by: dict[str, dict[str, str]],
                  languages: list[str] = ()) -> int:
    """The "Cited on" lists of the all-sources page (kb/data/sources.py on_env):
    each token in the built page becomes its HTML, and in the search index of
    that language its text. Returns how many tokens were left (0 when done)."""
    left = 0
    for url, tokens in cited_by.items():
        path = site / url
        text = path.read_text(encoding="utf-8")
        for token, html_text in tokens.items():
            text = text.replace(token, html_text)
        left += text.count("\u27e6kb-cited-by:")
        path.write_text(text, encoding="utf-8")
        folder = url.split("/")[0]
        index = (site / folder if folder in languages else site) / "search.json"
        if index.is_file():
            data = json.loads(index.read_text(encoding="utf-8"))
            plain = {token: re.sub(r"<[^>]+>", "", h) for token, h in tokens.items()}
            index.write_text(json.dumps(_replace_in_strings(data, plain), ensure_ascii=False),
                             encoding="utf-8")
    return left


def write_redirects(site: pathlib.Path, post: dict) -> list[ContentError]:
    """kb/pagemeta/freshness.py on_post_build: a small page at each old address."""
    errors = []
    folders = {lang: ("" if lang == post["default"] else lang) for lang in post["languages"]}
    for r in post["redirects"]:
        for lang, folder in folders.items():
            root = site / folder if folder else site
            if not (root / html_path(r["to"])).exists():
                continue
            out = root / html_path(r["from"])
            if out.exists():
                errors.append(error("redirect-replaces-page", REDIRECTS_FILE, None,
                                    from_=r["from"],
                                    page=f"the built page `{out.relative_to(site).as_posix()}`"))
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(redirect_html(r["from"], r["to"], post["titles"].get(r["to"], r["to"]),
                                         lang), encoding="utf-8")
    return errors


_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)([^>]*)>")
_RAW_TEXT = {"script", "style"}


def focusable_abbreviations(html: str) -> str:
    """*html* with `tabindex="0"` on each `<abbr title>` that is not inside a
    link, button or other interactive element, so a keyboard user can reach
    its expansion: what the glossary step does on the MkDocs page tree
    (kb.data.glossary.make_abbr_focusable), done here over Zensical's HTML."""
    from kb.data.glossary import INTERACTIVE

    out, at, open_interactive, raw = [], 0, [], None
    for m in _TAG.finditer(html):
        closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if raw is not None:  # inside <script> or <style>: only its end tag counts
            if closing and name == raw:
                raw = None
            continue
        if not closing and name in _RAW_TEXT and not attrs.rstrip().endswith("/"):
            raw = name
        elif name in INTERACTIVE:
            if closing:
                if name in open_interactive:
                    del open_interactive[len(open_interactive) - 1 - open_interactive[::-1].index(name)]
            elif not attrs.rstrip().endswith("/"):
                open_interactive.append(name)
        elif (name == "abbr" and not closing and not open_interactive
              and re.search(r"\stitle\s*=", attrs) and not re.search(r"\stabindex\s*=", attrs)):
            out.append(html[at:m.start()] + '<abbr tabindex="0"' + attrs + ">")
            at = m.end()
    out.append(html[at:])
    return "".join(out)


def make_abbreviations_focusable(site: pathlib.Path) -> int:
    """Run focusable_abbreviations over every page of *site*; how many changed."""
    changed = 0
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        new = focusable_abbreviations(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def postbuild(stage: pathlib.Path, site: pathlib.Path, venv: pathlib.Path,
              root: pathlib.Path = ROOT) -> list[ContentError]:
    post = json.loads((stage / "postbuild.json").read_text(encoding="utf-8"))
    mark_rtl(site, post["pages"])
    make_abbreviations_focusable(site)
    if fill_cited_by(site, post.get("cited_by", {}), post["languages"]):
        errors_cited = [ContentError(page_label("sources.md"), None,
                                     "some \"Cited on\" lists were not filled in",
                                     "Check that every key in docs/_data/sources.yml is "
                                     "listed once; then run `make zensical` again.",
                                     code="citation")]
    else:
        errors_cited = []
    (site / REVIEW_JSON).write_text(post["review_json"], encoding="utf-8")
    out = site / "print"
    out.mkdir(parents=True, exist_ok=True)
    for lang, manifest in post["print"].items():
        (out / f"manifest.{lang}.json").write_text(json.dumps(manifest, indent=2),
                                                   encoding="utf-8")
    errors = errors_cited + write_redirects(site, post)

    def label(path: pathlib.Path) -> str:
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    hashes, errs = scan_site(site, source_texts(root / "docs", label),
                             zensical_template_dirs(venv, stage))
    errors += errs
    write_hashes(site, hashes)
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb.stage.postbuild",
                                     description="The site-wide steps after `zensical build`.")
    parser.add_argument("--stage", type=pathlib.Path, default=ROOT / "build" / "zensical")
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "site-zensical")
    parser.add_argument("--venv", type=pathlib.Path, default=ROOT / ".venv-zensical",
                        help="the Zensical venv, whose templates' inline code the CSP allows")
    args = parser.parse_args(argv)
    for path, what in ((args.stage / "postbuild.json", "run `python -m kb.stage` first"),
                       (args.site, "build the site with Zensical first (`make zensical`)")):
        if not path.exists():
            print(f"{path}: not found; {what}.", file=sys.stderr)
            return 2
    errors = postbuild(args.stage.resolve(), args.site.resolve(), args.venv.resolve())
    hard = [e for e in errors if e.severity == "error"]
    for err in errors:
        print(("ERROR " if err.severity == "error" else "WARNING ") + err.format(), file=sys.stderr)
    if hard:
        print(f"\nThe post-build steps found {len(hard)} error(s) in {args.site}.", file=sys.stderr)
        return 1
    print(f"Post-build steps done in {args.site}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
