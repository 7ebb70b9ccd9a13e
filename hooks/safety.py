"""Raw HTML that could run code: <script>, <iframe>, on*= handlers, javascript: URLs.

Pure function `check_html(file, body, body_line)`. Code blocks and code
spans are blanked out first (they are shown as text, not run). The rest is
read by Python's HTML parser, which gives the line of every tag; Markdown
link addresses are checked separately, because they are Markdown, not HTML.
"""

from __future__ import annotations

import sys
import pathlib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import html
import re
from html.parser import HTMLParser

from hooks.errors import ContentError
from hooks.mdtext import mask_code
from hooks.messages import error

BANNED_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
             "background", "cite", "srcdoc"}
# Markdown link destinations: [text](dest "title") and [id]: dest
MD_INLINE_LINK = re.compile(r"\]\(\s*<?(?P<dest>(?:[^()\s<>]|\([^()\s]*\))*)")
MD_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?(?P<dest>\S+?)>?(?:\s|$)")


def is_script_url(url: str) -> bool:
    """True for javascript:/vbscript: addresses, however they are disguised."""
    url = html.unescape(url)
    url = "".join(ch for ch in url if ch > " " and ch not in "\x7f")
    return url.lower().startswith(("javascript:", "vbscript:"))


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int, dict]] = []

    def _tag(self, tag: str, attrs) -> None:
        line = self.getpos()[0]
        if tag in BANNED_TAGS:
            self.found.append(("html-tag", line, {"tag": tag}))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(("html-handler", line, {"attr": name, "tag": tag}))
            elif value and (name in URL_ATTRS) and is_script_url(value):
                self.found.append(("html-javascript-url", line, {"url": value.strip()}))

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)


def check_html(file: str, body: str, body_line: int = 1) -> list[ContentError]:
    masked = mask_code(body)
    scanner = _Scanner()
    try:
        scanner.feed(masked)
        scanner.close()
    except Exception:  # the stdlib parser is lenient; never let it crash a build
        pass
    errors = [error(code, file, body_line + line - 1, **values)
              for code, line, values in scanner.found]
    for n, line in enumerate(masked.split("\n"), start=body_line):
        dests = [m.group("dest") for m in MD_INLINE_LINK.finditer(line)]
        if (m := MD_REF_DEF.match(line)):
            dests.append(m.group("dest"))
        errors += [error("html-javascript-url", file, n, url=d) for d in dests if is_script_url(d)]
    errors.sort(key=lambda e: e.line or 0)
    return errors
