"""The police actions page as built: the inline SVG, the text version, the
browser without JavaScript, and the printed PDF.

The data file is the oracle: every expectation is read from
docs/_data/flowchart.yml, never typed in here.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kb.data import flowchart as fc
from kb.data.sources import load_source_index
from tests.conftest import build_site

ROOT = Path(__file__).resolve().parents[2]
PAGE = "responding/police-actions.html"


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def chart():
    chart, errors = fc.load_project_chart()
    assert errors == [], "\n".join(e.format() for e in errors)
    return chart


@pytest.fixture(scope="module")
def soup(built_site):
    return BeautifulSoup((built_site / PAGE).read_text(encoding="utf-8"), "lxml")


def own_text(li) -> str:
    """The text of a list item without its nested lists and footnote marks."""
    parts = []
    for child in li.children:
        if getattr(child, "name", None) in ("ol", "ul"):
            continue
        if getattr(child, "name", None) is not None:
            child = BeautifulSoup(str(child), "lxml")
            for sup in child.find_all("sup"):
                sup.decompose()
            parts.append(child.get_text())
        else:
            parts.append(str(child))
    return words("".join(parts))


def step_items(soup, route_id):
    box = soup.select_one(f'div.kb-flowchart-steps[data-route="{route_id}"]')
    assert box is not None, f"no text version for route {route_id}"
    return box, box.find_all("li")


# --- The HTML ---------------------------------------------------------------

def test_each_route_has_its_figure_with_both_drawings(soup, chart):
    for route in chart.routes:
        figure = soup.select_one(f"figure#flowchart-{route.id}.kb-flowchart")
        assert figure is not None, route.id
        region = figure.select_one(".kb-flowchart__scroll")
        assert region["role"] == "region" and region["tabindex"] == "0"
        assert route.title in region["aria-label"]
        svgs = region.find_all("svg", recursive=False)
        assert [s["data-layout"] for s in svgs] == ["screen", "print"]
        for svg in svgs:
            assert svg["role"] == "img"
            assert svg.find("title", id=svg["aria-labelledby"]).get_text()
            assert svg.find("desc", id=svg["aria-describedby"]).get_text()
        # The text version follows the figure directly.
        assert figure.find_next_sibling().get("data-route") == route.id


def test_the_page_needs_no_script_for_the_flowchart(soup):
    for figure in soup.select("figure.kb-flowchart"):
        assert figure.find("script") is None
        for tag in figure.find_all(True):
            assert not any(a.startswith("on") for a in tag.attrs)
            assert not tag.get("href") and not tag.get("xlink:href")


def test_every_node_label_appears_in_the_svg_and_the_text(soup, chart):
    for route in chart.routes:
        figure = soup.select_one(f"figure#flowchart-{route.id}")
        _, items = step_items(soup, route.id)
        listed = [own_text(li) for li in items]
        for svg in figure.select("svg.kb-flowchart__svg"):
            for node in route.nodes:
                group = svg.find("g", attrs={"data-node": node.id})
                assert group is not None, (route.id, node.id)
                assert words(group.get_text(" ")) == words(fc.diagram_label(chart, node))
        for node in route.nodes:
            label = words(fc.node_label(chart, node))
            assert any(label in text for text in listed), (node.id, label)


def test_the_text_version_follows_the_routes_in_the_data(soup, chart):
    for route in chart.routes:
        _, items = step_items(soup, route.id)
        texts = [own_text(li) for li in items]
        position = {}
        for node in route.nodes:
            label = words(fc.node_label(chart, node))
            hits = [i for i, t in enumerate(texts) if label in t and not t.startswith("Go to")]
            assert len(hits) == 1, (node.id, hits)
            position[node.id] = hits[0]
        start = next(n for n in route.nodes if n.type == "start")
        assert position[start.id] == 0
        for node in route.nodes:
            for label, target in node.targets:
                assert position[node.id] < position[target], (node.id, target)
                if label:  # a branch is a nested item named by its label
                    branch = [li for li in items[position[node.id]].find_all("li")
                              if own_text(li).startswith(label + ":")]
                    assert branch, (node.id, label)


def test_each_step_shows_who_acts_and_links_its_sources(soup, chart):
    sources = load_source_index(ROOT / "docs" / "_data" / "sources.yml")
    for route in chart.routes:
        _, items = step_items(soup, route.id)
        for node in route.nodes:
            label = words(fc.node_label(chart, node))
            li = next(li for li in items if label in own_text(li))
            strong = li.find("strong")
            assert words(strong.get_text()) == chart.actor(node.actor).label + ":"
            refs = [a["href"] for a in li.find_all("a", class_="footnote-ref")
                    if a.find_parent("li") is li]
            assert len(refs) == len(node.sources), (node.id, refs)
            for key, href in zip(node.sources, refs):
                note = soup.find(id=href.lstrip("#"))
                assert note is not None, (node.id, href)
                title = words(sources[key]["title"])
                assert title in words(note.get_text()), (key, title)


def test_the_page_says_what_it_summarises(soup):
    text = words(soup.select_one("article").get_text(" "))
    assert "drew up these routes from national guidance and the HIPS Procedures" in text
    assert "not the Isle of Wight Safeguarding Children Partnership's own flowchart" in text
    assert "Follow the HIPS Procedures in every case" in text


# --- In Chromium --------------------------------------------------------------

@pytest.fixture(scope="module")
def served(built_site):
    from scripts.serve_with_headers import serve

    server, url = serve(built_site, port=0)  # any free port: runs never clash
    yield url
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_the_svg_shows_without_javascript(browser, served, chart, width):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    page = ctx.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served + PAGE)
    for route in chart.routes:
        svg = page.locator(f"#flowchart-{route.id} svg.kb-flowchart__svg--screen")
        assert svg.is_visible()
        box = svg.bounding_box()
        assert box["width"] > 200 and box["height"] > 200
        assert page.locator(f"#flowchart-{route.id} svg.kb-flowchart__svg--print").is_hidden()
        # The figure stays inside the screen; the drawing scrolls in its box.
        fig = page.locator(f"#flowchart-{route.id}").bounding_box()
        assert fig["x"] >= 0 and fig["x"] + fig["width"] <= width + 1
    assert not [e for e in errors if "Content Security Policy" in e], errors
    ctx.close()


@pytest.mark.browser
def test_keyboard_users_can_scroll_the_diagram_on_a_phone(browser, served):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = ctx.new_page()
    page.goto(served + PAGE)
    region = page.locator("#flowchart-missing .kb-flowchart__scroll")
    sizes = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] > sizes[1], "at 360 px the diagram is wider than its box"
    region.focus()
    assert page.evaluate("document.activeElement.classList.contains('kb-flowchart__scroll')")
    # Arrow keys on the focused box scroll it. Keep pressing for up to ~5 s:
    # on a busy machine the first presses can land before layout settles.
    for _ in range(50):
        region.press("ArrowRight")
        if region.evaluate("el => el.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    assert region.evaluate("el => el.scrollLeft") > 0, "arrow keys did not scroll the box"
    ctx.close()


def pdf_pages(path: Path) -> list[str]:
    count = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    return [words(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout",
                                  str(path), "-"], capture_output=True, text=True,
                                 check=True).stdout) for n in range(1, count + 1)]


def page_size(path: Path, n: int) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", "-f", str(n), "-l", str(n), str(path)],
                         capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith(f"Page") and "size" in l)
    w, _, h = line.split(":", 1)[1].split()[:3]
    return float(w), float(h)


def diagram_pages(pages: list[str], chart, route) -> list[int]:
    """The PDF pages (1-based) holding any line of the route's diagram boxes."""
    found = set()
    for node in route.nodes:
        for line in textwrap.wrap(words(node.text), width=24 if node.type == "decision" else 30):
            for n, text in enumerate(pages, start=1):
                if line in text:
                    found.add(n)
    return sorted(found)


