"""Page weight budget: the home page and content pages, measured from the built files.

Each page, with the CSS, JavaScript, icons and fonts it loads, stays within
120 KB gzip and 12 requests (BENCHMARKS.md). The weight is measured by
scripts/bench.py's page_weight(), the same function `make bench` reports.
"""

from __future__ import annotations

import sys

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from bench import page_resources, page_weight  # noqa: E402

from kb.postbuild.assets import defer_scripts  # noqa: E402

MAX_GZIP_KB = 120
MAX_REQUESTS = 12

# The home page, a content page, and the heaviest content page (the
# flowchart's inline SVG), in English and in a right-to-left translation.
PAGES = ["index.html", "signs.html", "responding/police-actions.html",
         "ar/index.html", "pl/signs.html"]


@pytest.mark.parametrize("page", PAGES)
def test_page_within_budget(built_site, page):
    weight = page_weight(built_site, page)
    listing = "\n  ".join(weight["files"])
    assert not weight["missing"], f"{page} references missing files: {weight['missing']}"
    assert not weight["external"], f"{page} loads from another host: {weight['external']}"
    assert weight["requests"] <= MAX_REQUESTS, (
        f"{page} makes {weight['requests']} requests (budget {MAX_REQUESTS}):\n  {listing}")
    assert weight["gzip_kb"] <= MAX_GZIP_KB, (
        f"{page} weighs {weight['gzip_kb']} KB gzip (budget {MAX_GZIP_KB}):\n  {listing}")


def test_one_stylesheet_for_the_sites_own_css(built_site):
    """kb/postbuild/assets.py joins every extra_css file, in order, into one hashed file."""
    import yaml

    from tests.conftest import DOCS

    soup = BeautifulSoup((built_site / "signs.html").read_text(encoding="utf-8"), "html.parser")
    own = [link["href"] for link in soup.select("link[rel=stylesheet]")
           if "assets/stylesheets/" not in link["href"]]
    assert len(own) == 1 and own[0].startswith("assets/kb."), own
    bundle = (built_site / own[0]).read_text(encoding="utf-8")

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    extra_css = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["extra_css"]
    positions = []
    for name in extra_css:
        source = next(p for p in (DOCS / name, ROOT / "overrides" / name) if p.is_file())
        text = source.read_text(encoding="utf-8").strip()
        assert text in bundle, f"{name} is not in {own[0]}"
        positions.append(bundle.index(text))
    assert positions == sorted(positions), "the joined stylesheet changed the order of extra_css"


def test_external_scripts_are_deferred(built_site):
    for page in ("index.html", "pl/signs.html", "print/spot-the-signs.html"):
        soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        scripts = soup.find_all("script", src=True)
        assert scripts, page
        blocking = [s["src"] for s in scripts
                    if not (s.has_attr("defer") or s.has_attr("async"))
                    and s.find_parent("head") is not None]
        assert not blocking, f"{page}: scripts in <head> block rendering: {blocking}"
        material = [s for s in scripts if "bundle." in s["src"]]
        assert material and material[0].has_attr("defer"), page


# --- the measuring function itself -------------------------------------------

def _write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_page_resources_counts_everything_a_page_loads(tmp_path):
    site = tmp_path
    _write(site / "section" / "page.html", """<!doctype html><html><head>
      <link rel="icon" href="../img/icon.png">
      <link rel="manifest" href="../site.webmanifest">
      <link rel="stylesheet" href="../css/a.css">
      <link rel="alternate" href="../pl/page.html" hreflang="pl">
      <link rel="next" href="other.html">
      <script src="../js/a.js" defer></script>
      <script>inline()</script>
      </head><body><img src="pic.png" srcset="pic.png 1x, pic@2x.png 2x">
      <img src="data:image/png;base64,AAAA"><a href="other.html">x</a>
      <script src="https://cdn.example/x.js"></script></body></html>""")
    _write(site / "css" / "a.css", '@import "b.css"; .x{background:url(data:image/svg+xml,abc)}')
    _write(site / "css" / "b.css", "@font-face{src:url(../fonts/f.woff2) format('woff2')}")
    refs = page_resources(site, "section/page.html")
    assert refs == ["section/page.html", "img/icon.png", "site.webmanifest", "css/a.css",
                    "js/a.js", "section/pic.png", "section/pic@2x.png",
                    "https://cdn.example/x.js", "css/b.css", "fonts/f.woff2"]
    weight = page_weight(site, "section/page.html")
    assert weight["requests"] == len(refs) == 10
    assert weight["external"] == ["https://cdn.example/x.js"]
    assert "fonts/f.woff2" in weight["missing"] and "css/a.css" not in weight["missing"]


def test_page_weight_grows_with_what_the_page_loads(tmp_path):
    import os

    _write(tmp_path / "p.html", '<html><head><link rel="stylesheet" href="big.css"></head></html>')
    (tmp_path / "big.css").write_bytes(os.urandom(130 * 1024))  # does not compress
    weight = page_weight(tmp_path, "p.html")
    assert weight["requests"] == 2
    assert weight["gzip_kb"] > MAX_GZIP_KB


