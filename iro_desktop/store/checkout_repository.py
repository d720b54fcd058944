"""Checkout rows (issue 16 item 5), inside the caller's unit of work: who holds which conference on a
laptop, and the conferences of a family (the history taken out with it)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from iro_desktop.store.models import AuditRow, CheckoutRow, ConferenceRow

# The audit actions that take a conference out, bring it back and cancel it (domain/audit.AuditAction).
_CHECKOUT_EVENTS = ("checked_out", "checked_in", "checkout_cancelled")


class CheckoutTaken(Exception):
    """Another desktop took the same conference out first (its row is there); roll back and read it."""


class CheckoutRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, conference_id: str) -> CheckoutRow | None:
        return self.session.get(CheckoutRow, conference_id)

    def all(self) -> list[CheckoutRow]:
        """Every conference out on a laptop, the longest out first."""
        stmt = select(CheckoutRow).order_by(CheckoutRow.since, CheckoutRow.conference_id)
        return list(self.session.scalars(stmt))

    def add(self, row: CheckoutRow) -> None:
        """Flushed at once: a second holder for the same conference fails here (primary key), as
        CheckoutTaken; the caller's unit of work is then to be rolled back."""
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:
            raise CheckoutTaken(row.conference_id) from None

    def remove(self, row: CheckoutRow) -> None:
        self.session.delete(row)
        self.session.flush()

    def last_event(self, conference_id: str) -> tuple[str, str, datetime] | None:
        """The conference's latest take, bring-back or cancel in the audit trail: (action, the holder's
        username it concerned, when), or None when it was never taken out. After a cancel, the laptop's
        copy is still to be brought back."""
        stmt = (
            select(AuditRow.action, AuditRow.before_json, AuditRow.after_json, AuditRow.at)
            .where(
                AuditRow.entity_type == "conference",
                AuditRow.entity_id == conference_id,
                AuditRow.action.in_(_CHECKOUT_EVENTS),
            )
            .order_by(AuditRow.seq.desc())
            .limit(1)
        )
        found = self.session.execute(stmt).first()
        if found is None:
            return None
        action, before_json, after_json, at = found
        side = json.loads(after_json if action == "checked_out" else before_json) or {}
        return action, str(side.get("holder", "")), at

    def family_conferences(self, conference_id: str) -> list[str]:
        """Every conference of this conference's family, earliest first (this one included)."""
        family = select(ConferenceRow.family_id).where(ConferenceRow.id == conference_id).scalar_subquery()
        stmt = (
            select(ConferenceRow.id)
            .where(ConferenceRow.family_id == family)
            .order_by(ConferenceRow.scheduled_date, ConferenceRow.created_at, ConferenceRow.id)
        )
        return list(self.session.scalars(stmt))
