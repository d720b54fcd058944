"""Dissent from a decision: who (name and agency), what view, why, and the chair's response."""

from __future__ import annotations

from dataclasses import dataclass, field

from iro_desktop.domain.audience import EVERYONE, Audience
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.text_rules import character_problems, is_blank

MAX_NAME = 120
MAX_TEXT = 4000


@dataclass(frozen=True)
class DissentInput:
    name: str
    agency: str
    view: str
    reason: str
    chair_response: str = ""


@dataclass(frozen=True)
class Dissent:
    id: str
    conference_id: str
    child_id: str
    name: str
    agency: str
    view: str
    reason: str
    chair_response: str
    sort_order: int = 0
    audience: Audience = EVERYONE  # who may read it (issue 18)
    version: int = field(default=0, compare=False)  # the stored row's (issue 16): what an edit read

    def as_input(self) -> DissentInput:
        return DissentInput(self.name, self.agency, self.view, self.reason, self.chair_response)


def validate_dissent(data: DissentInput) -> list[Problem]:
    """Dissent needs a name, an agency, the view taken and the reason for it."""
    problems: list[Problem] = []
    if is_blank(data.name):
        problems.append(Problem("name", "Enter who dissents."))
    problems += character_problems(
        data, single=("name", "agency"), multi=("view", "reason", "chair_response")
    )
    if is_blank(data.agency):
        problems.append(Problem("agency", "Enter their agency (or “Family” for a family member)."))
    if is_blank(data.view):
        problems.append(Problem("view", "Write the view they take instead."))
    if is_blank(data.reason):
        problems.append(Problem("reason", "Write why they disagree."))
    for name in ("name", "agency"):
        if len(getattr(data, name)) > MAX_NAME:
            problems.append(Problem(name, f"Use at most {MAX_NAME} characters."))
    for name in ("view", "reason", "chair_response"):
        if len(getattr(data, name)) > MAX_TEXT:
            problems.append(Problem(name, f"Use at most {MAX_TEXT} characters."))
    return problems
