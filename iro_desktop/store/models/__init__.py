"""All mapped tables. Import every model module here so metadata is complete."""

from iro_desktop.store.models.applied_edits import AppliedEditRow  # issue 16: outage journal keys
from iro_desktop.store.models.attendance import AdvocacyRow, ChildPractitionerRow, InvitationRow
from iro_desktop.store.models.audience import RoomAbsenceRow  # issue 18: out of the room
from iro_desktop.store.models.base import Base
from iro_desktop.store.models.checkout import CheckoutRow  # issue 16: a conference on a laptop
from iro_desktop.store.models.conference import ConferenceRow
from iro_desktop.store.models.decisions import (  # issue 5
    ChildDecisionFactorRow,
    ChildDecisionRow,
    DissentRow,
    LocalPolicyRow,
)
from iro_desktop.store.models.distribution import DistributionLogRow, ReleaseAnswerRow  # issue 18
from iro_desktop.store.models.drafts import UnrecordedDraftRow  # words typed, not yet recorded
from iro_desktop.store.models.handoff import HandoffSnapshotRow  # issue 7: offline hand-off
from iro_desktop.store.models.letters import CorrectionRequestRow, DecisionLetterRow  # issue 18
from iro_desktop.store.models.mapping import MapItemRow, ScaleScoreRow  # issue 4: the map
from iro_desktop.store.models.people import AgencyRow, PersonRow
from iro_desktop.store.models.plan import (  # issue 5
    ChildPlanHistoryLinkRow,
    PlanActionRow,
    PlanHeaderRow,
)
from iro_desktop.store.models.plan_history import ChildPlanHistoryRow
from iro_desktop.store.models.quality import (  # issue 19: FGDM, alerts, RAG, feedback
    AlertRow,
    AlertStageRow,
    FeedbackFormRow,
    FgdmRow,
    RagRatingRow,
)
from iro_desktop.store.models.record import RecipientRow, RecordRow, RecordSectionRow, RecordVersionRow
from iro_desktop.store.models.register import ChildRow, FamilyRow
from iro_desktop.store.models.rules import LocalRuleRow
from iro_desktop.store.models.security import AuditRow, SigningKeyRow, UserRow

__all__ = [
    "configure_orm",
    "AdvocacyRow",
    "AppliedEditRow",
    "AgencyRow",
    "AuditRow",
    "Base",
    "CheckoutRow",
    "ChildPlanHistoryRow",
    "ChildPractitionerRow",
    "ChildRow",
    "ConferenceRow",
    "FamilyRow",
    "HandoffSnapshotRow",
    "InvitationRow",
    "UnrecordedDraftRow",
    "LocalRuleRow",
    "MapItemRow",
    "PersonRow",
    "RecipientRow",
    "RoomAbsenceRow",
    "RecordRow",
    "RecordSectionRow",
    "RecordVersionRow",
    "ScaleScoreRow",
    "SigningKeyRow",
    "UserRow",
    # Issue 5
    "ChildDecisionFactorRow",
    "ChildDecisionRow",
    "ChildPlanHistoryLinkRow",
    "DissentRow",
    "DistributionLogRow",
    "ReleaseAnswerRow",
    "LocalPolicyRow",
    "PlanActionRow",
    "PlanHeaderRow",
    # Issue 18
    "CorrectionRequestRow",
    "DecisionLetterRow",
    # Issue 19
    "AlertRow",
    "AlertStageRow",
    "FeedbackFormRow",
    "FgdmRow",
    "RagRatingRow",
]


def configure_orm() -> None:
    """Set up every mapper now (SQLAlchemy does it at the first query otherwise): start-up calls this
    in the background, so signing in does not pay for it."""
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
