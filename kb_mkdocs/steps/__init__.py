"""The MkDocs side of each step: its events, which call the kb package."""
