"""Raw HTML, links and SVG files that could run code or load another site.

Pure functions:

- `check_html(file, body, body_line)`: raw HTML in a page is an allow-list
  (`ALLOWED_TAGS`, `ALLOWED_ATTRS`): any other element or attribute is an
  error, and so are `on…=` handlers, `javascript:`, `vbscript:` and `data:`
  addresses, `style=` attributes, and images or media from another host.
  Markdown links and images are checked with the same address rules.
- `check_markdown_links(file, text, line)`: the address rules alone, for
  Markdown text from a data file (`check_data_text` walks a whole file).
- `check_svg(file, text)`: an SVG file in docs/ may not hold scripts, event
  handlers, `<foreignObject>` or references outside the file.

Code blocks and code spans are blanked out first (they are shown as text,
not run). The rest is read by Python's HTML parser, which gives the line of
every tag.
"""

from __future__ import annotations



import html
import re
from html.parser import HTMLParser
from typing import Any, Iterator
from urllib.parse import urlsplit

from kb.core.errors import ContentError
from kb.core.mdtext import mask_code
from kb.core.messages import error

# What pages may write as raw HTML: what the content and Material's Markdown
# extensions need (md_in_html blocks, admonition-like boxes, tables, details,
# abbreviations, images and media from this site). Everything else, such as
# <script>, <iframe>, <form>, <meta>, <base>, <link>, <style>, <svg>, <object>
# and <embed>, is refused.
ALLOWED_TAGS = frozenset("""
    a abbr article aside audio b bdi bdo blockquote br caption cite code col
    colgroup dd del details dfn div dl dt em figcaption figure h1 h2 h3 h4 h5
    h6 hr i img ins kbd li mark ol p picture pre q s samp section small source
    span strong sub summary sup table tbody td tfoot th thead time tr track u
    ul var video wbr
""".split())
# Attributes any allowed element may carry (plus aria-* and data-*).
GLOBAL_ATTRS = frozenset("class id lang dir title role hidden markdown tabindex translate".split())
ALLOWED_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset("href hreflang rel download type".split()),
    "abbr": frozenset(),
    "audio": frozenset("src controls loop muted preload".split()),
    "blockquote": frozenset({"cite"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "del": frozenset("cite datetime".split()),
    "details": frozenset({"open"}),
    "img": frozenset("src alt width height loading decoding srcset sizes".split()),
    "ins": frozenset("cite datetime".split()),
    "li": frozenset({"value"}),
    "ol": frozenset("start reversed type".split()),
    "q": frozenset({"cite"}),
    "source": frozenset("src srcset type media sizes width height".split()),
    "td": frozenset("colspan rowspan headers".split()),
    "th": frozenset("colspan rowspan headers scope abbr".split()),
    "time": frozenset({"datetime"}),
    "track": frozenset("src kind srclang label default".split()),
    "video": frozenset("src controls loop muted preload poster width height playsinline".split()),
}
# Attributes that hold an address.
URL_ATTRS = frozenset({"href", "src", "cite", "poster", "srcset", "action", "formaction",
                       "xlink:href", "data", "background", "srcdoc"})
# Attributes whose address is loaded into the page (so must be this site's).
LOADED_ATTRS = frozenset({"src", "srcset", "poster", "data", "background"})
# Markdown link destinations: [text](dest "title"), ![alt](dest) and [id]: dest
MD_INLINE_LINK = re.compile(r"(?P<img>!?)\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?"
                            r"(?P<dest>(?:[^()\s<>]|\([^()\s]*\))*)")
MD_REF_DEF = re.compile(r"^[ \t]{0,3}\[(?P<label>[^\]]+)\]:[ \t]*<?(?P<dest>\S+?)>?(?:\s|$)")
# An image by reference: ![alt][label], ![alt][] or ![alt] (not followed by ( or [).
MD_IMAGE_REF = re.compile(r"!\[(?P<alt>[^\]\[]*)\](?:\[(?P<label>[^\]\[]*)\]|(?![(\[]))")
# Markdown autolinks are links, not tags: exactly what Python-Markdown reads
# as one (<http(s)://…>, <ftp://…>, <name@example.org>). Anything else in
# angle brackets, such as <javascript:…> or <svg:script>, is read as a tag.
AUTOLINK = re.compile(r"<(?:(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*|[^<> !]+@[^@<> ]+)>")
# CSS that loads something or runs code.
LOADING_CSS = re.compile(r"url\s*\(|@import|expression\s*\(|-moz-binding|behavior\s*:|\\",
                         re.I)


def _plain(url: str) -> str:
    """An address as a browser reads it: entities decoded, spaces and controls gone."""
    url = html.unescape(url)
    return "".join(ch for ch in url if ch > " " and ch != "\x7f")


def is_script_url(url: str) -> bool:
    """True for javascript:/vbscript: addresses, however they are disguised."""
    return _plain(url).lower().startswith(("javascript:", "vbscript:"))


def is_unsafe_url(url: str) -> bool:
    """javascript:, vbscript: and data: addresses (a data: address can hold a page)."""
    return is_script_url(url) or _plain(url).lower().startswith("data:")


def is_external(url: str) -> bool:
    """True if *url* points to another host (http:, https:, //host, any scheme)."""
    plain = _plain(url)
    if plain.startswith("//"):
        return True
    try:
        parts = urlsplit(plain)
    except ValueError:
        return True
    return bool(parts.scheme or parts.netloc)


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def url_problems(url: str, loaded: bool) -> list[tuple[str, dict]]:
    """(code, values) for an address: script and data: addresses, and a
    *loaded* one (an image, media, a stylesheet) from another host."""
    if is_script_url(url):
        return [("html-javascript-url", {"url": url.strip()})]
    if is_unsafe_url(url):
        return [("html-data-url", {"url": url.strip()[:60]})]
    if loaded and is_external(url):
        return [("html-external-resource", {"url": url.strip()})]
    return []


# What an HTML file in docs/ (published as it is) may have besides: the frame
# of a document. No <meta http-equiv> (it can redirect), no <link>, no <base>.
DOCUMENT_ATTRS: dict[str, frozenset[str]] = {
    "html": frozenset({"xmlns", "xml:lang"}),
    "head": frozenset(),
    "body": frozenset(),
    "title": frozenset(),
    "meta": frozenset({"charset", "name", "content"}),
}


class _Scanner(HTMLParser):
    def __init__(self, document: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int, dict]] = []
        self.extra = DOCUMENT_ATTRS if document else {}

    def _tag(self, tag: str, attrs) -> None:
        line = self.getpos()[0]
        if tag not in ALLOWED_TAGS and tag not in self.extra:
            self.found.append(("html-tag", line, {"tag": tag}))
            return
        allowed = ALLOWED_ATTRS.get(tag, frozenset()) | self.extra.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(("html-handler", line, {"attr": name, "tag": tag}))
            elif name == "style":
                self.found.append(("html-style", line, {"tag": tag}))
            elif not (name in GLOBAL_ATTRS or name in allowed
                      or name.startswith(("aria-", "data-"))):
                self.found.append(("html-attribute", line, {"attr": name, "tag": tag}))
            elif name in URL_ATTRS:
                urls = _srcset_urls(value) if name == "srcset" else [value]
                for url in urls:
                    for code, values in url_problems(url, name in LOADED_ATTRS):
                        self.found.append((code, line, values))

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)


