"""Write the whole stage: the expanded docs tree, the theme and the config.

    <out>/mkdocs.yml      the project's mkdocs.yml, for Zensical (see zensical_config)
    <out>/docs/           every page in every language (kb/stage/pages.py), the
                          open data files and the joined stylesheet
    <out>/theme/          overrides/ without partials/search.html (Material's
                          copy, which breaks Zensical's own search)
    <out>/postbuild.json  what the post-build steps need (kb/stage/postbuild.py)

Nothing here imports MkDocs or Material.
"""

from __future__ import annotations

from kb.core.paths import REDIRECTS_FILE
import json
import pathlib
import shutil
from typing import Any

import yaml

from kb.postbuild.assets import css_bundle_name, join_css, resolve_css
from kb.checks.content import read_config
from kb.core.dates import today
from kb.core.errors import ContentError
from kb.pagemeta.freshness import load_redirects
from kb.data.glossary import abbreviation_glossary
from kb.render.sheets import is_preview
from kb.postbuild.opendata import collect as collect_open_data, render_files as render_open_data
from kb.pagemeta.review import reviews_json
from kb.data.sources import CITED_BY_TOKEN, cited_by_html, data_file_keys
from kb.core.yamltext import read_text

from kb.stage.pages import Project, relative_url, stage_page

#: Theme files that only MkDocs should use.
MKDOCS_ONLY_TEMPLATES = ("partials/search.html",)

#: Search settings Zensical 0.0.73 reads (it refuses the others).
ZENSICAL_SEARCH_OPTIONS = ("enabled", "separator")


def i18n_settings(config: dict) -> dict:
    """The mkdocs-static-i18n settings in mkdocs.yml (plugins: i18n)."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "i18n" in entry:
            return dict(entry["i18n"] or {})
    return {}


def languages(config: dict) -> tuple[list[str], str]:
    """(built languages, default language) from mkdocs.yml."""
    langs = [lang for lang in i18n_settings(config).get("languages") or []
             if lang.get("build", True)]
    if not langs:
        return ["en"], "en"
    default = next((lang["locale"] for lang in langs if lang.get("default")), langs[0]["locale"])
    return [lang["locale"] for lang in langs], default


def zensical_config(config: dict, glossary: dict[str, str], css: list[str]) -> dict:
    """mkdocs.yml as Zensical should read it.

    - no ``hooks:`` (Zensical runs none; the stage has done their work);
    - docs/ and the theme are the staged ones, the site goes to ``site/``
      next to the config (zensical-i18n keeps the site inside the project);
    - the ``abbr`` extension gets the glossary (kb/data/glossary.py does this
      in MkDocs' on_config);
    - extra_css is the one joined stylesheet (kb/site/assets.py);
    - search keeps only the settings Zensical reads; i18n is kept as it is
      (zensical-i18n reads mkdocs-static-i18n's settings).
    """
    out = {k: v for k, v in config.items() if k not in ("hooks",)}
    out.update(docs_dir="docs", site_dir="site")
    out["theme"] = {**config.get("theme", {}), "custom_dir": "theme"}
    exts = []
    for ext in config.get("markdown_extensions") or []:
        name = ext if isinstance(ext, str) else next(iter(ext))
        if name in ("abbr", "markdown.extensions.abbr"):
            continue
        exts.append(ext)
    exts.insert(0, {"abbr": {"glossary": glossary}})
    out["markdown_extensions"] = exts
    if css:
        out["extra_css"] = css
    plugins = []
    for entry in config.get("plugins") or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        value = {} if isinstance(entry, str) else (entry[name] or {})
        if name == "search":
            value = {k: v for k, v in value.items() if k in ZENSICAL_SEARCH_OPTIONS}
        plugins.append({name: value})
    out["plugins"] = plugins
    return out


def nav_titles(nav: Any) -> dict[str, str]:
    """docs path -> the title mkdocs.yml's nav gives it (pages listed with one)."""
    out: dict[str, str] = {}

    def walk(items):
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, str):
                        out.setdefault(value, str(title))
                    else:
                        walk(value)
    walk(nav)
    return out


def page_titles(config: dict, project: Project) -> dict[Page, str]:
    """Each page's title as MkDocs gives it: its nav title (translated with the
    language's nav_translations), else its front matter title or first heading."""
    nav = nav_titles(config.get("nav"))
    translations = {lang.get("locale"): lang.get("nav_translations") or {}
                    for lang in i18n_settings(config).get("languages") or []}
    out = {}
    for page in project.pages:
        title = nav.get(page.norm)
        if title is not None:
            out[page] = translations.get(page.lang, {}).get(title, title)
        else:
            out[page] = project.titles.get(page.src, page.src)
    return out


def cited_by_tokens(page, project: Project, titles: dict, data_keys: dict) -> dict[str, str]:
    """kb/data/sources.py on_env: token -> the HTML listing the pages citing each
    source, for the all-sources page (pages of the same language tree, as in
    its own MkDocs build). The post-build step puts it into the built page, as
    MkDocs does into the rendered HTML: written into the Markdown, its titles
    would get abbreviations."""
    cited = project.cited.get(page.lang, {})
    out = {}
    for key in project.registry.sources:
        citing = sorted(((relative_url(p.url, page.url), titles.get(p, p.src))
                         for p in cited.get(key, {}).values() if p != page),
                        key=lambda item: item[1].lower())
        out[CITED_BY_TOKEN.format(key=key)] = cited_by_html(key, citing, data_keys.get(key, []))
    return out


def copy_theme(overrides: pathlib.Path, dest: pathlib.Path) -> None:
    """overrides/ into *dest*, without the templates only MkDocs should use."""
    shutil.copytree(overrides, dest, ignore=shutil.ignore_patterns("__pycache__"))
    for name in MKDOCS_ONLY_TEMPLATES:
        (dest / name).unlink(missing_ok=True)


def css_bundle(config: dict, theme_dir: pathlib.Path, docs_out: pathlib.Path) -> list[str]:
    """kb/site/assets.py: extra_css joined into one file, written into the staged docs.
    Returns the new extra_css (the list as it was if they cannot be joined)."""
    names = [str(n) for n in config.get("extra_css") or []]
    sources = []
    for name in names:
        path = resolve_css(name, [theme_dir, docs_out])
        if path is None or "://" in name:
            return names
        sources.append((name, path.read_text(encoding="utf-8")))
    if len(sources) < 2:
        return names
    css = join_css(sources)
    bundle = css_bundle_name(css)
    target = docs_out / bundle
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css, encoding="utf-8")
    return [bundle]


