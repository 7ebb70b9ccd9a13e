"""The one error type every check returns, and how it is reported."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Iterable, Literal

LOG = logging.getLogger("mkdocs.plugins.kb")


@dataclass(frozen=True)
class ContentError:
    """A problem an editor can act on: where, what, and how to fix it."""

    file: str
    line: int | None
    message: str
    fix: str
    code: str = "content"
    severity: Literal["error", "warning"] = "error"
    #: Where in the data the problem is (pydantic's location, union branches
    #: dropped), for callers that treat some places specially. Not compared.
    loc: tuple = field(default=(), compare=False)

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}\n    How to fix: {self.fix}"

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.format()


class ContentErrors(Exception):
    """Raised by scripts when checks fail; carries every error found."""

    def __init__(self, errors: Iterable[ContentError]):
        self.errors = list(errors)
        super().__init__("\n".join(e.format() for e in self.errors))


def report(errors: Iterable[ContentError]) -> int:
    """Log each error through MkDocs' logger.

    Errors are logged as warnings so that `strict: true` fails the build at
    the end, after every error in every page has been reported. A message
    already reported in this build is not repeated (kb/checks/content.py calls
    `reset_reported` when a build starts).
    Returns the number of errors (not warnings) reported.
    """
    count = 0
    for err in errors:
        text = err.format()
        if text in _REPORTED:
            continue  # the same message again (another language's build): once is enough
        _REPORTED.add(text)
        if err.severity == "error":
            LOG.warning("%s", err.format())
            count += 1
        else:
            LOG.info("%s", err.format())
    return count


_REPORTED: set[str] = set()


def reset_reported() -> None:
    """Start a new build: every message may be reported again (see `report`)."""
    _REPORTED.clear()
