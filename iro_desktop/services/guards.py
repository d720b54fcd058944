"""The one check every change to a conference's content passes: may this user do it, and is the record
still open? Map, decisions, plan and the record summary all call `guard_change` inside their unit of work."""

from __future__ import annotations

from iro_desktop.domain.roles import Action, require
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.records import ensure_not_final, is_approved
from iro_desktop.store.session import Session


def guard_change(ctx: ServiceContext, session: Session, conference_id: str, action: Action) -> None:
    """Refuse (PermissionDenied / RecordLocked) unless the signed-in user may take `action` on this
    conference now: a clerk may not change what the chair approved, and nobody changes a final record
    except through an amendment."""
    ensure_not_final(session, conference_id)  # first: "final, amend instead" says more than "not you"
    require(ctx.session.user, action, approved=is_approved(session, conference_id))
