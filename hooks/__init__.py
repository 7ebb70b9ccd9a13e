"""Build-time checks and renderers for the knowledge base.

Each module holds pure functions (text and data in, text or ContentErrors
out) and, at the bottom, a short "MkDocs events" section that wires them in.
Tests and scripts/ import the pure functions directly, without MkDocs.
"""
