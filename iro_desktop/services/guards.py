"""The one check every change to a conference's content passes: may this user do it, and is the record
still open? Map, decisions, plan and the record summary all call `guard_change` inside their unit of work.

The record's state is read from the store once and then kept (services/record_gates.py) until a commit
anywhere in this process writes a record row: typing into the map does not ask the store every time."""

from __future__ import annotations

from iro_desktop.domain.record import RecordLocked
from iro_desktop.domain.roles import Action, require
from iro_desktop.services.checkouts import ensure_not_checked_out
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.record_gates import RecordGate
from iro_desktop.services.records import approved_meanwhile, approved_row, is_approved, is_locked_row
from iro_desktop.store.record_repository import RecordRepository
from iro_desktop.store.row_locks import record_for_edit
from iro_desktop.store.session import Session

LOCKED_MESSAGE = "This record is final. Changes are made only as an amendment, with a reason."


def record_gate(session: Session, conference_id: str) -> RecordGate:
    """The record's state as stored (read through `session`)."""
    row = RecordRepository(session).for_conference(conference_id)
    approved = row is not None and is_approved(session, conference_id)
    return RecordGate(final=is_locked_row(row), approved=approved)


def guard_change(ctx: ServiceContext, session: Session, conference_id: str, action: Action) -> None:
    """Refuse (PermissionDenied / RecordLocked) unless the signed-in user may take `action` on this
    conference now: a clerk may not change what the chair approved, and nobody changes a final record
    except through an amendment.

    The kept gate answers a refusal at once; an edit it lets through then takes the record's row lock
    (store/row_locks) and asks again under it, so an approval by another desktop (or thread) that
    committed meanwhile refuses the edit, with when it was approved, instead of it landing after the
    approval's snapshot."""
    gate = ctx.journal.gates.get(conference_id, lambda: record_gate(session, conference_id))
    if gate.final:  # first: "final, amend instead" says more than "not you"
        raise RecordLocked(LOCKED_MESSAGE)
    require(ctx.session.user, action, approved=gate.approved)
    ensure_not_checked_out(ctx, session, conference_id)  # issue 16: on another chair's laptop
    row = record_for_edit(session, conference_id)
    now = RecordGate(final=is_locked_row(row), approved=approved_row(row))
    if now != gate:
        ctx.journal.gates.forget()
        if now.final:
            raise RecordLocked(approved_meanwhile(row))
        require(ctx.session.user, action, approved=now.approved)
