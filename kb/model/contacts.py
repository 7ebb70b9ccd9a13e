"""The contacts schema (docs/_data/contacts.yml): services, numbers and how each was checked."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kb.model.provenance import Check


# Digits and single spaces only, no leading/trailing space.
_NUMBER_SHAPE = re.compile(r"^\d+( \d+)*$")


# 999, 112, 101, 111, 116 xxx helplines, or a full UK number: 0 + 9 or 10 digits.
# (0800 1111, Childline, is the one 8-digit freephone number.)


# (118 xxx directory numbers are refused as premium by kb/core/phones.py.)
_UK_NUMBER = re.compile(r"^(999|112|101|111|116\d{3}|118\d{3}|08001111|0\d{9,10})$")


def is_uk_number(number: str) -> bool:
    """True if *number* is written as digits and single spaces and is a UK number."""
    return bool(_NUMBER_SHAPE.match(number)) and bool(_UK_NUMBER.match(number.replace(" ", "")))


class SourceRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://\S+$")


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    service: str = Field(min_length=1)
    number: str | None = None
    hours: str | None = None
    audience: Literal["public", "professionals", "all"] | None = None
    note: str | None = None
    status: Literal["published", "to-be-confirmed"]
    source: Any
    checked: Check
    # Why a premium-rate or other non-public-service number is given (kb/core/phones.py).
    premium_reason: str | None = Field(default=None, min_length=1)
    # Ids of the other contacts that give the same number (one line, two services).
    shared_with: list[str] = Field(default_factory=list)

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value):
        if value is None:
            return None
        if isinstance(value, int):
            raise ValueError(
                f"number {value} must be in quotes, or YAML drops the leading zero")
        if not isinstance(value, str) or not is_uk_number(value):
            raise ValueError(f"number '{value}' is not a UK phone number written "
                             "with digits and single spaces")
        return value

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value):
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, dict):
            return SourceRef.model_validate(value)
        raise ValueError("source must be a key from sources.yml or a mapping "
                         "with `title` and `url`")

    @model_validator(mode="after")
    def _unknown_number(self):
        if self.number is None and self.status == "published" and not self.note:
            raise ValueError("a contact without a number must have "
                             "status: to-be-confirmed or a note saying how to get in touch")
        if self.status == "to-be-confirmed" and not self.note:
            raise ValueError("a to-be-confirmed contact needs a note saying what "
                             "is unconfirmed and why")
        return self


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    intro: str | None = None
    contacts: list[Contact] = Field(min_length=1)


class ContactsData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    emergency: str = Field(min_length=1)
    groups: list[Group] = Field(min_length=1)

    @field_validator("emergency")
    @classmethod
    def _emergency(cls, value: str):
        if "999" not in value:
            raise ValueError("the emergency text must tell readers to call 999")
        return value
