"""Posters and handouts to PDF: the jobs a built site's manifests list, the fit
check in Chromium, the PDF and thumbnail checks, and the report.

scripts/render_print.py (`make print`) is the command line over this module;
the steps are described there.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
from dataclasses import dataclass, field


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MM_PER_PT = 25.4 / 72
FIT_FLOOR = 0.85   # smallest type, as a share of the design size
FIT_STEP = 0.025
PX_PER_MM = 96 / 25.4

# Runs in the page (print media emulated). Returns a list of problems.
FIT_JS = r"""
({w, h}) => {
  const mm = (px) => px / (96 / 25.4);
  const name = (el) => {
    const tag = el.tagName.toLowerCase();
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
    return `<${tag}${el.className && typeof el.className === "string" ? ` class="${el.className}"` : ""}> "${text}"`;
  };
  const problems = [];
  const sheets = document.querySelectorAll("[data-kb-sheet]");
  if (sheets.length !== 1) {
    return [`expected one printable sheet ([data-kb-sheet]) on the page, found ${sheets.length}`];
  }
  const sheet = sheets[0];
  const box = sheet.getBoundingClientRect();
  if (Math.abs(mm(box.width) - w) > 1 || Math.abs(mm(box.height) - h) > 1) {
    problems.push(`the sheet is ${mm(box.width).toFixed(1)} x ${mm(box.height).toFixed(1)} mm, not ${w} x ${h} mm`);
  }
  if (mm(box.left) > 0.5 || mm(box.top) > 0.5) {
    problems.push(`the sheet starts ${mm(box.left).toFixed(1)} mm from the left and ${mm(box.top).toFixed(1)} mm from the top of the page, not at its corner`);
  }
  const clips = [sheet, ...sheet.querySelectorAll("*")].filter((el) => {
    const s = getComputedStyle(el);
    return s.overflowX !== "visible" || s.overflowY !== "visible";
  });
  for (const el of clips) {
    const over = el.scrollHeight - el.clientHeight;
    const wide = el.scrollWidth - el.clientWidth;
    if (over > 1) problems.push(`${name(el)} is ${mm(over).toFixed(1)} mm too tall: its end is cut off`);
    if (wide > 1) problems.push(`${name(el)} is ${mm(wide).toFixed(1)} mm too wide: its side is cut off`);
  }
  // Every visible box must lie inside the box of each clipping ancestor.
  // Report the outermost offender only, not each of its descendants.
  const reported = [];
  for (const el of sheet.querySelectorAll("*")) {
    if (reported.some((r) => r.contains(el))) continue;
    const b = el.getBoundingClientRect();
    if (b.width === 0 && b.height === 0) continue;
    if (getComputedStyle(el).visibility === "hidden") continue;
    let anc = el.parentElement;
    while (anc && anc !== sheet.parentElement) {
      if (clips.includes(anc)) {
        const a = anc.getBoundingClientRect();
        const out = Math.max(a.top - b.top, b.bottom - a.bottom, a.left - b.left, b.right - a.right);
        if (out > 0.75) {
          problems.push(`${name(el)} sticks out of ${name(anc).split(" ")[0]} by ${mm(out).toFixed(1)} mm`);
          reported.push(el);
          break;
        }
      }
      anc = anc.parentElement;
    }
    if (problems.length > 12) break;
  }
  const doc = document.documentElement;
  if (mm(doc.scrollHeight) > h + 1 || mm(doc.scrollWidth) > w + 1) {
    problems.push(`the printed document is ${mm(doc.scrollWidth).toFixed(1)} x ${mm(doc.scrollHeight).toFixed(1)} mm: something outside the sheet is printed`);
  }
  return problems;
}
"""


@dataclass
class Job:
    slug: str
    lang: str
    kind: str
    title: str
    url_path: str
    size: str
    width_mm: float
    height_mm: float
    one_page: bool
    pdf: pathlib.Path
    png: pathlib.Path


@dataclass
class Result:
    job: Job
    problems: list[str] = field(default_factory=list)
    scale: float = 1.0


def load_jobs(site: pathlib.Path, out: pathlib.Path | None, only: str | None = None,
              lang: str | None = None) -> list[Job]:
    """Every rendering listed in the site's print manifests (all languages)."""
    manifests = sorted((site / "print").glob("manifest.*.json"))
    if not manifests:
        raise SystemExit(f"No print manifest in {site / 'print'}: build the site first "
                         "(make build), with kb/render/sheets.py in mkdocs.yml.")
    jobs = []
    for path in manifests:
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data.get("items", []):
            if item.get("fallback"):
                continue
            if only and item["slug"] != only:
                continue
            if lang and item["lang"] != lang:
                continue
            for r in item["renders"]:
                pdf = (out / pathlib.PurePosixPath(r["pdf"]).name) if out else site / r["pdf"]
                png = (out / pathlib.PurePosixPath(r["png"]).name) if out else site / r["png"]
                jobs.append(Job(item["slug"], item["lang"], item["kind"], item["title"],
                                item["html"] + r["query"], r["size"], r["width_mm"],
                                r["height_mm"], item.get("one_page", True), pdf, png))
    return jobs


