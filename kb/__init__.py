"""The knowledge base's own Python package (build steps that do not need MkDocs)."""