# A Markdown link destination written in angle brackets, [x](<dest>) or
# [r]: <dest>: an address, not a tag (its address is checked on its own).
ANGLE_DEST = re.compile(r"(?:\]\(\s*|^[ \t]{0,3}\[[^\]]+\]:[ \t]*)(?P<dest><[^<>\n]*>)", re.M)


def _mask_autolinks(text: str) -> str:
    text = AUTOLINK.sub(lambda m: " " * len(m.group(0)), text)
    return ANGLE_DEST.sub(lambda m: m.group(0)[:m.start("dest") - m.start()]
                          + " " * len(m.group("dest")), text)


def _ref_label(label: str) -> str:
    """A reference label as Markdown matches it: case and runs of spaces ignored."""
    return " ".join(label.split()).lower()


def image_ref_labels(text: str) -> set[str]:
    """Labels that images use by reference: ![alt][label], ![label][] and ![label]."""
    labels = set()
    for m in MD_IMAGE_REF.finditer(text):
        labels.add(_ref_label(m.group("label") or m.group("alt")))
    return labels


def check_markdown_links(file: str, text: str, first_line: int = 1) -> list[ContentError]:
    """The address rules for Markdown links and images in *text*.

    No javascript:, vbscript: or data: address; no image from another host
    (an image by reference, ![alt][label], loads its `[label]: address`).
    """
    errors = []
    images = image_ref_labels(text)
    for n, line in enumerate(text.split("\n"), start=first_line):
        found = [(m.group("dest"), bool(m.group("img"))) for m in MD_INLINE_LINK.finditer(line)]
        if (m := MD_REF_DEF.match(line)):
            found.append((m.group("dest"), _ref_label(m.group("label")) in images))
        for m in AUTOLINK.finditer(line):
            found.append((m.group(0)[1:-1], False))
        for dest, is_img in found:
            errors += [error(code, file, n, **values)
                       for code, values in url_problems(dest, is_img)]
    return errors


