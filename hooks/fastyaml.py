"""YAML parsing through libyaml (PyYAML's C parser) when it is available.

The hooks read every page's front matter and every data file, often twice
(once for line numbers, once for the data), in every language build. PyYAML's
pure-Python parser made that the largest single cost of a build. These
functions parse with the C parser, which builds the same nodes and data, and
fall back to the pure-Python parser when there is no libyaml or when the text
is not valid YAML, so error messages (and the editors' plain-English versions
in hooks/messages.py) stay exactly as before.
"""

from __future__ import annotations

from typing import Any

import yaml

_FAST = getattr(yaml, "CSafeLoader", None)


def compose(text: str) -> yaml.Node | None:
    """`yaml.compose(text, Loader=yaml.SafeLoader)`, faster."""
    if _FAST is not None:
        try:
            return yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            pass  # the pure-Python parser raises the familiar error below
    return yaml.compose(text, Loader=yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """`yaml.safe_load(text)`, faster."""
    if _FAST is not None:
        try:
            return yaml.load(text, Loader=_FAST)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)
