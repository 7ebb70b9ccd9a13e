"""The MkDocs adapter: the one hook file (hooks.py) and the workarounds for
MkDocs, mkdocs-static-i18n and Material. Nothing in `kb` imports this package."""

#: Set to a dict (scripts/bench.py does) to collect each step's seconds in a build.
STEP_SECONDS: dict[str, float] | None = None
