"""Content integrity: every page check, in one place.

Pure functions:

- `check_page(file, text, registry)` runs every check on the ORIGINAL page
  source (front matter included, so line numbers match the file): front
  matter, citations, blockquotes and quotes, raw HTML and markers.
- `check_links(...)`, `check_nav(...)` do what MkDocs' `validation:` does,
  for `scripts/check_content.py`, which runs without MkDocs.
- `check_tree(docs_dir, root, nav)` runs everything over a docs folder.
- `mkdocs_message_to_errors(message, ...)` rewords MkDocs' own link and nav
  warnings into the same file:line / how-to-fix form.

The "MkDocs events" section checks every page source once per run (in
on_pre_build, translations included) and reports every error through
`kb.core.errors.report`, so that `strict: true` fails the build after all
errors in all pages have been listed. Register this module first.
"""

from __future__ import annotations

from kb.core.paths import page_label, is_translation  # noqa: F401 (written once, in kb/core/paths.py)
import pathlib


import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import yaml

from typing import Sequence

from kb.checks.approval import missing_approvals, read_print_online
from kb.core.errors import ContentError
from kb.core.frontmatter import read_front_matter, split_front_matter
from kb.checks.frontmatter import check_front_matter
from kb.core.mdtext import did_you_mean, mask_code
from kb.core.phones import check_page_numbers
from kb.core.messages import error
from kb.checks.quotes import check_quotes
from kb.checks.safety import check_data_text, check_html, check_html_file, check_svg
from kb.data.sources import Registry, check_citations, load_registry_file
from kb.core.yamltext import decode

from kb.core.markers import KNOWN_MARKERS  # (the table of markers)


def known_markers() -> tuple[str, ...]:
    """Marker names, from the table in kb/core/markers.py."""
    return KNOWN_MARKERS

MARKER_LINE = re.compile(r"^[ \t]*<!--\s*kb:(?P<name>[^\s>]*)(?P<args>.*?)-->[ \t]*$")
MARKER_ANY = re.compile(r"<!--\s*kb:(?P<name>[^\s>]*)")
IMAGE_EXT = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"}
# Every file name ending MkDocs reads as a page (mkdocs.utils.markdown_extensions):
# a page named .markdown gets every check a .md page gets.
PAGE_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def is_page(path: str) -> bool:
    """True for a file MkDocs treats as a Markdown page."""
    return path.lower().endswith(PAGE_SUFFIXES)


#: HTML files MkDocs copies to the site as they are (a browser runs them).
HTML_FILE_SUFFIXES = (".html", ".htm", ".xhtml")


def check_support_files(docs_dir: pathlib.Path, label) -> list[ContentError]:
    """The checks on files that are not pages: every SVG file in the docs
    folder (scripts, handlers, outside references), every HTML file (the
    raw HTML rules of pages) and the links in every data file's text
    (docs/_data/**/*.yml). *label(path)* names a file."""
    errors: list[ContentError] = []
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in rel.split("/")) \
                or linked(docs_dir, path):  # a link gives its own error (check_symlinks)
            continue
        suffix = path.suffix.lower()
        if suffix == ".svg":
            errors += check_svg(label(path), path.read_text(encoding="utf-8", errors="replace"))
        elif suffix in HTML_FILE_SUFFIXES:
            text, errs = decode(path.read_bytes(), label(path))
            errors += errs or check_html_file(label(path), text)
        elif suffix in (".yml", ".yaml") and rel.startswith("_data/"):
            errors += check_data_text(label(path), path.read_text(encoding="utf-8", errors="replace"))
    return errors


# Addresses in mkdocs.yml `extra:` that end up as links: (key, environment variable).
CONFIG_URLS = (("quick_exit_url", "QUICK_EXIT_URL"), ("print_base_url", "PRINT_BASE_URL"))


def check_config_urls(extra: dict, file: str = "mkdocs.yml", text: str = "") -> list[ContentError]:
    """Configured addresses must be http: or https: web addresses."""
    errors = []
    for key, env in CONFIG_URLS:
        value = (extra or {}).get(key)
        if value is None:
            continue
        parts = urlsplit(str(value).strip())
        if not (isinstance(value, str) and parts.scheme in ("http", "https") and parts.netloc
                and not re.search(r'[\s"<>`{}|\\^]', value)):
            errors.append(error("config-url", file, find_line(text, key + ":") if text else None,
                                key=f"extra.{key}", url=value, env=env))
    return errors


