"""What the parts of the meeting pass to each other: the map's next steps and safety goals to the plan,
and quoracy and the map's unpaired or unscaled danger statements to the checks before the decision."""

from __future__ import annotations

from iro_desktop.domain.mapping import Section
from iro_desktop.domain.meeting_checks import meeting_checks, plan_drift_checks
from iro_desktop.domain.pre_decision import Check
from iro_desktop.domain.roles import Action
from iro_desktop.services.alerts import AlertService
from iro_desktop.services.conferences import ConferenceService
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.families import FamilyService
from iro_desktop.services.fgdm import FgdmService
from iro_desktop.services.mapping import MappingService
from iro_desktop.services.permissions import requires
from iro_desktop.services.quoracy import QuoracyService


class MeetingLinksService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.quoracy = QuoracyService(ctx)
        self.mapping = MappingService(ctx)
        self.conferences = ConferenceService(ctx)
        self.families = FamilyService(ctx)
        self.alerts = AlertService(ctx)
        self.fgdm = FgdmService(ctx)

    @requires(Action.VIEW)
    def checks(self, conference_id: str) -> list[Check]:
        return meeting_checks(
            self.quoracy.assess(conference_id), self.mapping.board(conference_id)
        ) + self.plan_drift(conference_id)

    @requires(Action.VIEW)
    def plan_drift(self, conference_id: str) -> list[Check]:
        """Issue 19: the FGDM prompt at a review, and the open alerts about the family's children."""
        conference = self.conferences.get(conference_id)
        family = self.families.get(conference.family_id)
        alerts = self.alerts.open_alerts([c.id for c in family.children])
        prompt = self.fgdm.prompt(family.id)
        return plan_drift_checks(conference.conference_type, prompt, alerts, self.ctx.today())

    @requires(Action.VIEW)
    def next_steps(self, conference_id: str) -> list[str]:
        return [
            item.text for item in self.mapping.board(conference_id).section(Section.NEXT_STEPS) if item.text
        ]

    @requires(Action.VIEW)
    def safety_goals(self, conference_id: str) -> list[tuple[str, str]]:
        board = self.mapping.board(conference_id)
        return [(item.id, item.text) for item in board.section(Section.SAFETY_GOALS) if item.text]
