"""The term base schema (docs/_data/translations/terms.yml): approved renderings of key terms."""

from __future__ import annotations

import re
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Rendering(BaseModel):
    model_config = ConfigDict(extra="forbid")

    write: str = Field(min_length=1)   # the approved rendering, in full
    use: list[str] = Field(min_length=1)
    avoid: list[str] = []

    @field_validator("use", "avoid")
    @classmethod
    def _valid_patterns(cls, v: list[str]):
        for p in v:
            if not p.strip():
                raise ValueError("a rendering must not be empty")
            if p.startswith("re:"):
                try:
                    re.compile(p[3:])
                except re.error as exc:
                    raise ValueError(f"'{p}' is not a valid regular expression: {exc}")
        return v


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid")

    en: str = Field(min_length=1)
    match: list[str] = []     # English forms to look for (default: `en`)
    ignore: list[str] = []    # English phrases that are not this term
    note: Optional[str] = None
    pl: Rendering
    ar: Rendering

    def english_patterns(self) -> list[str]:
        return self.match or [self.en]


class TermBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["draft", "reviewed"]
    provenance: str = Field(min_length=1)
    terms: list[Term]
