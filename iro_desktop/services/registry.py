"""All services, built once by the composition root and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from iro_desktop.services.conferences import ConferenceService
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.decisions import DecisionService  # issue 5
from iro_desktop.services.families import FamilyService
from iro_desktop.services.plans import PlanService  # issue 5
from iro_desktop.services.policy import PolicyService  # issue 5


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    families: FamilyService
    conferences: ConferenceService
    # issue 5: decisions, plan, local policy
    decisions: DecisionService
    plans: PlanService
    policy: PolicyService

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        return cls(
            ctx=ctx,
            families=FamilyService(ctx),
            conferences=ConferenceService(ctx),
            # issue 5
            decisions=DecisionService(ctx),
            plans=PlanService(ctx),
            policy=PolicyService(ctx),
        )