# --- Markdown attribute lists ({: ...} and { ... }, the attr_list extension) --

ATTR_OPEN = re.compile(r"\{:?")
HEADING_LINE = re.compile(r"^[ \t]{0,3}(?P<hashes>#{1,6})[ \t]")
_INLINE_BEFORE = re.compile(r"(?P<img>!?)\[(?:[^\]\[]|\[[^\]]*\])*\](?:\([^()]*(?:\([^()]*\)[^()]*)*\)|\[[^\]]*\])$")


def attr_list_attrs(text: str) -> list[tuple[str, str | None]]:
    """The attributes Markdown's attr_list extension would read from *text*
    (what follows a `{` or `{:`), up to the closing brace; [] if none."""
    from markdown.extensions.attr_list import get_attrs_and_remainder, sanitize_name

    try:
        attrs, _ = get_attrs_and_remainder(text)
    except Exception:  # never let an odd line crash a build
        return []
    # A word without a value ({braces} in running text) sets nothing harmful.
    return [(sanitize_name(k), v) for k, v in attrs if k not in (".", "id") and v is not None]


def _attr_tag(line: str, start: int) -> str:
    """The element an attribute list at *start* of *line* goes on (a best guess)."""
    before = line[:start]
    if not before.strip():
        return "p"  # a block's attribute list on its own line
    if (m := _INLINE_BEFORE.search(before)):
        return "img" if m.group("img") else "a"
    if (h := HEADING_LINE.match(line)) and not line[start:].split("}", 1)[-1].strip():
        return f"h{len(h.group('hashes'))}"
    return "span"


def attr_list_problems(line: str) -> list[tuple[str, dict]]:
    """(code, values) for each attribute in the `{ ... }` lists of one line of
    Markdown that raw HTML could not carry either (the same allow-list)."""
    found = []
    for m in ATTR_OPEN.finditer(line):
        rest = line[m.end():]
        if "}" not in rest:
            continue
        attrs = attr_list_attrs(rest.lstrip(" "))
        if not attrs:
            continue
        tag = _attr_tag(line, m.start())
        allowed = ALLOWED_ATTRS.get(tag, frozenset())
        for name, value in attrs:
            name = name.lower()
            value = value or ""
            if name.startswith("on"):
                found.append(("html-handler", {"attr": name, "tag": tag}))
            elif name == "style":
                found.append(("html-style", {"tag": tag}))
            elif not (name in GLOBAL_ATTRS or name in allowed
                      or name.startswith(("aria-", "data-"))):
                found.append(("html-attribute", {"attr": name, "tag": tag}))
            elif name in URL_ATTRS:
                urls = _srcset_urls(value) if name == "srcset" else [value]
                for url in urls:
                    found += url_problems(url, name in LOADED_ATTRS)
    return found


def check_attr_lists(file: str, masked: str, first_line: int = 1) -> list[ContentError]:
    """Markdown attribute lists follow the raw HTML rules: no handlers, no
    style, only allowed attributes, safe addresses. *masked* has code blanked."""
    errors = []
    for n, line in enumerate(masked.split("\n"), start=first_line):
        if "{" in line and "}" in line:
            errors += [error(code, file, n, **values)
                       for code, values in attr_list_problems(line)]
    return errors


def check_html(file: str, body: str, body_line: int = 1) -> list[ContentError]:
    masked = mask_code(body)
    scanner = _Scanner()
    try:
        scanner.feed(_mask_autolinks(masked))
        scanner.close()
    except Exception:  # the stdlib parser is lenient; never let it crash a build
        pass
    errors = [error(code, file, body_line + line - 1, **values)
              for code, line, values in scanner.found]
    errors += check_markdown_links(file, masked, body_line)
    errors += check_attr_lists(file, masked, body_line)
    errors.sort(key=lambda e: e.line or 0)
    return errors


def check_html_file(file: str, text: str) -> list[ContentError]:
    """An HTML file in docs/ (.html, .htm, .xhtml), which MkDocs publishes as
    it is: the raw HTML rules of pages, with a document's frame allowed."""
    scanner = _Scanner(document=True)
    try:
        scanner.feed(text)
        scanner.close()
    except Exception:  # the stdlib parser is lenient; never let it crash a build
        pass
    return [error(code, file, line, **values) for code, line, values in scanner.found]


# --- Text from data files ----------------------------------------------------

