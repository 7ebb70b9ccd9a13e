"""Security headers and a strict Content-Security-Policy for the built site.

Material for MkDocs writes a few small inline scripts into every page. Rather
than allow inline scripts in general, the build hashes each one and the
policy allows exactly those hashes. Inline `<style>` elements and `style`
attributes are hashed the same way (Python-Markdown writes
`style="text-align: …"` for aligned table columns); attributes need
'unsafe-hashes', which still allows only those exact values.

Only inline code the project's templates wrote is hashed: Material's own
inline scripts (read from its templates, so an upgrade is followed), the
overrides' and the style attributes the build writes (`STYLE_ATTRS`). Any
other inline script, `<style>` or `style=` is a build error, traced back to
the page or data file it came from where it can be found there: a hash would
let an injected script run.

Inline event handlers (`onclick=…`) and `javascript:` links are build errors:
the policy will not allow them.

The build writes the hashes to `csp-hashes.json` at the root of the built
site. `scripts/security_headers.py` turns them into the nginx snippet that
`deploy/nginx.conf` includes; the browser tests serve the site with that
snippet's headers.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import pathlib
import re
from dataclasses import dataclass, field


from bs4 import BeautifulSoup

from kb.core.errors import ContentError
from kb.core.messages import error
from kb.checks.safety import is_script_url
from kb.core.yamltext import decode

HASHES_FILE = "csp-hashes.json"

# Script types a browser executes. Anything else (application/json, for
# Material's configuration block) is data and outside the policy.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

# Headers every response carries, besides the Content-Security-Policy.
STATIC_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
        "magnetometer=(), microphone=(), payment=(), usb=()"
    ),
}


@dataclass
class InlineHashes:
    """What the policy must allow, found in the built HTML."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)  # <style> elements
    style_attrs: set[str] = field(default_factory=set)  # style="…" attributes

    def update(self, other: "InlineHashes") -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles
        self.style_attrs |= other.style_attrs

    def to_json(self) -> dict[str, list[str]]:
        return {
            "script": sorted(self.scripts),
            "style": sorted(self.styles),
            "style-attr": sorted(self.style_attrs),
        }

    @classmethod
    def from_json(cls, data: dict[str, list[str]]) -> "InlineHashes":
        return cls(set(data.get("script", [])), set(data.get("style", [])),
                   set(data.get("style-attr", [])))


def csp_hash(text: str) -> str:
    """The CSP source expression for *text*: 'sha256-<base64>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# The style attributes the build itself writes: Python-Markdown's aligned
# table columns and the flowchart's width (kb/data/flowchart.py).
STYLE_ATTRS = (
    r"text-align: (?:left|right|center|justify);?",
    r"--kb-flowchart-width: \d+(?:\.\d+)?px",
)
_TEMPLATE_SCRIPT = re.compile(r"<script>(?P<body>.*?)</script>", re.S)
_TEMPLATE_STYLE = re.compile(r"<style>(?P<body>.*?)</style>", re.S)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _template_pattern(body: str) -> str:
    """A template's inline code as a regex: each `{{ … }}` may be a plain
    value (a relative address such as `../..`), never code."""
    parts = _JINJA.split(body)
    return r"[\w./:-]*".join(re.escape(part) for part in parts)


@dataclass(frozen=True)
class KnownInline:
    """The inline code the project's templates write, as regexes."""

    scripts: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    style_attrs: tuple[str, ...] = STYLE_ATTRS

    @functools.cached_property
    def _compiled(self) -> dict[str, re.Pattern]:
        def one(patterns):
            return re.compile("(?:" + "|".join(patterns) + ")\\Z" if patterns else r"(?!)", re.S)
        return {"script": one(self.scripts), "style": one(self.styles),
                "style-attr": one(self.style_attrs)}

    def allows(self, kind: str, text: str) -> bool:
        return bool(self._compiled[kind].match(text))


def template_dirs() -> list[pathlib.Path]:
    """The project's overrides and Material's templates."""
    import material

    root = pathlib.Path(__file__).resolve().parents[2]
    return [root / "overrides", pathlib.Path(material.__file__).parent / "templates"]


def templates_stamp(dirs: tuple[pathlib.Path, ...] | None = None) -> tuple:
    """(path, modification time, size) of every template: changes when one is edited."""
    stamp = []
    for folder in dirs or tuple(template_dirs()):
        for path in sorted(pathlib.Path(folder).rglob("*.html")):
            st = path.stat()
            stamp.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(stamp)


