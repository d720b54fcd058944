"""Domain errors: validation problems tied to the field that caused them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem with user input: which field, and a message a person can act on."""

    field: str
    message: str


class DomainError(Exception):
    """A rule of the domain was broken; nothing was stored."""


class ValidationError(DomainError):
    """Input failed validation. Carries every problem found, each tied to its field."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in self.problems))

    def for_field(self, field: str) -> list[str]:
        """Messages for one field."""
        return [p.message for p in self.problems if p.field == field]


class EnvironmentProblem(Exception):
    """Something about the machine or the records file stops the app (locked, damaged, full disk...).

    Not a bug and not bad input: the user is told what happened and what to do, and keeps their work.
    """

    title = "The records could not be opened"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """The thing asked for does not exist (any more)."""


def raise_if(problems: list[Problem]) -> None:
    """Raise a ValidationError when there are problems."""
    if problems:
        raise ValidationError(problems)
