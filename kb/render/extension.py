"""The Python-Markdown extension that renders the data markers and fills the citations.

It runs kb/render/pipeline.py's one pass as a preprocessor, before
Python-Markdown reads anything else, so the markers' Markdown (tables,
admonitions, footnote references, abbreviations) is read as if the editor
had written it. Any engine that runs Python-Markdown extensions can run it.

    KbMarkdownExtension(data=RenderData(...), page=lambda: PageRef("signs.md"),
                        report=print_errors, rendered=None)

*data* is the build's RenderData, or a callable returning it; *page* returns
the page being converted (None: the text is not a page, and is left alone).
*report* receives each page's errors; *rendered*, if given, receives
``(page, Rendered)`` after each page (the MkDocs adapter records the page's
citations with it). *fail*, if given, turns an exception raised while
rendering into the one to raise (an engine's own error type).
"""

from __future__ import annotations

from typing import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from kb.render.pipeline import PageRef, RenderData, Rendered, render_page

#: Before Python-Markdown's whitespace normalising (30) and pymdownx.snippets
#: (32), as a page's text was when a hook rendered the markers.
PRIORITY = 35


class _Markers(Preprocessor):
    def __init__(self, md: Markdown, ext: "KbMarkdownExtension") -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        page = self.ext.page()
        if page is None:
            return lines
        data = self.ext.data() if callable(self.ext.data) else self.ext.data
        try:
            out = render_page("\n".join(lines), data, page)
        except Exception as exc:
            new = self.ext.fail(exc) if self.ext.fail is not None else exc
            if new is exc:
                raise
            raise new from exc
        if out.errors:
            self.ext.report(out.errors)
        if self.ext.rendered is not None:
            self.ext.rendered(page, out)
        return out.markdown.split("\n")


class KbMarkdownExtension(Extension):
    def __init__(self, data: RenderData | Callable[[], RenderData],
                 page: Callable[[], PageRef | None],
                 report: Callable[[list], None],
                 rendered: Callable[[PageRef, Rendered], None] | None = None,
                 fail: Callable[[Exception], Exception] | None = None) -> None:
        super().__init__()
        self.data, self.page, self.report, self.rendered = data, page, report, rendered
        self.fail = fail

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.preprocessors.register(_Markers(md, self), "kb-markers", PRIORITY)


def install(extensions: list, ext: KbMarkdownExtension) -> None:
    """Put *ext* in an engine's list of Markdown extensions, replacing an earlier one."""
    extensions[:] = [e for e in extensions if not isinstance(e, KbMarkdownExtension)]
    extensions.append(ext)
