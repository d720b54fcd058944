"""Children's Wellbeing and Schools Act 2026 s37: a child on a plan or under an enquiry may be
home-educated only with the council's consent. The flag shown wherever the child is."""

from __future__ import annotations

from dataclasses import dataclass

FLAG = "⚑ Home education needs the council's consent"


@dataclass(frozen=True)
class ChildStanding:
    """Whether a child has an open plan or an open enquiry, as the store knows it now."""

    child_id: str
    plan_open: bool
    enquiry_open: bool

    @property
    def consent_needed(self) -> bool:
        return self.plan_open or self.enquiry_open

    @property
    def text(self) -> str:
        """The flag in words with why, or empty."""
        if not self.consent_needed:
            return ""
        why = "a plan is open" if self.plan_open else "an enquiry is open"
        if self.plan_open and self.enquiry_open:
            why = "a plan and an enquiry are open"
        return f"{FLAG} ({why})"