def _strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def check_data_text(file: str, text: str) -> list[ContentError]:
    """The address rules for every text of a YAML data file, with its line.

    Data text is rendered as Markdown, so a link, image or attribute list
    ({ ... }) in it must follow the same rules as page text. (Raw HTML in data text is shown as text:
    the renderers escape it.) A file that is not valid YAML gives nothing
    here: its own loader reports it.
    """
    from kb.data.datafile import load_yaml

    data, locate, errors = load_yaml(text, file)
    if errors:
        return []
    found: list[ContentError] = []
    for path, value in _strings(data):
        if not any(mark in value for mark in ("](", "]:", "<", "{")):
            continue
        line = locate(path)
        # Data text goes into pages as Markdown, so attribute lists apply too.
        found_here = check_markdown_links(file, value, line or 1)
        found_here += check_attr_lists(file, mask_code(value), line or 1)
        for err in found_here:
            # A folded YAML value is one line of Markdown: name the key's line.
            found.append(ContentError(err.file, line, err.message, err.fix, err.code,
                                      err.severity))
    return found


# --- SVG files -----------------------------------------------------------------

_SVG_BANNED = frozenset({"script", "foreignobject", "iframe", "object", "embed",
                         "handler", "listener"})
_SVG_REF_ATTRS = frozenset({"href", "xlink:href", "src"})
# Animation elements: they can set an attribute (a link, a handler) after the
# file is checked, so what they set is checked as if it were written.
_SVG_ANIMATION = frozenset({"animate", "set", "animatemotion", "animatetransform"})
_SVG_ANIMATION_VALUES = ("values", "to", "from", "by")
# <!DOCTYPE …> and <!ENTITY …>: entities can expand without end (the "billion
# laughs") or pull in other files.
SVG_DECLARATION = re.compile(r"<!\s*(?P<what>DOCTYPE|ENTITY)\b", re.I)
_XML_COMMENT = re.compile(r"<!--.*?-->", re.S)


class _SvgScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int, dict]] = []
        self._in_style = False

    def _tag(self, tag: str, attrs) -> None:
        line = self.getpos()[0]
        if tag.split(":")[-1] in _SVG_BANNED:
            self.found.append(("svg-script", line, {"what": f"a <{tag}> element"}))
        if tag.split(":")[-1] in _SVG_ANIMATION:
            self._animation(tag, line, dict((n, v or "") for n, v in attrs))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(("svg-script", line, {"what": f"an event handler {name}="}))
            elif name in _SVG_REF_ATTRS and value and not value.strip().startswith("#"):
                if is_unsafe_url(value) or is_external(value):
                    self.found.append(("svg-external", line, {"url": value.strip()[:80]}))
            elif name == "style" and LOADING_CSS.search(value):
                self.found.append(("svg-external", line, {"url": value.strip()[:80]}))
        self._in_style = tag == "style"

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def _animation(self, tag: str, line: int, attrs: dict) -> None:
        target = attrs.get("attributename", "").strip().lower()
        article = "an" if tag[:1] in "aeiou" else "a"
        if target in _SVG_REF_ATTRS or target.split(":")[-1].startswith("on"):
            self.found.append(("svg-script", line, {
                "what": f"{article} <{tag}> element that changes {target}="}))
            return
        for name in _SVG_ANIMATION_VALUES:
            for value in attrs.get(name, "").split(";"):
                if is_unsafe_url(value):
                    self.found.append(("svg-script", line, {
                        "what": f"{article} <{tag}> element that sets the address "
                                f"{value.strip()[:60]}"}))
                    return

    def handle_data(self, data):
        if self._in_style and LOADING_CSS.search(data):
            self.found.append(("svg-external", self.getpos()[0], {"url": data.strip()[:80]}))

    def handle_endtag(self, tag):
        self._in_style = False


def check_svg(file: str, text: str) -> list[ContentError]:
    """Scripts, event handlers, animations that set them, outside references
    and DOCTYPE or ENTITY declarations in an SVG file."""
    declarations = []
    for m in SVG_DECLARATION.finditer(_XML_COMMENT.sub(lambda c: re.sub(r"[^\n]", " ", c.group(0)),
                                                       text)):
        declarations.append(error("svg-doctype", file, text.count("\n", 0, m.start()) + 1,
                                  what=m.group("what").upper()))
    scanner = _SvgScanner()
    try:
        scanner.feed(text)
        scanner.close()
    except Exception:  # lenient parser; never crash a build
        pass
    return declarations + [error(code, file, line, **values)
                           for code, line, values in scanner.found]
