"""Reading and verifying the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from iro_desktop.domain.audit import AuditAction, AuditEvent, ChainBreak, verify_chain
from iro_desktop.domain.audit_anchor import Anchor
from iro_desktop.domain.errors import Problem, ValidationError
from iro_desktop.domain.roles import Action, User, require
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.store.audit_anchor import check_anchor, write_head_anchor
from iro_desktop.store.audit_log import append_event, chain_rows, recent_events


@dataclass(frozen=True)
class AuditReport:
    entries: int
    breaks: tuple[ChainBreak, ...]
    anchor_problems: tuple[str, ...] = ()  # issue 13: truncated, rewritten, anchor missing

    @property
    def intact(self) -> bool:
        return not self.breaks and not self.anchor_problems


class AuditService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW_AUDIT)
    def verify(self) -> AuditReport:
        with self.ctx.uow() as uow:
            rows = chain_rows(uow.session)
            anchored = tuple(check_anchor(uow.session))
        return AuditReport(len(rows), tuple(verify_chain(rows)), anchored)

    @requires(Action.MANAGE_USERS)
    def re_anchor(self) -> Anchor:
        """An administrator anchors the trail at its newest entry: once after upgrading a store made before
        anchors existed, or after investigating a missing or contradicted anchor. Refused while the chain
        itself is broken. Audited in the chain, with what the old anchor said."""
        user = self.ctx.session.user
        assert user is not None
        with self.ctx.uow() as uow:
            rows = chain_rows(uow.session)
            breaks = verify_chain(rows)
            if breaks:
                raise ValidationError(
                    [Problem("audit", f"The chain is broken at entry {breaks[0].seq}: {breaks[0].reason}.")]
                )
            anchored = check_anchor(uow.session)
            append_event(
                uow.session,
                user.username,
                AuditAction.CHANGED,
                "audit_anchor",
                "",
                before={"problems": anchored},
                after={"entries": len(rows) + 1},
            )
            uow.commit()
        with self.ctx.uow() as uow:
            return write_head_anchor(uow.session)

    @requires(Action.VIEW_AUDIT)
    def events(self, actor: User | None, entity_id: str | None = None) -> list[AuditEvent]:
        require(actor, Action.VIEW_AUDIT)
        with self.ctx.uow() as uow:
            return recent_events(uow.session, entity_id)
