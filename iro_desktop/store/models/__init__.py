"""All mapped tables. Import every model module here so metadata is complete."""

from iro_desktop.store.models.base import Base
from iro_desktop.store.models.conference import ConferenceRow
from iro_desktop.store.models.record import RecipientRow, RecordRow, RecordSectionRow, RecordVersionRow
from iro_desktop.store.models.register import ChildRow, FamilyRow
from iro_desktop.store.models.security import AuditRow, UserRow

__all__ = [
    "AuditRow",
    "Base",
    "ChildRow",
    "ConferenceRow",
    "FamilyRow",
    "RecipientRow",
    "RecordRow",
    "RecordSectionRow",
    "RecordVersionRow",
    "UserRow",
]
