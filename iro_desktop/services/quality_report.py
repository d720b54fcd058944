"""The issue 19 figures of the annual report from the store: FGDM, alerts, RAG ratings, feedback."""

from __future__ import annotations

from iro_desktop.domain.roles import Action
from iro_desktop.reports.figure import Figure
from iro_desktop.reports.periods import Period
from iro_desktop.reports.quality import QualityFacts, quality_figures
from iro_desktop.services.alerts import CALENDAR
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.store.quality_repository import (
    QualityRepository,
    alert_to_domain,
    feedback_to_domain,
    fgdm_to_domain,
    rag_to_domain,
)
from iro_desktop.store.uow import UnitOfWork


def load_quality_facts(uow: UnitOfWork) -> QualityFacts:
    repo = QualityRepository(uow.session)
    return QualityFacts(
        fgdm=tuple(fgdm_to_domain(r) for r in repo.all_fgdm()),
        alerts=tuple(alert_to_domain(r, name) for r, name in repo.alerts()),
        ratings=tuple(rag_to_domain(r) for r in repo.rag_ratings()),
        feedback=tuple(feedback_to_domain(r) for r in repo.feedback()),
    )


class QualityReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.RUN_REPORTS)
    def facts(self) -> QualityFacts:
        with self.ctx.uow() as uow:
            return load_quality_facts(uow)

    @requires(Action.RUN_REPORTS)
    def figures(self, period: Period) -> tuple[Figure, ...]:
        return quality_figures(self.facts(), period, CALENDAR)
