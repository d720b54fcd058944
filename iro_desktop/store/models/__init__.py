"""All mapped tables. Import every model module here so metadata is complete."""

from iro_desktop.store.models.base import Base
from iro_desktop.store.models.conference import ConferenceRow
from iro_desktop.store.models.decisions import (  # issue 5
    ChildDecisionFactorRow,
    ChildDecisionRow,
    DissentRow,
    LocalPolicyRow,
)
from iro_desktop.store.models.plan import (  # issue 5
    ChildPlanHistoryLinkRow,
    ChildPlanHistoryRow,
    PlanActionRow,
    PlanHeaderRow,
)
from iro_desktop.store.models.register import ChildRow, FamilyRow

__all__ = [
    "Base",
    "ChildRow",
    "ConferenceRow",
    "FamilyRow",
    # Issue 5
    "ChildDecisionFactorRow",
    "ChildDecisionRow",
    "ChildPlanHistoryLinkRow",
    "ChildPlanHistoryRow",
    "DissentRow",
    "LocalPolicyRow",
    "PlanActionRow",
    "PlanHeaderRow",
]
