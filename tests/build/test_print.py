"""Posters, handouts and the print stylesheet, on a real build.

The session fixture builds the site (with a test intranet address for the QR
codes) and runs scripts/render_print.py into it, exactly as `make print`
does. The PDFs are then read with poppler (pdfinfo, pdftotext, pdftoppm) and
the QR codes with zbarimg. Expected values come from the data files, not from
this file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import DATA, DOCS, ROOT, build_site, render_print
from tests.unit.test_sheets import (BASE_URL, DRAFT_RENDERS, RENDERS, expected_renders,  # noqa: E402,F401
                                    front_matter, languages, print_items)

MM_PER_PT = 25.4 / 72
PAPER = {("A4", "portrait"): (210, 297), ("A3", "portrait"): (297, 420),
         ("A4", "landscape"): (297, 210)}

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdfinfo", "pdftotext", "pdftoppm", "zbarimg"))
    or not Path("/usr/bin/chromium").exists(),
    reason="needs poppler-utils, zbar-tools and Debian's chromium (installed by .ci/run)")


# --- what the data says should exist -------------------------------------------









RTL = {"ar"}
IDS = [r["pdf"] for r in RENDERS]


# --- fixtures ---------------------------------------------------------------------

@pytest.fixture(scope="session")
def print_site(tmp_path_factory) -> Path:
    """The site built with a test base URL, then `scripts/render_print.py` run on it."""
    site = tmp_path_factory.mktemp("print") / "site"
    build_site(site, env={"PRINT_BASE_URL": BASE_URL})
    return render_print(site)


@pytest.fixture(scope="session")
def pdf_dir(print_site) -> Path:
    return print_site / "print" / "pdf"


def pdfinfo(path: Path) -> dict:
    text = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", text, re.M).groups()
    return {"pages": int(re.search(r"^Pages:\s+(\d+)", text, re.M).group(1)),
            "w": float(w) * MM_PER_PT, "h": float(h) * MM_PER_PT}


def pdftext(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return " ".join(text.split())


def flat(text: str) -> str:
    return " ".join(str(text).split())


# --- the list of expected PDFs is what the issue asks for ---------------------------



# --- the PDFs -------------------------------------------------------------------------

@pytest.mark.parametrize("render", RENDERS, ids=IDS)
def test_pdf_exists_with_thumbnail(render, pdf_dir):
    pdf = pdf_dir / render["pdf"]
    assert pdf.is_file() and pdf.stat().st_size > 1000, f"missing {pdf}"
    png = pdf.with_suffix(".png")
    assert png.is_file(), f"missing thumbnail {png}"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("render", RENDERS, ids=IDS)
def test_pdf_is_one_page_of_the_right_size(render, pdf_dir):
    info = pdfinfo(pdf_dir / render["pdf"])
    if render["one_page"]:
        assert info["pages"] == 1
    w, h = PAPER[(render["size"], render["orientation"])]
    assert abs(info["w"] - w) <= 1 and abs(info["h"] - h) <= 1, (info, w, h)


@pytest.mark.parametrize("render", RENDERS, ids=IDS)
def test_pdf_text_has_heading_and_hips_name(render, pdf_dir):
    text = pdftext(pdf_dir / render["pdf"])
    # pdftotext gives Arabic in visual order with ligatures split, so the
    # Arabic title cannot be compared as text; its URL and HIPS still can.
    if render["lang"] not in RTL:
        assert flat(render["title"]) in text
    assert "HIPS" in text
    assert render["url"] in text   # the address printed next to the QR code
    if render["lang"] == "en":
        assert "Hampshire, Isle of Wight, Portsmouth and Southampton" in text
        assert "Last reviewed" in text


def contacts_data() -> dict:
    return yaml.safe_load((DATA / "contacts.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("render", [r for r in RENDERS if r["slug"] == "who-to-contact"],
                         ids=[r["pdf"] for r in RENDERS if r["slug"] == "who-to-contact"])
def test_contacts_poster_has_every_number_and_no_guesses(render, pdf_dir):
    text = pdftext(pdf_dir / render["pdf"])
    assert "999" in text
    numbers = [c["number"] for g in contacts_data()["groups"] for c in g["contacts"] if c.get("number")]
    assert numbers, "no numbers in contacts.yml?"
    for number in numbers:
        assert number in text, f"{number} missing from {render['pdf']}"
    # A number named only in a note (a conflict) is not a number to call.
    for g in contacts_data()["groups"]:
        for c in g["contacts"]:
            if c.get("number") is None:
                for conflicting in re.findall(r"0\d{2,4} \d{3,4} \d{3,4}", c.get("note") or ""):
                    assert conflicting not in text, f"unconfirmed {conflicting} on the poster"


def test_signs_posters_have_every_indicator(pdf_dir):
    groups = {g["id"]: g for g in yaml.safe_load((DATA / "indicators.yml").read_text())["groups"]}
    wanted = {"spot-the-signs-a4.pdf": ["general", "criminal"],
              "spot-the-signs-a3.pdf": ["general", "criminal"],
              "county-lines-poster-a4.pdf": ["criminal"],
              "signs-handout-a4.pdf": ["general", "criminal", "online", "trafficking"]}
    for pdf, ids in wanted.items():
        text = pdftext(pdf_dir / pdf)
        for gid in ids:
            for item in groups[gid]["items"]:
                assert flat(item) in text, f"{item!r} missing from {pdf}"
        assert "999" in text


def test_definitions_handout_quotes_word_for_word(pdf_dir):
    sources = {s["key"]: s for s in yaml.safe_load((DATA / "sources.yml").read_text())}
    text = pdftext(pdf_dir / "definitions-handout-a4.pdf")
    # pdftotext keeps the words; curly quotes and spacing may differ.
    norm = lambda s: re.sub(r"[“”\"]", '"', flat(s))  # noqa: E731
    for key in ("dfe-cse-2017", "hmg-svs-2018", "ho-county-lines", "un-palermo-2000"):
        for quote in sources[key]["quotes"]:
            assert norm(quote) in norm(text), f"{key} quote not word for word"


def ui_text(key: str, lang: str = "en") -> str:
    return yaml.safe_load((DATA / "ui-text.yml").read_text(encoding="utf-8"))[key][lang]


def pdftext_raw(path: Path) -> str:
    """pdftotext in content order (-raw), joined into one line: the rotated
    preview stamp comes out as one phrase."""
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return " ".join(text.split())


def draft_notice_start(lang: str = "en") -> str:
    """The printed draft notice up to the name of the procedures (data, not this file)."""
    body = ui_text("approval_draft_text", lang).split("{procedures}")[0]
    return flat(f"{ui_text('approval_draft_label', lang)}: {body}")






@pytest.mark.parametrize("render", DRAFT_RENDERS, ids=[r["pdf"] for r in DRAFT_RENDERS])
def test_draft_sheets_print_the_sign_off_notice(render, pdf_dir):
    """A procedure summary not yet approved says so on paper too, with where
    to find the procedures (issue 14 review, point 6)."""
    text = pdftext(pdf_dir / render["pdf"])
    assert draft_notice_start() in text, render["pdf"]
    assert ui_text("approval_procedures") in text
    # Built with a real PRINT_BASE_URL: not a preview.
    assert ui_text("sheet_preview") not in pdftext_raw(pdf_dir / render["pdf"])


def test_a_preview_build_prints_the_preview_stamp(built_site, tmp_path):
    """The ordinary build (no real PRINT_BASE_URL) is a preview: render one
    sheet of it and read the stamp in the PDF."""
    sys.path.insert(0, str(ROOT))
    from kb.render.sheets import is_preview
    # mkdocs.yml reads PRINT_BASE_URL, with an example address as its default.
    if not is_preview(os.environ.get("PRINT_BASE_URL")):
        pytest.skip("this session builds with a real PRINT_BASE_URL")
    slug = DRAFT_RENDERS[0]["slug"]
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/render_print.py"), "--site",
                           str(built_site), "--out", str(tmp_path), "--only", slug,
                           "--lang", "en", "--no-thumbnails"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = pdftext_raw(tmp_path / DRAFT_RENDERS[0]["pdf"])
    assert ui_text("sheet_preview") in text
    assert draft_notice_start() in " ".join(pdftext(tmp_path / DRAFT_RENDERS[0]["pdf"]).split())


def test_fit_check_ran_in_the_browser(pdf_dir):
    report = json.loads((pdf_dir / "render-report.json").read_text())
    assert sorted(r["pdf"] for r in report) == sorted(IDS)
    for r in report:
        assert r["fits"] and r["problems"] == [], r
        assert r["scale"] >= 0.85, r


@pytest.mark.parametrize("render", RENDERS, ids=IDS)
def test_qr_code_decodes_to_the_online_page(render, pdf_dir, tmp_path):
    stem = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf_dir / render["pdf"]),
                    str(stem)], check=True)
    out = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable",
                          str(stem) + ".png"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [render["url"]]


# --- the posters and handouts page links every PDF ------------------------------------

def test_posters_page_links_every_pdf_and_thumbnail(print_site):
    page = print_site / "print" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    listing = soup.select_one(".kb-print-list")
    assert listing is not None
    hrefs = {a["href"] for a in listing.select("a[href$='.pdf']")}
    srcs = {img["src"] for img in listing.select("img")}
    english = [r for r in RENDERS if r["lang"] == "en"]
    assert {f"pdf/{r['pdf']}" for r in english} == hrefs
    for ref in hrefs | srcs:
        assert (page.parent / ref).is_file(), f"{ref} does not exist after rendering"
    assert len(srcs) == len({r["slug"] for r in english})


# --- print media for ordinary pages -------------------------------------------------------

@pytest.fixture(scope="session")
def served(print_site):
    sys.path.insert(0, str(ROOT))
    from scripts.serve_with_headers import serve
    server, base = serve(print_site)
    yield base
    server.shutdown()
    server.server_close()


def external_link_page(site: Path) -> str:
    """A built page (not a poster) with an external link in its content."""
    for html in sorted(site.glob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        if soup.select_one(".md-content a[href^='http']") and not soup.select_one("[data-kb-sheet]"):
            return html.name
    raise AssertionError("no page with an external link")


def test_print_media_hides_chrome_and_shows_link_addresses(browser, served, print_site, tmp_path):
    page = browser.new_page()
    name = external_link_page(print_site)
    page.goto(served + name)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => {
        const shown = (sel) => [...document.querySelectorAll(sel)]
            .filter((el) => getComputedStyle(el).display !== 'none' && el.getClientRects().length);
        return {
          header: shown('.md-header').length, nav: shown('.md-sidebar').length,
          search: shown('.md-search').length, footer: shown('.md-footer').length,
          exit: shown('a[href][rel~="nofollow"][rel~="noreferrer"]').length,
          content: shown('.md-content').length,
        };
    }""")
    assert hidden == {"header": 0, "nav": 0, "search": 0, "footer": 0, "exit": 0, "content": 1}
    after = page.evaluate("""() => {
        const a = document.querySelector('.md-content a[href^="http"]:not(.md-button)');
        return [a.getAttribute('href'), getComputedStyle(a, '::after').content];
    }""")
    assert after[0] in after[1], after
    # Sources and the review line are printed.
    kept = page.evaluate("""() => ['.footnote', '[data-kb-review-line]'].map((sel) => {
        const el = document.querySelector(sel);
        return el ? getComputedStyle(el).display !== 'none' : null;
    })""")
    assert kept[0] is not False and kept[1] is True, kept
    # Lists and boxes are kept in one piece where they fit.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content ul, .md-content ol')).breakInside") == "avoid"
    # The printout is A4 with margins (not edge to edge like a poster).
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = pdfinfo(pdf)
    assert abs(info["w"] - 210) <= 1 and abs(info["h"] - 297) <= 1
    page.close()


