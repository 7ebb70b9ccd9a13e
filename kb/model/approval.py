"""Sign-off of procedure content: the `approval:` model and the rules it cannot express."""

from __future__ import annotations

from kb.core.paths import english_path, translation_language  # noqa: F401 (re-exported)

import datetime as dt
from typing import Any, Callable, Literal, Optional

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from kb.core.dates import iso_date, latest_day as build_today
from kb.core.errors import ContentError
from kb.core.messages import error




HINT = ("Write `approval:` with `state: draft` indented below it; or, once a procedure "
        "owner has approved it, `state: approved` with `by:` (the role) and `when:` (the date).")


class Approval(BaseModel):
    """The `approval:` mapping of a page or of the flowchart data."""

    model_config = ConfigDict(extra="forbid")

    state: Literal["draft", "approved"]
    by: Optional[str] = None
    when: Optional[dt.date] = None

    @field_validator("when", mode="before")
    @classmethod
    def _iso_date(cls, v):
        return None if v is None else iso_date(v)

    @field_validator("by")
    @classmethod
    def _role(cls, v):
        return (" ".join(v.split()) or None) if isinstance(v, str) else v

    @property
    def approved(self) -> bool:
        return self.state == "approved"


DRAFT = Approval(state="draft")


def parse_approval(value: Any) -> Approval | None:
    """The approval in *value* (a front matter or data value); None if absent.

    Anything that is not a valid approval counts as a draft: the checks report
    it, and until it is fixed the reader is told the content is not approved.
    """
    if value is None:
        return None
    try:
        return Approval.model_validate(value)
    except ValidationError:
        return DRAFT


def check_approval(file: str, approval: Approval, line_of: Callable[[str], int | None],
                   on: dt.date | None = None) -> list[ContentError]:
    """The rules the model cannot express. *line_of(key)* gives the line of
    `state`, `by` or `when` (or of `approval:` itself for "")."""
    on = on or build_today()
    errors = []
    if translation_language(file):
        return [error("approval-translation", file, line_of(""), english=english_path(file))]
    if approval.approved:
        if not approval.by:
            errors.append(error("approval-no-role", file, line_of("by") or line_of("state")))
        if approval.when is None:
            errors.append(error("approval-no-date", file, line_of("when") or line_of("state")))
        elif approval.when > on:
            errors.append(error("approval-future", file, line_of("when"),
                                on=approval.when.isoformat(), today=on.isoformat()))
    else:
        for key in ("by", "when"):
            if getattr(approval, key) is not None:
                errors.append(error("approval-draft-details", file, line_of(key), key=key))
    return errors