def check_markers(file: str, body: str, body_line: int = 1) -> list[ContentError]:
    errors = []
    for n, line in enumerate(mask_code(body).split("\n"), start=body_line):
        for m in MARKER_ANY.finditer(line):
            name = m.group("name").rstrip("-")
            if not MARKER_LINE.match(line):
                errors.append(error("marker-inline", file, n, name=name))
            elif name not in KNOWN_MARKERS:
                errors.append(error(
                    "marker-unknown", file, n, name=name,
                    suggestion=did_you_mean(name, KNOWN_MARKERS, " Did you mean `kb:{}`?"),
                    known=", ".join(KNOWN_MARKERS)))
    return errors


ATTR_LIST = re.compile(r"\{:?(?P<attrs>[^{}\n]*)\}[ \t]*$")
ATTR_LIST_ID = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")


def check_heading_ids(file: str, body: str, body_line: int = 1) -> list[ContentError]:
    """An explicit id ({#id} or { #id }) given twice on one page, or that is
    also the id of a raw HTML element or the automatic id of another heading
    on the page (which would silently lose it to the explicit one)."""
    first: dict[str, int] = {}
    automatic: dict[str, tuple[int, str]] = {}  # slug -> (line, heading text)
    errors = []
    masked = mask_code(body)
    for n, line in enumerate(masked.split("\n"), start=body_line):
        ids = []
        if "{" in line and (m := ATTR_LIST.search(line)):
            ids = [a.group("id") for a in ATTR_LIST_ID.finditer(m.group("attrs"))]
        for key in ids:
            if key in first:
                errors.append(error("heading-id-duplicate", file, n, id=key, first=first[key]))
            else:
                first[key] = n
        if not ids and (h := HEADING.match(line)):
            text = re.sub(r"\{[^}]*\}\s*$", "", h.group("text")).strip()
            automatic.setdefault(heading_slug(text), (n, text))
    html_ids = _Ids()
    try:
        html_ids.feed(masked)
        html_ids.close()
    except Exception:  # the stdlib parser is lenient; never crash a build
        pass
    for key, n in first.items():
        if key in html_ids.lines:
            errors.append(error("heading-id-duplicate", file, n, id=key,
                                first=body_line + html_ids.lines[key] - 1))
        if key in automatic:
            line, text = automatic[key]
            errors.append(error("heading-id-automatic", file, n, id=key, first=line,
                                heading=text))
    return sorted(errors, key=lambda e: e.line or 0)


def outside(docs_dir: pathlib.Path, path: pathlib.Path) -> bool:
    """True if *path* (in docs/) is, or is reached through, a link to outside docs/."""
    try:
        path.resolve().relative_to(docs_dir.resolve())
        return False
    except ValueError:
        return True


def linked(docs_dir: pathlib.Path, path: pathlib.Path) -> bool:
    """True if *path* (in *docs_dir*) is a symbolic link or is reached through one."""
    try:
        parts = path.relative_to(docs_dir).parts
    except ValueError:
        return False
    here = docs_dir
    for part in parts:
        here = here / part
        if here.is_symlink():
            return True
    return False


def symlinked_folders(docs_dir: pathlib.Path) -> list[pathlib.Path]:
    """Symbolic links to folders in *docs_dir* (MkDocs would walk into them)."""
    import os

    found = []
    for folder, dirs, _files in os.walk(docs_dir):
        found += [pathlib.Path(folder) / d for d in sorted(dirs)
                  if (pathlib.Path(folder) / d).is_symlink()]
    return found


def check_symlinks(docs_dir: pathlib.Path, label) -> list[ContentError]:
    """Every symbolic link in *docs_dir*: to outside it, to nowhere, or to a
    file or folder inside it (a link to a folder above it is a loop). None is
    followed: the site publishes files, not links to them."""
    import os

    errors = []
    docs_dir = docs_dir.resolve()
    for folder, dirs, files in os.walk(docs_dir):  # never into a linked folder
        for name in sorted(dirs + files):
            path = pathlib.Path(folder) / name
            if not path.is_symlink():
                continue
            where = f"{label(pathlib.Path(folder))}/{name}"
            code = "symlink-outside" if outside(docs_dir, path) else "symlink-inside"
            errors.append(error(code, where, None, link=where, target=os.readlink(path)))
    return errors


