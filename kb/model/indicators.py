"""The indicators schema (docs/_data/indicators.yml): the lists of signs."""

from __future__ import annotations


from pydantic import BaseModel, ConfigDict, Field, field_validator


class IndicatorGroup(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    source: str = Field(pattern=r"^[A-Za-z0-9][\w.-]*$")
    intro: str | None = None
    items: list[str] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _items(cls, items: list[str]):
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise ValueError(f"item {i + 1} is empty")
        return items


class IndicatorsData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    groups: list[IndicatorGroup] = Field(min_length=1)

    def group(self, group_id: str) -> IndicatorGroup | None:
        return next((g for g in self.groups if g.id == group_id), None)
