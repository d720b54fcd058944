"""All services, built once by the composition root and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from iro_desktop.services.accounts import AccountService
from iro_desktop.services.audit import AuditService
from iro_desktop.services.conferences import ConferenceService
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.families import FamilyService
from iro_desktop.services.records import RecordService


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    families: FamilyService
    conferences: ConferenceService
    accounts: AccountService
    audit: AuditService
    records: RecordService

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        return cls(
            ctx=ctx,
            families=FamilyService(ctx),
            conferences=ConferenceService(ctx),
            accounts=AccountService(ctx),
            audit=AuditService(ctx),
            records=RecordService(ctx),
        )