def _replace_tree(path: pathlib.Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def stage(root: pathlib.Path, out: pathlib.Path) -> list[ContentError]:
    """Write the stage for the project at *root* into *out*. Returns the
    errors found in the content (the caller reports them)."""
    config = read_config(root / "mkdocs.yml")
    langs, default = languages(config)
    base_url = str((config.get("extra") or {}).get("print_base_url") or "")
    project = Project(root, langs, default, base_url=base_url, today=today())
    errors = list(project.errors)

    out.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "theme", ".zensical-i18n"):
        _replace_tree(out / name)
    docs_out, theme_out = out / "docs", out / "theme"
    docs_out.mkdir()
    copy_theme(root / config.get("theme", {}).get("custom_dir", "overrides"), theme_out)

    # Files in docs/ that are not pages (none today, but images would be)
    docs = root / config.get("docs_dir", "docs")
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and not rel.endswith(".md") and not rel.startswith("_"):
            target = docs_out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)

    reviews, staged = [], {}
    for page in project.pages:
        text, data, errs = stage_page(project, page)
        errors += errs
        staged[page] = text
        if "_review" in data:
            reviews.append(data["_review"])
    titles = page_titles(config, project)
    data_keys = data_file_keys(docs / "_data", project.registry)
    cited_by = {}
    for page, text in staged.items():
        if "\u27e6kb-cited-by:" in text:  # filled in the built page (kb/stage/postbuild.py)
            cited_by[page.url] = cited_by_tokens(page, project, titles, data_keys)
        target = docs_out / page.staged
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    # kb/site/opendata.py: the open data files, shared by every language tree
    english = {p.norm: (p.url, project.titles.get(p.src, p.src), project.raw[p.src])
               for p in project.pages if p.lang == default}
    datasets, errs = collect_open_data(root, english, str(config.get("site_name") or ""))
    errors += errs
    for rel, text in render_open_data(datasets, str(config.get("site_name") or "")).items():
        target = docs_out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    css = css_bundle(config, theme_out, docs_out)
    glossary = abbreviation_glossary(project.glossary)
    zconfig = zensical_config(config, glossary, css)
    (out / "mkdocs.yml").write_text(
        "# Generated by `python -m kb.stage` from mkdocs.yml: do not edit.\n"
        + yaml.safe_dump(zconfig, allow_unicode=True, sort_keys=False, width=10_000),
        encoding="utf-8")

    # What the post-build steps need
    redirects = []
    path = docs / "_data" / "redirects.yml"
    if path.exists():
        text, errs = read_text(path, REDIRECTS_FILE)
        if text is not None:
            english_pages = {p.norm for p in project.pages if p.lang == default}
            found, errs = load_redirects(text, english_pages, languages=set(langs) - {default})
            redirects = [{"from": r.from_, "to": r.to} for r in found]
        errors += errs
    post = {
        "default": default,
        "languages": langs,
        "review_json": reviews_json(reviews, project.today),
        "print": {lang: {"version": 1, "lang": lang, "base_url": base_url,
                         "preview": is_preview(base_url),
                         "items": [e for e in project.print_entries[lang] if not e.get("fallback")]}
                  for lang in langs},
        "redirects": redirects,
        "cited_by": cited_by,
        "titles": {p.norm: project.titles.get(p.norm, p.norm)
                   for p in project.pages if p.lang == default},
        "pages": [{"src": p.src, "url": p.url, "lang": p.lang, "kind": p.kind}
                  for p in project.pages],
    }
    (out / "postbuild.json").write_text(json.dumps(post, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    return errors


