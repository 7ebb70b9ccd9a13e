"""The glossary schema (docs/_data/glossary.yml): terms, abbreviations and their pages."""

from __future__ import annotations


from pydantic import BaseModel, ConfigDict, Field, field_validator


class GlossaryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    term: str = Field(min_length=1)
    expansion: str = Field(min_length=1)
    explanation: str = Field(min_length=1)
    page: str = Field(pattern=r"^[^/#\s][^#\s]*\.md$")
    anchor: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]+$")

    @field_validator("term")
    @classmethod
    def _term_is_one_token(cls, value: str) -> str:
        if value != value.strip() or "]" in value:
            raise ValueError("a term must not start or end with a space or contain ']'")
        return value
