"""Unrecorded drafts: what the chair has typed for a child's decision (and a dissent being written) but
not yet recorded. Kept in the records so no word typed in the room is lost; never part of the record."""

from __future__ import annotations

import json
from typing import Any

from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.store.draft_repository import DraftRepository
from iro_desktop.store.models import UnrecordedDraftRow

DECISION = "decision"
PLAN_ACTION = "plan_action"  # a plan action being typed, not yet added (child_id None)


class DraftService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW)
    def get(self, conference_id: str, child_id: str | None, kind: str = DECISION) -> dict[str, Any] | None:
        with self.ctx.uow() as uow:
            row = DraftRepository(uow.session).find(conference_id, child_id, kind)
            return dict(json.loads(row.content_json)) if row is not None else None

    @requires(Action.RECORD_DECISION)
    def save(
        self, conference_id: str, child_id: str | None, fields: dict[str, Any], kind: str = DECISION
    ) -> None:
        """Keep the draft (one per child and kind; the latest replaces the one before)."""
        with self.ctx.uow() as uow:
            guard_change(
                self.ctx,
                uow.session,
                conference_id,
                Action.EDIT_PLAN if kind == PLAN_ACTION else Action.RECORD_DECISION,
            )
            drafts = DraftRepository(uow.session)
            row = drafts.find(conference_id, child_id, kind)
            if row is None:
                row = drafts.add(
                    UnrecordedDraftRow(conference_id=conference_id, child_id=child_id, kind=kind)
                )
            row.content_json = json.dumps(fields, ensure_ascii=False, sort_keys=True)
            uow.commit()

    @requires(Action.RECORD_DECISION)
    def clear(self, conference_id: str, child_id: str | None, kind: str = DECISION) -> None:
        """The draft was recorded (or matches what is recorded): nothing left to keep."""
        with self.ctx.uow() as uow:
            drafts = DraftRepository(uow.session)
            row = drafts.find(conference_id, child_id, kind)
            if row is not None:
                drafts.remove(row)
                uow.commit()
