"""Loading a data file with its citations checked against the one source registry."""

from __future__ import annotations

import pathlib
from typing import Any, Callable

from kb.core import yamltext
from kb.core.errors import ContentError
from kb.data.datafile import SOURCES_FILE
from kb.data.sources import registry_keys


def source_keys(root: pathlib.Path) -> set[str] | None:
    """The keys of the source registry under *root* (entries with errors
    included: they are reported once, by the registry); None when there is
    none (then citations are not checked)."""
    return registry_keys(root / SOURCES_FILE) or None


def load_data_file(root: pathlib.Path, file: str, loader: Callable[..., tuple[Any, list[ContentError]]],
                   required: bool = True, keys: set[str] | None = None) -> tuple[Any, list[ContentError]]:
    """Read the data file *file* (relative to *root*) and validate it with
    ``loader(text, file, source_keys)``, which returns (data, errors).

    *keys* are the source keys to check citations against (default: the
    registry's). A missing file raises FileNotFoundError when *required*,
    and gives (None, []) otherwise.
    """
    path = root / file
    if not required and not path.exists():
        return None, []
    text, errors = yamltext.read_text(path, file)
    if errors:
        return None, errors
    return loader(text, file, keys if keys is not None else source_keys(root))


def load_with_sources(root: pathlib.Path, file: str,
                      loader: Callable[..., tuple[Any, list[ContentError]]]
                      ) -> tuple[Any, dict[str, dict], list[ContentError]]:
    """A data file that cites sources, with the registry's entries it may
    cite: (data or None, key -> source entry, errors). A missing file is
    (None, ..., [])."""
    from kb.data.sources import load_source_index

    sources = load_source_index(root / SOURCES_FILE)
    data, errors = load_data_file(root, file, loader, required=False, keys=set(sources) or None)
    return data, sources, errors