def print_pdf(page, path: Path, **kwargs) -> Path:
    page.emulate_media(media="print")
    page.pdf(path=str(path), print_background=True, **kwargs)
    return path


def assert_one_landscape_page_per_diagram(pdf: Path, chart) -> None:
    pages = pdf_pages(pdf)
    seen = set()
    for route in chart.routes:
        caption = f"Police actions: {route.title}"
        on = [n for n, text in enumerate(pages, start=1) if caption in text]
        assert len(on) == 1, (route.id, on)
        n = on[0]
        w, h = page_size(pdf, n)
        assert w > h and abs(w - 842) < 3 and abs(h - 595) < 3, (route.id, w, h)
        # Every box of the diagram is on that one page, with its key.
        for node in route.nodes:
            for line in textwrap.wrap(words(node.text),
                                      width=24 if node.type == "decision" else 30):
                assert line in pages[n - 1], (route.id, node.id, line)
        assert "Key" in pages[n - 1]
        seen.add(n)
    assert len(seen) == len(chart.routes)


@pytest.mark.browser
@pytest.mark.parametrize("how", ["css-page-size", "a4-landscape"])
def test_each_diagram_prints_on_one_a4_landscape_page(browser, served, chart, tmp_path, how):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(served + PAGE)
    if how == "css-page-size":  # as a reader prints it: the page's own page sizes
        pdf = print_pdf(page, tmp_path / "page.pdf", prefer_css_page_size=True)
    else:  # asked for A4 landscape
        pdf = print_pdf(page, tmp_path / "page.pdf", format="A4", landscape=True)
    ctx.close()
    assert_one_landscape_page_per_diagram(pdf, chart)


