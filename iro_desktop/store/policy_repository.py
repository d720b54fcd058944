"""Reading and writing local policy values (key -> text) kept with the records."""

from __future__ import annotations

from sqlalchemy.orm import Session

from iro_desktop.store.models import LocalPolicyRow


class PolicyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def value(self, key: str) -> str | None:
        """The stored text for `key` (None: never set)."""
        row = self.session.get(LocalPolicyRow, key)
        return None if row is None else row.value

    def put(self, key: str, value: str) -> None:
        row = self.session.get(LocalPolicyRow, key)
        if row is None:
            self.session.add(LocalPolicyRow(key=key, value=value))
        else:
            row.value = value
