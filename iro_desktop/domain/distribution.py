"""A copy for each reader (issue 18 item 3): which documents a recipient gets, who they are as a reader,
the words printed on every page of their copy, and the log of what went to whom.

Decisions:
- A recipient reads as a family member (a parent, a carer, the child, a relative) or as a professional
  (an agency). A recipient taken from the conference's people takes their role's side; one typed by name
  is a professional unless the clerk says otherwise.
- A family copy is the family version and the mapping handout, and holds only what everyone may read:
  content kept from someone else by name is left out too, since a copy is shared within a household.
- A professional's copy is the record and the plan, with the marks in words; content kept from that
  professional by name is left out.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from iro_desktop.domain.audience import Reader, ReaderKind


class CopyAudience(enum.StrEnum):
    FAMILY = "family"
    PROFESSIONAL = "professional"

    @property
    def label(self) -> str:
        return {"family": "Family", "professional": "Professional"}[self.value]

    @property
    def documents(self) -> tuple[str, ...]:
        """The documents (export.pdf.DOCUMENTS keys) a recipient of this audience gets."""
        if self is CopyAudience.FAMILY:
            return ("family-version", "mapping-handout")
        return ("record", "plan")

    @property
    def rule(self) -> str:
        """What the copy holds, as printed on every page."""
        if self is CopyAudience.FAMILY:
            return "only what everyone may read"
        return "professionals' copy, restrictions marked"


def reader_for(audience: CopyAudience, person_id: str | None) -> Reader:
    kind = ReaderKind.PERSON if audience is CopyAudience.FAMILY else ReaderKind.PROFESSIONAL
    return Reader(kind, person_id)


def copy_mark(name: str, role: str, audience: CopyAudience) -> str:
    """e.g. "Copy for Jo Smith (Mother) · Audience: family, only what everyone may read"."""
    who = f"{' '.join(name.split())} ({role.strip()})" if role.strip() else " ".join(name.split())
    return f"Copy for {who} \u00b7 Audience: {audience.label.lower()}, {audience.rule}"


@dataclass(frozen=True)
class LogEntry:
    """One document sent to one recipient: what went to whom, when and how."""

    id: str
    recipient_id: str
    recipient_name: str
    document: str  # export.pdf.DOCUMENTS key
    version: int | None  # the final record's version; None: not final when made
    audience: CopyAudience
    sent_on: date
    method: str
    made_at: datetime
    made_by: str
    checked: bool = False  # a family copy's check was answered
    signed_off_by: str = ""

    @property
    def document_label(self) -> str:
        return DOCUMENT_LABELS.get(self.document, self.document)


DOCUMENT_LABELS = {
    "mapping-handout": "Mapping handout",
    "plan": "Child protection plan",
    "record": "Conference record",
    "family-version": "Family version",
}
