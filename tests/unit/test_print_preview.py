"""Posters never carry a placeholder address unnoticed: preview sheets and the
publish refusal (kb/render/sheets.py, scripts/render_print.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
import yaml

from kb.render import sheets as kbprint
from kb.core.ui_text import ui_text
from scripts import render_print
from kb.postbuild import print_pdf

ROOT = Path(__file__).resolve().parents[2]
REAL = "https://safeguarding.intranet.nhs.uk/kb/"


def mkdocs_default_base_url() -> str:
    """The example address mkdocs.yml falls back to without PRINT_BASE_URL."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return config["extra"]["print_base_url"]


# --- preview detection ---------------------------------------------------------

def test_the_mkdocs_default_is_a_preview():
    default = mkdocs_default_base_url()
    assert kbprint.is_preview(default)
    assert kbprint.base_url_problem(default) == (
        f"PRINT_BASE_URL ({default}) is an example address, not the published one")


@pytest.mark.parametrize("url, problem", [
    (None, "PRINT_BASE_URL is not set"),
    ("  ", "PRINT_BASE_URL is not set"),
    ("ftp://files.council.uk/kb/", "is not a web address starting with http:// or https://"),
    ("intranet/kb/", "is not a web address starting with http:// or https://"),
    ("https://INTRANET.EXAMPLE/kb/", "is an example address"),
    ("https://kb.example/", "is an example address"),
    ("https://www.example.org/kb/", "is an example address"),
])
def test_not_a_real_address(url, problem):
    assert problem in kbprint.base_url_problem(url)
    assert kbprint.is_preview(url)


@pytest.mark.parametrize("url", [REAL, "http://print-test.invalid/kb/",
                                 "https://someone.github.io/hips-kb/"])
def test_a_real_address_is_not_a_preview(url):
    assert kbprint.base_url_problem(url) is None
    assert not kbprint.is_preview(url)
    assert kbprint.publish_refusal(url) is None


def test_publish_refusal_explains_in_plain_words():
    text = kbprint.publish_refusal(None)
    assert text.startswith("Cannot print for publishing: PRINT_BASE_URL is not set, so the QR "
                           "codes on the posters and handouts would not lead to the published site.")
    assert "make print PUBLISH=1 PRINT_BASE_URL=" in text


@pytest.mark.parametrize("lang", ["en", "pl", "ar"])
def test_preview_text_in_each_language(lang):
    marks = kbprint.preview_text(mkdocs_default_base_url(), lang)
    assert marks == {"preview": True, "preview_text": ui_text("sheet_preview", lang),
                     "preview_qr_text": ui_text("sheet_preview_qr", lang)}
    assert kbprint.preview_text(REAL, lang) == {"preview": False}


def test_english_preview_wording():
    marks = kbprint.preview_text(None, "en")
    assert marks["preview_text"] == "Preview – not for display"
    assert marks["preview_qr_text"] == "Preview – QR code points to an example address"


# --- the sheet ------------------------------------------------------------------

class Page:
    def __init__(self, meta):
        self.meta, self.content = meta, "<h1>Spot the signs</h1>"


def render_sheet(base_url: str, lang: str = "en") -> str:
    kp = {"kind": "poster", "orientation": "portrait", "text_size": "standard", "slug": "s",
          "renders": [{"size": "A4", "pdf": "print/pdf/s-a4.pdf", "query": "?size=A4"}],
          "online_url": kbprint.online_url(base_url, "signs.html"),
          "qr_svg": kbprint.qr_svg(kbprint.online_url(base_url, "signs.html"), "QR code"),
          "last_reviewed_text": "21 November 2026", **kbprint.preview_text(base_url, lang)}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")))
    env.filters["url"] = lambda value: value
    return env.get_template("partials/print-sheet.html").render(
        page=Page({"kb_print": kp}), config={"site_name": "HIPS child exploitation guidance"})


@pytest.mark.parametrize("lang", ["en", "pl", "ar"])
def test_a_preview_sheet_is_marked_on_the_sheet_and_by_the_qr_code(lang):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(render_sheet(mkdocs_default_base_url(), lang), "html.parser")
    sheet = soup.select_one("[data-kb-sheet]")
    assert "kb-sheet--preview" in sheet["class"]
    band = sheet.select_one('[data-kb-preview="sheet"]')
    assert band.get_text(strip=True) == ui_text("sheet_preview", lang)
    qr = sheet.select_one(".kb-qr")
    assert qr.select_one("svg") is not None
    assert qr.select_one('[data-kb-preview="qr"]').get_text(strip=True) == \
        ui_text("sheet_preview_qr", lang)