# --- One change in the data changes the diagram, the text and the PDF --------

@pytest.mark.browser
@pytest.mark.slow
def test_changing_one_step_changes_diagram_text_and_pdf(tmp_path, browser):
    project = tmp_path / "project"  # a copy of the project: the data is changed there
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "site.*", ".build-tmp*", "__pycache__", "*.pyc",
        ".pytest_cache", ".hypothesis", ".cache", "node_modules", "tests", "bench"))
    data = project / "docs" / "_data" / "flowchart.yml"
    old = "Search for the child and investigate"
    new = "Search for the lost child and investigate"
    text = data.read_text(encoding="utf-8")
    assert text.count(old) == 1
    data.write_text(text.replace(old, new), encoding="utf-8")

    site = tmp_path / "site"
    build_site(site, config=project / "mkdocs.yml")
    soup = BeautifulSoup((site / PAGE).read_text(encoding="utf-8"), "lxml")
    figure = soup.select_one("figure#flowchart-missing")
    for svg in figure.select("svg.kb-flowchart__svg"):
        group = svg.find("g", attrs={"data-node": "missing-search"})
        assert words(group.get_text(" ")) == f"Police: {new}"
    steps = words(soup.select_one('div.kb-flowchart-steps[data-route="missing"]').get_text(" "))
    assert new in steps and old not in steps

    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto((site / PAGE).as_uri())
    pdf = print_pdf(page, tmp_path / "changed.pdf", prefer_css_page_size=True)
    ctx.close()
    printed = " ".join(pdf_pages(pdf))
    wrapped = textwrap.wrap(new, width=30)
    assert all(line in printed for line in wrapped), wrapped
    assert "Search for the child and" not in printed


# --- A missing renderer stops the build with a clear message -----------------

@pytest.mark.slow
def test_build_without_graphviz_fails_clearly(tmp_path):
    proc = build_site(tmp_path / "site", env={"PATH": "/nonexistent"}, check=False)
    assert proc.returncode != 0
    assert "Graphviz's 'dot' program" in proc.stdout + proc.stderr