def test_screen_shows_chrome(browser, served, print_site):
    """Control for the test above: on screen the same selectors are visible."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served + external_link_page(print_site))
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") != "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content a[href^=\"http\"]'), '::after').content") in ("none", "normal", '""')
    page.close()


# --- the renderer fails loudly when something does not fit ----------------------------------

def test_render_fails_with_a_clear_message_when_text_overflows(print_site, tmp_path):
    """Copy the built site, make one poster far too long, and render it alone."""
    site = tmp_path / "site"
    shutil.copytree(print_site, site, ignore=shutil.ignore_patterns("pdf", "pl", "ar", "search"))
    poster = site / "print" / "county-lines-poster.html"
    soup = BeautifulSoup(poster.read_text(encoding="utf-8"), "lxml")
    body = soup.select_one(".kb-sheet__body")
    for i in range(60):
        p = soup.new_tag("p")
        p.string = f"Extra paragraph {i} that makes this poster far too long for its page."
        body.append(p)
    poster.write_text(str(soup), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/render_print.py"), "--site", str(site),
                           "--out", str(tmp_path / "out"), "--only", "county-lines-poster", "--lang", "en"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "too tall: its end is cut off" in proc.stderr
    assert "does not fit even with the type reduced to 85%" in proc.stderr
    assert "County lines: what to look for (en, A4)" in proc.stderr
    assert not (tmp_path / "out" / "county-lines-poster-a4.pdf").exists()


def test_render_help():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/render_print.py"), "--help"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "--site" in proc.stdout and "--out" in proc.stdout
