"""Reading and verifying the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from iro_desktop.domain.audit import AuditEvent, ChainBreak, verify_chain
from iro_desktop.domain.audit_anchor import Anchor
from iro_desktop.domain.roles import Action, User, require
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.store.audit_anchor import check_anchor, current_anchor
from iro_desktop.store.audit_log import chain_rows, recent_events


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

    @requires(Action.EXPORT)
    def anchor(self) -> Anchor | None:
        """The audit anchor (entry and head) to print on an exported record; None when none is kept."""
        with self.ctx.uow() as uow:
            try:
                return current_anchor(uow.session)
            except ValueError:
                return None

    @requires(Action.VIEW_AUDIT)
    def events(self, actor: User | None, entity_id: str | None = None) -> list[AuditEvent]:
        require(actor, Action.VIEW_AUDIT)
        with self.ctx.uow() as uow:
            return recent_events(uow.session, entity_id)