def check_page(file: str, text: str, registry: Registry,
               numbers: dict[str, str] | None = None,
               templates: Sequence[str] | None = None) -> list[ContentError]:
    """Every check on one page's source. Never raises on odd input.

    *numbers* maps phone numbers' digits to contact ids (contacts.yml);
    *templates* are the page templates a `template:` may name (all, if None).
    """
    text = text.replace("\r\n", "\n")
    _, errors = check_front_matter(file, text, templates)
    split = split_front_matter(text)
    body, first = split.body, split.body_line
    if split.yaml_text is not None and not split.closed:
        body, first = text, 1
    errors += check_citations(file, body, first, registry)
    errors += check_quotes(file, body, first, registry)
    errors += check_html(file, body, first)
    errors += check_markers(file, body, first)
    errors += check_heading_ids(file, body, first)
    errors += check_page_numbers(file, body, first, numbers)
    return sorted(errors, key=lambda e: (e.line or 0, e.code))


# --- links, anchors, images and nav without MkDocs -------------------------

MD_LINK = re.compile(r"(?P<img>!?)\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?(?P<dest>(?:[^()\s<>]|\([^()\s]*\))+)")
MD_REF_LINK_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*<?(?P<dest>[^\s>]+)>?")
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t#]*$")
ATTR_ID = re.compile(r"\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.lines: dict[str, int] = {}  # id= value -> its first line

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
                if name == "id":
                    self.lines.setdefault(value, self.getpos()[0])


def heading_slug(title: str) -> str:
    """The id Markdown's toc extension gives a heading with no id of its own."""
    from markdown.extensions.toc import slugify

    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    title = re.sub(r"[*_`]", "", title)
    return slugify(title, "-")


def anchor_ids(text: str) -> set[str]:
    """Anchors a page defines: heading slugs, {#id} attributes and HTML ids."""
    from markdown.extensions.toc import unique

    body = mask_code(split_front_matter(text).body)
    ids: set[str] = set()
    for line in body.split("\n"):
        m = HEADING.match(line)
        if m:
            title = m.group("text")
            a = ATTR_ID.search(title)
            if a:
                ids.add(a.group("id"))
                continue
            title = re.sub(r"\{[^}]*\}\s*$", "", title)
            ids.add(unique(heading_slug(title), ids))
        else:
            a = ATTR_ID.search(line)
            if a:
                ids.add(a.group("id"))
    parser = _Ids()
    try:
        parser.feed(body)
        parser.close()
    except Exception:
        pass
    return ids | parser.ids


def check_links(file: str, src_uri: str, text: str, docs: dict[str, pathlib.Path],
                anchors: callable) -> list[ContentError]:
    """Relative links, anchors and images in one page (like MkDocs' validation)."""
    split = split_front_matter(text)
    errors = []
    for n, line in enumerate(mask_code(split.body).split("\n"), start=split.body_line):
        found = [(m.group("dest"), bool(m.group("img"))) for m in MD_LINK.finditer(line)]
        if (ref := MD_REF_LINK_DEF.match(line)):
            found.append((ref.group("dest"), False))
        for url, is_img in found:
            scheme, netloc, path, _q, anchor = urlsplit(url)
            if scheme or netloc:
                continue
            if url.startswith("/"):
                errors.append(error("link-absolute", file, n, url=url))
                continue
            if not path:
                if anchor and anchor not in anchors(src_uri):
                    errors.append(error("link-anchor", file, n, url=url, anchor=anchor,
                                        target="this page"))
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(path)))
            if target not in docs:
                if not posixpath.splitext(path)[1] and not is_img:
                    errors.append(error("link-unrecognized", file, n, url=url))
                elif is_img or posixpath.splitext(path)[1].lower() in IMAGE_EXT:
                    errors.append(error("link-image", file, n, url=url))
                else:
                    errors.append(error("link-not-found", file, n, url=url,
                                        suggestion=did_you_mean(target, docs)))
                continue
            if anchor and is_page(target) and anchor not in anchors(target):
                errors.append(error("link-anchor", file, n, url=url, anchor=anchor,
                                    target=page_label(target)))
    return errors


