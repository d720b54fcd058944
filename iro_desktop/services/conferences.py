"""Conferences: booking and listing."""

from __future__ import annotations

from datetime import date, time

from iro_desktop.domain.conference import Conference, ConferenceStatus, ConferenceType
from iro_desktop.domain.errors import Problem, raise_if
from iro_desktop.services.context import ServiceContext
from iro_desktop.store.models import ConferenceRow
from iro_desktop.store.repositories import (
    ConferenceRepository,
    FamilyRepository,
    conference_to_domain,
)


class ConferenceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def book(
        self,
        family_id: str,
        conference_type: ConferenceType,
        scheduled_date: date,
        clock_start: date | None = None,
        start_time: time | None = None,
        venue: str = "",
        chair_name: str = "",
    ) -> Conference:
        problems: list[Problem] = []
        if clock_start is not None and scheduled_date < clock_start:
            problems.append(
                Problem("scheduled_date", "The conference cannot be before the date its clock starts.")
            )
        raise_if(problems)
        with self.ctx.uow() as uow:
            FamilyRepository(uow.session).get(family_id)
            row = ConferenceRepository(uow.session).add(
                ConferenceRow(
                    family_id=family_id,
                    conference_type=conference_type.value,
                    clock_start=clock_start,
                    scheduled_date=scheduled_date,
                    start_time=start_time,
                    venue=venue.strip(),
                    status=ConferenceStatus.SCHEDULED.value,
                    chair_name=chair_name.strip(),
                )
            )
            uow.commit()
            return conference_to_domain(row)

    def for_family(self, family_id: str) -> list[Conference]:
        with self.ctx.uow() as uow:
            return [conference_to_domain(r) for r in ConferenceRepository(uow.session).for_family(family_id)]

    def all(self) -> list[Conference]:
        with self.ctx.uow() as uow:
            return [conference_to_domain(r) for r in ConferenceRepository(uow.session).upcoming()]
