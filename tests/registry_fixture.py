"""One small source registry for tests that fill citations (no site build)."""

from kb.data.sources import load_registry

#: A registry with one source, nspcc-cse, checked against a stored copy.
REGISTRY, _ = load_registry("""\
- key: nspcc-cse
  title: Child sexual exploitation
  publisher: NSPCC Learning
  date: 2024-03-01
  url: https://learning.nspcc.org.uk/example
  checked: {method: stored-copy, by: editor, when: 2026-11-30, compared: the page}
""", "docs/_data/sources.yml")
