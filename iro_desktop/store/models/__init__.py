"""All mapped tables. Import every model module here so metadata is complete."""

from iro_desktop.store.models.base import Base
from iro_desktop.store.models.conference import ConferenceRow
from iro_desktop.store.models.mapping import MapItemRow, ScaleScoreRow  # issue 4: the map
from iro_desktop.store.models.register import ChildRow, FamilyRow

__all__ = ["Base", "ChildRow", "ConferenceRow", "FamilyRow", "MapItemRow", "ScaleScoreRow"]
