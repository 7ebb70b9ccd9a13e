"""`mkdocs serve`: every rebuild starts from what is on disk now.

`mkdocs serve` builds the site again after each save, in the same Python
process: MkDocs loads each hook file once and keeps the module, so anything a
hook keeps in a module global lives on into the next build. These tests do
what serve does (mkdocs/commands/serve.py): `load_config` once, `on_startup`
with command "serve", then `build(config, serve_url=...)`; for each rebuild a
fresh `load_config` and `build` again, in the same process, on a temporary
copy of the project, with an edit in between.

They run in a child Python process (one per test) with the copy as its
working folder, so `import kb` there is the copy's kb, as under a real
`mkdocs serve`, and nothing from other tests is already loaded. The child
reads "build" lines on stdin and answers each with one result line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.editors_fixture import COPY, ROOT

pytestmark = pytest.mark.slow

RESULT = "KB-SERVE-RESULT "

#: The child process: mkdocs/commands/serve.py's `serve()` and `builder()`,
#: without the web server.
DRIVER = textwrap.dedent('''
    import json, logging, sys, traceback
    from urllib.parse import urlsplit

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    from mkdocs.livereload import _serve_url

    config_file, site_dir = sys.argv[1], sys.argv[2]


    class Capture(logging.Handler):
        def __init__(self):
            super().__init__(logging.INFO)
            self.records = []

        def emit(self, record):
            self.records.append({"level": record.levelname, "message": record.getMessage()})


    capture = Capture()
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.addHandler(capture)


    def get_config():
        return load_config(config_file=config_file, site_dir=site_dir)


    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    serve_url = _serve_url(host, port, urlsplit(config.site_url or "/").path)
    config.site_url = serve_url
    first = True
    for line in sys.stdin:
        if not first:  # serve's builder(): a fresh config for every rebuild
            config = get_config()
            config.site_url = serve_url
        first = False
        capture.records = []
        error = None
        try:
            build(config, serve_url=serve_url, dirty=False)
        except Abort as exc:
            error = str(exc)
        except Exception:
            error = traceback.format_exc()
        print("''' + RESULT + '''" + json.dumps({"error": error, "records": capture.records}),
              flush=True)
    config.plugins.on_shutdown()
''')


@dataclass
class Build:
    error: str | None
    records: list[dict]

    @property
    def warnings(self) -> list[str]:
        return [r["message"] for r in self.records if r["level"] in ("WARNING", "ERROR")]

    def reported(self, where: str, text: str) -> bool:
        return any(m.startswith(where) and text in m for m in self.warnings)


class ServeSession:
    """One `mkdocs serve` process over a copy of the project in *project*."""

    def __init__(self, project: Path):
        self.project = project
        self.site = project / "serve-site"
        (project / "serve_driver.py").write_text(DRIVER, encoding="utf-8")
        self.log = (project / "serve-driver.log").open("w", encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("KB_FULL_CHECKS", None)
        env.pop("KB_SERVE_LANGUAGES", None)  # every language, as `make serve` by default
        env.pop("PYTHONPATH", None)  # `import kb` must find the copy's kb
        self.proc = subprocess.Popen(
            [sys.executable, "serve_driver.py", "mkdocs.yml", str(self.site)],
            cwd=project, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.log, text=True, encoding="utf-8")

    def build(self) -> Build:
        self.proc.stdin.write("build\n")
        self.proc.stdin.flush()
        for line in self.proc.stdout:
            if line.startswith(RESULT):
                return Build(**json.loads(line[len(RESULT):]))
        self.close()
        raise AssertionError("the serve process stopped:\n"
                             + (self.project / "serve-driver.log").read_text(encoding="utf-8"))

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    # Editing the copy, as an editor would between two saves.

    def path(self, rel: str) -> Path:
        return self.project / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> int:
        """Replace the one *old* in *rel* by *new*; returns its line number."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} is not once in {rel}"
        self.path(rel).write_text(text.replace(old, new), encoding="utf-8")
        return text[:text.index(old)].count("\n") + 1


@pytest.fixture
def serve(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=ignore)
        else:
            shutil.copy2(src, project / name)
    cache = ROOT / ".cache" / "flowchart"
    if cache.is_dir():  # Graphviz layouts: a cache only, speeds the build up
        shutil.copytree(cache, project / ".cache" / "flowchart")
    session = ServeSession(project)
    yield session
    session.close()


def assert_clean(build: Build) -> None:
    assert build.error is None and not build.warnings, \
        f"expected a clean build, got {build.error!r}:\n" + "\n".join(build.warnings)


# --- page edits: the search index and the sources page ---------------------------

def index_entry(site: Path, location: str) -> dict:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return next(e for e in index["docs"] if e["location"] == location)


def keyword_phrases(entry: dict) -> list[str]:
    """The page's keywords as kb/postbuild/search.py writes them: phrases joined by " · "."""
    return [p.strip() for p in entry.get("keywords", "").split(" · ")]


def has_phrase(entry: dict, phrase: str) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", p) for p in keyword_phrases(entry))


