"""The source registry's schema (docs/_data/sources.yml): each source and how it was checked."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kb.model.provenance import Check


#: A source key: lower-case letters, digits and hyphens.
KEY_RE = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"


class Source(BaseModel):
    """One entry of the source registry."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=KEY_RE)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    date: str
    url: str
    checked: Check
    kind: Optional[Literal["definition", "guidance", "legislation", "procedure",
                           "organisation", "data"]] = None
    note: Optional[str] = None
    quotes: list[str] = []
    quote_version: Optional[str] = None
    quote_checked: Optional[Check] = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v):
        if isinstance(v, dt.datetime):
            raise ValueError("must be a date without a time")
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, int) and 1000 <= v <= 9999:
            return str(v)
        if isinstance(v, str) and v.strip() == "undated":
            return "undated"
        if isinstance(v, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v.strip()):
            v = v.strip()
            try:
                if len(v) == 10:
                    dt.date.fromisoformat(v)
                elif len(v) == 7:
                    dt.date.fromisoformat(v + "-01")
            except ValueError:
                raise ValueError(f"{v} is not a real date (check the month and the day)") from None
            return v
        raise ValueError("must be written as YYYY-MM-DD, YYYY-MM, YYYY or undated")

    @field_validator("url")
    @classmethod
    def _url(cls, v: str):
        v = v.strip()
        if not re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/\S*)?", v):
            raise ValueError("must be a full web address starting with https://")
        return v

    @field_validator("title", "publisher")
    @classmethod
    def _text(cls, v: str):
        if not v.strip():
            raise ValueError("must not be empty")
        return " ".join(v.split())

    @field_validator("quotes")
    @classmethod
    def _quotes(cls, v: list[str]):
        if any(not q.strip() for q in v):
            raise ValueError("must not contain an empty quote")
        return v