@functools.lru_cache(maxsize=4)
def known_inline(dirs: tuple[pathlib.Path, ...] | None = None, stamp: tuple = ()) -> KnownInline:
    """Every inline `<script>` and `<style>` body written in the templates.

    Cached; pass *stamp* (`templates_stamp`) to read the templates again
    after an edit (`mkdocs serve` rebuilds in the same process).
    """
    scripts: set[str] = set()
    styles: set[str] = set()
    for folder in dirs or tuple(template_dirs()):
        for path in sorted(pathlib.Path(folder).rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            scripts.update(_template_pattern(m["body"]) for m in _TEMPLATE_SCRIPT.finditer(text))
            styles.update(_template_pattern(m["body"]) for m in _TEMPLATE_STYLE.finditer(text))
    return KnownInline(tuple(sorted(scripts)), tuple(sorted(styles)))


def _snippet(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line[:60]


def _unknown(kind: str, text: str, file: str, line: int | None) -> ContentError:
    return error("csp-unknown-inline", file, line, kind=kind, origin="",
                 snippet=_snippet(text) or "(empty)")


# Attributes that may hold a URL a browser would run as script.
_URL_ATTRS = ("href", "src", "action", "formaction")

_xpaths: dict[str, object] = {}


def _xpath(name: str):
    """Compiled XPath expressions, made on first use (lxml loads lazily)."""
    if not _xpaths:
        import lxml.etree

        _xpaths["handler"] = lxml.etree.XPath("boolean(//@*[starts-with(name(), 'on')])")
        # A javascript: URL has a colon; the few values with one are checked in Python.
        _xpaths["urls"] = lxml.etree.XPath(" | ".join(f"//@{a}[contains(., ':')]" for a in _URL_ATTRS))
        _xpaths["styles"] = lxml.etree.XPath("//@style")
    return _xpaths[name]


def scan_html(html: str, file: str, known: KnownInline | None = None
              ) -> tuple[InlineHashes, list[ContentError]]:
    """Hash the inline scripts and styles in one page; flag what CSP forbids.

    Only inline code in *known* (default: the templates', `known_inline()`)
    is hashed; any other is an error.

    lxml walks the page about fifteen times faster than BeautifulSoup's
    html.parser, which matters at thousands of pages. A page with something
    to report is read again by `_scan_html_soup`, which knows line numbers.
    """
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return _scan_html_soup(html, file)
    found = InlineHashes()
    # Element and attribute lookups run in libxml2 (XPath), not in Python
    # (libxml2's HTML parser lower-cases attribute names).
    known = known or known_inline()
    if _xpath("handler")(root) or any(is_script_url(str(v)) for v in _xpath("urls")(root)):
        return _scan_html_soup(html, file, known)
    errors: list[ContentError] = []
    for el in root.iter("script"):
        if "src" not in el.attrib and el.get("type", "").strip().lower() in _SCRIPT_TYPES:
            if known.allows("script", el.text or ""):
                found.scripts.add(csp_hash(el.text or ""))
            else:
                errors.append(_unknown("script", el.text or "", file, el.sourceline))
    for el in root.iter("style"):
        if known.allows("style", el.text or ""):
            found.styles.add(csp_hash(el.text or ""))
        else:
            errors.append(_unknown("<style> element", el.text or "", file, el.sourceline))
    for value in _xpath("styles")(root):
        if known.allows("style-attr", str(value)):
            found.style_attrs.add(csp_hash(str(value)))
        else:
            errors.append(_unknown("style attribute", str(value), file,
                                   value.getparent().sourceline))
    return found, errors


def _scan_html_soup(html: str, file: str, known: KnownInline | None = None
                    ) -> tuple[InlineHashes, list[ContentError]]:
    """scan_html with BeautifulSoup: slower, but errors carry their line."""
    known = known or known_inline()
    soup = BeautifulSoup(html, "html.parser")
    found = InlineHashes()
    errors: list[ContentError] = []
    for script in soup.find_all("script"):
        if script.has_attr("src"):
            continue
        if script.get("type", "").strip().lower() not in _SCRIPT_TYPES:
            continue
        if known.allows("script", script.string or ""):
            found.scripts.add(csp_hash(script.string or ""))
        else:
            errors.append(_unknown("script", script.string or "", file, script.sourceline))
    for style in soup.find_all("style"):
        if known.allows("style", style.string or ""):
            found.styles.add(csp_hash(style.string or ""))
        else:
            errors.append(_unknown("<style> element", style.string or "", file, style.sourceline))
    for tag in soup.find_all(True):
        if tag.has_attr("style"):
            if known.allows("style-attr", tag["style"]):
                found.style_attrs.add(csp_hash(tag["style"]))
            else:
                errors.append(_unknown("style attribute", tag["style"], file, tag.sourceline))
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                errors.append(ContentError(
                    file, tag.sourceline,
                    f"inline event handler {name}= on <{tag.name}> "
                    f"(`{_snippet(str(value)) or name}`); the Content-Security-Policy blocks it",
                    "move the code into a script file under overrides/assets/ "
                    "and attach it with addEventListener",
                    code="csp-inline-handler"))
            if (name.lower() in _URL_ATTRS and isinstance(value, str)
                    and is_script_url(value)):
                errors.append(ContentError(
                    file, tag.sourceline,
                    f"javascript: URL in {name}= on <{tag.name}> "
                    f"(`{_snippet(value)}`); the Content-Security-Policy blocks it",
                    "use a real link, or a button wired up from a script file",
                    code="csp-javascript-url"))
    return found, errors


def source_texts(docs_dir: pathlib.Path, label) -> dict[str, str]:
    """Every page, data file and HTML file under *docs_dir*: label(path) -> text."""
    from kb.checks.content import is_page

    out = {}
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir).as_posix()
        if path.is_file() and (is_page(rel) or path.suffix.lower() in (".yml", ".yaml")
                               or path.suffix.lower() in HTML_SUFFIXES):
            out[label(path)] = path.read_text(encoding="utf-8", errors="replace")
    return out


_MESSAGE_SNIPPET = re.compile(r"`(?P<snippet>[^`]+)`")


def trace(err: ContentError, sources: dict[str, str]) -> ContentError:
    """*err* (found in a built page) pointed at the page or data file where
    its code is written, when that text is found there; else as it was."""
    m = _MESSAGE_SNIPPET.search(err.message)
    needle = m["snippet"] if m else None
    if not needle or needle == "(empty)":
        return err
    for file, text in sources.items():
        index = text.find(needle)
        if index < 0:
            continue
        line = text.count("\n", 0, index) + 1
        message = err.message.replace(
            "did not write:", f"did not write (it comes from {file}, line {line}; "
                              f"found in {err.file}):", 1)
        if message == err.message:
            message += f" (It comes from {file}, line {line}; found in {err.file}.)"
        return ContentError(file, line, message, err.fix, err.code, err.severity)
    return err


#: Files a browser reads as HTML pages (a .htm or .xhtml file in docs/ is
#: published as it is, so it is scanned too).
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def scan_site(site_dir: pathlib.Path, sources: dict[str, str] | None = None,
              dirs: tuple[pathlib.Path, ...] | None = None
              ) -> tuple[InlineHashes, list[ContentError]]:
    """Scan every HTML file under *site_dir*. Each error is traced back to
    the source in *sources* (label -> text, see `source_texts`) if it can be.
    *dirs*: the template folders whose inline code is allowed (default:
    `template_dirs()`, the overrides and Material's; kb/stage passes Zensical's)."""
    found = InlineHashes()
    errors: list[ContentError] = []
    known = known_inline(dirs, templates_stamp(dirs))
    for path in sorted(p for p in site_dir.rglob("*")
                       if p.suffix.lower() in HTML_SUFFIXES and p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        data = path.read_bytes()
        text, errs = decode(data, f"site/{rel}")
        errors.extend(errs)  # a file that is not UTF-8 is still scanned, read as well as it can be
        if text is None:
            text = data.decode("utf-8", errors="replace")
        page, errs = scan_html(text, f"site/{rel}", known)
        found.update(page)
        errors.extend(errs)
    if sources:
        traced: dict[tuple, ContentError] = {}
        for err in errors:
            t = trace(err, sources)
            # The same source line in every language's copy of a page: once.
            key = (t.file, t.line, t.code) if t is not err else (err.file, err.line, err.message)
            traced.setdefault(key, t)
        errors = list(traced.values())
    return found, errors


def build_policy(hashes: InlineHashes) -> str:
    """A strict policy that allows only this site and the hashed inline code."""
    script_src = ["'self'", *sorted(hashes.scripts)]
    style_src = ["'self'", *sorted(hashes.styles)]
    if hashes.style_attrs:
        style_src += ["'unsafe-hashes'", *sorted(hashes.style_attrs)]
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", script_src),
        ("style-src", style_src),
        # Material's icons are data: SVGs inside its stylesheet.
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]
    return "; ".join(name + " " + " ".join(values) for name, values in directives)


def security_headers(hashes: InlineHashes) -> dict[str, str]:
    """Every header the server sends with every response."""
    return {"Content-Security-Policy": build_policy(hashes), **STATIC_HEADERS}


def nginx_snippet(headers: dict[str, str]) -> str:
    """The headers as nginx `add_header` lines (include at server level)."""
    lines = [
        "# Generated by scripts/security_headers.py from the built site.",
        "# Do not edit: rebuild the site and run the script again.",
    ]
    for name, value in headers.items():
        if '"' in value or "\n" in value:
            raise ValueError(f"header {name} cannot be quoted for nginx: {value!r}")
        lines.append(f'add_header {name} "{value}" always;')
    return "\n".join(lines) + "\n"


def parse_nginx_snippet(text: str) -> dict[str, str]:
    """Read back the `add_header Name "value" always;` lines of a snippet."""
    headers: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not (line.startswith("add_header ") and line.endswith(";")):
            raise ValueError(f"not an add_header line: {raw!r}")
        name, _, rest = line[len("add_header "):-1].partition(" ")
        rest = rest.strip()
        if rest.endswith(" always"):
            rest = rest[: -len(" always")].rstrip()
        if not (rest.startswith('"') and rest.endswith('"')):
            raise ValueError(f"header value is not double-quoted: {raw!r}")
        headers[name] = rest[1:-1]
    return headers


def write_hashes(site_dir: pathlib.Path, hashes: InlineHashes) -> pathlib.Path:
    path = site_dir / HASHES_FILE
    path.write_text(json.dumps(hashes.to_json(), indent=2) + "\n", encoding="utf-8")
    return path


def read_hashes(site_dir: pathlib.Path) -> InlineHashes:
    return InlineHashes.from_json(
        json.loads((site_dir / HASHES_FILE).read_text(encoding="utf-8")))
