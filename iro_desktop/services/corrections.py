"""Requests to correct an inaccuracy in a record (issue 18, item 5): logged with who asked, what and when,
decided accepted or declined with a reason, and an accepted one made as an amendment through the
record's own amendment route (`RecordService.amend`: signed, a new locked version). Audited with ids and
codes, never the words of the request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.errors import NotFound, Problem, ValidationError, raise_if
from iro_desktop.domain.letters import (
    CorrectionInput,
    CorrectionOutcome,
    CorrectionRequest,
    correction_problems,
    corrections_window_end,
    decision_problems,
    in_window,
)
from iro_desktop.domain.record import SectionKey
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.services.records import RecordService
from iro_desktop.services.rules import CALENDAR, load_rules
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.letter_repository import CorrectionRepository, correction_to_domain
from iro_desktop.store.models import CorrectionRequestRow
from iro_desktop.store.record_repository import RecordRepository
from iro_desktop.store.repositories import ConferenceRepository
from iro_desktop.store.session import Session


@dataclass(frozen=True)
class CorrectionsWindow:
    """When the record was sent (the latest date it went to anyone) and the last day to ask."""

    record_sent_on: date | None
    ends_on: date | None
    working_days: int

    def is_open(self, on: date) -> bool:
        return in_window(on, self.record_sent_on, self.ends_on)

    @property
    def text(self) -> str:
        if self.record_sent_on is None or self.ends_on is None:
            return "Opens when the record is sent"
        return f"Open until {self.ends_on:%d %b %Y} ({self.working_days} working days after it was sent)"


def _window(session: Session, conference_id: str, working_days: int) -> CorrectionsWindow:
    record = RecordRepository(session).for_conference(conference_id)
    dates = [r.sent_on for r in record.recipients if r.sent_on is not None] if record else []
    sent = max(dates) if dates else None
    end = corrections_window_end(sent, working_days, CALENDAR) if sent is not None else None
    return CorrectionsWindow(sent, end, working_days)


class CorrectionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW)
    def window(self, conference_id: str) -> CorrectionsWindow:
        with self.ctx.uow() as uow:
            ConferenceRepository(uow.session).get(conference_id)
            return _window(uow.session, conference_id, load_rules(uow).clocks.corrections_wd)

    @requires(Action.VIEW)
    def requests(self, conference_id: str) -> list[CorrectionRequest]:
        """Every request for this conference's record, oldest first."""
        with self.ctx.uow() as uow:
            window = _window(uow.session, conference_id, load_rules(uow).clocks.corrections_wd)
            rows = CorrectionRepository(uow.session).for_conference(conference_id)
            return [correction_to_domain(r, window.is_open(r.received_on)) for r in rows]

    @requires(Action.EDIT_DISTRIBUTION)
    def log(self, conference_id: str, data: CorrectionInput) -> CorrectionRequest:
        """Log a request as received. One outside the window is still logged, marked late."""
        raise_if(correction_problems(data, self.ctx.today()))
        with self.ctx.uow() as uow:
            ConferenceRepository(uow.session).get(conference_id)
            window = _window(uow.session, conference_id, load_rules(uow).clocks.corrections_wd)
            row = CorrectionRepository(uow.session).add(
                CorrectionRequestRow(
                    conference_id=conference_id,
                    person_id=data.person_id,
                    requester_name=data.requester_name.strip(),
                    requester_kind=data.requester_kind.value,
                    what=data.what.strip(),
                    received_on=data.received_on,
                    outcome=CorrectionOutcome.PENDING.value,
                    outcome_reason="",
                )
            )
            late = not window.is_open(data.received_on)
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.CREATED,
                "correction_request",
                row.id,
                after={
                    "conference_id": conference_id,
                    "requester_kind": data.requester_kind.value,
                    "received_on": data.received_on,
                    "in_window": not late,
                },
            )
            uow.commit()
            return correction_to_domain(row, not late)

    @requires(Action.AMEND_FINAL_RECORD)
    def accept(
        self, request_id: str, changes: dict[tuple[SectionKey, str], str], reason: str
    ) -> CorrectionRequest:
        """Accept: the corrected sections are made as an amendment of the final record (its reason names
        the request), then the request records the outcome and the amendment's version number."""
        raise_if(decision_problems(CorrectionOutcome.ACCEPTED, reason, bool(changes)))
        request = self._pending(request_id)
        amendment = (
            f"Correction asked for by {request.requester_name} (received {request.received_on:%d %b %Y}): "
            f"{reason.strip()}"
        )
        record = RecordService(self.ctx).amend(request.conference_id, changes, amendment)
        return self._decide(request_id, CorrectionOutcome.ACCEPTED, reason, len(record.versions))

    @requires(Action.AMEND_FINAL_RECORD)
    def decline(self, request_id: str, reason: str) -> CorrectionRequest:
        raise_if(decision_problems(CorrectionOutcome.DECLINED, reason, False))
        self._pending(request_id)
        return self._decide(request_id, CorrectionOutcome.DECLINED, reason, None)

    def _pending(self, request_id: str) -> CorrectionRequest:
        with self.ctx.uow() as uow:
            row = CorrectionRepository(uow.session).get(request_id)
            if row is None:
                raise NotFound("That correction request is no longer in the records.")
            if row.outcome != CorrectionOutcome.PENDING.value:
                raise ValidationError(
                    [
                        Problem(
                            "outcome",
                            f"This request was already {CorrectionOutcome(row.outcome).label.lower()}.",
                        )
                    ]
                )
            return correction_to_domain(row, True)

    def _decide(
        self, request_id: str, outcome: CorrectionOutcome, reason: str, version: int | None
    ) -> CorrectionRequest:
        with self.ctx.uow() as uow:
            row = CorrectionRepository(uow.session).get(request_id)
            assert row is not None
            row.outcome, row.outcome_reason = outcome.value, reason.strip()
            row.decided_on, row.amendment_version = self.ctx.today(), version
            window = _window(uow.session, row.conference_id, load_rules(uow).clocks.corrections_wd)
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.CHANGED,
                "correction_request",
                row.id,
                {"outcome": CorrectionOutcome.PENDING.value},
                {"outcome": outcome.value, "decided_on": row.decided_on, "amendment_version": version},
            )
            uow.commit()
            return correction_to_domain(row, window.is_open(row.received_on))
