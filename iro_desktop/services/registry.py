"""All services, built once by the composition root and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from iro_desktop.services.conferences import ConferenceService
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.families import FamilyService
from iro_desktop.services.mapping import MappingService  # issue 4


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    families: FamilyService
    conferences: ConferenceService
    mapping: MappingService  # issue 4

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        return cls(
            ctx=ctx,
            families=FamilyService(ctx),
            conferences=ConferenceService(ctx),
            mapping=MappingService(ctx),  # issue 4
        )
