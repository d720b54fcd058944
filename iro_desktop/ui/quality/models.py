"""Table models over alerts and their stages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from iro_desktop.domain.alerts import Alert, AlertStage
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


def stage_model() -> ObjectTableModel[AlertStage]:
    return ObjectTableModel[AlertStage](
        [
            Column("Stage", lambda s: str(s.stage)),
            Column("To", lambda s: s.manager),
            Column("Raised", lambda s: _day(s.raised_on)),
            Column("Response due", lambda s: _day(s.due_on)),
            Column("Response", lambda s: s.response, lambda s: s.response),
            Column("Responded", lambda s: _day(s.responded_on)),
            Column(
                "In time",
                lambda s: (
                    "" if s.responded_in_time() is None else ("Yes" if s.responded_in_time() else "No, late")
                ),
            ),
            Column("Outcome", lambda s: s.outcome.label if s.outcome.value else ""),
            Column("Outcome date", lambda s: _day(s.outcome_on)),
            Column("Note", lambda s: s.outcome_note, lambda s: s.outcome_note),
        ]
    )
