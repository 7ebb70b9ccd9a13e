"""The print list's schema (docs/_data/print.yml): which pages are posters and handouts."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class PrintItem(BaseModel):
    """One poster or handout in ``docs/_data/print.yml``."""

    model_config = ConfigDict(extra="forbid")

    page: str
    online: str
    sizes: list[Literal["A4", "A3"]] = ["A4"]
    orientation: Literal["portrait", "landscape"] = "portrait"
    one_page: bool = True
    text_size: Literal["standard", "large"] = "standard"


class PrintList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[PrintItem]