def nav_pages(nav) -> set[str]:
    """Every page path listed in a mkdocs.yml `nav:` value."""
    found: set[str] = set()

    def walk(item):
        if isinstance(item, str):
            if not urlsplit(item).scheme:
                found.add(item)
        elif isinstance(item, list):
            for x in item:
                walk(x)
        elif isinstance(item, dict):
            for x in item.values():
                walk(x)

    walk(nav)
    return found


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring tags such as !ENV and !!python/name."""


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


def _env_tag(loader, node):
    """!ENV NAME or !ENV [NAME, OTHER, default], as MkDocs reads it: the first
    environment variable that is set, else the default (the last item)."""
    import os

    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        items = node.value
        names = [loader.construct_scalar(n) for n in items[:-1]] if len(items) > 1 else \
            [loader.construct_scalar(n) for n in items]
        default = loader.construct_object(items[-1]) if len(items) > 1 else None
    else:
        return None
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag=tag, value=value))
    return default


_AnyTagLoader.add_constructor("!ENV", _env_tag)
_AnyTagLoader.add_multi_constructor("", _any_tag)
_AnyTagLoader.add_multi_constructor("!", _any_tag)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_config(path: pathlib.Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}






def read_page(path: pathlib.Path, file: str) -> tuple[str, list[ContentError]]:
    """A page's text and, if it is not UTF-8, the error (the text then has
    U+FFFD for each byte that cannot be read, so other pages' links to it
    can still be checked)."""
    data = path.read_bytes()
    text, errors = decode(data, file)
    if text is None:
        text = data.decode("utf-8", errors="replace")
    return text, errors


def check_tree(docs_dir: pathlib.Path, root: pathlib.Path, nav=None,
               exclude: str = "_data/\n", extra_files=(),
               templates: Sequence[str] | None = None) -> list[ContentError]:
    """Every check over a docs folder, as the MkDocs build would run them.

    *exclude* is mkdocs.yml's `exclude_docs` (gitignore-style lines);
    *extra_files* are site paths generated by hooks (see `hook_generated_files`);
    *templates* the page templates pages may name (see
    `kb.core.frontmatter.page_templates`).
    """
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(exclude.splitlines())
    docs_dir = docs_dir.resolve()
    root = root.resolve()

    def label(p: pathlib.Path) -> str:
        try:
            return p.resolve().relative_to(root).as_posix()
        except ValueError:
            return p.as_posix()

    registry_path = docs_dir / "_data" / "sources.yml"
    registry, errors = load_registry_file(registry_path, label(registry_path))
    errors += check_symlinks(docs_dir, label)
    from kb.data.contacts import contact_numbers
    numbers = contact_numbers(docs_dir.parent)
    docs = {}
    for p in sorted(docs_dir.rglob("*")):
        rel = p.relative_to(docs_dir).as_posix()
        if p.is_file() and not spec.match_file(rel) and not linked(docs_dir, p) \
                and not any(part.startswith(".") for part in rel.split("/")):
            docs[rel] = p
    pages = {k: p for k, p in docs.items() if is_page(k)}
    for extra in extra_files:
        docs.setdefault(extra, docs_dir / extra)
    texts: dict[str, str] = {}
    unreadable: set[str] = set()
    for k, p in pages.items():
        texts[k], errs = read_page(p, label(p))
        if errs:
            errors += errs
            unreadable.add(k)
    cache: dict[str, set[str]] = {}

    def anchors(uri: str) -> set[str]:
        if uri not in cache:
            cache[uri] = anchor_ids(texts.get(uri, ""))
        return cache[uri]

    cited: set[str] = set()
    from kb.data.sources import cited_keys
    for uri, text in texts.items():
        if uri in unreadable:  # one error for the file, not one for each odd character
            cited.update(cited_keys(split_front_matter(text).body))
            continue
        f = label(pages[uri])
        errors += check_page(f, text, registry, numbers, templates)
        errors += check_links(f, uri, text, docs, anchors)
        cited.update(cited_keys(split_front_matter(text).body))
    errors += missing_approvals({uri: read_front_matter(text) for uri, text in texts.items()},
                                read_print_online(docs_dir), lambda uri: label(pages[uri]))
    if nav is not None:
        listed = nav_pages(nav)
        for uri in pages:
            if uri not in listed and not is_translation(uri):
                errors.append(error("nav-omitted", label(pages[uri]), None))
    from kb.data.sources import data_file_keys, unused_sources
    # Data files name sources too (contacts, indicators, flowchart).
    cited.update(data_file_keys(docs_dir / "_data", registry))
    errors += check_support_files(docs_dir, label)
    return errors + unused_sources(registry, cited, label(registry_path))


def find_line(text: str, needle: str) -> int | None:
    """The first line of *text* holding *needle* (1-based), or None."""
    for n, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return n
    return None
