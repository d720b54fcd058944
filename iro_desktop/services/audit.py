"""Reading and verifying the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from iro_desktop.domain.audit import AuditEvent, ChainBreak, verify_chain
from iro_desktop.domain.roles import Action, User, require
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.store.audit_log import chain_rows, recent_events


@dataclass(frozen=True)
class AuditReport:
    entries: int
    breaks: tuple[ChainBreak, ...]

    @property
    def intact(self) -> bool:
        return not self.breaks


class AuditService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW_AUDIT)
    def verify(self) -> AuditReport:
        with self.ctx.uow() as uow:
            rows = chain_rows(uow.session)
        return AuditReport(len(rows), tuple(verify_chain(rows)))

    @requires(Action.VIEW_AUDIT)
    def events(self, actor: User | None, entity_id: str | None = None) -> list[AuditEvent]:
        require(actor, Action.VIEW_AUDIT)
        with self.ctx.uow() as uow:
            return recent_events(uow.session, entity_id)
