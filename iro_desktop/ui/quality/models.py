"""Table models over alerts and their stages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from iro_desktop.domain.alerts import Alert, AlertStage
from iro_desktop.domain.today import RagDue
from iro_desktop.ui.models.table import Column, ObjectTableModel


def _day(value: date | None) -> str:
    return value.strftime("%a %d %b %Y") if value else ""


def alert_model(today: Callable[[], date]) -> ObjectTableModel[Alert]:
    return ObjectTableModel[Alert](
        [
            Column("Child", lambda a: a.child_name),
            Column("Concern", lambda a: a.reason.label),
            Column("Stage", lambda a: str(a.current.stage)),
            Column("To", lambda a: a.current.manager),
            Column("Raised", lambda a: _day(a.raised_on)),
            Column("Response due", lambda a: _day(a.current.due_on)),
            Column("State", lambda a: a.state(today()).text, lambda a: a.detail),
        ]
    )


def _response(stage: AlertStage) -> str:
    if stage.responded_on is None:
        return ""
    late = "in time" if stage.responded_in_time() else "late"
    return f"{stage.response}\n({_day(stage.responded_on)}, {late})"


def _outcome(stage: AlertStage) -> str:
    if not stage.outcome.value:
        return ""
    note = f": {stage.outcome_note}" if stage.outcome_note else ""
    return f"{stage.outcome.label} {_day(stage.outcome_on)}{note}"


def stage_model() -> ObjectTableModel[AlertStage]:
    """Each stage of an alert: to whom, when raised and due, the response (when, in time or late) and
    the outcome, so the history reads left to right."""
    return ObjectTableModel[AlertStage](
        [
            Column("Stage", lambda s: str(s.stage)),
            Column("To", lambda s: s.manager),
            Column("Raised", lambda s: _day(s.raised_on)),
            Column("Response due", lambda s: _day(s.due_on)),
            Column("Response", _response, lambda s: s.response),
            Column("Outcome", _outcome, lambda s: s.outcome_note),
        ]
    )


def rag_due_model() -> ObjectTableModel[RagDue]:
    """Plans whose RAG rating is due (issue 19), for Today and due."""
    return ObjectTableModel[RagDue](
        [
            Column("Child", lambda d: d.child_name),
            Column("Family", lambda d: d.family_name),
            Column("Due since", lambda d: _day(d.midway_on), lambda d: d.text),
            Column("Last conference", lambda d: _day(d.period_from)),
            Column("Next conference", lambda d: _day(d.next_due_on)),
        ]
    )
