"""The flowchart schema (docs/_data/flowchart.yml): actors, routes and their steps."""

from __future__ import annotations

from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, field_validator

from kb.model.approval import Approval


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Actor(_Strict):
    id: str
    label: str
    shape: Literal["box", "double-box", "rounded-box", "hexagon", "octagon"]
    colour: str

    @field_validator("colour")
    @classmethod
    def _hex_colour(cls, value: str) -> str:
        v = value.strip()
        if not (len(v) == 7 and v[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in v[1:])):
            raise ValueError(f"'{value}' is not a colour like \"#d6e4ff\"")
        return v


class Branch(_Strict):
    label: str | None = None
    next: str

    @field_validator("label", mode="before")
    @classmethod
    def _quoted_label(cls, value):
        if isinstance(value, bool):
            raise ValueError(
                f"the label was read as {str(value).lower()}: YAML turns an unquoted "
                "Yes or No into true or false. Put the label in quotes: label: \"Yes\"")
        return value


class Node(_Strict):
    id: str
    type: Literal["start", "action", "decision", "end"]
    actor: str
    text: str
    source: Union[str, list[str], None] = None
    next: str | None = None
    branches: list[Branch] | None = None
    confirm: str | None = None

    @property
    def sources(self) -> list[str]:
        if self.source is None:
            return []
        return [self.source] if isinstance(self.source, str) else list(self.source)

    @property
    def targets(self) -> list[tuple[str | None, str]]:
        """(label, target id) for every edge leaving this node."""
        if self.type == "decision":
            return [(b.label, b.next) for b in self.branches or []]
        return [(None, self.next)] if self.next else []


class Route(_Strict):
    id: str
    title: str
    summary: str
    nodes: list[Node]


class Chart(_Strict):
    # Sign-off by a procedure owner (kb/pagemeta/approval.py); the project's file must have it.
    approval: Approval | None = None
    actors: list[Actor]
    routes: list[Route]

    def route(self, route_id: str) -> Route:
        for route in self.routes:
            if route.id == route_id:
                return route
        raise KeyError(route_id)

    def actor(self, actor_id: str) -> Actor:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)