def manifest_base_urls(site: pathlib.Path) -> dict[str, str | None]:
    """Language -> the PRINT_BASE_URL each language's sheets were built with."""
    out = {}
    for path in sorted((site / "print").glob("manifest.*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data.get("lang") or path.stem.split(".", 1)[-1]] = data.get("base_url")
    return out


def publish_problem(site: pathlib.Path, env: dict[str, str] | None = None) -> str | None:
    """Why this site must not be printed for publishing (None if it may be).

    PRINT_BASE_URL must be a real http(s) address (not intranet.example), and
    the site must have been built with it, so the QR codes lead to it.
    """
    from kb.render.sheets import publish_refusal

    env = os.environ if env is None else env
    wanted = env.get("PRINT_BASE_URL")
    refusal = publish_refusal(wanted)
    if refusal:
        return refusal
    for lang, built in manifest_base_urls(site).items():
        if built != wanted:
            return (f"Cannot print for publishing: the site in {site} was built with "
                    f"PRINT_BASE_URL {built or '(not set)'} ({lang}), not {wanted}.\n"
                    "How to fix: build the site again with the same PRINT_BASE_URL, "
                    "for example with `make print PUBLISH=1 PRINT_BASE_URL=...`.")
    return None


def is_publish_run(flag: bool, env: dict[str, str] | None = None) -> bool:
    value = (os.environ if env is None else env).get("PUBLISH", "")
    return flag or value.strip().lower() in ("1", "true", "yes")


def pdf_info(path: pathlib.Path) -> dict:
    """Pages and page size (mm) of a PDF, from poppler's pdfinfo."""
    text = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", text, re.M).group(1))
    m = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", text, re.M)
    return {"pages": pages, "width_mm": float(m.group(1)) * MM_PER_PT,
            "height_mm": float(m.group(2)) * MM_PER_PT}


def check_pdf(job: Job) -> list[str]:
    info = pdf_info(job.pdf)
    problems = []
    if job.one_page and info["pages"] != 1:
        problems.append(f"the PDF has {info['pages']} pages, not 1")
    if abs(info["width_mm"] - job.width_mm) > 1 or abs(info["height_mm"] - job.height_mm) > 1:
        problems.append(f"the PDF page is {info['width_mm']:.1f} x {info['height_mm']:.1f} mm, "
                        f"not {job.width_mm} x {job.height_mm} mm")
    return problems


def thumbnail(job: Job) -> None:
    stem = job.png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", "1", "-l", "1",
                    "-scale-to", "300", str(job.pdf), str(stem)], check=True)


def check_fit(page, width_mm: float, height_mm: float) -> list[str]:
    """Run the in-browser fit check on an open page (print media emulated)."""
    return page.evaluate(FIT_JS, {"w": width_mm, "h": height_mm})


def set_scale(page, scale: float) -> None:
    page.evaluate("(s) => document.querySelector('[data-kb-sheet]')"
                  ".style.setProperty('--kb-fit', String(s))", scale)


def fit(page, job: Job) -> tuple[float, list[str]]:
    """Check the fit; if only the text is too long, shrink it down to FIT_FLOOR.

    Returns (scale used, problems left). Problems other than overflowing text
    (a wrong sheet size, something printed outside the sheet) are not fixed
    by shrinking and are returned at once.
    """
    problems = check_fit(page, job.width_mm, job.height_mm)
    scale = 1.0
    if not problems or page.evaluate("!document.querySelector('[data-kb-sheet]')"):
        return scale, problems
    while problems and scale - FIT_STEP >= FIT_FLOOR - 1e-9:
        scale = round(scale - FIT_STEP, 4)
        set_scale(page, scale)
        problems = check_fit(page, job.width_mm, job.height_mm)
    if problems:
        set_scale(page, 1)
        problems = check_fit(page, job.width_mm, job.height_mm) + [
            f"it does not fit even with the type reduced to {FIT_FLOOR:.0%} of its design size"]
        scale = 1.0
    return scale, problems


def open_sheet(page, base: str, job: Job) -> None:
    page.set_viewport_size({"width": round(job.width_mm * PX_PER_MM),
                            "height": round(job.height_mm * PX_PER_MM)})
    page.emulate_media(media="print")
    page.goto(base + job.url_path, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")


def render(jobs: list[Job], site: pathlib.Path, thumbs: bool = True, keep_going: bool = False,
           log=print) -> list[Result]:
    from playwright.sync_api import sync_playwright

    from scripts.serve_with_headers import serve

    # Served as in production, security headers included.
    server, base = serve(site)
    results = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for job in jobs:
                result = Result(job)
                results.append(result)
                open_sheet(page, base, job)
                result.scale, result.problems = fit(page, job)
                if result.problems:
                    log(f"FAIL {job.lang} {job.slug} {job.size}: does not fit the page")
                    if not keep_going:
                        continue
                job.pdf.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(job.pdf), prefer_css_page_size=True, print_background=True)
                result.problems += check_pdf(job)
                if result.problems and not keep_going:
                    log(f"FAIL {job.lang} {job.slug} {job.size}: the PDF is wrong")
                    continue
                if thumbs:
                    thumbnail(job)
                note = f" (type at {result.scale:.1%} to fit)" if result.scale != 1 else ""
                log(f"ok   {job.lang} {job.slug} {job.size}: {job.pdf}{note}")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


def write_report(results: list[Result], out: pathlib.Path) -> pathlib.Path:
    """render-report.json: what was rendered, at which type scale, with which problems."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "render-report.json"
    path.write_text(json.dumps([{
        "slug": r.job.slug, "lang": r.job.lang, "kind": r.job.kind, "size": r.job.size,
        "pdf": r.job.pdf.name, "png": r.job.png.name, "scale": r.scale,
        "fits": not r.problems, "problems": r.problems,
    } for r in results], indent=2), encoding="utf-8")
    return path
