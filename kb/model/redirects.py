"""The redirects schema (docs/_data/redirects.yml): pages that moved."""

from __future__ import annotations


from pydantic import BaseModel, ConfigDict, field_validator


class Redirect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    from_: str
    to: str

    @field_validator("from_", "to")
    @classmethod
    def _page_path(cls, v: str) -> str:
        v = str(v).strip()
        if not v.endswith(".md") or v.startswith(("/", "http:", "https:")) or ".." in v.split("/"):
            raise ValueError("must be a page's file name inside docs/, such as "
                             "'old-name.md' or 'worried/old-name.md'")
        return v
