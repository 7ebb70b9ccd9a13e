"""The state of one build, on one object created when the build starts.

MkDocs gives hook files no place to keep what one event learns for a later
one, so the steps used to keep it in module globals, which `mkdocs serve`
carried from one rebuild into the next. Now `kb_mkdocs/hooks.py` calls
`start()` when a build's configuration is read (the first event of every
build and of every `mkdocs serve` rebuild), and each step keeps its state in
`StepState(name, initial)`: a mapping that reads and writes the current
build's dictionary for that step. A new build starts every step from its
initial state, so nothing carries over. mkdocs-static-i18n's builds of the
other languages run the configuration event again, inside the same run;
they share the build (kb_mkdocs/mode.py `nested_language_build`).

The only state that outlives a build is the session's: which command runs
(kb_mkdocs/mode.py, set once at startup) and caches keyed by file contents.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import MutableMapping
from typing import Any, Iterator

_COUNTER = itertools.count(1)


class Build:
    """Everything the steps know about one build."""

    def __init__(self) -> None:
        self.number = next(_COUNTER)
        self.states: dict[str, dict[str, Any]] = {}
        #: The names of the steps this build runs, set when its configuration is
        #: read (kb_mkdocs/hooks.py); None before that (on_startup): every step.
        self.steps: set[str] | None = None
        #: What the markers and citations draw on (kb/render/pipeline.py):
        #: each step adds the group it loads; the render step runs them.
        from kb.render.pipeline import RenderData
        self.render = RenderData()

    def state(self, step: str, initial: dict[str, Any]) -> dict[str, Any]:
        if step not in self.states:
            self.states[step] = copy.deepcopy(initial)
        return self.states[step]


_CURRENT: list[Build] = []


def start() -> Build:
    """A new build: every step starts again from its initial state."""
    from kb.core.errors import reset_reported

    reset_reported()  # a message reported in the last build is reported again
    _CURRENT[:] = [Build()]
    return _CURRENT[0]


def current() -> Build:
    """The build running now (one is started if none has been, as in a unit test)."""
    if not _CURRENT:
        start()
    return _CURRENT[0]


class StepState(MutableMapping):
    """One step's state in the current build, used like the dictionary it is."""

    def __init__(self, step: str, initial: dict[str, Any] | None = None) -> None:
        self.step = step
        self.initial = initial or {}

    def _data(self) -> dict[str, Any]:
        return current().state(self.step, self.initial)

    def __getitem__(self, key: str) -> Any:
        return self._data()[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._data()[key] = value

    def __delitem__(self, key: str) -> None:
        del self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())

    def __repr__(self) -> str:
        return f"StepState({self.step!r}, build {current().number}: {self._data()!r})"
