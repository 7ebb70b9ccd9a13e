"""Security headers and a strict Content-Security-Policy for the built site.

Material for MkDocs writes a few small inline scripts into every page. Rather
than allow inline scripts in general, the build hashes each one and the
policy allows exactly those hashes. Inline `<style>` elements and `style`
attributes are hashed the same way (Python-Markdown writes
`style="text-align: …"` for aligned table columns); attributes need
'unsafe-hashes', which still allows only those exact values.

Inline event handlers (`onclick=…`) and `javascript:` links are build errors:
the policy will not allow them.

The build writes the hashes to `csp-hashes.json` at the root of the built
site. `scripts/security_headers.py` turns them into the nginx snippet that
`deploy/nginx.conf` includes; the browser tests serve the site with that
snippet's headers.
"""

from __future__ import annotations

import base64
import hashlib
import json
import pathlib
import sys
from dataclasses import dataclass, field

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from bs4 import BeautifulSoup  # noqa: E402

from hooks.errors import ContentError, report  # noqa: E402
from hooks.safety import is_script_url  # noqa: E402

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


def scan_html(html: str, file: str) -> tuple[InlineHashes, list[ContentError]]:
    """Hash the inline scripts and styles in one page; flag what CSP forbids.

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
    if _xpath("handler")(root) or any(is_script_url(str(v)) for v in _xpath("urls")(root)):
        return _scan_html_soup(html, file)
    for el in root.iter("script"):
        if "src" not in el.attrib and el.get("type", "").strip().lower() in _SCRIPT_TYPES:
            found.scripts.add(csp_hash(el.text or ""))
    for el in root.iter("style"):
        found.styles.add(csp_hash(el.text or ""))
    for value in _xpath("styles")(root):
        found.style_attrs.add(csp_hash(str(value)))
    return found, []


def _scan_html_soup(html: str, file: str) -> tuple[InlineHashes, list[ContentError]]:
    """scan_html with BeautifulSoup: slower, but errors carry their line."""
    soup = BeautifulSoup(html, "html.parser")
    found = InlineHashes()
    errors: list[ContentError] = []
    for script in soup.find_all("script"):
        if script.has_attr("src"):
            continue
        if script.get("type", "").strip().lower() not in _SCRIPT_TYPES:
            continue
        found.scripts.add(csp_hash(script.string or ""))
    for style in soup.find_all("style"):
        found.styles.add(csp_hash(style.string or ""))
    for tag in soup.find_all(True):
        if tag.has_attr("style"):
            found.style_attrs.add(csp_hash(tag["style"]))
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                errors.append(ContentError(
                    file, tag.sourceline,
                    f"inline event handler {name}= on <{tag.name}>; the "
                    "Content-Security-Policy blocks it",
                    "move the code into a script file under overrides/assets/ "
                    "and attach it with addEventListener",
                    code="csp-inline-handler"))
            if (name.lower() in _URL_ATTRS and isinstance(value, str)
                    and is_script_url(value)):
                errors.append(ContentError(
                    file, tag.sourceline,
                    f"javascript: URL in {name}= on <{tag.name}>; the "
                    "Content-Security-Policy blocks it",
                    "use a real link, or a button wired up from a script file",
                    code="csp-javascript-url"))
    return found, errors


def scan_site(site_dir: pathlib.Path) -> tuple[InlineHashes, list[ContentError]]:
    """Scan every HTML file under *site_dir*."""
    found = InlineHashes()
    errors: list[ContentError] = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        page, errs = scan_html(path.read_text(encoding="utf-8"), f"site/{rel}")
        found.update(page)
        errors.extend(errs)
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


# --- MkDocs events ---

import mkdocs.plugins  # noqa: E402


# After mkdocs-static-i18n (-100) has built every language, so the one scan
# sees the whole site; nested language builds skip it.
@mkdocs.plugins.event_priority(-200)
def on_post_build(config, **kwargs) -> None:
    from hooks.mode import is_serve, nested_language_build

    if is_serve() or nested_language_build(config):
        return  # `mkdocs serve` sends no CSP header; full builds scan once
    site_dir = pathlib.Path(config["site_dir"])
    hashes, errors = scan_site(site_dir)
    report(errors)
    write_hashes(site_dir, hashes)
