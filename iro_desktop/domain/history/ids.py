"""Each imported row's id, derived from the extract's own id: the same extract always gives the same ids,
so importing it again finds its rows already there."""

from __future__ import annotations

import uuid

# Fixed for ever: changing it would make every earlier import look new.
NAMESPACE = uuid.UUID("5f0c7d2e-3b8a-5d41-9e6f-1a2b3c4d5e6f")

FAMILY = "family"
CHILD = "child"
CONFERENCE = "conference"
DECISION = "decision"
FACTOR = "factor"
PLAN = "plan"
PERSON = "person"
INVITATION = "invitation"


class IdMaker:
    """uuid5 over the namespace, the source system, the kind of record and the extract's id."""

    def __init__(self, source_system: str) -> None:
        self.source = source_system.strip()
        self._cache: dict[tuple[str, str], str] = {}

    def __call__(self, kind: str, source_id: str) -> str:
        key = (kind, source_id)
        found = self._cache.get(key)
        if found is None:
            found = str(uuid.uuid5(NAMESPACE, f"{self.source}\x1f{kind}\x1f{source_id}"))
            self._cache[key] = found
        return found

    def decision(self, conference: str, child: str) -> str:
        return self(DECISION, f"{conference}\x1f{child}")

    def invitation(self, conference: str, person: str) -> str:
        return self(INVITATION, f"{conference}\x1f{person}")


def is_imported(row_id: str) -> bool:
    """Whether an id was made by IdMaker (uuid5), i.e. the row came from a historical import; rows made
    in the app get random (uuid4) ids."""
    try:
        return uuid.UUID(row_id).version == 5
    except ValueError:
        return False


def attendance_not_recorded(conference_id: str, invitations: int) -> bool:
    """A conference from a historical import (which brings no invitations or attendance) that nobody has
    since listed anyone for: its quoracy and invitation clocks are unknown, not failed."""
    return invitations == 0 and is_imported(conference_id)