def cited_on(site: Path, key: str) -> list[str]:
    """The titles in the "Cited on" line of one source on sources.html."""
    registry = yaml.safe_load((ROOT / "docs" / "_data" / "sources.yml").read_text(encoding="utf-8"))
    url = next(s["url"] for s in registry if s["key"] == key)
    page = BeautifulSoup((site / "sources.html").read_text(encoding="utf-8"), "html.parser")
    item = next(li for li in page.select("article li")
                if li.find("a", href=url) is not None and "Cited on:" in li.get_text())
    line = next(p for p in item.find_all("p", recursive=False)
                if p.get_text().startswith("Cited on:"))
    return [a.get_text() for a in line.find_all("a")]


def test_removed_keywords_and_citations_leave_the_next_build(serve):
    """Two edits between two builds (one serve process, one rebuild, to keep
    the test cheap): keywords taken out of the front matter leave the search
    index, and a citation taken out of a page leaves its source's "Cited on"
    list on the sources page."""
    first = serve.build()
    assert_clean(first)
    signs = index_entry(serve.site, "signs.html")
    vulnerability = index_entry(serve.site, "vulnerability.html")
    assert has_phrase(signs, "knife") and has_phrase(signs, "red flags")
    assert has_phrase(vulnerability, "young carers")
    cited_before = cited_on(serve.site, "dfe-missing-2014")
    assert "Missing children" in cited_before and len(cited_before) > 1, cited_before

    # One keyword taken out of a list, and a page's whole keywords line.
    serve.replace("docs/signs.md", " knife,", "")
    serve.replace("docs/vulnerability.md", "keywords: [risk factors, vulnerable children, "
                  "looked after children, in care, young carers]\n", "")
    # The page's one citation of a source that another page cites too.
    serve.replace("docs/worried/missing.md", "whether they came to harm.[^dfe-missing-2014]",
                  "whether they came to harm.")
    second = serve.build()

    assert second.error is None, "\n".join([second.error, *second.warnings])
    signs = index_entry(serve.site, "signs.html")
    vulnerability = index_entry(serve.site, "vulnerability.html")
    assert not has_phrase(signs, "knife"), signs["keywords"]
    assert has_phrase(signs, "red flags"), "the other keywords must stay"
    for phrase in ("young carers", "risk factors", "looked after children"):
        assert not has_phrase(vulnerability, phrase), vulnerability.get("keywords")
    assert cited_on(serve.site, "dfe-missing-2014") == \
        [t for t in cited_before if t != "Missing children"]


# --- errors --------------------------------------------------------------------

CONTACTS = "docs/_data/contacts.yml"
UI_TEXT = "docs/_data/ui-text.yml"


def test_data_file_errors_are_reported_when_added_and_not_once_fixed(serve):
    """An invalid audience in contacts.yml and an empty Polish text in
    ui-text.yml, added after the first build, then put right."""
    originals = {rel: serve.read(rel) for rel in (CONTACTS, UI_TEXT)}
    first = serve.build()
    assert_clean(first)

    contacts_line = serve.replace(
        CONTACTS, "        audience: public\n        note: For children and young people.",
        "        audience: children\n        note: For children and young people.")
    ui_line = serve.replace(UI_TEXT, "  pl: Tłumaczenie robocze\n", '  pl: ""\n')
    second = serve.build()
    assert second.error is not None, "the strict build must fail"
    assert second.reported(f"{CONTACTS}:{contacts_line}: ", "audience"), "\n".join(second.warnings)
    assert second.reported(f"{UI_TEXT}:{ui_line}: ", "'draft_title.pl' is empty"), \
        "\n".join(second.warnings)

    for rel, text in originals.items():
        serve.path(rel).write_text(text, encoding="utf-8")
    third = serve.build()
    assert_clean(third)
    # The whole site was built again: every language, with its search index.
    for lang in ("", "pl/", "ar/"):
        assert (serve.site / lang / "contacts.html").is_file()
        assert (serve.site / lang / "search" / "search_index.json").is_file()


def test_a_rebuild_after_a_failed_language_build_starts_clean(serve):
    """A broken Polish catalog fails the Polish build, inside the English one.
    mkdocs-static-i18n then leaves MkDocs' "clean the site folder" switched
    off; the next build must still start from an empty folder."""
    catalog = "docs/_data/translations/pl.yml"
    original = serve.read(catalog)
    serve.path(catalog).write_text(original + "\n  broken: [\n", encoding="utf-8")
    first = serve.build()
    assert first.error is not None and first.reported(catalog, "YAML"), first.warnings

    serve.path(catalog).write_text(original, encoding="utf-8")
    leftover = serve.site / "a-page-deleted-since.html"  # what a deleted page leaves
    leftover.write_text("<p>An old page.</p>\n", encoding="utf-8")
    second = serve.build()
    assert_clean(second)
    assert not leftover.exists(), "the site folder was not cleaned before the rebuild"
    assert any(r["message"].startswith("Documentation built in") for r in second.records), \
        "MkDocs' own 'built in' line must not stay hidden"