def test_a_sheet_with_a_real_address_is_not_marked():
    out = render_sheet(REAL)
    assert "data-kb-preview" not in out and "kb-sheet--preview" not in out
    assert "Preview" not in out
    assert REAL + "signs.html" in out


def test_the_preview_marks_take_no_space_on_the_sheet():
    """So a preview fits its paper exactly as the published sheet does."""
    css = (ROOT / "overrides" / "assets" / "sheet.css").read_text(encoding="utf-8")
    start = css.index("/* Preview (kb/render/sheets.py)")
    preview = css[start:css.index("/* Body: the page's own content. */", start)]
    on_paper = preview[preview.index("@media print {"):]
    for selector, where in ((".kb-sheet__preview {", on_paper), (".kb-qr__preview {", preview)):
        rule = where[where.index(selector):]
        assert "position: absolute;" in rule[:rule.index("}")], selector


# --- make print PUBLISH=1 -----------------------------------------------------------

def write_site(tmp_path: Path, base_url: str | None) -> Path:
    site = tmp_path / "site"
    (site / "print").mkdir(parents=True)
    for lang in ("en", "pl"):
        (site / "print" / f"manifest.{lang}.json").write_text(json.dumps(
            {"version": 1, "lang": lang, "base_url": base_url,
             "preview": kbprint.is_preview(base_url), "items": []}))
    return site


def test_publish_needs_the_real_address_the_site_was_built_with(tmp_path):
    site = write_site(tmp_path, mkdocs_default_base_url())
    assert "PRINT_BASE_URL is not set" in print_pdf.publish_problem(site, {})
    assert "an example address" in print_pdf.publish_problem(
        site, {"PRINT_BASE_URL": mkdocs_default_base_url()})
    mismatch = print_pdf.publish_problem(site, {"PRINT_BASE_URL": REAL})
    assert "was built with PRINT_BASE_URL http://intranet.example/safeguarding/" in mismatch
    assert "build the site again" in mismatch
    assert print_pdf.publish_problem(write_site(tmp_path / "b", REAL),
                                        {"PRINT_BASE_URL": REAL}) is None


def test_publish_is_asked_for_by_flag_or_environment():
    assert print_pdf.is_publish_run(True, {})
    assert print_pdf.is_publish_run(False, {"PUBLISH": "1"})
    assert not print_pdf.is_publish_run(False, {"PUBLISH": ""})
    assert not print_pdf.is_publish_run(False, {})


@pytest.mark.parametrize("args, env", [
    (["--publish"], {}),
    ([], {"PUBLISH": "1"}),
    (["--publish"], {"PRINT_BASE_URL": "http://intranet.example/safeguarding/"}),
    (["--publish"], {"PRINT_BASE_URL": "file:///srv/kb/"}),
])
def test_render_print_refuses_to_publish_without_a_traceback(tmp_path, args, env):
    site = write_site(tmp_path, env.get("PRINT_BASE_URL"))
    clean = {k: v for k, v in __import__("os").environ.items()
             if k not in ("PRINT_BASE_URL", "PUBLISH")}
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "render_print.py"),
                           "--site", str(site), *args], cwd=ROOT, capture_output=True,
                          text=True, env={**clean, **env})
    assert proc.returncode == 1
    assert proc.stderr.startswith("Cannot print for publishing: PRINT_BASE_URL")
    assert "How to fix:" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_check_only_passes_with_a_real_address(monkeypatch, tmp_path):
    monkeypatch.setenv("PRINT_BASE_URL", REAL)
    assert render_print.main(["--site", str(tmp_path), "--publish", "--check-only"]) == 0
    monkeypatch.delenv("PRINT_BASE_URL")
    assert render_print.main(["--site", str(tmp_path), "--publish", "--check-only"]) == 1


def test_makefile_passes_publish_through():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "render_print.py $(if $(filter 1 true yes,$(PUBLISH)),--publish)" in makefile
    assert "print: sysdeps print-check build" in makefile
