"""Captures what a unit of work actually wrote, as typed changes (domain/changes.py).

Session events look at the rows flushed (new, changed, deleted, cascades included) and at bulk
statements run through the session; each table maps to one topic in `TOPIC_OF` below. The unit of work
turns on capture for its session and takes the changes when its commit succeeds, so a rolled-back
change is never reported.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from iro_desktop.domain.changes import Change, Changes, Topic
from iro_desktop.store import models as m

# Which topic a written row belongs to: one line per mapped model (test_change_capture checks that
# every model is listed).
TOPIC_OF: dict[type[m.Base], Topic] = {
    m.FamilyRow: Topic.FAMILIES,
    m.ChildRow: Topic.FAMILIES,
    m.ConferenceRow: Topic.CONFERENCES,
    m.InvitationRow: Topic.ATTENDANCE,
    m.RoomAbsenceRow: Topic.ATTENDANCE,  # who is out of the room for part of the meeting
    m.AdvocacyRow: Topic.CONFERENCES,  # advocacy is asked and answered with the booking
    m.CheckoutRow: Topic.CONFERENCES,  # issue 16: who has a conference on a laptop (register, Today)
    m.ChildPractitionerRow: Topic.FAMILIES,  # who leads for the child, shown with the child
    m.AgencyRow: Topic.PEOPLE,
    m.PersonRow: Topic.PEOPLE,
    m.LocalRuleRow: Topic.RULES,
    m.MapItemRow: Topic.MAP,
    m.ScaleScoreRow: Topic.MAP,
    m.ChildDecisionRow: Topic.DECISIONS,
    m.ChildDecisionFactorRow: Topic.DECISIONS,
    m.DissentRow: Topic.DECISIONS,
    m.ChildPlanHistoryRow: Topic.DECISIONS,  # the plan history the decisions write and show
    m.ChildPlanHistoryLinkRow: Topic.DECISIONS,
    m.LocalPolicyRow: Topic.POLICY,
    m.PlanHeaderRow: Topic.PLAN,
    m.PlanActionRow: Topic.PLAN,
    m.RecordRow: Topic.RECORDS,
    m.RecordSectionRow: Topic.RECORDS,
    m.RecipientRow: Topic.RECORDS,
    m.RecordVersionRow: Topic.RECORDS,
    m.DistributionLogRow: Topic.RECORDS,  # issue 18: what went to whom
    m.ReleaseAnswerRow: Topic.RECORDS,  # issue 18: the answers to the check before release
    m.DecisionLetterRow: Topic.RECORDS,  # issue 18 (letter): unmapped on main, which failed the test
    m.CorrectionRequestRow: Topic.RECORDS,
    m.UnrecordedDraftRow: Topic.DRAFTS,
    m.HandoffSnapshotRow: Topic.HANDOFF,
    m.UserRow: Topic.ACCOUNTS,
    m.SigningKeyRow: Topic.ACCOUNTS,
    m.AuditRow: Topic.AUDIT,
    m.AppliedEditRow: Topic.AUDIT,  # bookkeeping of replayed edits (issue 16 item 4)
    m.FgdmRow: Topic.FAMILIES,  # issue 19
    m.AlertRow: Topic.ALERTS,
    m.AlertStageRow: Topic.ALERTS,
    m.RagRatingRow: Topic.ALERTS,
    m.FeedbackFormRow: Topic.FEEDBACK,
}
TOPIC_OF_TABLE: dict[str, Topic] = {model.__tablename__: topic for model, topic in TOPIC_OF.items()}

_CAPTURED = "iro_changes"  # session.info key: the changes flushed so far (present only while capturing)


def start(session: Session) -> None:
    """Capture what this session writes from now on."""
    session.info[_CAPTURED] = set()


def take(session: Session) -> Changes:
    """What was written since `start` or the last `take` (call after a successful commit)."""
    captured = session.info.get(_CAPTURED)
    if not captured:
        return Changes()
    session.info[_CAPTURED] = set()
    return Changes.of(captured)


def flushed(session: Session) -> bool:
    """Whether this session has flushed a write not yet taken (that is, committed) since `start`."""
    return bool(session.info.get(_CAPTURED))


def row_change(obj: Any) -> Change | None:
    topic = TOPIC_OF.get(type(obj))
    if topic is None:
        return None
    key = sa_inspect(type(obj)).primary_key_from_instance(obj)
    return Change(topic, "/".join(str(part) for part in key if part is not None))


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    captured = session.info.get(_CAPTURED)
    if captured is None:
        return
    objects = [*session.new, *session.deleted]
    objects += [o for o in session.dirty if session.is_modified(o, include_collections=False)]
    # Rows deleted by a cascade (delete-orphan) are not in session.deleted: the flush knows them.
    objects += [state.obj() for state, (is_delete, _) in flush_context.states.items() if is_delete]
    for obj in objects:
        change = row_change(obj) if obj is not None else None
        if change is not None:
            captured.add(change)


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state: ORMExecuteState) -> None:
    captured = state.session.info.get(_CAPTURED)
    if captured is None or not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    topic = TOPIC_OF_TABLE.get(getattr(table, "name", ""))
    if topic is not None:
        captured.add(Change(topic))
