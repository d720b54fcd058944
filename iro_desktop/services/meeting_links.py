"""What the parts of the meeting pass to each other: the map's next steps and safety goals to the plan,
and quoracy and the map's unpaired or unscaled danger statements to the checks before the decision."""

from __future__ import annotations

from iro_desktop.domain.mapping import Section
from iro_desktop.domain.meeting_checks import meeting_checks
from iro_desktop.domain.pre_decision import Check
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.mapping import MappingService
from iro_desktop.services.permissions import requires
from iro_desktop.services.quoracy import QuoracyService


class MeetingLinksService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.quoracy = QuoracyService(ctx)
        self.mapping = MappingService(ctx)

    @requires(Action.VIEW)
    def checks(self, conference_id: str) -> list[Check]:
        return meeting_checks(self.quoracy.assess(conference_id), self.mapping.board(conference_id))

    @requires(Action.VIEW)
    def next_steps(self, conference_id: str) -> list[str]:
        return [
            item.text for item in self.mapping.board(conference_id).section(Section.NEXT_STEPS) if item.text
        ]

    @requires(Action.VIEW)
    def safety_goals(self, conference_id: str) -> list[tuple[str, str]]:
        board = self.mapping.board(conference_id)
        return [(item.id, item.text) for item in board.section(Section.SAFETY_GOALS) if item.text]
