"""The front matter schema: the settings every page may have (see DEVELOPING.md)."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kb.core.dates import past_date
from kb.model.approval import Approval


class SearchSettings(BaseModel):
    """Material's per-page `search:` setting."""

    model_config = ConfigDict(extra="forbid")
    exclude: Optional[bool] = None
    boost: Optional[float] = None


HIDE_VALUES = Literal["navigation", "toc", "footer", "path", "tags", "feedback", "title"]


class FrontMatter(BaseModel):
    """The settings every page may have (see DEVELOPING.md)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    last_reviewed: dt.date
    review_interval_months: int = Field(ge=1, le=36, strict=True)
    tags: list[str] = []
    keywords: list[str] = []
    audience: Literal["public", "staff"] = "staff"
    translation_of: Optional[str] = Field(default=None, pattern=r"^[0-9a-f]{12}$")
    translation_status: Optional[Literal["draft", "reviewed"]] = None
    # Who checked a translation (a role, never a personal name) and when.
    translation_reviewed_by: Optional[str] = Field(default=None, min_length=1)
    translation_reviewed_on: Optional[dt.date] = None
    hide: list[HIDE_VALUES] = []
    search: Optional[SearchSettings] = None
    template: Optional[str] = None
    approval: Optional[Approval] = None  # procedure content: see kb/pagemeta/approval.py

    @field_validator("last_reviewed", "translation_reviewed_on", mode="before")
    @classmethod
    def _iso_date(cls, v):
        # YAML reads 2026-11-21 as a date; accept an ISO string too, nothing
        # else. A review cannot have happened after today.
        return past_date(v)

    @field_validator("title", "description", "owner")
    @classmethod
    def _not_blank(cls, v: str):
        if not v.strip():
            raise ValueError("must not be empty")
        return v
